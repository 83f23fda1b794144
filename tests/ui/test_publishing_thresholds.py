"""The watch folder's graphics call close what the desk's Preferences call close, and
follow a change of them at once (not at the next verification).

Found in the nineteenth session: published graphics used the default recount thresholds
whatever Preferences said, so with a watch of 1% a seat won by 0.74% raised the desk's
alert and never reached the recounts graphic on air."""

from __future__ import annotations

import json

from helpers.agreement import agreement_night
from helpers.party_votes import declare_by_majority
from PySide6.QtCore import Qt

from resultsdesk.desk.publishing import PublishSettings
from resultsdesk.store import Store
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.preferences import PreferencesDialog
from resultsdesk.ui.publisher import load_publish_settings, save_publish_settings

SEAT = "S14000062"  # won by 300 of 40,380 valid votes below: 0.74%
NAME = "Aberdeenshire North and Moray East"


def _close_seat(db) -> None:
    with Store(db) as store:
        declare_by_majority(store, SEAT, 300, 40_380)


def test_a_wider_watch_in_preferences_is_published_at_once(qtbot, qt_settings, tmp_path,
                                                           monkeypatch):
    db = agreement_night(tmp_path)
    _close_seat(db)
    folder = tmp_path / "watch"
    folder.mkdir()
    application()
    save_publish_settings(PublishSettings(folder, kinds=("recounts",), data=True))
    window = MainWindow(db, user="editor")
    qtbot.addWidget(window)

    def watched() -> list[str]:
        data = json.loads((folder / "recounts.json").read_text(encoding="utf-8"))
        return [s["constituency"] for s in data["seats"]]

    with qtbot.waitSignal(window.publisher.published, timeout=60_000):
        window.publisher.enqueue(None)
    assert watched() == []  # 0.74%: not close at the default 0.5%

    def widen(dialog: PreferencesDialog) -> bool:  # types 1 into "...or under", then OK
        dialog.pct.setFocus()
        dialog.pct.selectAll()
        qtbot.keyClicks(dialog.pct, "1")
        qtbot.keyClick(dialog.pct, Qt.Key.Key_Tab)
        return True

    monkeypatch.setattr(PreferencesDialog, "exec", widen)
    with qtbot.waitSignal(window.publisher.published, timeout=60_000):
        window.edit_preferences()
    assert window.prefs.recount_pct == 1.0
    assert load_publish_settings().recount == window.prefs.thresholds
    assert watched() == [NAME]
    feed = json.loads((folder / "feed.json").read_text(encoding="utf-8"))
    assert [e["code"] for e in feed["summary"]["recount_watch"]] == [SEAT]
    # File > Export graphic… draws at the same thresholds
    dialog = window.export_graphic("recounts")
    qtbot.waitUntil(lambda: dialog.preview.pixmap() is not None
                    and not dialog.preview.pixmap().isNull(), timeout=20_000)
    assert dialog.choices()["thresholds"] == window.prefs.thresholds
