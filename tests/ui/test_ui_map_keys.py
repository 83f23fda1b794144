"""The map by keyboard (ui.map_keys): Tab reaches the map, ringing a current seat (the one
chosen in the results table) named beside Zoom and to a screen reader; the arrow keys move
it to the touching hex that way, redrawing only its ring; Enter selects it in the results
table as a click does, the keyboard staying on the map; Esc clears it; Tab away hides it.
No key it takes is a window shortcut."""

from __future__ import annotations

import math
from collections import Counter

from helpers.seats import HENDON, HENDON_2024
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from resultsdesk.charts._recording import Call
from resultsdesk.charts.describe import describe
from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui import chart_view, map_view
from resultsdesk.ui.map_keys import KEYS


def _map_on_screen(qtbot, window):
    """The Map dock in front, wide enough that a hex is several pixels across, and the
    window active (the keyboard goes where Tab sends it)."""
    dock = window.findChild(type(window.chart_docks[0]), "mapDock")
    dock.show()
    dock.raise_()
    window.showNormal()
    window.resize(1800, 1100)
    window.resizeDocks([dock], [1000], Qt.Orientation.Horizontal)
    window.activateWindow()
    view = window.map_view
    qtbot.waitUntil(lambda: window.isActiveWindow() and view.canvas.width() >= 900
                    and view.on_screen() and bool(view.chart.codes), timeout=3000)
    view.canvas.draw()
    return view


def _frame(qtbot, view, action) -> None:
    """Do `action` and wait for the canvas's next frame."""
    before = view.canvas.frames.stats
    action()
    qtbot.waitUntil(lambda: view.canvas.frames.stats is not before, timeout=3000)


def _counting(monkeypatch) -> Counter:
    calls: Counter = Counter()
    real = Call.replay

    def replay(call, *args, **kwargs):
        calls[call.name] += 1
        return real(call, *args, **kwargs)

    monkeypatch.setattr(Call, "replay", replay)
    return calls


def _tab_to_map(qtbot, view) -> None:
    view.zoom.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(view.zoom.hasFocus, timeout=3000)
    _frame(qtbot, view, lambda: qtbot.keyClick(view.zoom, Qt.Key.Key_Tab))
    assert view.canvas.hasFocus()


def _at(view, code: str) -> tuple[float, float]:
    return tuple(view.chart.xy[view.chart.codes.index(code)])


def test_tab_rings_the_seat_chosen_and_names_it(qtbot, main_window, night_db):
    window = main_window(night_db, user="editor")
    view = _map_on_screen(qtbot, window)
    window.select_code(HENDON)
    qtbot.waitUntil(lambda: view.chart.picked == HENDON, timeout=3000)
    cursor = view.chart.cursor
    assert not cursor.shown and view.keys.line.full == ""
    _tab_to_map(qtbot, view)
    assert cursor.shown and cursor.code == HENDON
    assert cursor.artist.get_edgecolors()[1][3] > 0  # drawn
    line = view.keys.line
    assert line.isVisible() and line.full.startswith("Hendon: Lab gain from Con")
    assert view.canvas.accessibleDescription() == line.full
    # Tab on: the ring goes with the keyboard, the chart's own description comes back
    _frame(qtbot, view, lambda: qtbot.keyClick(view.canvas, Qt.Key.Key_Tab))
    assert not view.canvas.hasFocus() and not cursor.shown
    assert cursor.artist.get_edgecolors()[1][3] == 0 and line.full == ""
    assert view.canvas.accessibleDescription() == describe(view.chart.data)


def test_arrows_move_the_seat_and_redraw_only_its_ring(qtbot, main_window, night_db,
                                                       monkeypatch):
    window = main_window(night_db, user="editor")
    view = _map_on_screen(qtbot, window)
    window.select_code(HENDON)
    _tab_to_map(qtbot, view)
    cursor, frames = view.chart.cursor, view.canvas.frames
    here = cursor.code
    for key in (Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Left, Qt.Key.Key_Down):
        calls = _counting(monkeypatch)
        _frame(qtbot, view, lambda k=key: qtbot.keyClick(view.canvas, k))
        assert cursor.code != here
        assert math.dist(_at(view, here), _at(view, cursor.code)) < 1.01  # touching
        assert not frames.stats.full and frames.recorded == 1  # the ring alone
        assert not [a for a in frames.stats.redrawn if hasattr(a, "get_text")]
        assert calls["draw_text"] == 0 and calls  # no title, key or label drawn again
        assert view.keys.line.full.startswith(f"{cursor.seat().name}: ")  # the new seat said
        assert view.canvas.accessibleDescription() == view.keys.line.full
        here = cursor.code
    assert view.chart.picked == HENDON  # moving selects nothing: Enter does
    assert view.canvas.hasFocus()


