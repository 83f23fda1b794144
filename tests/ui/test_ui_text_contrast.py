"""Words the desk reads at a glance are text, and text needs 4.5:1 against what it is drawn
on (WCAG 1.4.3), in either theme: a seat's status in the results table on every row it can
sit on (plain, alternate, tinted for recount range), the queue's corrections, the watch's
majorities, the form's messages on the window, and a selected row's text. The light
theme's held only to 3:1: "provisional" was 3.9:1 on the alternate rows, "verified" 4.1:1
on a recount-range row, RECOUNT 4.4:1 there, and a selected row's white text 3.7:1."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLineEdit

from resultsdesk.charts.theme import contrast_ratio
from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Status
from resultsdesk.store import Store
from resultsdesk.ui import constituency_model as cm
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.style import (
    DARK_UI,
    HIGH_CONTRAST_UI,
    LIGHT_UI,
    UI_THEMES,
    number_style,
    status_colour,
    use_colours,
)

TEXT = 4.5  # WCAG 1.4.3, normal-size text (bold at 10 pt is not "large")


@pytest.fixture(autouse=True)
def _colours_back():
    yield
    use_colours(LIGHT_UI)


@pytest.mark.parametrize("ui", [LIGHT_UI, DARK_UI, HIGH_CONTRAST_UI], ids=lambda c: c.name)
def test_status_words_read_as_text_on_every_row(ui):
    use_colours(ui)
    words = {status.value: status_colour(status) for status in Status}
    words |= {"RECOUNT / TIE": status_colour(Status.VERIFIED, tie=True),
              "a correction in the queue": ui.caution, "a majority in the watch": ui.alert}
    for background in (ui.base, ui.alternate_base, ui.recount_row):
        for word, colour in words.items():
            assert contrast_ratio(colour, background) >= TEXT, (word, colour, background)


@pytest.mark.parametrize("ui", [LIGHT_UI, DARK_UI, HIGH_CONTRAST_UI], ids=lambda c: c.name)
def test_messages_and_a_selected_row_read_as_text(ui):
    for colour in (ui.error, ui.verified, ui.alert):  # "Saved", "Cannot save yet", sign-in
        assert contrast_ratio(colour, ui.window) >= TEXT, colour
    assert contrast_ratio(ui.highlighted_text, ui.highlight) >= TEXT


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_the_tables_rows_as_drawn_read_in_each_theme(qtbot, night_db, theme):
    """The colours the window itself hands its table: the status of a seat in recount
    range (Basildon, verified) and of a recount under way (Hendon, RECOUNT) on the row's
    tint, and a selected row's text on the palette's highlight."""
    with Store(night_db) as store:
        dk.mark_recount(store, "Hendon", user="alice")
    application()
    win = MainWindow(night_db, user="alice")
    qtbot.addWidget(win)
    win.show()
    win.choose_theme(theme)
    ui = UI_THEMES[theme]
    rows = {win.proxy.index(r, cm.NAME).data(): r for r in range(win.proxy.rowCount())}
    for seat in ("Basildon and Billericay", "Hendon"):
        status = win.proxy.index(rows[seat], cm.STATUS)
        tint = status.data(Qt.ItemDataRole.BackgroundRole).color().name()
        assert tint == ui.recount_row
        ink = status.data(Qt.ItemDataRole.ForegroundRole).color().name()
        assert contrast_ratio(ink, tint) >= TEXT, (seat, status.data(), ink, tint)
    palette = win.table.palette()
    assert contrast_ratio(palette.color(QPalette.ColorRole.HighlightedText).name(),
                          palette.color(QPalette.ColorRole.Highlight).name()) >= TEXT


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_a_hint_in_an_empty_field_reads(qtbot, night_db, theme):
    """The find box's "Find a constituency by name or code (Ctrl+F)…", the form's "optional"
    under the total: hints the desk needs, drawn in the disabled grey, 2.6:1 on the light
    theme's white fields and 4.3:1 on the dark."""
    application()
    win = MainWindow(night_db, user="alice")
    qtbot.addWidget(win)
    win.show()
    win.choose_theme(theme)
    assert win.search.text() == "" and "Ctrl+F" in win.search.placeholderText()
    total = QLineEdit(win)  # as the form's "Total valid votes as read out" is
    total.setStyleSheet(number_style())
    total.setPlaceholderText("optional")
    total.ensurePolished()
    for field in (win.search, total):
        hint = field.palette().color(QPalette.ColorRole.PlaceholderText)
        for background in (UI_THEMES[theme].base, UI_THEMES[theme].read_only):
            assert contrast_ratio(_over(hint, background), background) >= TEXT, \
                (field.placeholderText(), background)


def _over(colour: QColor, background: str) -> str:
    """`colour` as drawn on `background`: Qt's hint is the text colour at half opacity
    unless a colour is given for it."""
    under, a = QColor(background), colour.alphaF()
    mixed = [round(a * getattr(colour, c)() + (1 - a) * getattr(under, c)())
             for c in ("red", "green", "blue")]
    return QColor(*mixed).name()


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_the_export_previews_surround_is_the_themes(qtbot, night_db, theme):
    """A fixed light grey (#e6e9ee) framed the preview in bright strips in the dark theme."""
    from PySide6.QtWidgets import QLabel

    application()
    win = MainWindow(night_db, user="presenter")
    qtbot.addWidget(win)
    win.show()
    win.choose_theme(theme)
    dialog = win.export_graphic("seats")
    qtbot.waitUntil(dialog.isVisible)
    preview = dialog.findChild(QLabel, "exportPreview")
    ui = UI_THEMES[theme]
    assert f"background:{ui.alternate_base}" in preview.styleSheet()
    window_shade = QColor(ui.window)
    surround = QColor(ui.alternate_base)
    assert abs(window_shade.lightness() - surround.lightness()) < 60  # no bright strips
