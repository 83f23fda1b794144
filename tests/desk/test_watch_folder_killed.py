"""A publish killed (SIGKILL, a power cut) once its files are renamed into the watch folder,
before the desk's list of what it wrote there is written again: the files in place are
still the desk's, so unticking a graphic later takes it off air. Read from the old list,
they looked "changed since the desk wrote them" and stayed in the folder for good."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest
from helpers.locations import ROOT
from helpers.seats import HENDON, HENDON_2024

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.publishing import FEED_NAME, PublishSettings, publish
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

# Publishes the seats graphic and the card, and kills itself the moment feed.json (the last
# of the set) has been renamed into place: deterministic, whatever the machine's speed.
_KILLED_PUBLISH = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    real = os.replace
    def replace(src, dst, *a, **k):
        real(src, dst, *a, **k)
        if Path(dst).name == "feed.json":
            os.kill(os.getpid(), 9)
    os.replace = replace
    from resultsdesk.desk.publishing import PublishSettings, publish
    from resultsdesk.store import Store
    with Store(sys.argv[1]) as store:
        publish(store, PublishSettings(Path(sys.argv[2]), kinds=("seats", "card"),
                                       computer="pc1"), sys.argv[3])
""")


def _names(folder) -> set[str]:
    return {p.name for p in folder.iterdir() if not p.name.startswith(".")}


@pytest.mark.parametrize("published_before", [True, False])
def test_a_graphic_from_a_killed_publish_goes_when_unticked(nominations_db, tmp_path,
                                                            published_before):
    folder = tmp_path / "watch"
    folder.mkdir()
    with Store(nominations_db) as store:
        dk.declare(store, HENDON, user="alice", figures=Figures(HENDON_2024, 187),
                   overrides=["recount_range"])
        dk.verify(store, HENDON, user="bob", votes=HENDON_2024, invalid=187)
        if published_before:
            publish(store, PublishSettings(folder, kinds=("seats", "card"),
                                           computer="pc1"), HENDON)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), os.environ.get("PYTHONPATH", "")])}
    killed = subprocess.run([sys.executable, "-c", _KILLED_PUBLISH, str(nominations_db),
                             str(folder), HENDON], env=env, capture_output=True, text=True,
                            timeout=300)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert _names(folder) == {"seats.png", "card.png", FEED_NAME}
    # The card unticked: the card the killed publish put in place goes.
    with Store(nominations_db) as store:
        publish(store, PublishSettings(folder, kinds=("seats",), computer="pc1"), HENDON)
    assert _names(folder) == {"seats.png", FEED_NAME}
