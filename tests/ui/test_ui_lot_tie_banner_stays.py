"""A tie whose winner was drawn by lot at the count, keyed as one entry (the form's tie
row: winner and note), is alerted like any tie: "Bath: TIE (provisional)". The banner
must stay up as announced. `_still_seen` compared the announced `tie` (true of any tie,
the lot drawn or not) with "a tie the lot has not decided", so the banner and the status
bar's red line were taken down by the same refresh that raised them (the alert's signal
went out; nothing stayed on screen)."""

from __future__ import annotations

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store


def _bath_tied_with_its_lot(db) -> None:
    with Store(db) as store:
        sheet = dk.load_sheet(store, "Bath")
        votes = [19_000 if c.party in ("LD", "Con") else 100 for c in sheet.candidates]
        con = next(c for c in sheet.candidates if c.party == "Con")
        entry = {"user": "alice", "tie_winner": con.id, "note": "drawn from a hat"}
        try:
            dk.declare(store, "Bath", Figures(votes, 50), **entry)
        except dk.FiguresRefused as exc:
            dk.declare(store, "Bath", Figures(votes, 50), **entry,
                       overrides=[p.code for p in exc.problems if not p.is_error])


def test_a_tie_keyed_with_its_lot_stays_on_the_banner(qtbot, main_window, nominations_db):
    window = main_window(nominations_db, user="alice")  # her own entry: hers to see
    window.refresh()
    _bath_tied_with_its_lot(nominations_db)
    alerts: list[str] = []
    window.close_result_alert.connect(alerts.append)
    with qtbot.waitSignal(window.refreshed):
        window.refresh_if_changed()
    assert alerts and "Bath: TIE" in alerts[0]  # announced...
    assert [r.name for r in window.alerted_now] == ["Bath"]  # ...and still said
    assert "Bath: TIE" in window.recount_alert.text()
    assert not window.recount_alert.isHidden()
    with qtbot.waitSignal(window.refreshed):  # a refresh with nothing new keeps it
        window.refresh()
    assert "Bath: TIE" in window.recount_alert.text()
