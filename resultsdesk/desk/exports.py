"""Exporting results as data files, in the formats the desk imports and graphics use."""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from pathlib import Path

from ..domain import tally
from ..domain.declaration_time import UK_TIME, moment, uk_clock_problem
from ..domain.model import BaselineSeat, SeatResult
from ..domain.regions import ons_region_id
from ..domain.summary import SeatOutcome, seat_outcome
from ..domain.timeline import declared_at
from ..io.lot_mark import LOT_COLUMN, LOT_MARK
from ..io.results_export import PARTY_COLUMNS, RUK_COLUMN_PARTIES, write_results
from ..store import Store
from ..store import repository as repo
from ..store.rehearsal import is_rehearsal
from ..store.timeline import version_times

log = logging.getLogger(__name__)


def _declaration_time(iso: str | None) -> str:
    """The HoC column: the wall clock at the count (UK time, no offset), which is how the
    importer reads it back; a time stored with another offset is converted, not copied. In
    the hour the clock showed twice (the night BST ends) the wall clock alone names two
    moments, and the importer refuses it: that hour is written with its offset
    ("2023-10-29T01:40+01:00"), as the importer asks."""
    when = moment(iso)
    if when is None:
        return ""
    local = when.astimezone(UK_TIME)
    if uk_clock_problem(local.replace(tzinfo=None)) is not None:
        return local.isoformat(timespec="minutes")
    return local.strftime("%d/%m/%Y %H:%M")


def results_rows(store: Store) -> tuple[list[dict], list[dict]]:
    """By-candidate and by-constituency rows of every verified result (HoC column names)."""
    with store.snapshot():  # the figures and the columns around them from one state
        baseline = repo.baseline_seats(store)
        results = {seat.code: seat for seat in repo.seat_results(store)}
        seats: dict[str, list[dict]] = defaultdict(list)
        for row in repo.verified_candidate_rows(store):
            seats[row["code"]].append(row)
        # when each seat declared as the table, the Timeline and `majority_reached` say: a
        # correction (or a lot) keeps its count's time, which the verified version alone
        # does not hold; a count keyed at the desk declared when it went on air
        times = version_times(store)
    candidates: list[dict] = []
    constituencies: list[dict] = []
    columns = _party_columns({r["party"] for rows in seats.values() for r in rows})
    for code, rows in seats.items():
        seat, base = results[code], baseline.get(code)
        outcome = seat_outcome(seat, base)
        candidates += _candidate_rows(rows, seat.valid_votes, base,
                                      polled=not outcome.unopposed)
        constituencies.append(_constituency_row(rows, seat, outcome, columns,
                                                declared_at(times.get(code, ()))))
    return candidates, constituencies


def _party_columns(standing: set[str]) -> dict[str, str]:
    """The by-constituency file's party columns, each with the party whose votes it holds:
    its own, but for "RUK" (`RUK_COLUMN_PARTIES`): the 2019 night's export had the Brexit
    Party's 10,603 in Hartlepool under "All other candidates" and 0 under RUK, where the
    Library's file has them."""
    ruk = next((p for p in RUK_COLUMN_PARTIES if p in standing), "RUK")
    return {column: ruk if column == "RUK" else column for column in PARTY_COLUMNS}


def _seat_columns(first: dict) -> dict:
    """The columns that say which seat a row is about, in both files."""
    return {"ONS ID": first["code"], "ONS region ID": ons_region_id(first["region"]),
            "Constituency name": first["constituency"],
            "County name": first["county"], "Region name": first["region"],
            "Country name": first["nation"], "Constituency type": first["kind"]}


