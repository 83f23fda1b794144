"""The verification queue shows who entered each result in full on the dock as it first
opens, beside the longest constituency names: the verifier needs the name (nobody verifies
their own entry). It came last, after "What", and the default 470 px dock cut it to "alic"
while "What" showed "Declaration" on every row."""

from __future__ import annotations

from helpers.form_dialogs import queue_in_sight

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui.queue_model import ENTERED_BY, NAME
from resultsdesk.ui.window_layout import FIRST_DOCK_WIDTH


def _longest_seat(store) -> str:
    return store.scalar("SELECT code FROM constituencies ORDER BY length(name) DESC, code "
                        "LIMIT 1")


def test_who_entered_it_is_in_sight_beside_the_longest_name(qtbot, main_window,
                                                            nominations_db):
    with Store(nominations_db) as store:
        code = _longest_seat(store)
        sheet = dk.load_sheet(store, code)
        votes = [1000 + 37 * i for i in range(len(sheet.candidates))]
        dk.declare(store, code, user="Jo Bloggs-Smith", figures=Figures(votes, 10),
                   overrides=["recount_range", "low_turnout"])
    window = main_window(nominations_db, user="bob")
    table = queue_in_sight(qtbot, window, 1)
    index = window.queue_model.index(0, ENTERED_BY)
    assert index.data() == "Jo Bloggs-Smith"
    # On the dock as a window opening for the first time makes it (FIRST_DOCK_WIDTH; the
    # test screen's window is smaller): the columns up to who entered it, the name column
    # at its least (its longest name in full), inside the dock's table less its frame and
    # scroll bar.
    header = table.horizontalHeader()
    least = window.queue_name_fit.least
    right = sum(header.sectionSize(c) for c in range(ENTERED_BY + 1)
                if c != NAME) + least
    room = FIRST_DOCK_WIDTH - 2 * table.frameWidth() \
        - table.verticalScrollBar().sizeHint().width() - 4  # the dock's own margins
    assert right <= room, (right, room)
    assert table.columnWidth(ENTERED_BY) >= table.fontMetrics().horizontalAdvance(
        "Jo Bloggs-Smith")


def test_the_recount_watch_has_room_to_say_a_party_tied(main_window, nominations_db):
    """A tie awaiting the lot reads "Lab (tied)" under Winner and Runner-up; measured for
    "Green" alone, the columns cut it to "Lab …", the word that says it is no win."""
    window = main_window(nominations_db, user="editor")
    table = window.recount_table
    from resultsdesk.ui.sizing import cell_width

    needed = cell_width(table, ["Green (tied)"], icon=True)  # its chip beside it
    for column in (3, 4):  # Winner, Runner-up
        assert table.columnWidth(column) >= needed, (column, table.columnWidth(column))
