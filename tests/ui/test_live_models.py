"""The live tables update by row (issue 15): when some seats change, the results table,
recount watch and verification queue repaint, insert or remove just those rows (no model
reset), and still hold what a full reload would."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

import pytest
from helpers.seats import BASILDON, HENDON, HENDON_2024, TIED
from PySide6.QtCore import Qt

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.live import NightState
from resultsdesk.domain import tally
from resultsdesk.domain.model import Figures
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.store import Store
from resultsdesk.ui.queue_model import QueueModel
from resultsdesk.ui.recount_model import RecountModel

POOLE = "E14001429"
CLEAR = (2667, 1966, 139, 9000, 1518, 3038, 18000, 233)  # Hendon: Lab by 9,000


@dataclass
class Signals:
    """What a model told its views."""

    changed: list[tuple[int, int]] = field(default_factory=list)  # (first, last) rows
    inserted: list[tuple[int, int]] = field(default_factory=list)
    removed: list[tuple[int, int]] = field(default_factory=list)
    resets: int = 0

    def clear(self) -> None:
        self.changed.clear()
        self.inserted.clear()
        self.removed.clear()
        self.resets = 0


def _listen(model) -> Signals:
    s = Signals()
    model.dataChanged.connect(lambda a, b, *_: s.changed.append((a.row(), b.row())))
    model.rowsInserted.connect(lambda _p, a, b: s.inserted.append((a, b)))
    model.rowsRemoved.connect(lambda _p, a, b: s.removed.append((a, b)))
    model.modelReset.connect(lambda: setattr(s, "resets", s.resets + 1))
    return s


@pytest.fixture
def window(main_window, nominations_db):
    return main_window(nominations_db, user="alice")


def _declare(db, code: str, votes, user: str = "alice") -> None:
    with Store(db) as desk:
        dk.declare(desk, code, user=user, figures=Figures(list(votes), 187),
                   overrides=WARNING_CODES)


def _verify(db, code: str, user: str = "bob") -> None:
    with Store(db) as desk:
        dk.verify(desk, code, user=user, votes=None)


def _watch(model: RecountModel, store: Store) -> tuple[NightState, dict[str, str]]:
    """`model` filled from the night in `store`, as the window fills its recount watch;
    the night and the parties' colours, for later updates."""
    night = NightState(store)
    night.refresh()
    colours = {p: party.colour for p, party in night.parties.items()}
    model.update(night, set(night.seats), tally.DEFAULT_THRESHOLDS, colours)
    return night, colours


def test_one_verification_repaints_only_its_rows(qtbot, window, nominations_db):
    table, watch, queue = (_listen(m) for m in (window.model, window.recount_model,
                                                window.queue_model))
    _declare(nominations_db, HENDON, HENDON_2024)  # Lab by 15: recount range
    window.refresh_if_changed()
    row = window.model._index[HENDON]
    assert table.changed == [(row, row)] and table.resets == 0
    assert watch.inserted == [(0, 0)] and watch.resets == 0
    assert queue.inserted == [(0, 0)] and queue.resets == 0

    for s in (table, watch, queue):
        s.clear()
    _verify(nominations_db, HENDON)
    window.refresh_if_changed()
    assert table.changed == [(row, row)] and table.resets == 0
    assert watch.changed == [(0, 0)] and not watch.inserted and watch.resets == 0
    assert queue.removed == [(0, 0)] and queue.resets == 0
    assert window.recount_model.row_at(0).status.value == "verified"


def test_the_recount_watch_moves_rows_and_matches_a_reload(qtmodeltester, nominations_db):
    model = RecountModel()
    with Store(nominations_db) as store:
        night, colours = _watch(model, store)
        signals = _listen(model)

        def step(action) -> set[str]:
            action(store)
            changed = night.refresh()
            model.update(night, changed, tally.DEFAULT_THRESHOLDS, colours)
            assert model._rows == night.recount_watch()  # as a full reload would be
            return changed

        step(lambda s: dk.declare(s, HENDON, user="alice", figures=Figures(
            list(HENDON_2024), 187), overrides=WARNING_CODES))
        step(lambda s: dk.mark_recount(s, POOLE, user="alice"))
        assert signals.inserted == [(0, 0), (0, 0)]  # Hendon; then Poole's recount, first
        signals.clear()
        step(lambda s: dk.verify(s, HENDON, user="bob", votes=None))
        assert signals.changed == [(1, 1)] and not signals.inserted and not signals.removed
        signals.clear()
        step(lambda s: dk.correct(s, HENDON, Figures(list(CLEAR), 187), user="alice",
                                  reason="RO restated", overrides=WARNING_CODES))
        step(lambda s: dk.verify(s, HENDON, user="bob", votes=None))
        assert signals.removed == [(1, 1)] and not signals.inserted  # no longer close
        assert [r.code for r in model._rows] == [POOLE]
        assert signals.resets == 0
        qtmodeltester.check(model)
        wide = tally.RecountThresholds(votes=10_000, pct=50.0)
        model.update(night, set(), wide, colours)
        assert signals.resets == 1  # other thresholds: the whole watch again
        assert [r.code for r in model._rows] == [POOLE, HENDON]  # Lab by 9,000 is close now


