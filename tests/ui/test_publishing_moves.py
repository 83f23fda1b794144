"""File > Publishing, the watch folder changed to another: the desk's files in the old one
are taken out once the new one has its own (a graphics system still reading the old folder
showed the night as it was when the folder moved, all night); the operator's files there
stay. Publishing turned off (no folder) leaves the folder as it is."""

from __future__ import annotations

from helpers.publishing import publish_started
from helpers.seats import HENDON, HENDON_2024
from PySide6.QtCore import Qt

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.publishing import FEED_NAME, PublishSettings
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui import publisher as module
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.publish_dialog import PublishDialog
from resultsdesk.ui.publisher import save_publish_settings

CTRL = Qt.KeyboardModifier.ControlModifier
DESKS = {"seats.png", "card.png", FEED_NAME}


def _names(folder) -> set[str]:
    return {p.name for p in folder.iterdir() if not p.name.startswith(".")}


def _window(qtbot, db, tmp_path):
    application()
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    (old / "holding.png").write_bytes(b"the operator's own")
    with Store(db) as store:
        dk.declare(store, HENDON, user="alice", figures=Figures(HENDON_2024, 187),
                   overrides=["recount_range"])
        dk.verify(store, HENDON, user="bob", votes=HENDON_2024, invalid=187)
    save_publish_settings(PublishSettings(old, kinds=("seats", "card")))
    window = MainWindow(db, user="editor")
    qtbot.addWidget(window)
    return window, old, new


def _typing(qtbot, folder: str):
    """The dialog's exec: the desk types `folder` over the one shown and presses OK."""

    def typed(dialog: PublishDialog) -> bool:
        qtbot.keyClick(dialog.folder, Qt.Key.Key_A, CTRL)
        if folder:
            qtbot.keyClicks(dialog.folder, folder)
        else:
            qtbot.keyClick(dialog.folder, Qt.Key.Key_Delete)
        return True

    return typed


def test_moving_the_watch_folder_takes_the_desks_files_out_of_the_old_one(
        qtbot, nominations_db, tmp_path, monkeypatch):
    window, old, new = _window(qtbot, nominations_db, tmp_path)
    with qtbot.waitSignal(window.publisher.published, timeout=30_000):
        window.publisher.enqueue(HENDON)
    assert _names(old) == {*DESKS, "holding.png"}
    monkeypatch.setattr(PublishDialog, "exec", _typing(qtbot, str(new)))
    with qtbot.waitSignal(window.publisher.published, timeout=30_000):
        window.edit_publishing()
    assert _names(old) == {"holding.png"}
    assert _names(new) == DESKS  # the night, and the last seat's card
    monkeypatch.setattr(PublishDialog, "exec", _typing(qtbot, ""))  # publishing off
    window.edit_publishing()
    assert window.publisher.queue == [] and _names(new) == DESKS


def test_a_publish_to_the_old_folder_under_way_when_it_moves_is_taken_out_after_it(
        qtbot, nominations_db, tmp_path, monkeypatch):
    started: list = []
    monkeypatch.setattr(module, "start", started.append)  # held: run below, in turn
    window, old, new = _window(qtbot, nominations_db, tmp_path)
    window.publisher.enqueue(HENDON)  # under way, into the old folder
    publish_started(qtbot, window.publisher)
    monkeypatch.setattr(PublishDialog, "exec", _typing(qtbot, str(new)))
    window.edit_publishing()
    assert len(started) == 1
    started.pop().run()  # the old folder's publish ends; the new one's starts
    assert _names(old) == {*DESKS, "holding.png"}
    publish_started(qtbot, window.publisher)
    started.pop().run()
    assert _names(old) == {"holding.png"} and _names(new) == DESKS
    assert started == [] and window.publisher.queue == []
