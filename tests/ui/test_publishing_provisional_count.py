"""The watch folder's "+ 1 provisional" follows the entries awaiting verification.

The summary graphic's Declared line adds how many seats with no verified result have an
entry awaiting verification ("6 of 650 + 1 provisional", `provisional` in its data). The
folder was published only on a verification (or a recount called, a night redrawn), so an
entry rejected or withdrawn left "+ 1 provisional" on air, for a seat the desk's own screen
no longer showed keyed, until some other seat was verified; an entry keyed likewise came on
air only then. A change in that count is news for the folder now; a correction keyed over a
verified seat changes no count and still publishes nothing
(test_publishing_night_news.py)."""

from __future__ import annotations

import json

import pytest
from helpers.seats import CLEAN, HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.publishing import PublishSettings
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.publisher import save_publish_settings


def _provisional(folder) -> int:
    return json.loads((folder / "summary.json").read_text(encoding="utf-8"))["provisional"]


@pytest.mark.parametrize("gone", ["rejected", "withdrawn"])
def test_an_entry_keyed_then_gone_is_published_each_time(qtbot, qt_settings, nominations_db,
                                                         tmp_path, gone):
    folder = tmp_path / "watch"
    folder.mkdir()
    application()
    save_publish_settings(PublishSettings(folder, kinds=("summary",), data=True,
                                          size="640x360"))
    window = MainWindow(nominations_db, user="editor")
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.publisher.published, timeout=60_000):
        window.publisher.enqueue(None)
    assert _provisional(folder) == 0

    with Store(nominations_db) as other:  # alice keys Hendon at another desk
        dk.declare(other, HENDON, Figures(CLEAN, 120), user="alice")
    with qtbot.waitSignal(window.publisher.published, timeout=60_000):
        window.refresh()
    assert _provisional(folder) == 1

    with Store(nominations_db) as other:  # sent back by bob, or taken back by alice
        if gone == "rejected":
            dk.reject(other, HENDON, user="bob", comment="Not the RO's sheet")
        else:
            dk.withdraw(other, HENDON, user="alice")
    with qtbot.waitSignal(window.publisher.published, timeout=60_000):
        window.refresh()
    assert _provisional(folder) == 0
