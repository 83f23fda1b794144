"""View > Theme: light, dark or the system's colour scheme, chosen by keyboard from the menu,
remembered across a restart, for the palette, the style sheet and every chart (issue 13)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QColor, QPalette
from PySide6.QtWidgets import QApplication

from resultsdesk.charts.theme import DARK, LIGHT, contrast_ratio
from resultsdesk.ui import constituency_model as cm
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.preferences import THEME_KEY
from resultsdesk.ui.style import ALERT_COLOUR, DARK_UI, HIGH_CONTRAST_UI, LIGHT_UI, colours
from resultsdesk.ui.themes import app_theme
from resultsdesk.ui.window_layout import CHART_DOCKS


@pytest.fixture(autouse=True)
def _back_to_the_default_theme(qapp):
    """The theme is the application's: put it back (and the desktop's scheme) afterwards."""
    yield
    theme = app_theme(qapp)
    theme._system_changed(qapp.styleHints().colorScheme())
    theme.choose("system", save=False)


def _open(qtbot, db) -> MainWindow:
    application()
    win = MainWindow(db, user="alice")
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)  # Alt+V is the active window's
    return win


def _choose_by_keyboard(qtbot, win: MainWindow, key: Qt.Key) -> None:
    """Alt+V opens View, T its Theme submenu, then L, D or S."""
    qtbot.keyClick(win, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_T)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget().objectName() == "themeMenu")
    qtbot.keyClick(QApplication.activePopupWidget(), key)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)


def _views(win: MainWindow) -> list:
    return [getattr(win, attribute) for attribute, *_ in CHART_DOCKS]


def _is_dark(palette: QPalette) -> bool:
    return (palette.color(QPalette.ColorRole.Window).lightness() < 80
            and palette.color(QPalette.ColorRole.WindowText).lightness() > 200
            and palette.color(QPalette.ColorRole.Base).lightness() < 80)


def _face(view) -> str:
    return QColor.fromRgbF(*view.chart.figure.get_facecolor()).name()


def _canvas_corner(view) -> str:
    """The colour actually drawn on screen, in the chart's top-left corner."""
    view.canvas.draw()
    return view.canvas.grab().toImage().pixelColor(2, 2).name()


def test_dark_by_keyboard_then_remembered_across_a_restart(qtbot, night_db):
    win = _open(qtbot, night_db)
    assert not _is_dark(QApplication.palette())  # the default follows the (light) desktop
    _choose_by_keyboard(qtbot, win, Qt.Key.Key_D)
    assert QSettings().value(THEME_KEY) == "dark"
    assert _is_dark(QApplication.palette()) and colours() is DARK_UI
    assert win.findChild(QAction, "themeDarkAction").isChecked()
    win.close()
    # A new process starts light until it reads the settings: the new window reads them.
    app_theme().choose("light", save=False)
    again = _open(qtbot, night_db)
    assert _is_dark(QApplication.palette())
    assert again.findChild(QAction, "themeDarkAction").isChecked()
    assert {_face(v) for v in _views(again)} == {DARK.background}
    _choose_by_keyboard(qtbot, again, Qt.Key.Key_L)
    assert QSettings().value(THEME_KEY) == "light"
    assert not _is_dark(QApplication.palette())


def test_every_chart_redraws_in_the_theme(qtbot, night_db):
    win = _open(qtbot, night_db)
    seats = win.seat_view
    qtbot.waitUntil(lambda: seats.chart.data is not None)
    rebuilds = seats.chart.rebuilds
    win.choose_theme("dark")
    for view in _views(win):
        assert _face(view) == DARK.background
        assert view.chart.theme is DARK
    assert seats.chart.rebuilds > rebuilds  # rebuilt with the figures it shows
    assert QColor.fromRgbF(*seats.chart.ax.get_facecolor()).name() == DARK.background
    assert _canvas_corner(seats) == DARK.background
    win.choose_theme("light")
    assert {_face(v) for v in _views(win)} == {LIGHT.background}
    assert _canvas_corner(seats) == LIGHT.background


def test_system_follows_the_desktop_scheme(qtbot, night_db, qapp):
    win = _open(qtbot, night_db)
    win.choose_theme("system")
    assert win.findChild(QAction, "themeSystemAction").isChecked()
    hints = qapp.styleHints()
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)  # the desktop went dark
    assert _is_dark(QApplication.palette())
    assert {_face(v) for v in _views(win)} == {DARK.background}
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert not _is_dark(QApplication.palette())
    assert {_face(v) for v in _views(win)} == {LIGHT.background}
    win.choose_theme("light")  # a fixed choice ignores the desktop
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert not _is_dark(QApplication.palette())
    assert QSettings().value(THEME_KEY) == "light"


