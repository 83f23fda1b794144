"""A catch-up that failed (the window opening a night whose watch folder was behind) and,
at its retry, found the folder up to date after all (another desk on the same night had
published meanwhile) left the red "PUBLISHING FAILED … Retrying in 15 s" in the status bar,
though nothing failed or retried any more: only a publish that wrote files cleared it, and
after the night's last verification none came."""

from __future__ import annotations

from helpers.seats import HENDON, HENDON_2024

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.publishing import PublishSettings, publish_news
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.publisher import save_publish_settings


def test_a_catch_up_finding_the_folder_up_to_date_ends_the_failure_said(
        qtbot, tmp_path, nominations_db):
    application()
    folder = tmp_path / "watch"
    folder.mkdir()
    with Store(nominations_db) as store:
        dk.declare(store, HENDON, user="alice", figures=Figures(HENDON_2024, 187),
                   overrides=["recount_range"])
        dk.verify(store, HENDON, user="bob", votes=HENDON_2024, invalid=187)
        settings = PublishSettings(folder, kinds=("seats",))
        publish_news(store, settings, [HENDON])  # another desk's publish: up to date
    save_publish_settings(settings)
    window = MainWindow(nominations_db, user="editor")
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.publisher.checked, timeout=60_000):
        window.show()
    # the catch-up's first try failed (the share away a moment), said in red
    window.publisher.failed.emit("Could not write to the folder. Retrying in 15 s.")
    assert window.publishing_trouble()
    window.publisher._catch_up = True  # as `_failed` leaves it for the retry
    with qtbot.waitSignal(window.publisher.checked, timeout=60_000) as seen:
        window.publisher._next()  # the retry: the folder is up to date by now
    assert seen.args == [False]
    assert window.publishing_trouble() == ""
