"""The window's Recount watch tells a tie decided by lot from one awaiting the lot, as the
recounts graphic (BY LOT) and the result card ("winner drawn by lot") do.

Before: Bath, tied and then won by Con on a lot drawn and verified, read "TIE" under
Majority, its hover "Bath: TIE, Con = LD · verified", exactly as while the lot was still to
come: an editor could not tell from the watch that the seat had been decided (nor that the
lot was verified) while the graphic on air said BY LOT."""

from __future__ import annotations

from helpers.party_votes import declare_by_party
from PySide6.QtCore import Qt

from resultsdesk.desk import declarations as dk
from resultsdesk.store import Store


def _bath_tied(db, *, lot: bool) -> None:
    with Store(db) as store:
        declare_by_party(store, "Bath", {"LD": 19_000, "Con": 19_000})
        if lot:
            con = next(c for c in dk.load_sheet(store, "Bath").candidates
                       if c.party == "Con")
            dk.decide_tie(store, "Bath", user="alice", winner_id=con.id,
                          note="drawn from a hat")
            dk.verify(store, "Bath", user="bob", votes=None, tie_winner=con.id)


def _bath_row(window) -> list[str]:
    m = window.recount_model
    row = next(r for r in range(m.rowCount()) if m.data(m.index(r, 0)) == "Bath")
    cells = [m.data(m.index(row, c)) for c in range(m.columnCount())]
    return [*cells, m.data(m.index(row, 0), Qt.ItemDataRole.ToolTipRole)]


def test_a_tie_decided_by_lot_reads_by_lot(qtbot, main_window, nominations_db):
    _bath_tied(nominations_db, lot=True)
    window = main_window(nominations_db, user="editor")
    window.refresh()
    _name, majority, _pct, winner, runner_up, hover = _bath_row(window)
    assert (majority, winner, runner_up) == ("BY LOT", "Con", "LD")
    assert hover == "Bath: Con over LD by lot · verified"


def test_a_tie_awaiting_the_lot_still_reads_tie(qtbot, main_window, nominations_db):
    _bath_tied(nominations_db, lot=False)
    window = main_window(nominations_db, user="editor")
    window.refresh()
    _name, majority, _pct, winner, runner_up, hover = _bath_row(window)
    assert majority == "TIE" and {winner, runner_up} == {"Con (tied)", "LD (tied)"}
    assert hover.startswith("Bath: TIE, ")


def test_the_tie_banner_goes_once_the_lot_is_verified(qtbot, main_window, nominations_db):
    """The banner keeps what is still so: "Bath: TIE" stayed up once the lot was drawn
    and verified (the same majority of 0, and the same status, as it compared)."""
    window = main_window(nominations_db, user="editor")
    window.refresh()
    _bath_tied(nominations_db, lot=False)
    with qtbot.waitSignal(window.refreshed):
        window.refresh_if_changed()
    assert "Bath: TIE" in window.recount_alert.text() and window.recount_alert.isVisible()
    with Store(nominations_db) as store:
        con = next(c for c in dk.load_sheet(store, "Bath").candidates if c.party == "Con")
        dk.decide_tie(store, "Bath", user="alice", winner_id=con.id, note="drawn from a hat")
        dk.verify(store, "Bath", user="bob", votes=None, tie_winner=con.id)
    with qtbot.waitSignal(window.refreshed):
        window.refresh_if_changed()
    assert "Bath: TIE" not in window.recount_alert.text()
