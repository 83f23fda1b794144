"""The recount margins in sight at a large font: at 16 pt on a 1920 × 1080 screen the
results table showed names, statuses and winners in full and put Majority and Maj % behind
its sideways scroll, the figures a desk watches most. The winner column gives way first
(down to "Lab · Stephen K…", its whole text on hover), by what the majorities lacked; the
names stay whole. In the default font the same screen has room for everything: nothing
gives way. Run in a child process on an offscreen screen of that size."""

from __future__ import annotations

import pytest
from helpers.form_dialogs import typed_in_find
from helpers.laptop import LARGE_FONT_WINDOW, run_on_screen
from helpers.wide_window import wide_window
from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtWidgets import QApplication

from resultsdesk.ui import constituency_model as cm
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow

CHILD = LARGE_FONT_WINDOW + """
from PySide6.QtCore import Qt
from resultsdesk.ui import constituency_model as cm, name_fill
table, header = window.table, window.table.horizontalHeader()
model = table.model()
def right(col):
    return header.sectionViewportPosition(col) + header.sectionSize(col)
winner = model.index(0, cm.WINNER)
print(json.dumps({
    "viewport": table.viewport().width(),
    "majority_right": right(cm.MAJORITY), "share_right": right(cm.MAJORITY_PCT),
    "winner": header.sectionSize(cm.WINNER),
    "winner_needs": table.fontMetrics().horizontalAdvance(winner.data()) + 24,
    "winner_least": table.fontMetrics().averageCharWidth() * name_fill.WINNER_LEAST_CHARS,
    "winner_tip": winner.data(Qt.ItemDataRole.ToolTipRole),
    "winner_text": winner.data(),
    "name": header.sectionSize(cm.NAME), "name_least": window.name_column_fit.least,
}))
sys.stdout.flush()
os._exit(0)
"""


@pytest.mark.parametrize("points", [14, 16])
def test_the_winner_gives_way_to_the_majorities_in_a_large_font(night_db, tmp_path, points):
    """As far as it can: the majorities in sight, or the winner at its least (16 pt on this
    screen: the statuses' column is as wide as a recount's bold status needs)."""
    got = run_on_screen(CHILD.replace("POINTS", str(points)), night_db, (1920, 1080), tmp_path)
    assert got["winner"] < got["winner_needs"], got  # it gave way
    assert got["share_right"] <= got["viewport"] or got["winner"] <= got["winner_least"], got
    assert got["winner"] >= got["winner_least"] - 1, got
    assert got["name"] >= got["name_least"], got  # names stay whole
    party, name = got["winner_text"].split(" · ")
    assert name in got["winner_tip"] and party in got["winner_tip"]  # whole on hover


def test_in_the_default_font_nothing_gives_way(night_db, tmp_path):
    got = run_on_screen(CHILD.replace("POINTS", "10"), night_db, (1920, 1080), tmp_path)
    assert got["share_right"] <= got["viewport"], got
    assert got["winner"] >= got["winner_needs"], got


def _wide(qtbot, db) -> MainWindow:
    return wide_window(qtbot, db, table_over=1400)


def _needed(win: MainWindow) -> int:
    """What the table needs to show the majorities beside names at their least."""
    header = win.table.horizontalHeader()
    return win.name_column_fit.least + sum(
        header.sectionSize(c) for c in range(cm.NAME + 1, cm.MAJORITY_PCT + 1)
        if not header.isSectionHidden(c))


def _narrowed(win: MainWindow) -> int:
    """`win` with a dock widened until its table is just short of the majorities: the
    dock's width asked for."""
    needed = _needed(win)
    for dock in range(300, 1600, 10):
        win.resizeDocks([win.summary_dock], [dock], Qt.Orientation.Horizontal)
        QApplication.processEvents()
        if win.table.viewport().width() < needed:
            return dock
    raise AssertionError("the table never narrowed below what the majorities need")


def test_it_gives_way_as_room_goes_and_comes_back_until_the_desk_sizes_it(qtbot, night_db):
    """A dock widened beside the table narrows the winner first (the majorities stay in
    sight, the names whole); room again, it widens back. Sized by the desk (dragged), its
    width is theirs: nothing narrows it again."""
    win = _wide(qtbot, night_db)
    table, header = win.table, win.table.horizontalHeader()
    full = header.sectionSize(cm.WINNER)

    def share_in_sight() -> bool:
        return (header.sectionViewportPosition(cm.MAJORITY_PCT)
                + header.sectionSize(cm.MAJORITY_PCT)) <= table.viewport().width()
    assert share_in_sight()
    needed = _needed(win)
    dock = _narrowed(win)
    assert needed - 40 < table.viewport().width() < needed
    qtbot.waitUntil(lambda: header.sectionSize(cm.WINNER) < full)
    assert share_in_sight()
    assert header.sectionSize(cm.NAME) >= win.name_column_fit.least
    win.resizeDocks([win.summary_dock], [300], Qt.Orientation.Horizontal)  # room again
    qtbot.waitUntil(lambda: header.sectionSize(cm.WINNER) == full)
    header.resizeSection(cm.WINNER, full + 40)  # the desk's own width
    win.resizeDocks([win.summary_dock], [dock], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: table.viewport().width() < needed)
    assert header.sectionSize(cm.WINNER) == full + 40


