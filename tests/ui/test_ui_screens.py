"""What the desk sees on the screen it has, driven by keys: a form that fits a laptop's
screen, readable in the dark theme, with every figure in sight as the focus reaches it."""

from __future__ import annotations

import re

import pytest
from helpers.seats import HENDON, HENDON_2024
from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QColor, QFontInfo, QPalette, QScreen
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QStyle,
    QTableWidget,
    QWidget,
)

from resultsdesk.charts.theme import contrast_ratio
from resultsdesk.store import Store
from resultsdesk.ui.app import application
from resultsdesk.ui.declaration_form import DeclarationDialog
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.sign_in import SignInDialog
from resultsdesk.ui.sizing import SLACK
from resultsdesk.ui.themes import app_theme

# 13 candidates, the most of any 2024 seat: its form is taller than a small screen.
RICHMOND = "Richmond and Northallerton"


def _window(qtbot, db) -> MainWindow:
    application()
    win = MainWindow(db, user="carol")
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


def _open_correction(qtbot, win: MainWindow, seat: str):
    """Ctrl+F, the seat's name, Ctrl+Shift+C: the correction form, as a desk opens it."""
    qtbot.keyClick(win, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(win.search, seat)
    qtbot.keyClick(win.search, Qt.Key.Key_C,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: win.active_dialog is not None and win.active_dialog.isVisible())
    return win.active_dialog


def _on_screen(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())


def _fully_shown(widget: QWidget) -> bool:
    """Not cut by anything it sits in (a scroll area's edge, the dialog's)."""
    return widget.visibleRegion().boundingRect() == widget.rect()


def test_a_long_ballot_fits_the_screen_and_scrolls_to_the_focus(qtbot, night_db):
    win = _window(qtbot, night_db)
    dialog = _open_correction(qtbot, win, RICHMOND)
    form = dialog.form
    assert len(form.vote_edits) == 13
    screen = dialog.screen().availableGeometry()
    assert dialog.height() < screen.height()  # was taller than the 800-pixel screen
    save = form.save_button
    assert screen.contains(_on_screen(save)) and _fully_shown(save)
    assert _fully_shown(form.live_label)
    # Enter walks the ballot: each figure is in sight as the focus reaches it.
    qtbot.keyClicks(form.reason_edit, "RO restated")
    qtbot.keyClick(form.reason_edit, Qt.Key.Key_Return)
    for edit in [*form.vote_edits, form.invalid_edit, form.total_edit]:
        qtbot.waitUntil(lambda e=edit: QApplication.focusWidget() is e)
        qtbot.waitUntil(lambda e=edit: _fully_shown(e) and screen.contains(_on_screen(e)))
        if edit is not form.total_edit:
            qtbot.keyClick(edit, Qt.Key.Key_Return)
    # A save attempt's message appears, with the Save button still on the screen.
    qtbot.keyClick(form.total_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: form.message_label.text() != "")
    qtbot.waitUntil(lambda: _fully_shown(form.message_label) and _fully_shown(save))
    assert screen.contains(_on_screen(save))


def test_a_short_ballot_is_shown_whole(qtbot, night_db):
    """Where the form fits, nothing scrolls: every row of Hendon's ballot is in sight."""
    win = _window(qtbot, night_db)
    dialog = _open_correction(qtbot, win, "Hendon")
    edits: list[QLineEdit] = dialog.form.vote_edits
    qtbot.waitUntil(lambda: all(_fully_shown(e) for e in edits))
    assert dialog.screen().availableGeometry().contains(_on_screen(dialog.form.save_button))


@pytest.fixture
def _light_again(qapp):
    """The theme is the application's: back to the default after a dark test."""
    yield
    app_theme(qapp).choose("system", save=False)


def _dark_by_keyboard(qtbot, win: MainWindow) -> None:
    """View > Theme > Dark: Alt+V, T, D."""
    qtbot.keyClick(win, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_T)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget().objectName() == "themeMenu")
    qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_D)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)


@pytest.mark.usefixtures("_light_again")
def test_the_forms_seat_code_and_region_read_in_the_dark_theme(qtbot, nominations_db):
    """The grey of "E14001279 · London" beside the seat's name was fixed (#555): on the
    dark theme's charcoal it all but vanished (1.9:1)."""
    win = _window(qtbot, nominations_db)
    _dark_by_keyboard(qtbot, win)
    qtbot.keyClick(win, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(win.search, "Hendon")
    qtbot.keyClick(win.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.active_dialog is not None and win.active_dialog.isVisible())
    title = win.active_dialog.findChild(QLabel, "seatTitle")
    assert "E14001279" in title.text()
    background = title.palette().color(QPalette.ColorRole.Window).name()
    colours = {QColor(c).name() for c in re.findall(r"color:\s*(#[0-9a-fA-F]+)", title.text())}
    assert colours, title.text()
    for colour in colours:
        assert contrast_ratio(colour, background) >= 4.5, (colour, background)


def test_f1_shows_every_description_whole(qtbot, night_db):
    """Help > Keyboard shortcuts wraps a long description onto more lines; it was measured
    as one line and cut short ("… the docks' tab bars (a dock behind …")."""
    win = _window(qtbot, night_db)
    qtbot.keyClick(win, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: getattr(win, "shortcuts_dialog", None) is not None
                    and win.shortcuts_dialog.isVisible())
    tree = win.shortcuts_dialog.tree
    model, metrics = tree.model(), tree.fontMetrics()
    margin = tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, tree) + 1
    checked = 0
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        for r in range(model.rowCount(group)):
            index = model.index(r, 1, group)
            rect = tree.visualRect(index)
            text = index.data()
            needed = metrics.boundingRect(QRect(0, 0, rect.width() - 2 * margin, 1 << 16),
                                          Qt.TextFlag.TextWordWrap, text).height()
            assert rect.height() >= needed, text
            checked += 1
    assert checked > 20


