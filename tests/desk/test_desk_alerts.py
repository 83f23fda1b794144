"""What is news on the night (desk/alerts.py): the recount alert and newly verified seats,
on a NightState filled by hand (no database, no Qt)."""

from __future__ import annotations

from resultsdesk.desk.alerts import (
    CloseResult,
    NewlyVerified,
    RecountAlerts,
    alert_message,
    gather,
    gathered_message,
)
from resultsdesk.desk.live import NightState, SeatState
from resultsdesk.domain.model import CandidateVotes, SeatResult, Status
from resultsdesk.domain.summary import seat_outcome
from resultsdesk.domain.tally import RecountThresholds

THRESHOLDS = RecountThresholds(100, 0.5)  # the recount thresholds used below


def _seat(night: NightState, code: str, lab: int, con: int,
          status: Status = Status.VERIFIED, verified_at: str | None = None) -> None:
    result = SeatResult(code, f"Seat {code}", (CandidateVotes("A", "Lab", lab),
                                               CandidateVotes("B", "Con", con)),
                        electorate=90_000, status=status)
    night.seats[code] = SeatState(code, result.name, "England", "London", 90_000,
                                  shown=result, outcome=seat_outcome(result),
                                  verified=result if status is Status.VERIFIED else None,
                                  verified_at=verified_at)


def _awaiting(night: NightState, code: str) -> None:
    night.seats[code] = SeatState(code, f"Seat {code}", "England", "London", 90_000)


def _night() -> NightState:
    night = NightState(store=None)
    _seat(night, "A", 20_000, 19_990, Status.PROVISIONAL)  # majority 10: close
    _seat(night, "B", 30_000, 10_000)  # safe
    _awaiting(night, "C")
    return night


def test_the_first_look_is_no_news_but_is_remembered():
    night, alerts = _night(), RecountAlerts()
    assert alerts.news(night, ["A", "B", "C"], THRESHOLDS) == []  # the window opening
    assert alerts.news(night, ["A"], THRESHOLDS) == []  # still the same: not news later


def test_the_first_look_only_remembers(monkeypatch):
    """The window opening hands every seat of the night over as changed (50,000 on a large
    night): what each is now is remembered, and no more is worked out for news nobody is
    told (where each close seat comes on the watch, its alert, the seats in order), before
    the window's first paint."""
    night = _night()

    def asked(*_args, **_kwargs):
        raise AssertionError("worked out on the first look")

    monkeypatch.setattr(NightState, "in_recount_range", asked)
    alerts, verified = RecountAlerts(), NewlyVerified()
    changed = [_Code(code) for code in ("A", "B", "C")]
    assert alerts.news(night, changed, THRESHOLDS) == []
    assert verified.news(night, changed) == []
    monkeypatch.undo()
    _seat(night, "A", 20_000, 19_990, Status.VERIFIED, verified_at="2024-07-05T01:00")
    assert [r.code for r in alerts.news(night, ["A"], THRESHOLDS)] == ["A"]  # remembered
    assert alerts.news(night, ["B", "C"], THRESHOLDS) == []
    assert verified.news(night, ["A"]) == ["A"]
    assert verified.news(night, ["B", "C"]) == []


class _Code(str):
    """A seat's code that says so when it is put in order (sorting the whole night's
    codes, four times, came to ~70 ms of a 50,000-seat window's opening)."""

    def __lt__(self, other):
        raise AssertionError("put in order on the first look")

    __gt__ = __le__ = __ge__ = __lt__


def test_a_seat_newly_in_range_is_alerted_once():
    night, alerts = _night(), RecountAlerts()
    alerts.news(night, ["A", "B", "C"], THRESHOLDS)
    _seat(night, "C", 15_000, 15_050, Status.PROVISIONAL)  # declared: majority 50
    assert alerts.news(night, ["C"], THRESHOLDS) == [
        CloseResult("C", "Seat C", Status.PROVISIONAL, False, 50, "Con")]  # Con holds it
    assert alerts.news(night, ["C"], THRESHOLDS) == []  # refreshed, unchanged


def test_verifying_or_a_new_majority_is_news_again_a_safe_seat_never():
    night, alerts = _night(), RecountAlerts()
    alerts.news(night, ["A", "B", "C"], THRESHOLDS)
    _seat(night, "A", 20_000, 19_990, Status.VERIFIED)
    assert [r.status for r in alerts.news(night, ["A"], THRESHOLDS)] == [Status.VERIFIED]
    _seat(night, "A", 20_000, 19_995, Status.VERIFIED)  # a correction: majority 5
    assert [r.majority for r in alerts.news(night, ["A"], THRESHOLDS)] == [5]
    _seat(night, "B", 30_001, 10_000)
    assert alerts.news(night, ["B"], THRESHOLDS) == []