def test_enter_selects_the_seat_as_a_click_and_esc_clears_it(qtbot, main_window, night_db):
    window = main_window(night_db, user="editor")
    view = _map_on_screen(qtbot, window)
    window.select_code(HENDON)
    _tab_to_map(qtbot, view)
    _frame(qtbot, view, lambda: qtbot.keyClick(view.canvas, Qt.Key.Key_Right))
    there = view.chart.cursor.code
    assert there != HENDON
    with qtbot.waitSignal(view.seat_clicked, timeout=3000) as signal:
        qtbot.keyClick(view.canvas, Qt.Key.Key_Return)
    assert signal.args == [there]
    qtbot.waitUntil(lambda: window.selected_code() == there, timeout=3000)
    assert view.canvas.hasFocus()  # arrows go on from there
    qtbot.keyClick(view.canvas, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert window.selected_code() == there
    _frame(qtbot, view, lambda: qtbot.keyClick(view.canvas, Qt.Key.Key_Escape))
    assert view.chart.cursor.code is None and view.keys.line.full == ""
    assert view.chart.cursor.artist.get_edgecolors()[1][3] == 0
    assert view.canvas.accessibleDescription() == describe(view.chart.data)
    assert view.canvas.hasFocus() and window.selected_code() == there  # Esc clears no choice
    _frame(qtbot, view, lambda: qtbot.keyClick(view.canvas, Qt.Key.Key_Left))
    assert view.chart.cursor.code == there  # again from the seat chosen


def test_no_key_the_map_takes_is_a_window_shortcut(qtbot, main_window, night_db):
    window = main_window(night_db, user="editor")
    taken = {QKeySequence(key).toString() for key in KEYS}
    bound = {s.toString() for a in window.findChildren(QAction) for s in a.shortcuts()}
    assert taken and not taken & bound


def test_the_ring_takes_each_themes_focus_colour(qtbot, main_window, night_db):
    from matplotlib.colors import to_rgba

    from resultsdesk.ui.style import colours

    window = main_window(night_db, user="editor")
    view = _map_on_screen(qtbot, window)
    window.select_code(HENDON)
    _tab_to_map(qtbot, view)
    cursor = view.chart.cursor
    for theme in ("dark", "light"):
        window.choose_theme(theme)
        assert cursor.colour == colours().focus and colours().name == theme
        qtbot.waitUntil(lambda: tuple(cursor.artist.get_edgecolors()[1])
                        == to_rgba(colours().focus), timeout=3000)
        assert cursor.code == HENDON and tuple(cursor.artist.get_edgecolors()[0]) == \
            to_rgba(view.chart.theme.background)


def test_a_seat_found_on_the_map_opens_by_its_shortcut_and_the_keys_come_back(
        qtbot, main_window, nominations_db):
    """Enter, then Declaration > Enter (Ctrl+E) opens the seat's form from the map; closed,
    the keyboard is back on the map, the same seat current."""
    window = main_window(nominations_db, user="editor")
    view = _map_on_screen(qtbot, window)
    window.select_code(HENDON)
    _tab_to_map(qtbot, view)
    _frame(qtbot, view, lambda: qtbot.keyClick(view.canvas, Qt.Key.Key_Down))
    there = view.chart.cursor.code
    qtbot.keyClick(view.canvas, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.selected_code() == there, timeout=3000)
    qtbot.keyClick(view.canvas, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.active_dialog is not None, timeout=3000)
    assert window.active_dialog.form.sheet.code == there
    qtbot.keyClick(window.active_dialog.form.vote_edits[0], Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.active_dialog is None, timeout=3000)
    qtbot.waitUntil(view.canvas.hasFocus, timeout=3000)
    assert view.chart.cursor.shown and view.chart.cursor.code == there


def test_the_seat_line_takes_no_height_from_the_map(qtbot, main_window, night_db):
    """The line beside Zoom is one line high, in either theme: laid out with room to grow
    down, it took half the dock from the map (the dark theme's, at start-up's size)."""
    window = main_window(night_db, user="editor")
    for theme in ("dark", "light"):
        window.choose_theme(theme)
        dock = window.findChild(type(window.chart_docks[0]), "mapDock")
        dock.show()
        dock.raise_()
        view = window.map_view
        qtbot.waitUntil(lambda v=view: v.on_screen() and bool(v.chart.codes), timeout=3000)
        qtbot.waitUntil(lambda v=view: v.layout().geometry().height() > 0, timeout=3000)
        line, zoom = view.keys.line, view.zoom
        assert line.height() <= zoom.height(), theme
        assert view.canvas.geometry().top() <= zoom.geometry().bottom() + 12, theme


def test_an_update_puts_the_map_in_words_once(qtbot, main_window, nominations_db,
                                              monkeypatch):
    """The map's description (a pass over every seat) is worked out once a verification,
    as every chart's is: the keys' line, said after each redraw, takes it from there, not
    a second time (nor on a redraw with nothing new)."""
    window = main_window(nominations_db, user="editor")
    view = _map_on_screen(qtbot, window)
    described: list = []
    for module in (m for m in (chart_view, map_view) if hasattr(m, "describe")):
        real = module.describe
        monkeypatch.setattr(module, "describe",
                            lambda data, real=real: described.append(data) or real(data))
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, user="alice", figures=Figures(HENDON_2024, 187),
                   overrides=["recount_range"])
        dk.verify(desk, HENDON, user="bob", votes=HENDON_2024, invalid=187)
    with qtbot.waitSignal(window.refreshed, timeout=5000):
        pass
    qtbot.waitUntil(lambda: view.chart.data.declared == 1, timeout=3000)
    assert len(described) == 1
    assert view.canvas.accessibleDescription() == describe(view.chart.data)
    view._redraw()  # nothing new: nothing worked out again
    assert len(described) == 1
    assert view.canvas.accessibleDescription() == describe(view.chart.data)
