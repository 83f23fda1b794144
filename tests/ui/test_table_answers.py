"""The live tables work each cell's answers out once (issue 15): a view asks `data()` for a
dozen roles of every cell it paints, at every repaint. Kept per row (`RowsTableModel`), a
repaint asks the model for nothing new, a changed seat for its own row's answers only, and
what the answers depend on besides the row (the theme, the recount line, the parties'
colours) makes them be worked out again."""

from __future__ import annotations

import pytest
from helpers.seats import HENDON, HENDON_2024
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTableView

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.live import NightState
from resultsdesk.desk.overview import rows_of
from resultsdesk.domain import tally
from resultsdesk.domain.model import Figures
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.store import Store
from resultsdesk.ui import style, table_model
from resultsdesk.ui.constituency_model import ConstituencyTableModel
from resultsdesk.ui.recount_model import RecountModel

POOLE = "E14001429"


def _declare(store, code: str, votes) -> None:
    dk.declare(store, code, user="alice", figures=Figures(list(votes), 187),
               overrides=WARNING_CODES)


@pytest.fixture
def night(nominations_db):
    """The nominations night with two close seats in the watch: Hendon declared (Lab by
    15), Poole's recount called."""
    with Store(nominations_db) as store:
        _declare(store, HENDON, HENDON_2024)
        dk.mark_recount(store, POOLE, user="alice")
        state = NightState(store)
        state.refresh()
        yield store, state


def _watch(state: NightState, thresholds=tally.DEFAULT_THRESHOLDS) -> RecountModel:
    model = RecountModel()
    colours = {p: party.colour for p, party in state.parties.items()}
    model.update(state, set(state.seats), thresholds, colours)
    return model


def _shown(qtbot, model) -> QTableView:
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(600, 300)
    view.show()
    # Its rows are laid out (and painted) on the event loop's next turn.
    qtbot.waitUntil(lambda: model.answers_worked_out > 0)
    return view


def _cell(model, row: int, col: int, role):
    return model.data(model.index(row, col), role)


def test_a_repaint_works_out_no_answer_twice(qtbot, night):
    store, state = night
    model = _watch(state)
    view = _shown(qtbot, model)
    view.viewport().repaint()
    first = model.answers_worked_out
    assert first > 0 and model.rowCount() == 2
    view.viewport().repaint()
    view.viewport().repaint()
    assert model.answers_worked_out == first  # the same rows: nothing worked out again

    # Hendon verified: its row is a new record, the recount's row is the one it was.
    dk.verify(store, HENDON, user="bob", votes=None)
    model.update(state, state.refresh(), tally.DEFAULT_THRESHOLDS, model._colours)
    before = model.answers_worked_out
    view.viewport().repaint()
    assert 0 < model.answers_worked_out - before <= first // 2  # one row's, of two


def test_answers_follow_the_theme(qtbot, night):
    _store, state = night
    model = _watch(state)
    hendon = [r.code for r in model._rows].index(HENDON)
    colour = _cell(model, hendon, 1, Qt.ItemDataRole.ForegroundRole).color().name()
    assert colour == QColor(style.LIGHT_UI.alert).name()
    try:
        style.use_colours(style.DARK_UI)
        dark = _cell(model, hendon, 1, Qt.ItemDataRole.ForegroundRole).color().name()
    finally:
        style.use_colours(style.LIGHT_UI)
    assert dark == QColor(style.DARK_UI.alert).name() != colour


def test_another_recount_line_writes_the_same_rows_shares_again(qtbot, night):
    """The same seats at another line: each share is written against the line ("0.04%"
    for Hendon's 0.0389 at the usual 0.5%, "0.03%" at a 0.04% line), so the rows are
    repainted and asked again, though none came or went."""
    _store, state = night
    model = _watch(state)
    hendon = [r.code for r in model._rows].index(HENDON)
    assert _cell(model, hendon, 2, Qt.ItemDataRole.DisplayRole) == "0.04%"
    repainted = []
    model.dataChanged.connect(lambda a, b, *_: repainted.append((a.row(), b.row())))
    line = tally.RecountThresholds(votes=tally.DEFAULT_THRESHOLDS.votes, pct=0.04)
    model.update(state, set(), line, model._colours)
    assert [r.code for r in model._rows][hendon] == HENDON
    assert repainted == [(0, model.rowCount() - 1)]
    assert _cell(model, hendon, 2, Qt.ItemDataRole.DisplayRole) == "0.03%"


def test_the_results_table_asks_again_after_new_thresholds_and_colours(qtbot, night):
    _store, state = night
    model = ConstituencyTableModel()
    colours = {p: party.colour for p, party in state.parties.items()}
    model.set_rows(rows_of(state), colours)
    hendon = next(i for i, r in enumerate(model.rows) if r.code == HENDON)
    background = Qt.ItemDataRole.BackgroundRole
    assert _cell(model, hendon, 0, background) is not None  # Lab by 15: in range
    model.set_thresholds(tally.RecountThresholds(votes=10, pct=0.01))
    assert _cell(model, hendon, 0, background) is None
    chip = _cell(model, hendon, 5, Qt.ItemDataRole.DecorationRole)
    model.set_colours({**colours, "Lab": "#00ff00"})
    assert _cell(model, hendon, 5, Qt.ItemDataRole.DecorationRole).cacheKey() \
        != chip.cacheKey()


def test_what_is_kept_stays_bounded(qtbot, night, monkeypatch):
    _store, state = night
    monkeypatch.setattr(table_model, "KEPT_ROWS", 100)
    model = ConstituencyTableModel()
    model.set_rows(rows_of(state), {})
    assert model.rowCount() == 650
    for i in range(model.rowCount()):  # as a filter asks every row for its record
        assert _cell(model, i, 0, Qt.ItemDataRole.DisplayRole) == model.rows[i].name
        assert len(model._answers) <= 100
    assert _cell(model, 0, 0, Qt.ItemDataRole.DisplayRole) == model.rows[0].name
