"""A watch folder out of reach, or a publish held up by it, stays in sight in the status
bar for as long as it lasts: the bar falls back to it, in red, whenever the routine line
that covered it ("… is now verified", "Backed up to …") or its own time is up.

Found by a graphics team's poller on a night whose watch folder was gone: each
verification's plain "Calder Valley: version 1 is now verified." and "Backed up to …"
replaced the red "PUBLISHING FAILED …", and once they were gone the bar stood empty until
the next retry failed, up to 15 s later; with seats verified every few seconds the desk
saw no failure at all while nothing reached air. "PUBLISHING SLOW" was in sight for 15 s
of every 30 while a share held a publish up."""

from __future__ import annotations

from helpers.seats import HENDON

from resultsdesk.desk.publishing import PublishSettings
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.publisher import save_publish_settings


def _window(qtbot, night_db, folder) -> MainWindow:
    application()  # first: QSettings are the application's
    save_publish_settings(PublishSettings(folder, kinds=("seats",)))
    window = MainWindow(night_db, user="editor")
    qtbot.addWidget(window)
    return window


def _routine_line_gone_by(qtbot, window) -> None:
    """A plain message over the bar (a verification saved), gone as its time is up."""
    bar = window.statusBar()
    bar.showMessage("Hendon: version 2 is now verified.", 10)
    assert not bar.alert
    qtbot.waitUntil(lambda: bar.currentMessage() != "Hendon: version 2 is now verified.")


def test_a_failing_watch_folder_comes_back_to_the_bar(qtbot, night_db, tmp_path):
    window = _window(qtbot, night_db, tmp_path / "gone")  # no such folder
    with qtbot.waitSignal(window.publisher.failed, timeout=60_000):
        window.publisher.enqueue(HENDON)
    window.publisher._retry.stop()  # (its retry, failing again, would say it anew)
    bar = window.statusBar()
    _routine_line_gone_by(qtbot, window)
    qtbot.waitUntil(lambda: bar.currentMessage().startswith("PUBLISHING FAILED"))
    assert bar.alert  # in red, as it was said

    (tmp_path / "gone").mkdir()  # the folder is back: once published, nothing stands
    with qtbot.waitSignal(window.publisher.published, timeout=60_000):
        window.publisher.enqueue(None)
    _routine_line_gone_by(qtbot, window)
    qtbot.waitUntil(lambda: bar.currentMessage() == "")


def test_a_publish_held_up_stays_in_sight_until_it_ends(qtbot, night_db, tmp_path):
    folder = tmp_path / "watch"
    folder.mkdir()
    window = _window(qtbot, night_db, folder)
    bar = window.statusBar()
    window.publisher.slow.emit("Publishing to … has taken over 30 s and is still going")
    _routine_line_gone_by(qtbot, window)
    qtbot.waitUntil(lambda: bar.currentMessage().startswith("PUBLISHING SLOW"))
    assert bar.alert

    with qtbot.waitSignal(window.publisher.published, timeout=60_000):
        window.publisher.enqueue(None)  # it went out in the end
    _routine_line_gone_by(qtbot, window)
    qtbot.waitUntil(lambda: bar.currentMessage() == "")


def test_another_election_opened_leaves_the_old_failure_behind(qtbot, night_db,
                                                               nominations_db, tmp_path):
    """The failure was the old election's publish: the bar falls back to it no more once
    another is open (one that never publishes, the demo's, had kept it for good)."""
    window = _window(qtbot, night_db, tmp_path / "gone")
    with qtbot.waitSignal(window.publisher.failed, timeout=60_000):
        window.publisher.enqueue(HENDON)
    window.publisher._retry.stop()
    save_publish_settings(None)  # (so the new election's own publish says nothing)
    window.open_database(nominations_db)
    _routine_line_gone_by(qtbot, window)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "")