@pytest.mark.parametrize("sized_by_desk", [False, True])
def test_a_width_given_way_is_not_kept_but_the_desks_own_is(qtbot, night_db, sized_by_desk):
    """Closed with the Winner column given way (a laptop, a wide dock), the next window on
    a screen with room shows it whole; closed with a width the desk chose, that width."""
    first = _wide(qtbot, night_db)
    header = first.table.horizontalHeader()
    full = header.sectionSize(cm.WINNER)
    _narrowed(first)
    qtbot.waitUntil(lambda: header.sectionSize(cm.WINNER) < full)
    if sized_by_desk:
        header.resizeSection(cm.WINNER, full - 50)
    first.close()
    second = _wide(qtbot, night_db)
    assert second.table.horizontalHeader().sectionSize(cm.WINNER) == \
        (full - 50 if sized_by_desk else full)


def test_hiding_and_showing_columns_keeps_it_giving_way(qtbot, night_db):
    """The header's menu hides the Winner column and shows it again: it still gives way.
    Hiding Status makes room: the Winner widens back."""
    win = _wide(qtbot, night_db)
    header = win.table.horizontalHeader()
    full = header.sectionSize(cm.WINNER)
    _narrowed(win)
    qtbot.waitUntil(lambda: header.sectionSize(cm.WINNER) < full)
    header.setSectionHidden(cm.WINNER, True)
    header.setSectionHidden(cm.WINNER, False)
    assert win.name_column_fit.giving_way
    header.setSectionHidden(cm.STATUS, True)  # room for the winner whole again
    qtbot.waitUntil(lambda: header.sectionSize(cm.WINNER) == full)


@pytest.mark.parametrize("flag", [False, "false"])  # "false": as QSettings' INI file reads
def test_a_saved_header_qt_refuses_leaves_it_giving_way(qtbot, night_db, flag):
    """Saved as sized by the desk, but with a header Qt refuses (a damaged settings file,
    bytes from another Qt): the desk's width is not there to keep, the Winner is at its
    measured width and gives way as the first window's does. It kept that width, the
    majorities behind the sideways scroll, for as long as the window was open."""
    application()  # the app's own settings (its organisation and name)
    settings = QSettings()
    settings.setValue("mainWindow/resultsHeader", QByteArray(b"\x00\xff\x00garbage" * 4))
    settings.setValue("mainWindow/winnerGivesWay", flag)
    win = _wide(qtbot, night_db)
    header = win.table.horizontalHeader()
    full = header.sectionSize(cm.WINNER)
    assert win.name_column_fit.giving_way
    _narrowed(win)
    qtbot.waitUntil(lambda: header.sectionSize(cm.WINNER) < full)


@pytest.mark.parametrize("flag", ["false", "true", "garbage"])
def test_the_flag_as_the_ini_file_gives_it_back(qtbot, night_db, flag):
    """The next run reads winnerGivesWay from the INI file as text, not as the bool the
    window saved (what one process reads back): "false" keeps the desk's width, "true"
    leaves the Winner to give way (whole where there is room), and so does a damaged
    value, as a first run."""
    first = _wide(qtbot, night_db)
    header = first.table.horizontalHeader()
    full = header.sectionSize(cm.WINNER)
    header.resizeSection(cm.WINNER, full - 50)  # the desk's
    first.close()
    QSettings().setValue("mainWindow/winnerGivesWay", flag)
    second = _wide(qtbot, night_db)
    assert second.name_column_fit.giving_way == (flag != "false")
    assert second.table.horizontalHeader().sectionSize(cm.WINNER) == \
        (full - 50 if flag == "false" else full)


def test_a_search_typed_leaves_it_giving_way(qtbot, night_db):
    """The desk's first search of the night (Ctrl+F, a few letters of a seat, Esc) is not
    the desk sizing the Winner column. The search's layout change has Qt hide the hidden
    columns again one by one, its sections at their default 100 px meanwhile: the column
    read as sized by the desk and never gave way again, so a recount's wide bold status
    ("RECOUNT · verified · recount 1 pending") put Maj % behind the sideways scroll on a
    1366 × 768 laptop, on the very seat being recounted."""
    win = _wide(qtbot, night_db)
    header = win.table.horizontalHeader()
    full = header.sectionSize(cm.WINNER)
    typed_in_find(qtbot, win, "hendon")
    qtbot.keyClick(win.search, Qt.Key.Key_Escape)
    assert header.sectionSize(cm.WINNER) == full
    assert win.name_column_fit.giving_way
    _narrowed(win)
    qtbot.waitUntil(lambda: header.sectionSize(cm.WINNER) < full)
