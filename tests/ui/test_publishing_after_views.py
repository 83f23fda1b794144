"""A verification's graphics go to the watch folder after the window has drawn it: the
publish (every graphic drawn again, ~3 s of work on a desk PC, on a worker thread that
shares Python with the window) started at once and halved the speed of the window's own
redraw of that very verification."""

from __future__ import annotations

from helpers.publishing import publish_started
from helpers.seats import HENDON, HENDON_2024

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.publishing import PublishSettings
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui import publisher as module
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.publisher import save_publish_settings


def test_the_publish_starts_after_the_window_has_drawn_the_verification(
        qtbot, nominations_db, tmp_path, monkeypatch):
    application()
    folder = tmp_path / "watch"
    folder.mkdir()
    save_publish_settings(PublishSettings(folder, kinds=("seats",)))
    events: list[str] = []
    monkeypatch.setattr(module, "start", lambda worker: events.append("publish"))
    window = MainWindow(nominations_db, user="editor")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    canvas = window.seat_view.canvas
    qtbot.waitUntil(lambda: window.seat_view.on_screen() and not canvas._draw_pending)
    canvas.mpl_connect("draw_event", lambda _event: events.append("draw"))
    with Store(nominations_db) as desk:  # another desk keys and verifies Hendon
        dk.declare(desk, HENDON, user="alice", figures=Figures(HENDON_2024, 187),
                   overrides=["recount_range"])
        dk.verify(desk, HENDON, user="bob", votes=HENDON_2024, invalid=187)
    window.refresh_if_changed()
    assert events == []  # nothing started inside the refresh itself
    publish_started(qtbot, window.publisher)
    assert events[-1] == "publish" and "draw" in events  # the chart drew Hendon first
    assert events.index("draw") < events.index("publish")
    assert window.publisher.queue == [HENDON]