def test_the_queue_inserts_and_removes_entries(qtmodeltester, nominations_db):
    model = QueueModel()
    with Store(nominations_db) as store:
        signals = _listen(model)
        _declare(nominations_db, HENDON, HENDON_2024)
        _declare(nominations_db, BASILDON, (100,) * len(dk.load_sheet(store, BASILDON)
                                                         .candidates))
        model.set_items(dk.verification_queue(store))
        assert signals.inserted == [(0, 0), (1, 1)] and signals.resets == 0
        signals.clear()
        _verify(nominations_db, HENDON)
        model.set_items(dk.verification_queue(store))
        assert signals.removed == [(0, 0)] and not signals.inserted and signals.resets == 0
        assert [i.code for i in model._rows] == [BASILDON]
        qtmodeltester.check(model)


def test_the_queue_tooltip_shows_a_name_as_typed(qtmodeltester, nominations_db):
    """Qt reads a tooltip that looks like markup as rich text: an enterer named
    '<i>al</i>' must read as typed, not in italics with the name gone."""
    _declare(nominations_db, HENDON, HENDON_2024, user="<i>al</i>")
    with Store(nominations_db) as store:
        model = QueueModel()
        model.set_items(dk.verification_queue(store))
    tip = model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert "entered by &lt;i&gt;al&lt;/i&gt; at" in tip and "<i>" not in tip
    qtmodeltester.check(model)


def test_row_updates_and_event_processing_keep_true_and_none_alive(qtbot):
    """PySide6 6.12.0's emit drops a reference to True each time, and processEvents one to
    None: a night of row updates frees True and aborts the app ("bool_dealloc"). The
    project pins PySide6 below 6.12 (pyproject.toml); this fails on a PySide that leaks."""
    from PySide6.QtWidgets import QApplication

    model = QueueModel()
    model._rows = [object()]
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(5000):
        model._emit_row_changed(0)
        QApplication.processEvents()
    assert abs(sys.getrefcount(True) - true_before) < 50  # 6.12.0: 5,000 short
    assert abs(sys.getrefcount(None) - none_before) < 50


def test_an_undecided_tie_shows_both_tied_parties_on_the_watch(qtmodeltester, nominations_db):
    # Not "TIE — Con", which reads as if Con came second to no one: the two level parties,
    # each said to be tied (under "Winner" and "Runner-up", "Con" and "Lab" alone read as
    # Con having won it).
    _declare(nominations_db, HENDON, TIED)
    _verify(nominations_db, HENDON)
    model = RecountModel()
    with Store(nominations_db) as store:
        _watch(model, store)
    qtmodeltester.check(model)
    row = model.row_at(0)
    assert row.code == HENDON and row.winner_party is None
    assert row.tied_parties == ("Con", "Lab")  # in ballot order
    texts = [model.index(0, col).data() for col in range(1, 5)]
    assert texts == ["TIE", "0.00%", "Con (tied)", "Lab (tied)"]
    chips = [model.index(0, col).data(Qt.ItemDataRole.DecorationRole) for col in (3, 4)]
    assert all(chip is not None for chip in chips)
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == \
        "Hendon: TIE, Con = Lab · verified"


def test_a_watch_rows_tooltip_says_the_result_in_full(qtmodeltester, nominations_db):
    """On a laptop's dock the Winner and Runner-up columns are scrolled out of sight: the
    row's tooltip says who beat whom, by how much, and where the count stands."""
    _declare(nominations_db, HENDON, HENDON_2024)  # Lab over Con by 15
    model = RecountModel()
    with Store(nominations_db) as store:
        night, colours = _watch(model, store)
        tips = [model.index(0, col).data(Qt.ItemDataRole.ToolTipRole) for col in range(5)]
        assert set(tips) == {"Hendon: Lab over Con by 15 (0.04%) · provisional"}
        dk.mark_recount(store, POOLE, user="alice")  # no figures of its own yet
        model.update(night, night.refresh(), tally.DEFAULT_THRESHOLDS, colours)
    qtmodeltester.check(model)
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == "Poole: RECOUNT UNDER WAY"
