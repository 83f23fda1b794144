"""The National summary dock: parties in the seat chart's order (on the 2024 night RUK and DUP
both have 5 seats; the chart, most seats then most votes, has RUK first, while the table had
them by name), the seatless parties the command line lists, and words when nothing is in."""

from __future__ import annotations

from helpers.seats import HENDON, HENDON_2024

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.domain.summary import NationalSummary
from resultsdesk.store import Store
from resultsdesk.ui.seats_model import SeatsTableModel


def _parties(model: SeatsTableModel) -> list[str]:
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_parties_with_equal_seats_come_by_votes_as_on_the_seat_chart(qapp):
    # The 2024 night's ties in seats, as NationalSummary keeps them (by name within a tie).
    summary = NationalSummary(
        "2024", 650, 326, 650,
        seats={"Lab": 411, "DUP": 5, "RUK": 5, "Green": 4, "PC": 4, "SF": 7, "SNP": 9},
        votes={"Lab": 9_708_716, "DUP": 172_058, "RUK": 4_117_610, "Green": 1_944_501,
               "PC": 194_811, "SF": 210_891, "SNP": 724_758, "WPB": 210_194},
        losses={"WPB": 1}, valid_votes=28_809_340)
    model = SeatsTableModel()
    model.set_summary(summary, {})
    assert _parties(model) == ["Lab", "SNP", "SF", "RUK", "DUP", "Green", "PC", "WPB"]


def test_a_party_without_seats_but_a_real_share_is_listed(qapp):
    # A partial night: Reform have 14.7% of the votes and no seat yet. The dock listed
    # only parties with seats, gains or losses, so its shares added up to 85% and Reform
    # were nowhere; the command line's summary lists them (a party under 0.5% stays out).
    summary = NationalSummary(
        "2024", 650, 326, 163, seats={"Lab": 103, "Con": 31},
        votes={"Lab": 2_457_548, "Con": 1_713_916, "RUK": 1_057_920, "WPB": 49_434,
               "Yorks": 20_000},
        gains={"Lab": 49}, losses={"Con": 60}, valid_votes=7_196_251)
    model = SeatsTableModel()
    model.set_summary(summary, {})
    assert _parties(model) == ["Lab", "Con", "RUK", "WPB"]
    assert [model.index(2, c).data() for c in range(5)] == ["RUK", "0", "\u00b10", "1,057,920",
                                                             "14.7%"]


def test_before_any_seat_the_dock_says_so(qtbot, main_window, nominations_db):
    # An empty table under its headers read as broken on a night not yet begun.
    window = main_window(nominations_db, user="alice")
    assert window.seats_model.rowCount() == 0
    assert not window.summary_empty.isHidden()  # (isHidden: its tab may be behind)
    assert window.summary_empty.text() == "No seats declared yet"
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, user="alice", figures=Figures(HENDON_2024, 187),
                   overrides=["recount_range"])
        dk.verify(desk, HENDON, user="bob", votes=HENDON_2024, invalid=187)
    window.refresh_if_changed()
    assert window.seats_model.rowCount() > 0
    assert window.summary_empty.isHidden()


def test_the_change_in_seats_reads_as_on_the_charts(qapp):
    """The dock wrote a loss with a hyphen and no change as a bare "0" ("-251", "0"), where
    the seat chart beside it, the summary graphic and the card say "−251" and "±0"."""
    from resultsdesk.domain.signed import signed

    summary = NationalSummary(
        "2024", 650, 326, 650, seats={"Lab": 411, "Con": 121, "SF": 7},
        votes={"Lab": 9_708_716, "Con": 6_828_925, "SF": 210_891},
        gains={"Lab": 211}, losses={"Con": 251}, valid_votes=28_809_340)
    model = SeatsTableModel()
    model.set_summary(summary, {})
    changes = {model.index(r, 0).data(): model.index(r, 2).data()
               for r in range(model.rowCount())}
    assert changes == {"Lab": "+211", "Con": "\u2212251", "SF": "\u00b10"}
    assert changes == {p: signed(n) for p, n in (("Lab", 211), ("Con", -251), ("SF", 0))}


def test_a_new_election_has_no_majority_line_in_the_dock(qtbot, main_window, tmp_path):
    """Before its seats are imported the dock's headline read "0 of 0 declared · 1 for a
    majority" (the majority line of no seats), as the strip above says it: no seats yet."""
    from resultsdesk.desk.election import init_election

    init_election(tmp_path / "new.db", "GE2029").close()
    window = main_window(tmp_path / "new.db", user="alice")
    assert window.summary_headline.text() == "No seats yet: import the nominations"
