"""File > Publishing saved after a publish failed (the share gone: "does not exist"),
or while one into the old folder runs and then fails: the night goes to the folder just
chosen at once, as saving the dialog always does, not after the 15 s retry of the old
settings' failure, with the red line still naming a folder no longer published to."""

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


def _window(qtbot, db, gone):
    application()
    with Store(db) as store:
        dk.declare(store, HENDON, user="alice", figures=Figures(HENDON_2024, 187),
                   overrides=["recount_range"])
        dk.verify(store, HENDON, user="bob", votes=HENDON_2024, invalid=187)
    save_publish_settings(PublishSettings(gone, kinds=("seats",)))
    window = MainWindow(db, user="editor")
    qtbot.addWidget(window)
    return window


def _typing(qtbot, folder: str):
    """The dialog's exec: the desk types `folder` over the one shown and presses OK."""

    def typed(dialog: PublishDialog) -> bool:
        qtbot.keyClick(dialog.folder, Qt.Key.Key_A, CTRL)
        qtbot.keyClicks(dialog.folder, folder)
        return True

    return typed


def test_a_folder_chosen_after_a_failure_is_published_to_at_once(
        qtbot, nominations_db, tmp_path, monkeypatch):
    gone, new = tmp_path / "gone", tmp_path / "new"
    new.mkdir()
    monkeypatch.setattr(module, "RETRY_MS", 3_600_000)  # the retry: long after any wait
    window = _window(qtbot, nominations_db, gone)
    with qtbot.waitSignal(window.publisher.failed, timeout=30_000):
        window.publisher.enqueue(HENDON)
    assert window.publisher._retry.isActive()
    monkeypatch.setattr(PublishDialog, "exec", _typing(qtbot, str(new)))
    with qtbot.waitSignal(window.publisher.published):
        window.edit_publishing()
    assert (new / FEED_NAME).exists() and window.publisher.queue == []
    assert "Published" in window.statusBar().currentMessage()


def test_a_publish_into_the_old_folder_failing_after_the_move_is_not_retried_first(
        qtbot, nominations_db, tmp_path, monkeypatch):
    started: list = []
    monkeypatch.setattr(module, "start", started.append)  # held: run below, in turn
    gone, new = tmp_path / "gone", tmp_path / "new"
    new.mkdir()
    window = _window(qtbot, nominations_db, gone)
    failed: list[str] = []
    window.publisher.failed.connect(failed.append)
    window.publisher.enqueue(HENDON)  # under way, into the folder about to go
    publish_started(qtbot, window.publisher)
    monkeypatch.setattr(PublishDialog, "exec", _typing(qtbot, str(new)))
    window.edit_publishing()
    started.pop().run()  # the old folder's publish fails
    assert not window.publisher._retry.isActive()
    publish_started(qtbot, window.publisher)
    started.pop().run()
    assert (new / FEED_NAME).exists() and window.publisher.queue == []
    assert failed == []  # no red line for a folder no longer published to
