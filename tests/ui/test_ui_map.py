"""The Map dock: hover names the seat, its winner and majority; a click selects the seat in the
results table; zoom frames a nation; a verification recolours the hexes in place; an
election whose codes fit no bundled layout says so instead of drawing a map."""

from __future__ import annotations

import numpy as np
import pytest
from helpers.seats import BASILDON, CLEAN, HENDON, HENDON_2024
from helpers.synthetic import synthetic_election
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolTip

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.store.backup import restore
from resultsdesk.ui import map_view


def _map_on_screen(qtbot, window):
    """The Map dock in front, wide enough that a hex is several pixels across."""
    dock = window.findChild(type(window.chart_docks[0]), "mapDock")
    assert dock is not None and dock.widget() is window.map_view
    dock.show()
    dock.raise_()
    window.showNormal()  # a first run on a small (offscreen) screen opens maximised
    window.resize(1800, 1100)
    window.resizeDocks([dock], [1000], Qt.Orientation.Horizontal)
    view = window.map_view

    def settled() -> bool:  # the canvas has its size, and the figure with it
        fig = view.chart.figure.bbox
        return view.canvas.width() >= 900 and view.on_screen() and round(fig.width) == \
            round(view.canvas.width() * view.canvas.device_pixel_ratio)

    qtbot.waitUntil(settled, timeout=3000)
    view.canvas.draw()
    return view


def _hover(qtbot, view, point: QPoint) -> None:
    """The mouse moved onto `point` (from just beside it: a first move only enters)."""
    QTest.mouseMove(view.canvas, point - QPoint(6, 6))
    qtbot.wait(20)
    QTest.mouseMove(view.canvas, point)


def _point_of(view, code: str) -> QPoint:
    """Where the hex of `code` is on the canvas widget, in widget pixels."""
    chart = view.chart
    i = chart.codes.index(code)
    x, y = chart.ax.transData.transform(chart.xy[i])
    ratio = view.canvas.device_pixel_ratio or 1
    return QPoint(round(x / ratio), round(view.canvas.height() - y / ratio))


def test_hover_names_the_seat_winner_and_majority(qtbot, main_window, night_db):
    window = main_window(night_db, user="editor")
    view = _map_on_screen(qtbot, window)
    assert view.has_map() and len(view.chart.codes) == 650
    _hover(qtbot, view, _point_of(view, HENDON))
    qtbot.waitUntil(lambda: "Hendon" in QToolTip.text(), timeout=3000)
    text = QToolTip.text()
    assert "Lab gain from Con" in text and "majority 15 (0.04%)" in text
    assert "recount range" in text


def test_click_selects_the_seat_in_the_table(qtbot, main_window, night_db):
    window = main_window(night_db, user="editor")
    view = _map_on_screen(qtbot, window)
    QTest.keyClicks(window.search, "Poole")  # a search that hides Hendon
    assert window.selected_code() != HENDON
    QTest.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=_point_of(view, HENDON))
    qtbot.waitUntil(lambda: window.selected_code() == HENDON, timeout=3000)
    assert window.search.text() == ""  # cleared: it hid the seat clicked


def test_zoom_to_a_nation(qtbot, main_window, night_db):
    window = main_window(night_db, user="editor")
    view = _map_on_screen(qtbot, window)
    options = [view.zoom.itemText(i) for i in range(view.zoom.count())]
    assert options[:5] == ["UK", "England", "Scotland", "Wales", "Northern Ireland"]
    assert "London" in options and "North East" in options
    whole = view.chart.ax.get_xlim(), view.chart.ax.get_ylim()
    view.zoom.setFocus()
    QTest.keyClicks(view.zoom, "Scotland")  # typing in a combo box picks the item
    qtbot.waitUntil(lambda: view.chart.data.focus == "Scotland", timeout=3000)
    view.canvas.draw()
    chart = view.chart
    (x0, x1), (y0, y1) = chart.ax.get_xlim(), chart.ax.get_ylim()
    assert (y1 - y0) < (whole[1][1] - whole[1][0]) / 2  # Scotland is a fraction of the UK
    framed = {s.code for s, (x, y) in zip(chart.data.seats, chart.xy, strict=True)
              if x0 <= x <= x1 and y0 <= y <= y1}
    scottish = {s.code for s in chart.data.seats if s.nation == "Scotland"}
    assert len(scottish) == 57 and scottish <= framed and len(framed) < 150
    assert "Scotland" in view.chart.header.subtitle.get_text()