def _candidate_rows(rows: list[dict], valid: int, base: BaselineSeat | None, *,
                    polled: bool = True) -> list[dict]:
    # returned unopposed (not `polled`): no poll, so no share, nor a change from the share
    # then (Bercow unopposed read "0.0", "-0.651094": a fall to nothing that never happened)
    then = tally.party_shares(base.votes_by_party) if base and polled else {}
    standing = Counter(r["party"] for r in rows)
    out = []
    for r in rows:
        share = r["votes"] / valid if valid else 0.0
        # empty, as the Library's files leave it, where the baseline has no figure for the
        # party (it did not stand) or the party has several candidates: a change against
        # nothing had been the whole share, which read on air as a rise from zero
        before = tally.share_then(r["party"], standing, then)
        change = "" if before is None or not polled else round(share - before / 100, 6)
        out.append({
            **_seat_columns(rows[0]),
            "Party name": r["party_name"] or r["party_full_name"],
            "Party abbreviation": r["party"],
            # the candidate's own file's ids; the party's first MNIS id only for a candidate
            # recorded before they were kept (the Scottish Greens had the Greens' 44)
            "Electoral Commission party ID": r["ec_party_id"],
            "MNIS party ID": r["row_mnis_id"] or r["mnis_id"] or "",
            "Electoral Commission adjunct party ID": r["ec_adjunct_party_id"],
            "Candidate first name": r["first_name"], "Candidate surname": r["surname"],
            "Candidate gender": r["gender"], "Sitting MP": "Yes" if r["sitting_mp"] else "No",
            "Former MP": "Yes" if r["former_mp"] else "No",
            "Member MNIS ID": r["member_mnis_id"] or "", "Votes": r["votes"],
            "Share": round(share, 6) if polled else "", "Change": change,
            "DC Person ID": r["dc_person_id"] or "",
        })
        if r["tie_winner_candidate_id"] is not None:  # the seat was decided by lot
            out[-1][LOT_COLUMN] = LOT_MARK if r["candidate_id"] == \
                r["tie_winner_candidate_id"] else ""
    return out


def _constituency_row(rows: list[dict], seat: SeatResult, outcome: SeatOutcome,
                      columns: dict[str, str], declared: str | None) -> dict:
    first = rows[0]
    # rows and the seat's candidates are both in ballot order; the winner is found as the
    # candidate it is, not by name: a seat with two candidates of one name gave the Labour
    # winner the other one's gender, and their votes as "other winner".
    elected = tally.winner(seat)
    winner = next((r for r, c in zip(rows, seat.candidates, strict=True) if c is elected),
                  None)
    by_party = tally.party_votes(seat.candidates)
    named = set(columns.values())
    other_winner = winner["votes"] if winner and winner["party"] not in named else 0
    return {
        **_seat_columns(first),
        "Declaration time": _declaration_time(declared),
        "Member first name": winner["first_name"] if winner else "",
        "Member surname": winner["surname"] if winner else "",
        "Member gender": winner["gender"] if winner else "",
        "Result": outcome.result, "First party": outcome.winner_party or "",
        "Second party": outcome.runner_up_party or "",
        "Electorate": first["electorate"] or first["seat_electorate"] or "",
        "Valid votes": seat.valid_votes,
        "Invalid votes": "" if first["invalid_votes"] is None else first["invalid_votes"],
        # returned unopposed: no majority, as on its card ("0" read as a dead heat)
        "Majority": "" if outcome.unopposed else outcome.majority,
        **{column: by_party.get(party, 0) for column, party in columns.items()},
        "All other candidates": sum(v for p, v in by_party.items() if p not in named),
        "Of which other winner": other_winner,
    }


def export_results(store: Store, path: str | Path) -> tuple[Path, Path, int]:
    """Write the verified results; returns both paths and the number of seats. A
    rehearsal's files are marked as such (`io.rehearsal_mark`): a live election's import
    refuses them, so a rehearsal's figures never reach air. A winner drawn by lot is
    marked on their row (`io.lot_mark`), so the lot re-imports with the figures."""
    candidates, constituencies = results_rows(store)
    by_candidate, by_constituency = write_results(
        path, candidates, constituencies, rehearsal=is_rehearsal(store),
        # a lot's winner goes in a column of its own, there only when some seat had one
        by_lot=any(LOT_COLUMN in row for row in candidates))
    log.info("exported %d verified results to %s and %s", len(constituencies), by_candidate,
             by_constituency)
    return by_candidate, by_constituency, len(constituencies)