@pytest.mark.parametrize("ui", [LIGHT_UI, DARK_UI, HIGH_CONTRAST_UI], ids=lambda c: c.name)
def test_status_alert_and_focus_colours_read_on_their_theme(ui):
    rows = (ui.base, ui.alternate_base, ui.recount_row)
    for colour in (ui.awaiting, ui.provisional, ui.verified, ui.alert, ui.caution, ui.text):
        for background in rows:
            assert contrast_ratio(colour, background) >= 3.0, (colour, background)
    for colour in (ui.error, ui.alert, ui.verified, ui.muted):  # messages on the window
        assert contrast_ratio(colour, ui.window) >= 3.0, colour
    assert contrast_ratio(ui.text, ui.base) >= 7 and contrast_ratio(ui.text, ui.panel) >= 7
    assert contrast_ratio(ui.text, ui.note) >= 7 and contrast_ratio(ui.text, ui.mismatch) >= 4.5
    assert contrast_ratio(ui.focus, ui.window) >= 3.0  # the focus ring stays visible
    assert contrast_ratio(ui.focus, ui.base) >= 3.0
    assert contrast_ratio("#ffffff", ALERT_COLOUR) >= 4.5  # the banners, either theme


def test_the_table_and_style_sheet_use_the_dark_colours(qtbot, night_db, qapp):
    win = _open(qtbot, night_db)
    win.choose_theme("dark")
    assert DARK_UI.focus in qapp.styleSheet() and LIGHT_UI.focus not in qapp.styleSheet()
    basildon = next(r for r in range(650)
                    if win.proxy.index(r, cm.NAME).data() == "Basildon and Billericay")
    tint = win.proxy.index(basildon, cm.NAME).data(Qt.ItemDataRole.BackgroundRole)
    assert tint.color().name() == DARK_UI.recount_row  # in recount range
    status = win.proxy.index(basildon, cm.STATUS).data(Qt.ItemDataRole.ForegroundRole)
    assert status.color().name() == DARK_UI.verified


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_a_spin_box_reached_by_tab_shows_the_two_pixel_ring(qtbot, qapp, theme):
    """Preferences' thresholds and the rehearsal's speed are spin boxes: they kept the
    platform's 1 px frame, hard to see beside every other field's 2 px ring."""
    from PySide6.QtWidgets import QDoubleSpinBox, QLineEdit, QVBoxLayout, QWidget

    app_theme(qapp).choose(theme, save=False)
    ring = QColor(colours().focus)
    box = QWidget()
    qtbot.addWidget(box)
    layout = QVBoxLayout(box)
    before, speed = QLineEdit(box), QDoubleSpinBox(box)
    layout.addWidget(before)
    layout.addWidget(speed)
    box.show()
    box.activateWindow()  # as a window manager does (offscreen Qt does too; bare X does not)
    qtbot.waitUntil(box.isActiveWindow)
    before.setFocus()
    qtbot.waitUntil(before.hasFocus)
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    qtbot.waitUntil(speed.hasFocus)
    image = speed.grab().toImage()
    middle = image.height() // 2
    assert [image.pixelColor(x, middle) == ring for x in (0, 1)] == [True, True]
    assert image.pixelColor(image.width() // 2, 0) == ring  # all round, not one side


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_a_tick_box_reads_against_its_window(qtbot, qapp, theme):
    """The form's warning tick box (its own style sheet) and every other one: on dark the
    platform drew the empty box in near the window's colour, so "Tick to accept" had no
    box to be seen. Its outline must stand out from the window (3:1, WCAG's for controls)."""
    from PySide6.QtWidgets import QCheckBox

    from resultsdesk.ui.style import warning_style

    app_theme(qapp).choose(theme, save=False)
    c = colours()
    for sheet in (warning_style(), ""):
        box = QCheckBox("Warning: tick to accept")
        box.setStyleSheet(sheet)
        qtbot.addWidget(box)
        box.show()
        qtbot.waitUntil(box.isVisible)
        image = box.grab().toImage()
        indicator = [image.pixelColor(x, y).name() for x in range(min(24, image.width()))
                     for y in range(image.height())]
        best = max(contrast_ratio(colour, c.window) for colour in set(indicator))
        assert best >= 3.0, (theme, sheet[:20], best)


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_a_docks_close_and_float_buttons_read_against_its_title_bar(qtbot, night_db, qapp,
                                                                    theme):
    """Each dock's title bar has a float and a close button: the platform drew their marks
    in a grey near the title bar's own (1.5:1 on dark, 1.7:1 on light), the close "×" all
    but gone on dark. They must stand out from the window (3:1, WCAG's for controls)."""
    from PySide6.QtWidgets import QAbstractButton

    win = _open(qtbot, night_db)
    app_theme(qapp).choose(theme, save=False)
    c = colours()
    for dock in (win.summary_dock, win.recount_dock):
        for name in ("qt_dockwidget_closebutton", "qt_dockwidget_floatbutton"):
            button = dock.findChild(QAbstractButton, name)
            qtbot.waitUntil(lambda b=button: b.isVisible() and b.width() > 4)
            image = button.grab().toImage()
            drawn = {image.pixelColor(x, y).name() for x in range(image.width())
                     for y in range(image.height())}
            best = max(contrast_ratio(colour, c.window) for colour in drawn)
            assert best >= 3.0, (theme, dock.objectName(), name, best)
