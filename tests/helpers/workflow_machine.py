"""A stateful test of the declaration workflow (desk/declarations.py): random sequences of
declare, verify (blind re-key, mismatch, check mode), reject, withdraw, correct, recount and
lot by several people, some under spellings of one name that differ only by case, spacing,
invisible or look-alike characters (helpers.names), on a few seats; after every step:

- nothing is verified (on air) unless someone other than whoever keyed its figures
  verified it; nobody rejects their own entry, nobody withdraws another's (who is who is
  the test's own list of people, not `same_person`);
- a refused action raises a DeskRefusal with a one-line message and writes nothing (a
  mismatched re-key writes its one audit entry and nothing else);
- the audit chain checks intact;
- the live night kept step by step (`NightState.refresh`) equals one loaded from scratch,
  for everyone and for a blind viewer, and the desk's own summary from the store.

`WorkflowMachine` is store-neutral: a subclass says who acts on which handle (`actors`)
and which handle reads everything (`reader`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from helpers.desk_state import snapshot
from helpers.desk_target import trimmed
from helpers.names import CAROL_VARIANTS
from resultsdesk.charts.data import SeatChartData
from resultsdesk.desk import declarations as dk
from resultsdesk.desk import imports
from resultsdesk.desk.audit import check_audit_chain
from resultsdesk.desk.errors import DeskRefusal
from resultsdesk.desk.live import NightState
from resultsdesk.desk.summary import national_summary
from resultsdesk.desk.visibility import EVERYONE, Viewer
from resultsdesk.domain.errors import KnownError
from resultsdesk.domain.identity import InvalidName, display_name
from resultsdesk.domain.model import DeclarationKind, DeclarationStatus, Figures
from resultsdesk.domain.records import replace
from resultsdesk.domain.rekeys import rekeys_used_up
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.paths import ELECTION_2024, data_file
from resultsdesk.store import Store

# Hendon (8 candidates), Beaconsfield (two independents), Belfast East (7).
SEATS = ("E14001279", "E14001082", "N05000001")


@dataclass(frozen=True)
class Actor:
    raw: str  # what is given as user=
    person: str  # who they are, as the test knows it ("" for a name that is refused)
    desk: Any  # the handle they act on


def spellings() -> dict[str, list[str]]:
    """Each person's spellings on an open desk; names display_name refuses under ""."""
    people = {
        "alice": ["alice", "Alice", "  ALICE\t", "\u0430lice", "alice\u200b"],
        "bob": ["bob", "BOB", "b\u043eb", "\uff42\uff4f\uff42"],
        "carol": ["carol"],
        "": ["", "   ", "\u03f2arol", "car\nol"],
    }
    for raw in CAROL_VARIANTS.values():
        try:
            display_name(raw)
        except InvalidName:
            people[""].append(raw)
        else:
            people["carol"].append(raw)
    return people


def result_files(folder: Path) -> dict[str, Path]:
    """Each seat's real 2024 result, a HoC by-candidate file of its own."""
    return {code: trimmed(data_file(ELECTION_2024), folder / f"{code}.csv", (code,))
            for code in SEATS}


def _open(sheet: dk.SeatSheet) -> bool:
    return sheet.verified is None or sheet.recount_under_way


def _pending(sheet: dk.SeatSheet) -> bool:
    return sheet.pending is not None


def _tied(sheet: dk.SeatSheet) -> bool:
    base = sheet.pending or sheet.verified
    return base is not None and base.votes.count(max(base.votes)) > 1


def _figures(n: int, kind: str, seat: int) -> tuple[int, ...]:
    """Distinctive figures for `n` candidates: a clear win, a close one (recount range),
    a tie at the top, or another clear win (a correction)."""
    base = [1000 + 97 * i + 13 * seat for i in range(n)]
    if kind == "clean":
        base[n - 1] = 21_000 + seat
    elif kind == "other":
        base[0] = 19_500 + seat
    elif kind == "close":
        base[1], base[2] = 15_000, 14_990
    elif kind == "tie":
        base[0] = base[n - 1] = 17_000
    return tuple(base)