def test_a_verification_recolours_the_map_in_place(qtbot, main_window, nominations_db):
    window = main_window(nominations_db, user="editor")
    view = _map_on_screen(qtbot, window)
    chart = view.chart
    rebuilds = chart.rebuilds
    i = chart.codes.index(HENDON)
    before = tuple(chart.face_colours()[i])
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, user="alice", figures=Figures(HENDON_2024, 187),
                   overrides=["recount_range"])
        dk.verify(desk, HENDON, user="bob", votes=HENDON_2024, invalid=187)
    with qtbot.waitSignal(window.refreshed, timeout=5000):
        pass
    qtbot.waitUntil(lambda: tuple(chart.face_colours()[i]) != before, timeout=3000)
    assert chart.rebuilds == rebuilds  # colours changed; nothing rebuilt
    assert chart.data.declared == 1


def _counting(monkeypatch, name: str) -> list:
    """Calls of map_view's `name` (the real one still runs)."""
    calls: list = []
    real = getattr(map_view, name)

    def counted(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(map_view, name, counted)
    return calls


def _verify_again(qtbot, window, db, figures, overrides=()) -> None:
    """Hendon declared (or corrected) with `figures` and verified; the window refreshed."""
    with Store(db) as desk:
        if window.night.seats[HENDON].verified is None:
            dk.declare(desk, HENDON, user="alice", figures=Figures(figures, 187),
                       overrides=list(overrides))
        else:
            dk.correct(desk, HENDON, Figures(figures, 187), user="alice",
                       reason="RO restated", overrides=list(overrides))
        dk.verify(desk, HENDON, user="bob", votes=None)
    with qtbot.waitSignal(window.refreshed, timeout=5000):
        pass


def test_verifications_lay_the_map_out_once(qtbot, main_window, nominations_db,
                                            monkeypatch):
    """The layout (a pass over every seat) follows the set of constituencies, not their
    results: none on a verification; and off screen a verification builds nothing, the
    map catching up once when shown."""
    layouts = _counting(monkeypatch, "layout_for")
    builds = _counting(monkeypatch, "map_data")
    window = main_window(nominations_db, user="editor")
    assert layouts == [] and builds == []  # the Map starts closed: nothing worked out
    view = _map_on_screen(qtbot, window)
    assert view.has_map() and len(layouts) == 1 and len(builds) == 1
    for figures, overrides in ((CLEAN, ()), (HENDON_2024, ["recount_range"]), (CLEAN, ())):
        _verify_again(qtbot, window, nominations_db, figures, overrides)
    qtbot.waitUntil(lambda: view.chart.data.declared == 1, timeout=3000)
    assert len(layouts) == 1 and len(builds) == 4  # one build a verification, no layout
    dock = window.findChild(type(window.chart_docks[0]), "mapDock")
    dock.hide()
    qtbot.waitUntil(lambda: not view.isVisible(), timeout=3000)
    for figures, overrides in ((HENDON_2024, ["recount_range"]), (CLEAN, ())):
        _verify_again(qtbot, window, nominations_db, figures, overrides)
    assert len(layouts) == 1 and len(builds) == 4  # off screen: only remembered
    dock.show()
    dock.raise_()  # opened again: in front of the docks tabbed with it
    qtbot.waitUntil(lambda: len(builds) == 5, timeout=3000)  # shown: the latest night once
    assert len(layouts) == 1


@pytest.fixture
def foreign_db(tmp_path):
    """An election whose constituency codes are on no bundled layout."""
    return synthetic_election(tmp_path)


def test_no_layout_says_so_instead_of_a_map(qtbot, main_window, foreign_db):
    window = main_window(foreign_db, user="editor")
    view = window.map_view
    window.findChild(type(window.chart_docks[0]), "mapDock").raise_()
    assert not view.has_map()
    message = view.message.text()
    assert "match no bundled layout" in message and "E14900001" in message
    assert not view.canvas.isVisibleTo(view) and not view.zoom.isEnabled()


def test_another_election_restored_over_the_night_as_many_seats_and_no_layout(
        qtbot, main_window, tmp_path):
    """`restore --other-election` puts back another election: the window's night is read
    anew, two seats on the 2024 layout become two seats on none. The map looked for a
    layout again only when the night's number of seats changed (seats are otherwise only
    added): it kept the 2024 one, its build refused, and that refusal put off the window's
    whole refresh, again and again: the dock drew the election gone, and the table, the
    alerts and the watch folder never came to the one restored."""
    mapped = synthetic_election(tmp_path / "mapped", "By-elections",
                                codes=(HENDON, BASILDON))
    foreign = synthetic_election(tmp_path / "foreign")
    window = main_window(mapped, user="editor")
    view = _map_on_screen(qtbot, window)
    assert view.has_map() and sorted(view.chart.codes) == sorted((HENDON, BASILDON))
    restore(foreign, mapped, other_election=True, user="ann")
    window.refresh_if_changed()
    assert window.night.election == "Synthetic election"
    assert not window.refresh_retry.isActive()  # the refresh done, not put off
    assert not view.has_map()
    message = view.message.text()
    assert "match no bundled layout" in message and "E14900001" in message
    assert not view.canvas.isVisibleTo(view) and not view.zoom.isEnabled()


def _ring_pixel(view) -> tuple[int, int, int]:
    """The canvas's picture where the ring round the picked seat is drawn (its right-hand
    edge, mid-line), as the screen shows it."""
    from resultsdesk.charts.map import PICK_RADIUS
    from resultsdesk.domain.hexgrid import RADIUS

    chart = view.chart
    cx, cy = chart.pick_ring.center
    (_, y), (x_out, _) = chart.ax.transData.transform([(cx, cy),
                                                       (cx + PICK_RADIUS * RADIUS, cy)])
    buffer = np.asarray(view.canvas.get_renderer().buffer_rgba())
    return tuple(int(v) for v in buffer[buffer.shape[0] - round(y), round(x_out), :3])


def test_the_seat_chosen_in_the_table_is_ringed_on_the_map(qtbot, main_window, night_db):
    """A seat found by name (typed: the only row left), or clicked on the map, is ringed
    there in the table's selection colour; nothing chosen, no ring."""
    window = main_window(night_db, user="editor")
    view = _map_on_screen(qtbot, window)
    chart = view.chart
    highlight = view.palette().color(QPalette.ColorRole.Highlight)
    colour = (highlight.red(), highlight.green(), highlight.blue())
    assert chart.picked is None
    window.search.setFocus()
    QTest.keyClicks(window.search, "Hendon")
    qtbot.waitUntil(lambda: chart.picked == HENDON, timeout=3000)
    assert chart.pick_ring.center == tuple(chart.xy[chart.codes.index(HENDON)])
    qtbot.waitUntil(lambda: _ring_pixel(view) == colour, timeout=3000)  # on screen
    poole = next(s.code for s in chart.data.seats if s.name == "Poole")
    QTest.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=_point_of(view, poole))
    qtbot.waitUntil(lambda: chart.picked == poole, timeout=3000)
    assert window.selected_code() == poole
    qtbot.waitUntil(lambda: _ring_pixel(view) == colour, timeout=3000)
    window.table.clearSelection()
    qtbot.waitUntil(lambda: chart.picked is None, timeout=3000)
    assert chart.pick_ring.get_edgecolor()[3] == 0


def test_the_ring_follows_the_selection_colour_of_a_theme_chosen(qtbot, main_window,
                                                                   night_db):
    """View > Theme: the table's selection turns the dark theme's blue; the ring round the
    seat chosen there stayed the light theme's (it took the colour only when another seat
    was chosen)."""
    window = main_window(night_db, user="editor")
    view = _map_on_screen(qtbot, window)
    chart = view.chart
    window.search.setFocus()
    QTest.keyClicks(window.search, "Hendon")
    qtbot.waitUntil(lambda: chart.picked == HENDON, timeout=3000)
    for theme in ("dark", "light"):
        window.choose_theme(theme)
        highlight = window.table.palette().color(QPalette.ColorRole.Highlight)
        assert chart.picked == HENDON and chart.pick_colour == highlight.name(), theme
        colour = (highlight.red(), highlight.green(), highlight.blue())
        qtbot.waitUntil(lambda colour=colour: _ring_pixel(view) == colour, timeout=3000)