def test_history_lines_its_figures_up_on_the_right(qtbot, night_db):
    """Ctrl+H: each candidate's votes, the rejected ballots and the electorate are
    right-aligned, as in every other table (they were left-aligned: a recount's counts side
    by side did not line up)."""
    win = _window(qtbot, night_db)
    qtbot.keyClick(win, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(win.search, "Hendon")
    read: list[tuple[str, str, bool]] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "historyDialog":
            QTimer.singleShot(10, win, look)
            return
        try:
            table = dialog.findChild(QTableWidget, "versionsTable")
            # Beside their names, not across the dialog (one version's column stretched):
            # as wide as its longest line (with the slack every measured column has)
            read.append(("width", f"{table.columnWidth(1)}",
                         table.columnWidth(1) <= table.sizeHintForColumn(1) + SLACK + 4))
            for r in range(table.rowCount()):
                cell = table.item(r, 1)
                right = bool(cell.textAlignment() & Qt.AlignmentFlag.AlignRight)
                read.append((table.item(r, 0).text(), cell.text(), right))
        finally:
            dialog.reject()

    QTimer.singleShot(0, win, look)
    qtbot.keyClick(win.search, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    figures = [(field, right) for field, text, right in read
               if text.replace(",", "").isdigit() and field != "width"]
    assert len(figures) == 10  # Hendon's 8 candidates, the rejected ballots, the electorate
    assert all(right for _, right in figures), figures
    assert not any(right for field, _, right in read if field in ("Status", "Entered"))
    assert all(fits for field, _, fits in read if field == "width"), read[0]


def test_saving_a_close_result_keeps_its_alert_in_the_status_bar(qtbot, nominations_db):
    """Hendon keyed at a majority of 15: the status bar says it was saved and, still, that it
    is in recount range (the "saved" message replaced the alert, in the alert's red)."""
    win = _window(qtbot, nominations_db)
    qtbot.keyClick(win, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(win.search, "Hendon")
    qtbot.keyClick(win.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.active_dialog is not None and win.active_dialog.isVisible())
    form = win.active_dialog.form
    win.active_dialog.activateWindow()  # as a window manager does (offscreen Qt does not)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.vote_edits[0])
    # Hendon 2024 in ballot order; Lab 15,855 to Con 15,840.
    for figure in ("2667", "1966", "139", "15840", "1518", "3038", "15855", "233", "190"):
        qtbot.keyClicks(QApplication.focusWidget(), figure)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QCheckBox))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: win.active_dialog is None)
    message = win.statusBar().currentMessage()
    assert "Hendon: version 1 is now provisional." in message
    assert "Recount range: Hendon: Lab majority 15" in message, message

    # bob signs in to verify it: blind, he must not read its majority there.
    def answer() -> None:
        dialog, line = QApplication.activeModalWidget(), QApplication.focusWidget()
        if not isinstance(dialog, QInputDialog) or not isinstance(line, QLineEdit) \
                or line.window() is not dialog:
            if isinstance(dialog, QInputDialog):
                dialog.activateWindow()  # as a window manager does (offscreen Qt does not)
            QTimer.singleShot(10, win, answer)
            return
        QTest.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(line, "bob")
        QTest.keyClick(line, Qt.Key.Key_Return)

    QTimer.singleShot(0, win, answer)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_U,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: win.user == "bob")
    assert "majority 15" not in win.statusBar().currentMessage()


def test_a_dock_shown_again_from_the_view_menu_comes_in_front(qtbot, night_db):
    """Alt+V, N hides the National summary; Alt+V, N again shows it, in front: it went back
    behind the recount watch's tab, so the key seemed to do nothing."""
    win = _window(qtbot, night_db)
    dock = win.summary_dock

    def view_menu_key(key: Qt.Key) -> None:
        qtbot.keyClick(win, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
        qtbot.keyClick(QApplication.activePopupWidget(), key)
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)

    assert win.tabifiedDockWidgets(dock)  # tabbed with the lists, as on a first run
    view_menu_key(Qt.Key.Key_N)
    qtbot.waitUntil(dock.isHidden)
    view_menu_key(Qt.Key.Key_N)
    qtbot.waitUntil(lambda: dock.isVisible() and not dock.visibleRegion().isEmpty())