def test_a_close_seat_changing_hands_or_back_to_an_earlier_result_is_news_again():
    night, alerts = _night(), RecountAlerts()
    alerts.news(night, ["A", "B", "C"], THRESHOLDS)
    _seat(night, "A", 20_000, 19_990, Status.VERIFIED)  # Lab by 10
    assert [r.majority for r in alerts.news(night, ["A"], THRESHOLDS)] == [10]
    _seat(night, "A", 19_990, 20_000, Status.VERIFIED)  # corrected (transposed): Con by 10
    assert [r.majority for r in alerts.news(night, ["A"], THRESHOLDS)] == [10]
    _seat(night, "A", 20_000, 19_995, Status.VERIFIED)  # a recount: Lab by 5
    assert [r.majority for r in alerts.news(night, ["A"], THRESHOLDS)] == [5]
    _seat(night, "A", 19_990, 20_000, Status.VERIFIED)  # corrected again: Con by 10
    assert [r.majority for r in alerts.news(night, ["A"], THRESHOLDS)] == [10]
    night.seats["A"].recount_under_way = True  # a recount called: the same result
    assert alerts.news(night, ["A"], THRESHOLDS) == []


def test_the_thresholds_decide_what_is_close_and_a_tie_always_is():
    night, alerts = _night(), RecountAlerts()
    alerts.news(night, [], THRESHOLDS)
    _seat(night, "C", 15_000, 15_050)  # majority 50 (0.17 %)
    assert alerts.news(night, ["C"], RecountThresholds(10, 0.1)) == []  # outside tighter thresholds
    _seat(night, "D", 12_345, 12_345)
    tie = alerts.news(night, ["D"], RecountThresholds(0, 0.0))
    assert [(r.code, r.tie) for r in tie] == [("D", True)]
    assert alert_message(tie) == "Recount range: Seat D: TIE (verified)"


def test_another_database_starts_afresh():
    night, alerts = _night(), RecountAlerts()
    alerts.news(night, ["A"], THRESHOLDS)
    alerts.reset()  # File > Open
    assert alerts.news(night, ["A"], THRESHOLDS) == []  # its first look again
    _seat(night, "A", 20_000, 19_990, Status.VERIFIED)
    assert len(alerts.news(night, ["A"], THRESHOLDS)) == 1


def test_the_message_names_each_seat_with_its_majority_and_status():
    results = [CloseResult("A", "Hendon", Status.PROVISIONAL, False, 15, "Lab"),
               CloseResult("B", "Basildon", Status.VERIFIED, False, 1_234, "Con")]
    assert alert_message(results) == ("Recount range: Hendon: Lab majority 15 "
                                      "(provisional); Basildon: Con majority 1,234 "
                                      "(verified)")


def test_close_results_gathered_over_refreshes_are_in_the_watchs_order_and_counted():
    """The banner's seats, gathered from one refresh's news after another: a seat's newer
    result replaces its older one, the smallest majority comes first, and past `most` the
    rest are counted."""
    night, alerts = _night(), RecountAlerts()
    alerts.news(night, ["A", "B", "C"], THRESHOLDS)
    _seat(night, "C", 15_000, 14_970)  # majority 30
    first = alerts.news(night, ["C"], THRESHOLDS)
    _seat(night, "A", 20_000, 19_990, Status.VERIFIED)  # majority 10, verified now
    _seat(night, "D", 15_000, 14_950)  # majority 50
    banner = gather(night, first, alerts.news(night, ["A", "D"], THRESHOLDS), THRESHOLDS)
    assert [(r.code, r.status) for r in banner] == [
        ("A", Status.VERIFIED), ("C", Status.VERIFIED), ("D", Status.VERIFIED)]
    assert gathered_message(banner[:1]) == alert_message(banner[:1])  # one: as ever
    assert gathered_message(banner, most=2) == (
        "Recount range, 3 seats: Seat A: Lab majority 10 (verified); Seat C: Lab majority "
        "30 (verified); +1 more in the Recount watch")


def test_newly_verified_seats_are_news_after_the_first_look():
    night, watch = _night(), NewlyVerified()
    _seat(night, "B", 30_000, 10_000, verified_at="2024-07-05T01:00:00")
    assert watch.news(night, ["A", "B", "C"]) == []  # opening: B was verified already
    _seat(night, "C", 15_000, 5_000, verified_at="2024-07-05T02:00:00")
    _seat(night, "A", 20_000, 19_990, verified_at="2024-07-05T02:00:01")
    assert watch.news(night, ["C", "A", "B"]) == ["A", "C"]  # sorted; B unchanged
    assert watch.news(night, ["A", "C"]) == []
    _seat(night, "B", 30_100, 10_000, verified_at="2024-07-05T03:00:00")  # corrected
    assert watch.news(night, ["B"]) == ["B"]
    # corrected again within that second (a script, a feed): other figures, still news
    _seat(night, "B", 30_200, 10_000, verified_at="2024-07-05T03:00:00")
    assert watch.news(night, ["B"]) == ["B"]
    assert watch.news(night, ["B"]) == []  # looked at again, nothing new
    watch.reset()
    assert watch.news(night, ["B"]) == []
