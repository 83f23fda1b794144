"""A verified tie is on the recount banner ("Hendon: TIE (verified)"). When the lot drawn
on it is verified, the seat goes to a party: on air, in `summary --json`, in the watch
("BY LOT"). The banner's TIE was taken down by that refresh (no longer so), unread, and
nothing said who won: `RecountAlerts` took a lot for "the same close result" as the tie,
so the editor watching the banner for the seat saw it vanish, with no Dismiss pressed and
no word of the seat being decided. The lot verified is news, as a verified recount is."""

from __future__ import annotations

from helpers.seats import HENDON, TIED

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.store import Store

INVALID = 120


def test_the_lot_verified_on_a_tied_seat_is_announced(qtbot, main_window, nominations_db):
    with Store(nominations_db) as store:
        dk.declare(store, HENDON, Figures(TIED, INVALID), user="alice",
                   overrides=WARNING_CODES)
    window = main_window(nominations_db, user="eve")
    with Store(nominations_db) as store:
        dk.verify(store, HENDON, user="bob", votes=TIED, invalid=INVALID)
    with qtbot.waitSignal(window.close_result_alert, timeout=5000) as tie:
        window.refresh_if_changed()
    assert tie.args == ["Recount range: Hendon: TIE (verified)"]

    with Store(nominations_db) as store:
        sheet = dk.load_sheet(store, HENDON)
        con = next(c for c in sheet.candidates if c.party == "Con")
        dk.decide_tie(store, HENDON, user="carol", winner_id=con.id, note="drawn from a hat")
        dk.verify(store, HENDON, user="bob", votes=TIED, invalid=INVALID, tie_winner=con.id)
    with qtbot.waitSignal(window.close_result_alert, timeout=5000) as lot:
        window.refresh_if_changed()
    assert lot.args == ["Recount range: Hendon: Con by lot (verified)"]
    assert window.recount_alert.isVisible()
    assert "Con by lot" in window.recount_alert.text()
    assert "TIE" not in window.recount_alert.text()  # no longer so
    with qtbot.waitSignal(window.refreshed):  # a refresh with nothing new keeps it up
        window.refresh()
    assert window.recount_alert.isVisible()
