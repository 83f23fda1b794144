"""A watch folder out of reach (gone, full, read-only) is said once, clearly, and so is its
coming back: not the same failure shouted at a screen reader again at every retry.

Found by an attack on the watch folder: every 15 s all night, while the folder stayed
out of reach, the same "PUBLISHING FAILED: … Retrying in 15 s (1 waiting)." interrupted
whatever a screen reader was reading (assertive), and when the folder came back the plain
"Published 3 files to …" was never said at all: someone listening heard the failure forty
times and never that the graphics were going out again."""

from __future__ import annotations

from helpers.seats import HENDON

from resultsdesk.desk.publishing import PublishSettings
from resultsdesk.ui import publisher as module
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.publisher import save_publish_settings


def _failures(said) -> list[str]:
    return [text for text, _assertive in said if text.startswith("PUBLISHING FAILED")]


def test_a_failure_is_said_once_and_its_end_is_said(qtbot, night_db, tmp_path, said,
                                                   monkeypatch):
    folder = tmp_path / "watch"  # not there yet
    application()  # first: QSettings are the application's
    save_publish_settings(PublishSettings(folder, kinds=("seats",)))
    monkeypatch.setattr(module, "RETRY_MS", 20)
    window = MainWindow(night_db, user="editor")
    qtbot.addWidget(window)
    failed: list[str] = []
    window.publisher.failed.connect(failed.append)
    window.publisher.enqueue(HENDON)
    qtbot.waitUntil(lambda: len(failed) >= 3, timeout=20_000)  # retried, failing again
    assert "PUBLISHING FAILED" in window.statusBar().currentMessage()  # still in red
    assert len(_failures(said)) == 1, _failures(said)

    folder.mkdir()  # the folder is back
    with qtbot.waitSignal(window.publisher.published, timeout=60_000):
        pass
    back = [text for text, _ in said if "Published" in text]
    assert len(back) == 1 and str(folder) in back[0], said

    folder.rename(tmp_path / "moved")  # out of reach again: news again
    with qtbot.waitSignal(window.publisher.failed, timeout=60_000):
        window.publisher.enqueue(None)
    assert len(_failures(said)) == 2, _failures(said)
