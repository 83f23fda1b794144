"""The results table's widths after the desk's font changed between two runs (the system's
font made larger for the eyes at 3 a.m., the app started again): the header saved at the
usual font brought every width back as it was measured then, in pixels, so at 16 pt the bold
recount statuses ("RECOUNT · provisional") and the majorities' shares were cut ("12.…"),
until a status changed (the Status column then jumping on the night). Widths measured are
measured again in the font now, as a first run in it measures them; a width the desk dragged
is theirs and stays. At the same font the saved widths all come back, as before."""

from __future__ import annotations

import pytest
from helpers.wide_window import wide_window
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from resultsdesk.ui import constituency_model as cm
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.sizing import USUAL_STATUSES, cell_width, status_width

# The columns measured from what they show (the names fill the room left; the Winner gives
# way to the majorities: each has its own tests).
MEASURED = (cm.STATUS, cm.MAJORITY, cm.MAJORITY_PCT, cm.TURNOUT, cm.RESULT, cm.SWING,
            cm.DECLARED)


@pytest.fixture
def set_points(qapp):
    """set_points(n): the application's font at n points from now on (the system's font
    changed); the usual one put back after."""
    usual = qapp.font()

    def set_to(points: int) -> None:
        font = qapp.font()
        font.setPointSize(points)
        qapp.setFont(font)

    yield set_to
    qapp.setFont(usual)


def _window(qtbot, db) -> MainWindow:
    return wide_window(qtbot, db)


def _widths(win: MainWindow) -> dict[str, int]:
    header = win.table.horizontalHeader()
    return {cm.COLUMNS[c]: header.sectionSize(c) for c in MEASURED}


def _drag(win: MainWindow, column: int, by: int) -> None:
    """The desk drags `column`'s right edge `by` pixels, with the mouse."""
    header = win.table.horizontalHeader()
    edge = header.sectionViewportPosition(column) + header.sectionSize(column) - 1
    start = QPoint(edge, header.height() // 2)
    viewport = header.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(viewport, start + QPoint(by // 2, 0))
    QTest.mouseMove(viewport, start + QPoint(by, 0))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       start + QPoint(by, 0))


def _first_run_in(qtbot, db, set_points, points: int) -> dict[str, int]:
    """The widths a first run (nothing saved) measures at `points`; the settings put back."""
    settings = QSettings()
    kept = {key: settings.value(key) for key in settings.allKeys()}
    settings.clear()
    set_points(points)
    fresh = _window(qtbot, db)
    widths = _widths(fresh)
    fresh.close()
    settings.clear()
    for key, value in kept.items():
        settings.setValue(key, value)
    return widths


@pytest.mark.parametrize("before,after", [(9, 16), (16, 9)])
def test_widths_measured_in_one_font_are_measured_again_in_another(
        qtbot, night_db, set_points, before, after):
    set_points(before)
    _window(qtbot, night_db).close()  # the layout saved at `before` points
    wanted = _first_run_in(qtbot, night_db, set_points, after)
    win = _window(qtbot, night_db)  # started again at `after` points
    assert _widths(win) == wanted
    table, header = win.table, win.table.horizontalHeader()
    assert header.sectionSize(cm.STATUS) >= status_width(table, USUAL_STATUSES)
    assert header.sectionSize(cm.MAJORITY_PCT) >= cell_width(table, ["99.99%"])
    right = header.sectionViewportPosition(cm.MAJORITY_PCT) + header.sectionSize(cm.MAJORITY_PCT)
    assert right <= table.viewport().width()  # the majorities in sight


def test_a_width_the_desk_dragged_stays_in_another_font(qtbot, night_db, set_points):
    set_points(9)
    first = _window(qtbot, night_db)
    header = first.table.horizontalHeader()
    measured = header.sectionSize(cm.RESULT)
    _drag(first, cm.RESULT, 60)
    qtbot.waitUntil(lambda: header.sectionSize(cm.RESULT) == measured + 60)
    assert first.desk_sized.columns == {cm.RESULT}  # not the names it narrowed
    first.close()
    wanted = _first_run_in(qtbot, night_db, set_points, 16)
    win = _window(qtbot, night_db)
    got = _widths(win)
    assert got.pop("Result") == measured + 60  # the desk's
    del wanted["Result"]
    assert got == wanted


def test_at_the_same_font_the_saved_widths_come_back(qtbot, night_db):
    first = _window(qtbot, night_db)
    header = first.table.horizontalHeader()
    header.resizeSection(cm.SWING, header.sectionSize(cm.SWING) + 30)  # not by the mouse
    saved = _widths(first)
    first.close()
    QApplication.processEvents()
    assert _widths(_window(qtbot, night_db)) == saved


def test_a_status_column_the_desk_narrowed_still_shows_its_statuses_in_a_larger_font(
        qtbot, night_db, set_points):
    """The desk's width, but as GrowToFit keeps it: never narrower than the statuses it
    shows (bold recounts among them), so it does not jump when the first recount comes."""
    set_points(9)
    first = _window(qtbot, night_db)
    header = first.table.horizontalHeader()
    narrowed = header.sectionSize(cm.STATUS) - 40
    _drag(first, cm.STATUS, -40)
    qtbot.waitUntil(lambda: header.sectionSize(cm.STATUS) == narrowed)
    first.close()
    set_points(16)
    win = _window(qtbot, night_db)
    assert win.table.horizontalHeader().sectionSize(cm.STATUS) >= \
        status_width(win.table, USUAL_STATUSES)


@pytest.mark.parametrize("value", ["garbage", "5,x", "99"])
def test_a_damaged_list_of_the_desks_columns_is_none(qtbot, night_db, set_points, value):
    """A hand-edited or damaged resultsSizedByDesk: every column measured again."""
    set_points(9)
    first = _window(qtbot, night_db)
    _drag(first, cm.RESULT, 60)
    qtbot.waitUntil(lambda: cm.RESULT in first.desk_sized.columns)
    first.close()
    QSettings().setValue("mainWindow/resultsSizedByDesk", value)
    wanted = _first_run_in(qtbot, night_db, set_points, 16)
    assert _widths(_window(qtbot, night_db)) == wanted


def test_a_column_shown_from_the_headers_menu_is_not_sized_by_the_desk(qtbot, night_db):
    """A right click opens the header's menu of columns; its release goes to the menu, not
    the header. A column shown from it keeps being measured, as one never dragged."""
    win = _window(qtbot, night_db)
    header = win.table.horizontalHeader()
    hidden = next(c for c in range(header.count()) if header.isSectionHidden(c))
    where = QPoint(header.sectionViewportPosition(cm.RESULT) + 5, header.height() // 2)
    QTest.mousePress(header.viewport(), Qt.MouseButton.RightButton,
                     Qt.KeyboardModifier.NoModifier, where)
    try:
        header.setSectionHidden(hidden, False)  # the menu's action, the press unreleased
        assert header.sectionSize(hidden) > 0
        assert win.desk_sized.columns == set()
    finally:  # Qt's record of the buttons held is the process's: not held for the next test
        QTest.mouseRelease(header.viewport(), Qt.MouseButton.RightButton,
                           Qt.KeyboardModifier.NoModifier, where)
