"""A screen reader hears what each chart shows: its canvas has a name ("Seats chart") and a
description in words, kept up to date as seats are verified."""

from __future__ import annotations

from helpers.seats import HENDON, HENDON_2024
from PySide6.QtGui import QAccessible

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store


def _front(window, view) -> None:
    dock = next(d for d in window.chart_docks if d.widget() is view)
    dock.show()
    dock.raise_()


def _heard(widget) -> tuple[str, str]:
    """(name, description) as Qt's accessibility layer gives them to a screen reader."""
    face = QAccessible.queryAccessibleInterface(widget)
    return (face.text(QAccessible.Text.Name), face.text(QAccessible.Text.Description))


def test_every_chart_on_the_full_night_is_described(qtbot, main_window, night_db):
    window = main_window(night_db, user="editor")
    expected = {"seat_view": ("Seats chart", "Seats: 650 of 650 declared. Lab 411 (+"),
                "hemicycle_view": ("The chamber chart", "The chamber: Lab 411, Con 121"),
                "shares_view": ("Vote share chart", "Vote share: Lab 33.7% (+1.6 pts)"),
                "timeline_view": ("The night chart", "The night: 650 of 650 declared"),
                "map_view": ("The map chart", "The map: 650 of 650 declared. Lab 411")}
    for attribute, (name, start) in expected.items():
        view = getattr(window, attribute)
        _front(window, view)
        qtbot.waitUntil(lambda v=view: v.canvas.accessibleDescription() != "")
        heard_name, heard = _heard(view.canvas)
        assert heard_name == name
        assert heard.startswith(start), heard


def test_a_verification_changes_what_the_seat_chart_says(qtbot, main_window,
                                                         nominations_db):
    window = main_window(nominations_db, user="alice")
    _front(window, window.seat_view)
    qtbot.waitUntil(lambda: window.seat_view.canvas.accessibleDescription() != "")
    assert "0 of 650 declared. No seats yet." in window.seat_view.canvas.accessibleDescription()
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, user="alice", figures=Figures(HENDON_2024, 187),
                   overrides=["recount_range"])
        dk.verify(desk, HENDON, user="bob", votes=HENDON_2024, invalid=187)
    window.refresh_if_changed()
    qtbot.waitUntil(lambda: "1 of 650 declared. Lab 1 (+1)"
                    in window.seat_view.canvas.accessibleDescription())


def test_the_find_box_and_filters_are_named_for_a_screen_reader(qtbot, main_window,
                                                                 night_db):
    window = main_window(night_db, user="editor")
    assert _heard(window.search)[0] == "Find a constituency"
    for combo, label in ((window.status_filter, "Status:"), (window.nation_filter, "Nation:")):
        face = QAccessible.queryAccessibleInterface(combo)
        labels = [other.text(QAccessible.Text.Name)
                  for other, _kind in face.relations(QAccessible.RelationFlag.Label)]
        assert labels == [label]
