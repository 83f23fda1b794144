"""View > Theme > High contrast: for an editor who relies on the desktop's high contrast
(Windows' High Contrast, GNOME's and KDE's), which the desk's own palette replaced with its
light or dark one. Chosen by keyboard, remembered, for the palette, the style sheet and every
chart; System chooses it when the desktop asks for more contrast, and follows it live."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QColor, QPalette, QStyleHints
from PySide6.QtWidgets import QApplication, QMenu

from resultsdesk.charts.theme import HIGH_CONTRAST, contrast_ratio
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.preferences import THEME_KEY
from resultsdesk.ui.style import HIGH_CONTRAST_UI, LIGHT_UI, chip_edge, colours, use_colours
from resultsdesk.ui.themes import AppTheme, app_theme
from resultsdesk.ui.window_layout import CHART_DOCKS

HC = HIGH_CONTRAST_UI
TEXT = 7.0  # WCAG AAA: what a high-contrast theme is for


@pytest.fixture(autouse=True)
def _back_to_the_default_theme(qapp):
    """The theme is the application's: put it back (and the desktop's hints) afterwards."""
    hints = qapp.styleHints()
    accessibility = hints.accessibility()
    yield
    theme = app_theme(qapp)
    theme._system_changed(hints.colorScheme())
    theme._contrast_changed(accessibility.contrastPreference())
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
    """Alt+V opens View, T its Theme submenu, then H (or L, D, S)."""
    qtbot.keyClick(win, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_T)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget().objectName() == "themeMenu")
    qtbot.keyClick(QApplication.activePopupWidget(), key)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)


def _is_high_contrast(palette: QPalette) -> bool:
    role = QPalette.ColorRole
    return (palette.color(role.Window).name() == HC.window
            and palette.color(role.WindowText).name() == HC.text
            and palette.color(role.Base).name() == HC.base
            and palette.color(role.Highlight).name() == HC.highlight
            and palette.color(QPalette.ColorGroup.Disabled, role.Text).name() == HC.disabled)


def _faces(win: MainWindow) -> set[str]:
    return {QColor.fromRgbF(*getattr(win, attribute).chart.figure.get_facecolor()).name()
            for attribute, *_ in CHART_DOCKS}


def test_high_contrast_by_keyboard_then_remembered_across_a_restart(qtbot, night_db, qapp):
    win = _open(qtbot, night_db)
    seats = win.seat_view
    qtbot.waitUntil(lambda: seats.chart.data is not None)
    rebuilds = seats.chart.rebuilds
    _choose_by_keyboard(qtbot, win, Qt.Key.Key_H)
    assert QSettings().value(THEME_KEY) == "high-contrast"
    assert _is_high_contrast(QApplication.palette()) and colours() is HC
    sheet = qapp.styleSheet()
    assert f"border: 2px solid {HC.focus};" in sheet  # the yellow focus ring
    assert f"gridline-color: {HC.gridline}" in sheet and f"border: 1px solid {HC.menu_border}" \
        in sheet
    assert win.findChild(QAction, "themeHighContrastAction").isChecked()
    for choice in ("Light", "Dark", "System"):  # the others kept, unticked
        assert not win.findChild(QAction, f"theme{choice}Action").isChecked()
    assert _faces(win) == {HIGH_CONTRAST.background}
    assert seats.chart.theme is HIGH_CONTRAST and seats.chart.rebuilds > rebuilds
    seats.canvas.draw()
    assert seats.canvas.grab().toImage().pixelColor(2, 2).name() == HIGH_CONTRAST.background
    win.close()
    app_theme().choose("light", save=False)  # a new process starts light until it reads
    again = _open(qtbot, night_db)
    assert _is_high_contrast(QApplication.palette())
    assert again.findChild(QAction, "themeHighContrastAction").isChecked()
    assert _faces(again) == {HIGH_CONTRAST.background}


def test_system_follows_the_desktops_contrast_preference(qtbot, night_db, qapp):
    win = _open(qtbot, night_db)
    win.choose_theme("system")
    accessibility = qapp.styleHints().accessibility()
    accessibility.contrastPreferenceChanged.emit(Qt.ContrastPreference.HighContrast)
    assert _is_high_contrast(QApplication.palette())
    assert _faces(win) == {HIGH_CONTRAST.background}
    assert win.findChild(QAction, "themeSystemAction").isChecked()
    # a high-contrast desktop may call itself dark (or light): contrast comes first
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert colours() is HC
    accessibility.contrastPreferenceChanged.emit(Qt.ContrastPreference.NoPreference)
    assert colours().name == "dark"  # back to the desktop's scheme
    win.choose_theme("light")  # a fixed choice ignores the desktop
    accessibility.contrastPreferenceChanged.emit(Qt.ContrastPreference.HighContrast)
    assert colours().name == "light" and QSettings().value(THEME_KEY) == "light"
    win.choose_theme("system")
    assert colours() is HC


class _Accessibility(QObject):
    """A desktop asking for more contrast from the start (offscreen Qt has no setter)."""

    contrastPreferenceChanged = Signal(Qt.ContrastPreference)

    def contrastPreference(self) -> Qt.ContrastPreference:
        return Qt.ContrastPreference.HighContrast


def test_system_starts_in_high_contrast_on_such_a_desktop(qapp, monkeypatch):
    fake = _Accessibility()
    monkeypatch.setattr(QStyleHints, "accessibility", lambda self: fake)
    theme = AppTheme(qapp)
    try:
        theme.setObjectName("anotherTheme")  # (the app's own is still `app_theme()`)
        assert theme.choice == "system" and theme.name == "high-contrast"
        assert theme.chart_theme() is HIGH_CONTRAST
        fake.contrastPreferenceChanged.emit(Qt.ContrastPreference.NoPreference)
        assert theme.name in ("light", "dark")
    finally:
        theme.setParent(None)
        theme.deleteLater()


def test_a_qt_without_the_contrast_hint_follows_the_scheme(qapp, monkeypatch):
    """QStyleHints.accessibility() came with Qt 6.10; the desk runs on 6.8 and 6.9 too."""
    monkeypatch.setattr(QStyleHints, "accessibility", lambda self: None)
    theme = AppTheme(qapp)
    try:
        theme.setObjectName("anotherTheme")
        assert theme.name in ("light", "dark")
    finally:
        theme.setParent(None)
        theme.deleteLater()


def test_its_colours_read():
    """Every colour that is text 7:1 on every background it sits on; disabled text 4.5:1;
    the focus ring, the edges of controls and cells, and the selection unmistakable."""
    rows = (HC.base, HC.alternate_base, HC.recount_row)
    for colour in (HC.text, HC.muted, HC.awaiting, HC.provisional, HC.verified, HC.alert,
                   HC.caution):
        for background in (*rows, HC.window):
            assert contrast_ratio(colour, background) >= TEXT, (colour, background)
    for colour in (HC.error, HC.verified, HC.link, HC.muted):  # messages on the window
        assert contrast_ratio(colour, HC.window) >= TEXT, colour
    for background in (HC.base, HC.read_only):
        assert contrast_ratio(HC.placeholder, background) >= TEXT
        assert contrast_ratio(HC.text, background) >= TEXT
    for background in (HC.panel, HC.note, HC.mismatch, HC.button, HC.button_hover,
                       HC.button_pressed, HC.focus_fill, HC.caution_fill, HC.tooltip):
        assert contrast_ratio(HC.text, background) >= TEXT, background
    assert contrast_ratio(HC.caution, HC.caution_fill) >= TEXT
    for background in (HC.window, HC.base, HC.disabled_fill):
        assert contrast_ratio(HC.disabled, background) >= 4.5
    assert contrast_ratio(HC.highlighted_text, HC.highlight) >= TEXT
    assert contrast_ratio(HC.highlight, HC.base) >= TEXT  # a selected row: unmistakable
    for edge in (HC.focus, HC.border, HC.table_border, HC.gridline, HC.menu_border,
                 HC.scroll_handle, HC.panel_border, HC.note_border, HC.disabled_border):
        for background in (HC.window, HC.base, HC.alternate_base):
            assert contrast_ratio(edge, background) >= 3.0, (edge, background)
    assert HC.focus != HC.border  # the ring is told from every control's edge
    assert HC.dark  # the light marks (combo arrows, the docks' buttons)


def test_cells_scroll_bars_menus_and_dark_party_chips_stand_out(qtbot, night_db):
    win = _open(qtbot, night_db)
    win.choose_theme("high-contrast")
    image = win.table.viewport().grab().toImage()
    x = win.table.columnViewportPosition(1) - 1  # the line between the first two columns
    edge = {image.pixelColor(x, y).name() for y in range(2, image.height() - 2)}
    assert HC.gridline in edge
    bar = win.table.verticalScrollBar().grab().toImage()  # its handle: not black on black
    assert bar.pixelColor(bar.width() // 2, 8).name() == HC.scroll_handle
    # Labour's red on black is 3.8:1: a chip (and a candidate's swatch in the form) is
    # edged in the muted grey, not the faint dark line of the other themes
    assert chip_edge("#d50000") == "rgba(212,212,212,1.00)"
    use_colours(LIGHT_UI)
    try:
        assert chip_edge("#d50000") == "rgba(0,0,0,0.35)"
    finally:
        use_colours(HC)
    # a menu on the black window: edged (Fusion's frame was black on black)
    menu = win.findChild(QMenu, "themeMenu").grab().toImage()
    assert menu.pixelColor(0, menu.height() // 2).name() == HC.menu_border