def test_export_graphic_fits_a_1280_by_720_screen(qtbot, night_db, monkeypatch):
    """Ctrl+Shift+E on a 1280 x 720 laptop: the dialog opened 720 px tall, its Save and
    Close buttons under the screen's foot. (The offscreen screen is 800 px tall: the
    screen's size is given as a 720 px one's.)"""
    win = _window(qtbot, night_db)
    small = QRect(0, 0, 1280, 720)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: small)
    qtbot.keyClick(win, Qt.Key.Key_E,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QDialog)
                    and QApplication.activeModalWidget().objectName() == "exportDialog")
    dialog = QApplication.activeModalWidget()
    try:
        # with a title bar's height above it, it still ends on the screen
        title_bar = dialog.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight)
        assert dialog.height() + title_bar <= small.height()
    finally:
        dialog.reject()


def test_running_totals_wrapping_to_two_lines_take_no_ballot_row(qtbot, nominations_db):
    """Hendon's real figures typed: the running totals wrap onto a second line ("RECOUNT
    RANGE · rejected 190") and a warning appears. The dialog grew by the warning only, so
    the eight-candidate ballot, which fits any laptop, scrolled by the line the totals
    took: its column titles went out of sight and, in the re-key, the total field with the
    focus was cut at the scroll area's foot. The dialog grows by the wrapped line too."""
    application()
    with Store(nominations_db) as store:
        dialog = DeclarationDialog(store, HENDON, user="carol")
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        form = dialog.form
        qtbot.waitUntil(lambda: QApplication.focusWidget() is form.vote_edits[0])
        for edit, votes in zip(form.vote_edits, HENDON_2024, strict=True):
            qtbot.keyClicks(edit, str(votes))
            qtbot.keyClick(edit, Qt.Key.Key_Return)
        qtbot.keyClicks(form.invalid_edit, "190")
        qtbot.keyClick(form.invalid_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is form.total_edit)
        live = form.live_label
        assert live.height() > 1.5 * live.fontMetrics().height()  # two lines: it wrapped
        assert dialog.height() < dialog.screen().availableGeometry().height()  # room for all
        area = form.ballot_area
        qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() == 0)
        assert _fully_shown(form.total_edit) and _fully_shown(live)


def test_a_servers_refusal_wraps_inside_the_sign_in_on_a_projector(qtbot, monkeypatch):
    """A team desk's sign-in on a 1280 x 720 projector, the server not answering: its
    reason, one line naming the server's URL, widened the dialog to twice its width from
    where it stood centred, Cancel and the reason's end past the screen's right edge. It
    wraps at the dialog's width, and the dialog grows taller for its lines instead."""
    application()
    small = QRect(0, 0, 1280, 720)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: small)
    # (port 1 of this machine: nothing answers there, at once)
    dialog = SignInDialog(None, target="postgresql://alice@127.0.0.1:1/ge2024_results_night",
                          name="alice")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.password_edit.hasFocus)
    width = dialog.width()
    qtbot.keyClicks(dialog.password_edit, "alice's password")
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    error = dialog.error_label
    qtbot.waitUntil(error.isVisible)
    assert "nothing answers" in error.text() and "\n" not in error.text()
    assert dialog.width() == width  # was 1,176 pixels, from 487
    cancel = dialog.buttons.button(dialog.buttons.StandardButton.Cancel)
    assert small.contains(_on_screen(cancel)) and _fully_shown(cancel)
    assert error.height() >= error.heightForWidth(error.width())  # every line in sight
    assert _fully_shown(error) and _fully_shown(dialog.buttons)


@pytest.fixture
def _large_font(qapp):
    """A desk with large system fonts: a 16-pt application font (21 pixels), put back after."""
    usual = qapp.font()
    large = qapp.font()
    large.setPointSize(16)
    qapp.setFont(large)
    yield
    qapp.setFont(usual)


def _px(widget: QWidget) -> int:
    widget.ensurePolished()  # (a style sheet's font-size is the widget's once polished)
    return QFontInfo(widget.font()).pixelSize()


@pytest.mark.usefixtures("_large_font")
def test_with_large_system_fonts_the_figures_and_totals_read_no_smaller(qtbot, nominations_db):
    """At a 16-pt system font the desk's larger type stayed at its pixel sizes: the figures
    typed (15 px) and the running totals (14 px) read smaller than the 21-pixel candidates'
    names beside them."""
    win = _window(qtbot, nominations_db)
    body = QFontInfo(QApplication.font()).pixelSize()
    assert body > 20
    qtbot.keyClick(win, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(win.search, "Hendon")
    qtbot.keyClick(win.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.active_dialog is not None and win.active_dialog.isVisible())
    form = win.active_dialog.form
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.vote_edits[0])
    qtbot.keyClicks(form.vote_edits[0], "2667")
    assert "2,667" in form.live_label.text()
    assert _px(form.vote_edits[0]) > body  # was 15
    assert _px(form.live_label) >= body  # was 14
