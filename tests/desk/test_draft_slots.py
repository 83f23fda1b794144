"""Each window's draft file is its own, held while the window's process lives: a draft is
offered back only once that process has gone, however it went (here SIGKILL)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.locations import ROOT

from resultsdesk.desk.drafts import (
    Draft,
    abandoned_slot,
    claim_slot,
    clear_draft,
    load_draft,
    save_draft,
)

_TYPIST = """
import sys
from pathlib import Path
from resultsdesk.desk.drafts import Draft, claim_slot, save_draft
slot = claim_slot(Path(sys.argv[1]), sys.argv[2], "alice")  # kept: held while this runs
save_draft(slot.path, Draft("E14001279", "enter", 0, {"vote0": "1234"}))
print(slot.path, flush=True)
sys.stdin.read()  # until killed
"""


def test_a_draft_is_offered_back_only_once_its_process_has_gone(tmp_path):
    folder, db = tmp_path / "drafts", tmp_path / "election.db"
    typist = subprocess.Popen([sys.executable, "-c", _TYPIST, str(folder), str(db)],
                              env={**os.environ, "PYTHONPATH": str(ROOT)},
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        theirs = Path(typist.stdout.readline().strip())
        assert abandoned_slot(folder, db, "alice") is None  # still typing it
        mine = claim_slot(folder, db, "alice")  # a second window: a file of its own
        assert mine.path != theirs
        save_draft(mine.path, Draft("E14001077", "enter", 0, {"vote0": "11"}))
        assert abandoned_slot(folder, db, "alice") is None  # mine is held too
    finally:
        typist.send_signal(signal.SIGKILL)
        typist.wait(timeout=60)
    gone = abandoned_slot(folder, db, "alice")
    assert gone is not None and gone.path == theirs
    assert load_draft(gone.path).fields == {"vote0": "1234"}
    # held by whoever offers it: never offered twice at once, nor claimed as a new file
    assert abandoned_slot(folder, db, "alice") is None
    other = claim_slot(folder, db, "alice")
    assert other.path not in (theirs, mine.path)
    other.release()
    clear_draft(gone.path)
    gone.release()
    mine.release()
    assert abandoned_slot(folder, db, "alice").path == mine.path  # its window closed


@pytest.mark.parametrize("text", [
    '{"code": "E1", "mode": "enter", "expected_version": 1e400}',  # inf: int() overflows
    '{"code": "E1", "mode": "enter", "expected_version": NaN}',
    '[1, 2]', '"a string"', '{"code": "E1"', "\udcff",
])
def test_a_broken_draft_is_no_draft_not_a_crash(tmp_path, text):
    """A draft is the app's own file, but a crash can leave anything in it; the window
    reads it as it starts, where an exception would keep the desk from opening."""
    path = tmp_path / "draft.json"
    path.write_text(text, encoding="utf-8", errors="surrogateescape")
    assert load_draft(path) is None
