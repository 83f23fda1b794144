"""The watch folder follows what every graphic draws beside the seats' figures, at once:
the baseline they are compared with and the parties (the chamber's order, their names and
colours), changed by this desk or another, not only at the next verification.

Found in the forty-ninth session: the notional baseline imported mid-night (File > Import,
or `import baseline` on another desk) put Hendon's gain and every party's change on the
desk's screen, while the watch folder's `gains.json` still said "No baseline to compare
with" (`changed` null) until some seat was verified, late in the night a long while on
air; the chamber order saved by an admin likewise stayed off air."""

from __future__ import annotations

import json

from helpers.no_baseline import add_baseline, five_seats_no_baseline
from helpers.seats import HENDON, HENDON_2024

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.parties import set_political_order
from resultsdesk.desk.publishing import PublishSettings
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.publisher import save_publish_settings


def _window(qtbot, tmp_path):
    db = five_seats_no_baseline(tmp_path)
    folder = tmp_path / "watch"
    folder.mkdir()
    application()
    save_publish_settings(PublishSettings(folder, kinds=("gains", "hemicycle"), data=True,
                                          size="640x360"))
    window = MainWindow(db, user="editor")
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.publisher.published, timeout=60_000):
        window.publisher.enqueue(None)
    return window, db, folder


def _data(folder, kind: str) -> dict:
    return json.loads((folder / f"{kind}.json").read_text(encoding="utf-8"))


def _left_to_right(folder) -> list[str]:
    """The parties of the published chamber's seats, in its order left to right."""
    seats = sorted(_data(folder, "hemicycle")["seats"], key=lambda s: s["position"])
    return list(dict.fromkeys(s["party"] for s in seats))


def test_a_baseline_imported_mid_night_is_published_at_once(qtbot, qt_settings, tmp_path):
    window, db, folder = _window(qtbot, tmp_path)
    assert _data(folder, "gains")["changed"] is None  # no baseline to compare with
    add_baseline(db, tmp_path)  # another desk's import: no seat is verified by it
    with qtbot.waitSignal(window.publisher.published, timeout=60_000):
        window.refresh()
    assert window.night.summary().gains  # the screen has the gains...
    assert _data(folder, "gains")["changed"] >= 1  # ...and so has the air (Hendon)


def test_a_chamber_order_saved_is_published_at_once(qtbot, qt_settings, tmp_path):
    window, db, folder = _window(qtbot, tmp_path)
    order = list(reversed(_left_to_right(folder)))
    with Store(db) as other:  # an admin's, on this desk or another
        set_political_order(other, order, user="editor")
    with qtbot.waitSignal(window.publisher.published, timeout=60_000):
        window.refresh()
    assert _left_to_right(folder) == order


def test_an_entry_keyed_is_no_news_for_the_folder(qtbot, qt_settings, tmp_path):
    """A refresh that finds the same baseline and parties (a correction keyed, awaiting
    verification, over a verified seat: no "+ 1 provisional" more) publishes nothing. (A
    first entry keyed is news: test_publishing_provisional_count.py.)"""
    window, db, _folder = _window(qtbot, tmp_path)
    with Store(db) as other:
        dk.correct(other, HENDON, Figures(HENDON_2024, 188), user="alice",
                   reason="RO restated the rejected ballots", overrides=["recount_range"])
    window.refresh()
    assert HENDON in window.night.seats and window.night.seats[HENDON].correction_pending
    assert window.publisher.queue == [] and not window.publisher._soon.isActive()
