"""File > Export graphic…'s previews render off the GUI thread: a dialog closed while one
renders hears nothing of it afterwards (no error, no late slot), and the render's picture is
cleared away when it ends rather than taken from under it; and a preview asked for while
one renders shows the latest choice, never an earlier render finishing later."""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import Qt

from resultsdesk.ui import export_dialog

REAL = export_dialog.export_pages


def _held(monkeypatch, release: threading.Event, *, only: str | None = None):
    """export_pages, held until `release` for the graphic `only` (every graphic if None);
    returns (started, ended) events of the held renders."""
    started, ended = threading.Event(), threading.Event()

    def held(store, kind, out, **options):
        if only is not None and kind != only:
            return REAL(store, kind, out, **options)
        started.set()
        try:
            assert release.wait(30)
            return REAL(store, kind, out, **options)
        finally:
            ended.set()

    monkeypatch.setattr(export_dialog, "export_pages", held)
    return started, ended


def test_a_dialog_closed_while_its_preview_renders_hears_nothing_of_it(
        main_window, qtbot, night_db, monkeypatch, caplog):
    """The preview folder was removed at once on closing, under the render still writing
    into it: the render failed (a FileProblem, logged with its traceback) and its report
    reached the closed dialog."""
    caplog.set_level(logging.INFO)
    release = threading.Event()
    started, ended = _held(monkeypatch, release)
    win = main_window(night_db, user="presenter")
    dialog = win.export_graphic("seats")
    qtbot.waitUntil(started.is_set, timeout=10_000)  # the first preview renders
    previews = dialog._preview_file.parent
    worker = dialog._worker
    reports: list[object] = []
    worker.signals.finished.connect(reports.append, Qt.ConnectionType.QueuedConnection)
    worker.signals.failed.connect(reports.append, Qt.ConnectionType.QueuedConnection)
    said = dialog.message.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Close, while it renders
    qtbot.waitUntil(lambda: not dialog.isVisible())
    release.set()
    qtbot.waitUntil(lambda: ended.is_set() and bool(reports), timeout=30_000)
    assert dialog.message.text() == said  # nothing reached the closed dialog
    assert dialog.preview.pixmap() is None or dialog.preview.pixmap().isNull()
    assert not any(r.levelno >= logging.WARNING for r in caplog.records), caplog.text
    qtbot.waitUntil(lambda: not previews.exists(), timeout=10_000)  # cleared, when done


def test_a_preview_asked_for_while_one_renders_shows_the_latest_choice(
        main_window, qtbot, night_db, monkeypatch):
    """Two renders at once wrote the same preview file, and whichever ended last was
    shown: an HD render still running when the presenter chose Square ended after the
    square one, and the dialog showed HD while Save wrote the square picture."""
    release = threading.Event()
    win = main_window(night_db, user="presenter")
    dialog = win.export_graphic("seats")
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Preview"), timeout=30_000)
    started, ended = _held(monkeypatch, release)
    dialog.theme.setFocus()
    qtbot.keyClick(dialog.theme, Qt.Key.Key_Home)  # another theme: an HD preview renders
    qtbot.waitUntil(started.is_set, timeout=10_000)
    monkeypatch.setattr(export_dialog, "export_pages", REAL)  # no longer held
    dialog.size_box.setFocus()
    square = dialog.size_box.findData("square")
    while dialog.size_box.currentIndex() != square:  # HD, UHD, Square: down to it
        qtbot.keyClick(dialog.size_box, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: not dialog._debounce.isActive(), timeout=10_000)
    release.set()  # the HD render ends after the square one was asked for
    qtbot.waitUntil(lambda: ended.is_set() and dialog._worker is None, timeout=60_000)
    assert dialog.message.text() == "Preview: 1080×1080 pixels"
    assert dialog.preview.pixmap().width() == dialog.preview.pixmap().height()


def test_a_dialog_deleted_unfinished_takes_its_previews_with_it(main_window, qtbot, night_db):
    """A dialog deleted without being closed first (its window deleted with it open, as at
    the end of a test or a session) emits no `finished`: its folder of previews was left in
    the temporary folder for good."""
    import shiboken6

    win = main_window(night_db, user="presenter")
    dialog = win.export_graphic("seats")
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Preview"), timeout=30_000)
    previews = dialog._preview_file.parent
    assert previews.exists()
    shiboken6.delete(dialog)
    qtbot.waitUntil(lambda: not previews.exists(), timeout=10_000)


def test_a_save_refused_while_the_preview_renders_stays_said(main_window, qtbot, night_db,
                                                             tmp_path, monkeypatch):
    """Ctrl+Shift+E, then Enter at once, the folder remembered gone (a USB stick taken
    out): the save was refused in red before the first preview was drawn, and the preview
    ending after it put "Preview: 1920×1080 pixels" over the refusal, in black. The
    preview is still shown; its line waits until a choice changes."""
    release, started = threading.Event(), threading.Event()

    def held(store, kind, out, **options):  # the previews only; saves run as they do
        if out.parent.name.startswith("resultsdesk-preview-"):
            started.set()
            assert release.wait(30)
        return REAL(store, kind, out, **options)

    monkeypatch.setattr(export_dialog, "export_pages", held)
    win = main_window(night_db, user="presenter")
    dialog = win.export_graphic("seats")
    qtbot.waitUntil(started.is_set, timeout=10_000)  # the first preview renders
    dialog.path.setFocus()
    dialog.path.selectAll()
    qtbot.keyClicks(dialog.path, str(tmp_path / "stick" / "seats.png"))
    qtbot.keyClick(dialog.path, Qt.Key.Key_Return)  # Save
    qtbot.waitUntil(lambda: "does not exist" in dialog.message.text(), timeout=10_000)
    refused = dialog.message.text()
    release.set()
    qtbot.waitUntil(lambda: dialog._worker is None and dialog.preview.pixmap() is not None
                    and not dialog.preview.pixmap().isNull(), timeout=30_000)
    assert dialog.message.text() == refused
    dialog.theme.setFocus()  # a choice changed: its preview's line is the news now
    before = dialog.theme.currentData()
    qtbot.keyClick(dialog.theme, Qt.Key.Key_Up)
    assert dialog.theme.currentData() != before
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Preview:"), timeout=30_000)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