KINDS = ("clean", "tie", "other", "tie", "close")
# Weighted by repeating: most actions are meant to go through, some are stale.
MODE = st.sampled_from(("current", "none") * 3 + ("stale", "ahead"))


def _mostly(usual: Any, odd: Any) -> st.SearchStrategy:
    return st.sampled_from([usual] * 4 + [odd])


class WorkflowMachine(RuleBasedStateMachine):
    """Subclasses set `actors` (list of Actor), `reader` (a Store that reads everything),
    `import_files` (`result_files`), perhaps `recorded`, and may override `teardown`."""

    actors: list[Actor]
    reader: Store
    import_files: dict[str, Path]  # each seat's real 2024 result, a HoC file
    # Names recorded other than as typed (a server's accounts), and whose they are.
    recorded: Mapping[str, str] = MappingProxyType({})

    def start(self) -> None:
        self.authors: dict[tuple[str, int], set[str]] = {}  # (seat, version): keyed by
        self.imported: set[tuple[str, int]] = set()  # (seat, version)
        self.misses: dict[tuple[str, int, str], int] = {}  # (seat, version, person): re-keys missed
        self.everyone = NightState(self.reader)
        self.blind = NightState(self.reader, viewer=Viewer("bob", sees_all_provisional=False))
        for night in (self.everyone, self.blind):
            night.refresh()
        self.people = {display_name(a.raw): a.person for a in self.actors if a.person}
        self.people.update(self.recorded)

    # --- helpers ---------------------------------------------------------------------

    def person(self, recorded: str | None) -> str | None:
        return None if recorded is None else self.people[recorded]

    def sheet(self, seat: str) -> dk.SeatSheet:
        return dk.load_sheet(self.reader, seat)

    @staticmethod
    def expected(sheet: dk.SeatSheet, mode: str) -> int | None:
        return {"none": None, "current": sheet.current_version,
                "stale": sheet.current_version - 1,
                "ahead": sheet.current_version + 1}[mode]

    def attempt(self, action: Callable[[], Any], seat: str,
                actor: Actor) -> tuple[Any, DeskRefusal | None]:
        """Run one desk action; a refusal must be a DeskRefusal with one line of message
        that wrote nothing and shows none of the seat's figures `actor` may not see. Any
        other exception is a bug and fails the test."""
        before = self.before = snapshot(self.reader)
        secret = self.hidden_figures(seat, actor)
        try:
            return action(), None
        except KnownError as exc:
            assert isinstance(exc, DeskRefusal), f"{type(exc).__name__}: {exc}"
            message = str(exc)
            assert message.strip() and "\n" not in message, repr(message)
            assert snapshot(self.reader) == before, f"refused ({message}) but wrote"
            if not isinstance(exc, dk.FiguresRefused):  # which shows the figures typed
                shown = {int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", message)}
                assert not shown & secret, f"{actor.raw!r} was shown {shown & secret}: {message}"
            return None, exc

    def hidden_figures(self, seat: str, actor: Actor) -> set[int]:
        """The seat's figures nobody verified that `actor` did not key (blind means
        blind), less any also in a version they may see: the large ones, which are
        distinct."""
        versions = self.sheet(seat).versions
        hidden = [v for v in versions if v.verified_by is None
                  and actor.person not in self.authors_of(seat, v)]
        seen = {n for v in versions if v not in hidden for n in v.votes}
        return {n for v in hidden for n in v.votes if n >= 10_000} - seen

    def authors_of(self, seat: str, version: dk.Version) -> set[str]:
        return self.authors.get((seat, version.version), {self.person(version.entered_by)})

    # --- rules -----------------------------------------------------------------------

    # Which seat: an index into the seats the action has something to act on, then the rest.
    SEAT = st.integers(0, 6)
    # Who acts: a person (mostly one who may; "" a name that is refused), in one of their
    # spellings.
    actor = st.tuples(st.sampled_from(["alice", "bob", "carol"] * 3 + [""]),
                      st.integers(0, 100))

    def pick(self, i: int, want: Callable[[dk.SeatSheet], bool]) -> tuple[str, dk.SeatSheet]:
        """Seat `i` among those `want` holds for first (so that actions mostly find
        something to act on), then the others; and its sheet as it stands."""
        sheets = [self.sheet(seat) for seat in SEATS]
        wanted = [s for s in sheets if want(s)]
        sheet = wanted[i % len(wanted)] if wanted and i < 5 else sheets[i % len(sheets)]
        return sheet.code, sheet

    def who(self, i: tuple[str, int]) -> Actor:
        person, spelling = i
        mine = [a for a in self.actors if a.person == person]
        return mine[spelling % len(mine)]

    @rule(seat=SEAT, i=actor, kind=st.sampled_from(KINDS),
          invalid=st.sampled_from([57, 0, None]), override=_mostly(True, False),
          tie=_mostly(False, True), mode=MODE, retry=_mostly(False, True))
    def declare(self, seat, i, kind, invalid, override, tie, mode, retry):
        a, (seat, sheet) = self.who(i), self.pick(seat, _open)
        votes = _figures(len(sheet.candidates), kind, SEATS.index(seat))
        winner = sheet.candidates[0].id if tie else None
        done, refused = self.attempt(lambda: dk.declare(
            a.desk, seat, Figures(votes, invalid), user=a.raw,
            expected_version=self.expected(sheet, mode),
            overrides=WARNING_CODES if override else (), tie_winner=winner, retry=retry), seat, a)
        if refused is None:
            pending = sheet.pending
            assert a.person, f"{a.raw!r} may not act"
            assert pending is None or self.person(pending.entered_by) == a.person, \
                f"{a.raw!r} replaced {pending.entered_by}'s pending entry"
            assert sheet.verified is None or sheet.recount_under_way or (
                retry and done.version == sheet.current_version), \
                "a new entry over a verified result"
            self.authors.setdefault((seat, done.version), {a.person})

    @rule(seat=SEAT, i=actor, how=st.sampled_from(["match", "match", "check", "wrong", "count"]),
          mode=MODE, retry=_mostly(False, True))
    def verify(self, seat, i, how, mode, retry):
        a, (seat, sheet) = self.who(i), self.pick(seat, _pending)
        pending = sheet.pending
        votes = invalid = winner = None
        if how != "check":
            source = pending or sheet.latest
            votes = list(source.votes) if source else [1] * len(sheet.candidates)
            invalid = source.invalid_votes if source else 0
            winner = source.tie_winner_id if source else None  # re-keyed with the figures
            if how == "wrong":
                votes[0] += 1
            elif how == "count":
                votes = votes[:-1]
        result, refused = self.attempt(lambda: dk.verify(
            a.desk, seat, user=a.raw, votes=votes, invalid=invalid, tie_winner=winner,
            expected_version=self.expected(sheet, mode), retry=retry), seat, a)
        if refused is not None:
            if pending is not None and a.person and mode in ("none", "current") \
                    and how in ("match", "wrong", "check") \
                    and a.person not in self.authors_of(seat, pending) and self.can_check(how) \
                    and (how == "check" or not rekeys_used_up(
                        self.misses.get((seat, pending.version, a.person), 0))):
                raise AssertionError(f"{a.raw!r} refused verifying {seat}: {refused}")
            return
        assert a.person, f"{a.raw!r} may not act"
        if not result.verified:  # three of a person's misses of a version, then refused
            key = (seat, result.version.version, a.person)
            self.misses[key] = self.misses.get(key, 0) + 1
        if not result.verified and not retry:  # a mismatch: its audit entry, nothing else
            after = snapshot(self.reader)
            assert (after[0], after[1], after[3]) == (self.before[0], self.before[1],
                                                      self.before[3])
            assert after[2][:-1] == self.before[2]
            assert after[2][-1]["action"] == "verify mismatch"
        if result.verified and pending is not None and result.version.version == \
                pending.version:
            assert a.person not in self.authors_of(seat, pending), \
                f"{a.raw!r} verified their own entry ({pending.entered_by})"
            assert how in ("match", "check"), "a wrong re-key verified"

    def can_check(self, how: str) -> bool:
        """Whether this store verifies in `how` mode (a server: blind re-key only)."""
        return True

    @rule(seat=SEAT, i=actor, comment=_mostly("adds up wrong", ""),
          mode=MODE)
    def reject(self, seat, i, comment, mode):
        a, (seat, sheet) = self.who(i), self.pick(seat, _pending)
        _, refused = self.attempt(lambda: dk.reject(
            a.desk, seat, user=a.raw, comment=comment,
            expected_version=self.expected(sheet, mode)), seat, a)
        if refused is None:
            assert a.person not in self.authors_of(seat, sheet.pending), \
                f"{a.raw!r} rejected their own entry"

    @rule(seat=SEAT, i=actor, mode=MODE)
    def withdraw(self, seat, i, mode):
        a, (seat, sheet) = self.who(i), self.pick(seat, _pending)
        _, refused = self.attempt(lambda: dk.withdraw(
            a.desk, seat, user=a.raw, expected_version=self.expected(sheet, mode)), seat, a)
        pending = sheet.pending
        mine = pending is not None and a.person == self.person(pending.entered_by)
        if refused is None:
            assert mine, f"{a.raw!r} withdrew someone else's entry"
        elif mine and mode in ("none", "current"):
            raise AssertionError(f"{a.raw!r} could not withdraw their own entry: {refused}")

    @rule(seat=SEAT, i=actor, kind=st.sampled_from(KINDS),
          reason=_mostly("RO restated", ""), mode=MODE,
          retry=_mostly(False, True), tie=_mostly(False, True))
    def correct(self, seat, i, kind, reason, mode, retry, tie):
        a, (seat, sheet) = self.who(i), self.pick(seat, lambda s: s.verified is not None)
        votes = _figures(len(sheet.candidates), kind, SEATS.index(seat))
        winner = sheet.candidates[-1].id if tie else None  # the other one tied
        done, refused = self.attempt(lambda: dk.correct(
            a.desk, seat, Figures(votes, 57), user=a.raw, reason=reason,
            expected_version=self.expected(sheet, mode), overrides=WARNING_CODES,
            tie_winner=winner, retry=retry), seat, a)
        if refused is None:
            pending = sheet.pending
            assert sheet.verified is not None, "a correction of nothing verified"
            assert pending is None or self.person(pending.entered_by) == a.person
            self.authors.setdefault((seat, done.version), {a.person})

    @rule(seat=SEAT, i=actor, under_way=st.booleans(),
          mode=MODE)
    def recount(self, seat, i, under_way, mode):
        a, (seat, sheet) = self.who(i), self.pick(seat, lambda s: s.latest is not None)
        _, refused = self.attempt(lambda: dk.mark_recount(
            a.desk, seat, user=a.raw, under_way=under_way,
            expected_version=self.expected(sheet, mode)), seat, a)
        if refused is None and under_way:
            assert not dk.recount_awaiting_figures(sheet), "a recount called twice"
        if refused is None and not under_way:
            assert sheet.pending is None or not sheet.recount_under_way \
                or sheet.pending.count_number != sheet.current_count, \
                "a recount called off with its count awaiting verification"

    @rule(seat=SEAT, i=actor, pick=st.sampled_from([0, -1, 0, -1, 1]),
          note=_mostly("drawn from a hat", ""), mode=MODE)
    def lot(self, seat, i, pick, note, mode):
        a, (seat, sheet) = self.who(i), self.pick(seat, _tied)
        winner = sheet.candidates[pick].id  # tied figures tie the first and the last
        done, refused = self.attempt(lambda: dk.decide_tie(
            a.desk, seat, user=a.raw, winner_id=winner, note=note,
            expected_version=self.expected(sheet, mode)), seat, a)
        if refused is None:
            base = sheet.pending or sheet.verified
            assert not sheet.recount_under_way or base.count_number == sheet.current_count, \
                f"a lot on count {base.count_number} while recount {sheet.current_count} runs"
            keyed = {a.person}
            if base.verified_by is None:
                base_authors = self.authors_of(seat, base)
                assert base_authors == {a.person}, \
                    f"{a.raw!r} recorded a lot on {base_authors}'s unverified figures"
                keyed |= base_authors
            self.authors[(seat, done.version)] = keyed

    @rule(seat=SEAT, i=actor)
    def import_results(self, seat, i):
        """The seat's real 2024 result imported from a HoC file: verified on arrival (an
        official result; not keyed at the desk, so four eyes do not apply)."""
        a, (seat, sheet) = self.who(i), self.pick(seat, lambda s: True)
        _, refused = self.attempt(lambda: imports.import_results(
            a.desk, self.import_files[seat], user=a.raw), seat, a)
        if refused is None:
            assert a.person, f"{a.raw!r} may not act"
            self.imported.add((seat, sheet.current_version + 1))

    # --- invariants --------------------------------------------------------------------

    @invariant()
    def four_eyes(self) -> None:
        for seat in SEATS:
            for v in self.sheet(seat).versions:
                if v.status is DeclarationStatus.VERIFIED:
                    assert v.verified_by is not None, f"{seat} v{v.version} verified by nobody"
                if v.verified_by is not None and (seat, v.version) not in self.imported:
                    assert self.person(v.verified_by) not in self.authors_of(seat, v), \
                        f"{seat} v{v.version}: {v.verified_by} verified figures they keyed"
                if v.kind is DeclarationKind.LOT:
                    assert v.tie_winner_id is not None

    @invariant()
    def chain_intact(self) -> None:
        check = check_audit_chain(self.reader)
        assert check.intact, check.summary()

    @invariant()
    def live_night_kept(self) -> None:
        for night in (self.everyone, self.blind):
            night.refresh()
            fresh = NightState(self.reader, viewer=night.viewer)
            fresh.refresh()
            assert night.seats == fresh.seats
            kept, whole = _read_out(night), _read_out(fresh)
            assert kept == whole, {k: (kept[k], whole[k]) for k in kept if kept[k] != whole[k]}
        for provisional in (False, True):
            whole = national_summary(self.reader, include_provisional=provisional)
            kept = self.everyone.summary(include_provisional=provisional)
            assert (kept.seats, kept.votes, kept.declared, kept.recount_watch, kept.ties) == \
                (whole.seats, whole.votes, whole.declared, whole.recount_watch, whole.ties)


def _any_order(chart: SeatChartData) -> SeatChartData:
    """The seats chart's data, whose bars come in any order (the chart sorts what it
    draws, `drawn`): in one order, with what is drawn."""
    return replace(chart, bars=tuple(sorted(chart.bars, key=lambda b: b.party)))


def _read_out(night: NightState) -> dict:
    """What the views read out of a night."""
    return {
        "summary": night.summary(), "provisional": night.summary(include_provisional=True),
        "watch": night.recount_watch(), "strip": night.strip_data(),
        "seats chart": _any_order(night.seat_chart_data(show_provisional=True)),
        "seats drawn": night.seat_chart_data(show_provisional=True).drawn(),
        "hemicycle": night.hemicycle_data(show_provisional=True),
        "shares": night.vote_share_data(), "provisional seats": night.provisional_seats(),
        "latest": (night.latest_declared(), night.latest_verified_at()),
        "everyone": night.viewer == EVERYONE,
    }
