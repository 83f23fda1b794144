"""What is news on the night, given what the desk has already been told.

Qt-free policies the main window follows after each refresh: which seats newly in recount range
deserve an alert (`RecountAlerts`), which seats were newly verified and go to the watch
folder (`NewlyVerified`), and which entries a verifier sent back to the desk
(`EntriesGone`, then `sent_back`). They treat the first look at a database (the window
opening, or File > Open) as no news: what was already so is remembered, not announced.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..domain.model import DeclarationStatus, Status
from ..domain.records import record
from ..domain.summary import watch_order
from ..domain.tally import RecountThresholds
from ..domain.wording import isolated
from ..store import Store
from ..store import declarations as sql
from .live import NightState, SeatState
from .visibility import closing_entry


@record
class CloseResult:
    """A seat in recount range, as the alert names it."""

    code: str
    name: str
    status: Status
    tie: bool
    majority: int
    # who holds it by that majority (a party's abbreviation): a seat changing hands by the
    # same majority read as before ("Hendon: majority 15"), which it is not
    winner: str | None = None
    # a tie whose winner was drawn by lot (`tie` is so of any tie): a banner announcing one
    # awaiting the lot goes once it is drawn, one announced drawn stays (`_still_seen`)
    by_lot: bool = False

    def describe(self) -> str:
        held = f"{isolated(self.winner)} majority" if self.winner else "majority"
        size = "TIE" if self.tie else f"{held} {self.majority:,}"
        if self.tie and self.by_lot and self.winner and self.status is Status.VERIFIED:
            # decided, as the watch's BY LOT says: who holds the seat now, no TIE left to
            # read (an entry keyed with its lot is still a TIE until someone verifies it)
            size = f"{isolated(self.winner)} by lot"
        return f"{isolated(self.name)}: {size} ({self.status.value})"


def alert_message(results: Iterable[CloseResult]) -> str:
    return "Recount range: " + "; ".join(r.describe() for r in results)


def gathered_message(results: Iterable[CloseResult], most: int | None = None) -> str:
    """The recount banner's words for every close result it gathered: how many, when more
    than one (a seat arriving a second after another left no trace of the first), naming
    the first `most` of them and counting the rest, which the Recount watch lists."""
    results = list(results)
    if len(results) < 2:
        return alert_message(results)
    named = results if most is None else results[:most]
    more = len(results) - len(named)
    return (f"Recount range, {len(results)} seats: " + "; ".join(r.describe() for r in named)
            + (f"; +{more} more in the Recount watch" if more else ""))


def gather(night: NightState, before: Iterable[CloseResult], fresh: Iterable[CloseResult],
           thresholds: RecountThresholds) -> list[CloseResult]:
    """The close results `before` with `fresh` added (a seat's newer result replacing
    its older one), in the recount watch's order, as one refresh's news is."""
    results = {r.code: r for r in before} | {r.code: r for r in fresh}
    return sorted(results.values(), key=lambda r: _watch_place(night, r.code, thresholds))


def _watch_place(night: NightState, code: str, thresholds: RecountThresholds) -> tuple:
    """Where the seat `code` comes on the recount watch (a seat with no result now, about
    to leave the banner, last)."""
    seat = night.seats.get(code)
    o = None if seat is None else seat.outcome
    if o is None:
        return (1, code)
    return (0, *watch_order(o.majority, o.majority_pct, seat.name, code, thresholds.pct))


class RecountAlerts:
    """A seat in recount range is alerted whenever its result differs from the last one
    the desk saw of it (status, majority, winner): verifying a close provisional result, a
    correction that moves its majority or gives the seat to the runner-up by the same
    majority, one back to a majority alerted earlier (Lab by 15, a recount's Con by 5, a
    correction's Lab by 15 again), are news; a refresh that changes nothing about it, or a
    recount called on it, is not."""

    def __init__(self) -> None:
        self._seen: dict[str, tuple[Status, int, str | None] | None] = {}
        self._first = True

    def reset(self) -> None:
        """Another database: nothing of it has been alerted, and its first look is no news."""
        self._seen.clear()
        self._first = True

    def news(self, night: NightState, changed: Iterable[str],
             thresholds: RecountThresholds) -> list[CloseResult]:
        """The changed seats newly in recount range (or tied), in the recount watch's order
        (`watch_order`: smallest majority first; the seats changed come as a set, whose
        order put a 20-vote seat after a 39); none on the first look, whose close seats are
        remembered as already known."""
        seats = night.seats
        if self._first:  # remembered, no more: which seats are close is nobody's news yet
            self._first = False
            self._seen.update((code, _close_key(seats[code])) for code in changed)
            return []
        fresh = []
        for code in changed:
            seat = seats[code]
            o = seat.outcome
            result = _close_key(seat)
            seen, self._seen[code] = self._seen.get(code), result
            if result is None or result == seen or not night.in_recount_range(code,
                                                                             thresholds):
                continue
            fresh.append((_watch_place(night, code, thresholds),
                          CloseResult(code, seat.name, seat.status, o.tie, o.majority,
                                      held_by(o.tie, o.by_lot, o.winner_party),
                                      by_lot=o.by_lot)))
        return [result for _order, result in sorted(fresh, key=lambda f: f[0])]


def held_by(tie: bool, by_lot: bool, winner: str | None) -> str | None:
    """Who holds a close seat, as its alert names it: nobody while a tie awaits the lot,
    the party drawn once the lot decides it."""
    return None if tie and not by_lot else winner


def _close_key(seat: SeatState) -> tuple[Status, int, str | None] | None:
    """What a close result's alert is about (None: no result shown): its status, majority
    and who holds it. The lot verified on a tie is news: the seat, nobody's as a TIE, goes
    to a party (the banner's TIE is taken down as no longer so, and said nothing of it)."""
    o = seat.outcome
    if seat.shown is None or o is None:
        return None
    return seat.status, o.majority, held_by(o.tie, o.by_lot, o.winner_party)


class _SeatNews:
    """Seats among those changed whose value (`_value`) moved since the last look in a way
    that is news (`_is_news`); none on the first look, whose values are only remembered."""

    def __init__(self) -> None:
        self._seen: dict[str, object] = {}
        self._first = True
        self._before: dict[str, object] = {}  # the last news' seats, as they were before

    def reset(self) -> None:
        self._seen.clear()
        self._first = True

    def _value(self, seat: SeatState) -> object:
        raise NotImplementedError

    def _is_news(self, before: object, now: object) -> bool:
        raise NotImplementedError

    def news(self, night: NightState, changed: Iterable[str]) -> list[str]:
        """Codes (sorted) among `changed` with news; none on the first look."""
        self._before = {}
        seats = night.seats
        if self._first:  # (the whole night, at the window's opening: no order, no news)
            self._first = False
            self._seen.update((code, self._value(seats[code])) for code in changed)
            return []
        fresh = []
        for code in sorted(changed):
            now = self._value(night.seats[code])
            before = self._seen.get(code)
            if self._is_news(before, now):
                fresh.append(code)
                self._before[code] = before
            self._seen[code] = now
        return fresh

    def news_again(self) -> None:
        """The last news not heard (what was to tell it failed: the server went away):
        the next look finds it news again."""
        self._seen.update(self._before)
        self._before = {}


class NewlyVerified(_SeatNews):
    """Seats whose verified version is new since the last look (a verification, or a
    correction verified): what publishing sends to the watch folder. Its time and its
    figures: times are to the second, and a correction verified in the second of the
    verification before it (a script, a feed) was no news, its figures never published."""

    def _value(self, seat: SeatState) -> tuple[str | None, object]:
        return seat.verified_at, seat.verified

    def _is_news(self, before: object, now: object) -> bool:
        return isinstance(now, tuple) and bool(now[0]) and now != before


class RecountCalls(_SeatNews):
    """Seats whose recount was called, or called off, since the last look: news for the
    watch folder, whose recount watch, map and chamber ring the seats under recount and
    would otherwise show the old state until the next verification (late in the night, a
    long wait with a recount called on air)."""

    def _value(self, seat: SeatState) -> bool:
        return seat.recount_under_way

    def _is_news(self, before: object, now: object) -> bool:
        return before is not None and now != before


class VerificationsGone(_SeatNews):
    """Seats whose verified result is gone since the last look (a backup restored over the
    night): news for the watch folder, which otherwise kept it on air ("2 declared", its
    card) until some other seat was verified, though the desk no longer had it."""

    def _value(self, seat: SeatState) -> str | None:
        return seat.verified_at

    def _is_news(self, before: object, now: object) -> bool:
        return bool(before) and not now


class NightRedrawn:
    """What every graphic draws beside the seats' own figures changed since the last look:
    the baseline they are compared with, or the seats they are read from (`NightState.
    read_from`: another baseline imported, seats added), or the parties (the chamber's
    order, a name or colour), or how many seats have only an entry awaiting verification
    (the summary graphic's "+ 1 provisional"). News for the watch folder, which publishes
    the night as it stands: no seat's verification tells of it, and a baseline imported
    mid-night left `gains.json` saying "No baseline to compare with" on air, the chamber in
    its old order, until some seat was verified; an entry rejected or withdrawn left its
    "+ 1 provisional" on air likewise. None on the first look."""

    def __init__(self) -> None:
        self._seen: tuple | None = None

    def reset(self) -> None:
        self._seen = None

    def news(self, night: NightState) -> bool:
        # The seats awaiting verification by status, which every viewer sees, not
        # `provisional_count` (those whose figures this viewer may see): the folder's
        # publish counts them all, and a blind verifier's window heard of none.
        keyed = night.provisional_count(hidden_too=True)  # (kept as seats change)
        now = (night.read_from, tuple(night.parties[p] for p in sorted(night.parties)), keyed)
        before, self._seen = self._seen, now
        return before is not None and now != before


class EntriesGone(_SeatNews):
    """Seats whose entry awaiting verification is gone since the last look without being
    verified: rejected, withdrawn or replaced, which `sent_back` tells apart. A verified
    one (the seat's verified time moved) is not among them: `sent_back` would read the
    seat for it at every verification."""

    def _value(self, seat: SeatState) -> tuple[bool, str | None]:
        awaiting = seat.status is Status.PROVISIONAL or seat.pending_over_verified is not None
        return awaiting, seat.verified_at

    def _is_news(self, before: object, now: object) -> bool:
        return isinstance(before, tuple) and before[0] and not now[0] and now[1] == before[1]


@record
class SentBack:
    """An entry a verifier rejected: the seat goes back to awaiting its figures, among
    hundreds, and whoever keyed it heard nothing (the comment showed only if someone
    opened the seat again)."""

    code: str
    name: str
    version: int
    entered_by: str
    comment: str
    # who rejected it: whom to ask what the comment means (None on a log that lacks it)
    sent_back_by: str | None = None

    def describe(self) -> str:
        by = f" by {isolated(self.sent_back_by)}" if self.sent_back_by else ""
        return (f"{isolated(self.name)}: version {self.version} sent back{by}: "
                f"“{self.comment}” — key it again from the returning officer's sheet")


def sent_back(store: Store, night: NightState, codes: Iterable[str]) -> list[SentBack]:
    """Of the seats `codes`, those whose newest version was rejected (nothing has been
    keyed since), as that version records it: one indexed row a seat, and for each sent
    back its audit entries (by the seat's index) for who rejected it."""
    out = []
    for code in codes:
        latest = sql.latest_entry(store, code)
        if latest is not None and latest["status"] == DeclarationStatus.REJECTED:
            out.append(SentBack(code, night.seats[code].name, latest["version"],
                                latest["entered_by"], latest["note"] or "",
                                sent_back_by(store, code, latest["version"])))
    return out


def sent_back_by(store: Store, code: str, version: int) -> str | None:
    """Who rejected the seat's `version`, as its audit entry records it (everyone's to
    read, as History shows it): the keyer asks them what the comment means."""
    entry = closing_entry(sql.audit_entries(store, code), version, DeclarationStatus.REJECTED)
    return entry["user"] if entry else None
