"""Several close seats in one refresh are named in the recount alert in the watch's order:
the smallest majority first (then the share as shown, then A-Z), as the Recount watch beside
the banner lists them.

Before: in the order the refresh handed the seats over, which is a set's (it changed from
one run of the app to the next): on the 2024 night verified together, the banner read
"Hendon 15; Poole 18; North West Cambridgeshire 39; Basildon and Billericay 20", the
20-vote seat after the 39, or Basildon first of all."""

from __future__ import annotations

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.alerts import RecountAlerts, alert_message
from resultsdesk.desk.live import NightState
from resultsdesk.domain.model import Figures
from resultsdesk.domain.tally import DEFAULT_THRESHOLDS
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.store import Store

SEATS = ("Hendon", "Poole", "Basildon and Billericay", "North West Cambridgeshire")


def test_seats_verified_together_are_alerted_smallest_majority_first(night_db,
                                                                     nominations_db):
    with Store(night_db) as night:
        real = {n: dk.load_sheet(night, n).verified for n in SEATS}
    with Store(nominations_db) as store:
        night = NightState(store)
        alerts = RecountAlerts()
        alerts.news(night, night.refresh(), DEFAULT_THRESHOLDS)  # the window opening
        for name in SEATS:
            v = real[name]
            dk.declare(store, name, Figures(v.votes, v.invalid_votes), user="alice",
                       overrides=WARNING_CODES)
            dk.verify(store, name, user="bob", votes=v.votes, invalid=v.invalid_votes)
        changed = night.refresh()
        watch = [r.constituency for r in night.recount_watch()]
        for handed in (sorted(changed), sorted(changed, reverse=True)):
            fresh = RecountAlerts()
            fresh.news(night, [], DEFAULT_THRESHOLDS)  # its first look, past
            said = fresh.news(night, handed, DEFAULT_THRESHOLDS)
            assert [r.name for r in said] == watch
    assert watch == ["Hendon", "Poole", "Basildon and Billericay",
                     "North West Cambridgeshire"]
    assert alert_message(said) == (
        "Recount range: Hendon: Lab majority 15 (verified); Poole: Lab majority 18 "
        "(verified); Basildon and Billericay: Con majority 20 (verified); "
        "North West Cambridgeshire: Lab majority 39 (verified)")
