"""Broadcast graphics of the night: the chart objects the screen shows, filled from the same
`NightState`, written to PNG, SVG or PDF for a graphics system.

    export_graphic(store, "card", "out/hendon.png", constituency="Hendon", theme="broadcast")
    export_pages(store, "recounts", "out/recounts.png")  # recounts.png, recounts-2.png, ...

(`export_folder.export_all(store, "out/")`: every kind in every format, one size.)

National graphics count verified results only, as the desk's charts do by default; a
result card shows the seat's latest figures, badged PROVISIONAL until they are verified.
"""

from __future__ import annotations

import logging
import warnings
from collections import Counter
from collections.abc import Collection
from pathlib import Path

from ..charts import THEMES, Theme
from ..charts._base import Chart
from ..charts._missing import undrawn
from ..charts.card import ResultCardChart
from ..charts.data import (
    CardCandidate,
    RecountWatchData,
    ResultCardData,
    SummaryData,
    SummaryParty,
    WatchedSeat,
)
from ..charts.describe import describe
from ..charts.export import (
    FORMATS,
    SIZES,
    TooManyPages,
    format_of,
    page_path,
    parse_size,
    render_pages,
)
from ..charts.gains import GainsChart
from ..charts.hemicycle import HemicycleChart
from ..charts.map import MapChart
from ..charts.recounts import RecountWatchChart
from ..charts.seats import SeatChart
from ..charts.shares import VoteShareChart
from ..charts.story_data import Flow, GainsData
from ..charts.summary import SummaryChart
from ..charts.timeline import TimelineChart
from ..domain import tally
from ..domain.model import Status
from ..domain.others import DEFAULT_NAMED, OTHERS, NamedParties
from ..domain.records import replace
from ..domain.summary import SeatOutcome
from ..files import check_output
from ..store import Store, audit_log
from .declarations import DeskRefusal, SeatSheet, load_sheet
from .graphic_kinds import KINDS
from .hexmap import NoMapLayout, map_data
from .live import NightState, SeatState
from .live_charts import as_of, timeline_data
from .live_totals import recount_order, recount_row
from .visibility import Viewer

log = logging.getLogger(__name__)
__all__ = ["DATA", "FORMATS", "KINDS", "SIZES", "GraphicsRefusal", "as_of", "card_data",
           "chart_for", "check_format", "data_for", "export_graphic", "export_pages",
           "format_named", "format_of", "gains_data", "is_data", "latest_verified_seat",
           "night_state", "page_path", "parse_size", "recount_data", "size_in_pixels",
           "summary_data", "theme_named", "timeline_data", "write_pages"]

_CHARTS: dict[str, type[Chart]] = {
    "seats": SeatChart, "hemicycle": HemicycleChart, "shares": VoteShareChart,
    "card": ResultCardChart, "recounts": RecountWatchChart, "summary": SummaryChart,
    "timeline": TimelineChart, "gains": GainsChart, "map": MapChart,
}


class GraphicsRefusal(DeskRefusal, ValueError):
    """A graphic that cannot be made as asked (unknown kind, size, format or theme; a card
    with no constituency): the message says what is allowed."""


class PagesRefusal(GraphicsRefusal):
    """A list longer than the most pages a graphic goes on at the size asked for, refused
    before any page is written; the watch folder leaves that graphic out."""


class UndrawnText(UserWarning):
    """A graphic written with words no font on this machine draws: on air as boxes."""


def write_pages(kind: str, chart, path: Path, pixels: tuple[int, int], *, transparent: bool,
                clear_later: bool = True, warned: list[str] | None = None) -> list[Path]:
    """`render_pages`, a list too long for its pages refused in the desk's words; words
    drawn as boxes (a name in a script no font here has) said as an `UndrawnText` warning
    (the command line prints it), or with `warned`, added to it once instead: a worker
    thread's own list (the window's export, the watch folder's publish), which shows it.
    `warnings.catch_warnings` there would change the one set of filters every thread has."""
    try:
        written = render_pages(chart, path, pixels, transparent=transparent,
                               clear_later=clear_later)
    except TooManyPages as exc:
        raise PagesRefusal(f"{kind}: {exc}") from None
    words = undrawn(chart.figure)
    if words:
        line = f"{kind}: no font on this machine draws {', '.join(words)}: on the graphic as boxes"
        if warned is None:
            warnings.warn(UndrawnText(line), stacklevel=2)
        elif line not in warned:  # once, not once a format
            warned.append(line)
    return written


def night_state(store: Store, viewer: Viewer | None = None) -> NightState:
    """The night read for graphics, its "As of" pinned as read: a rehearsal's clock runs on
    while they are drawn (one `export all` said 04:44 to 05:52 on the same 553 seats).
    `viewer`: whose eyes it is read for (a window's export: blind to figures its person
    could verify); default everyone's, as the command line and the watch folder read it."""
    night = NightState(store) if viewer is None else NightState(store, viewer=viewer)
    night.refresh()
    night.as_of_pin = as_of(night)
    return night


def theme_named(theme: str | Theme) -> Theme:
    if isinstance(theme, Theme):
        return theme
    try:
        return THEMES[str(theme).lower()]
    except KeyError:
        raise GraphicsRefusal(f"no theme '{theme}' (choose {', '.join(THEMES)})") from None


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise GraphicsRefusal(f"no graphic '{kind}' (choose {', '.join(KINDS)})")
    return kind


def latest_verified_seat(night: NightState, store: Store | None = None,
                         among: Collection[str] | None = None) -> str | None:
    """The code of the most recently verified seat (of the seats `among`, if given), or
    None before any is verified.

    With `store`: the seat verified last by the audit entries that verified them, whose ids
    follow the order of the writes on a file and on a server alike, whatever the clocks
    said. By `verified_at` alone, a seat verified after the clock was put back (NTP
    stepping a fast PC's clock; two PCs on one file, one's clock ahead) lost the card to
    the one verified before it, until the clock caught up; and times are to the second, so
    among seats verified in one second the time said nothing (the declarations' ids, used
    before, are the order they were KEYED). Without `store`: the latest time, then the last
    by code."""
    seats = night.seats.values() if among is None else \
        [night.seats[c] for c in among if c in night.seats]
    stamped = [(s.verified_at, s.code) for s in seats if s.verified_at]
    if not stamped:
        return None
    if store is None:
        return max(stamped)[1]
    newest = audit_log.newest_vouched(store, [code for _, code in stamped])
    # none verified by an entry (figures sealed when the chain began): by time
    return newest if newest is not None else max(stamped)[1]


# -- data ------------------------------------------------------------------------------------

def card_data(night: NightState, store: Store, constituency: str,
              thresholds: tally.RecountThresholds = tally.DEFAULT_THRESHOLDS,
              ) -> ResultCardData:
    """The result card of one seat (GSS code or exact name): its latest figures (verified or
    provisional), or the candidates standing, in ballot order, while it is awaited."""
    sheet = load_sheet(store, constituency)  # DeskRefusal naming the key if there is none
    seat = night.seats[sheet.code]
    shown, outcome = seat.shown, seat.outcome
    if shown is not None and outcome is not None:
        candidates = _card_candidates(night, seat)
    else:
        candidates = [CardCandidate(c.name, c.party, night.name(c.party),
                                    night.colour(c.party)) for c in sheet.candidates]
    summary = night.summary()
    return ResultCardData(
        constituency=seat.name, code=seat.code, candidates=tuple(candidates),
        winner=outcome.winner_party if outcome else None,
        baseline_winner=outcome.baseline_winner if outcome else None,
        **_card_outcome(night, outcome),
        turnout=seat.turnout, turnout_change=seat.turnout_change,
        swing=seat.swing, swing_from=seat.swing_from, swing_to=seat.swing_to,
        electorate=(shown.electorate if shown and shown.electorate else seat.electorate),
        provisional=seat.status is Status.PROVISIONAL, recount=seat.recount_under_way,
        tie=bool(outcome and outcome.tie and outcome.winner_party is None),
        by_lot=bool(outcome and outcome.by_lot),
        declared=summary.declared, seats_total=summary.seats_total,
        title=seat.name, subtitle=_card_subtitle(night, seat, sheet),
        recount_range=bool(outcome and outcome.watched(thresholds)),
        recounts=_recounts(seat, sheet), recount_line=thresholds.pct)


def _recounts(seat: SeatState, sheet: SeatSheet) -> int:
    """How many recounts came before the figures shown (the version's count number, as
    entered at the desk; an imported result records none)."""
    version = sheet.pending if seat.status is Status.PROVISIONAL else sheet.verified
    return version.count_number if version is not None else 0


def _card_candidates(night: NightState, seat: SeatState) -> list[CardCandidate]:
    """Each candidate's votes and share; the change in their party's share since the
    baseline where they are its only candidate (or NEW where it did not stand; an
    independent never has a change, `tally.share_then`)."""
    shown, outcome = seat.shown, seat.outcome
    base = night.baseline.get(seat.code)
    valid = shown.valid_votes
    standing = Counter(c.party for c in shown.candidates)
    now = tally.party_shares(seat.shown_votes)
    then = tally.party_shares(base.votes_by_party) if base else {}
    # Returned unopposed: no poll, so no share nor a change from the share then, as the
    # results export leaves them empty (the card read "0.0%" and "-55.1" on air)
    polled = not outcome.unopposed  # (a card is of a seat with a result: `elected` reads it)
    candidates = []
    for c in shown.candidates:
        change, new = None, False
        before = tally.share_then(c.party, standing, then)
        if before is not None and polled:
            change = now.get(c.party, 0.0) - before
        elif base and standing[c.party] == 1 and c.party not in then:
            new = True  # (an independent after another is neither compared nor new)
        candidates.append(CardCandidate(
            c.name, c.party, night.name(c.party), night.colour(c.party), c.votes,
            None if not polled else tally.percentage(c.votes, valid) if valid else 0.0,
            change, new,
            elected=(c.name == outcome.winner_name and c.party == outcome.winner_party)))
    return candidates


def _card_outcome(night: NightState, outcome: SeatOutcome | None) -> dict:
    """The card's result line, winner's colour and majority (awaited: none)."""
    if outcome is None:
        return {"result": "Awaiting declaration", "winner_colour": None, "majority": None,
                "majority_pct": None}
    majority, majority_pct = outcome.stated_majority  # (returned unopposed: none)
    return {"result": outcome.result,
            "winner_colour": night.colour(outcome.winner_party) if outcome.winner_party
            else None, "unopposed": outcome.unopposed,
            "majority": majority, "majority_pct": majority_pct}


def _card_subtitle(night: NightState, seat: SeatState, sheet: SeatSheet) -> str:
    """Region (or nation), election, and which count the figures are after a recount."""
    version = sheet.pending if seat.status is Status.PROVISIONAL else sheet.verified
    where = [seat.region or seat.nation, night.election]
    if version is not None and version.count_number:
        where.append(f"figures after {version.count_label.lower()}")
    return " \u00b7 ".join(w for w in where if w)


def recount_data(night: NightState,
                 thresholds: tally.RecountThresholds = tally.DEFAULT_THRESHOLDS,
                 ) -> RecountWatchData:
    """Recounts under way, then every seat whose verified result is in recount range,
    smallest majority first: a graphic for air, so by verified figures alone (as the
    summary's recount watch), never a provisional entry's. The desk's own recount watch
    (`NightState.recount_watch`) lists provisional seats too, for the desk to check."""
    watched = (recount_row(seat, thresholds, verified_only=True)
               for seat in night.seats.values())
    rows = []
    for r in sorted((r for r in watched if r is not None), key=recount_order(thresholds)):
        tie = bool(r.tied_parties)
        o = night.seats[r.code].verified_outcome  # the row's figures
        first, second = r.winner_party, r.runner_up_party
        if tie:  # undecided: the tied parties, badged TIE
            first, second = r.tied_parties[:2]
        rows.append(WatchedSeat(
            r.constituency, first, night.colour(first) if first else None, second,
            night.colour(second) if second else None, r.majority, r.majority_pct,
            recount=r.recount_under_way, tie=tie,
            by_lot=bool(o and o.by_lot), code=r.code))
    summary = night.summary()
    # The watch's rule, as `tally.RecountThresholds` applies it: at most N votes, or under P %.
    rule = f"Majorities of {thresholds.votes:,} votes or fewer, or under {thresholds.pct:g}%"
    return RecountWatchData(tuple(rows), summary.declared, summary.seats_total,
                            subtitle=f"{rule} \u00b7 {night.election}",
                            recount_line=thresholds.pct)


def summary_data(night: NightState, named: NamedParties | None = None) -> SummaryData:
    s = night.summary()
    strip = night.strip_data()
    named = named or night.named_parties()
    shares = {b.party: b for b in night.vote_share_data(named).bars}
    parties = []
    # In a fixed order: 'Others' adds up the shares of the parties folded into it, and
    # floats added in a set's order (a new one each run) differed in the last digit.
    for p in sorted(set(s.seats) | set(shares)):
        share = shares.get(p)
        parties.append(SummaryParty(
            p, night.name(p), night.colour(p), s.seats.get(p, 0), s.change(p),
            share.share if share else 0.0, share.change if share else None))
    return SummaryData(tuple(parties), s.declared, s.seats_total, s.majority_line,
                       provisional=strip.provisional, turnout=strip.turnout,
                       valid_votes=s.valid_votes, majority_text=night.majority_text(s),
                       named=named, ties=len(night.tied_seats()), subtitle=night.election)


def gains_data(night: NightState, named: NamedParties | None = None) -> GainsData:
    """Seats changing hands against the baseline ("Con → Lab 182"), largest flow first; a
    party not named counts as "Others" on either side (the rule every graphic shares), but
    a change between two parties both folded is named by its parties ("DUP → TUV 1", each
    in its colour, `within_others`): "Others → Others" would read as no change at all. A
    folded party the graphic names so is named in its every change: "DUP → APNI" beside
    "Others → Ind" had shown Alliance both by name and inside "Others"."""
    s = night.summary()
    named = named or night.named_parties()
    within = {(c["from"], c["to"]) for c in s.changes
              if not named.is_named(c["from"]) and not named.is_named(c["to"])}
    shown = {party for pair in within for party in pair}

    def label(party: str) -> str:
        return party if party in shown else named.label(party)

    flows: Counter[tuple[str, str]] = Counter()
    for change in s.changes:
        flows[label(change["from"]), label(change["to"])] += change["seats"]

    def colour(party: str) -> str | None:
        return None if party == OTHERS else night.colour(party)

    ordered = sorted(flows.items(), key=lambda kv: (-kv[1], kv[0]))
    return GainsData(
        tuple(Flow(a, colour(a), b, colour(b), n, (a, b) in within) for (a, b), n in ordered),
        declared=s.declared, seats_total=s.seats_total,
        changed=sum(flows.values()) if s.has_baseline else None,
        named=named, subtitle=night.election)


def data_for(kind: str, night: NightState, store: Store, *, constituency: str | None = None,
             title: str | None = None, parties: int = DEFAULT_NAMED,
             thresholds: tally.RecountThresholds = tally.DEFAULT_THRESHOLDS):
    """The plain data of graphic `kind`, as drawn: every party graphic names the same
    parties (`night.named_parties(parties)`); the card, the recount watch and the map call
    close what `thresholds` do (the desk's Preferences, as its own watch). `card` needs
    `constituency`."""
    kind = _kind(kind)
    named = night.named_parties(parties)
    if kind == "card":
        if not constituency or not str(constituency).strip():
            raise GraphicsRefusal("a result card needs a constituency (its GSS code, like "
                                  "E14001279, or its exact name)")
        data = card_data(night, store, str(constituency).strip(), thresholds)
    elif kind == "seats":
        data = night.seat_chart_data(named=named)
    elif kind == "hemicycle":
        data = night.hemicycle_data(named=named)
    elif kind == "shares":
        data = night.vote_share_data(named)
    elif kind == "recounts":
        data = recount_data(night, thresholds)
    elif kind == "timeline":
        data = timeline_data(night, named)
    elif kind == "gains":
        data = gains_data(night, named)
    elif kind == "map":
        try:
            data = map_data(night, as_of=as_of(night), named=named, thresholds=thresholds)
        except NoMapLayout as exc:
            raise GraphicsRefusal(str(exc)) from None
    else:
        data = summary_data(night, named)
    return replace(data, title=title) if title else data


def chart_for(kind: str, night: NightState, store: Store, *, constituency: str | None = None,
              title: str | None = None, theme: str | Theme = "light",
              parties: int = DEFAULT_NAMED,
              thresholds: tally.RecountThresholds = tally.DEFAULT_THRESHOLDS) -> Chart:
    """The chart of `kind` drawn from `night`, as the screen draws it, with the footer's
    time set. `card` needs `constituency` (GSS code or exact name); `parties` is how many
    parties are named before the rest are "Others"."""
    th = theme_named(theme)
    data = data_for(kind, night, store, constituency=constituency, title=title,
                    parties=parties, thresholds=thresholds)
    chart = _CHARTS[kind](theme=th)
    chart.set_footer(as_of=as_of(night), rehearsal=night.rehearsal)
    chart.update(data)
    return chart


# -- files -----------------------------------------------------------------------------------

def size_in_pixels(size) -> tuple[int, int]:
    try:
        return parse_size(size)
    except ValueError as exc:
        raise GraphicsRefusal(str(exc)) from None


DATA = "json"  # `export KIND --out FILE.json`: the data the graphic draws


def is_data(out: str | Path) -> bool:
    """Does `out` ask for the graphic's data (.json) rather than its picture?"""
    return Path(out).suffix.lower() == f".{DATA}"


def check_format(out: str | Path) -> str:
    """"png", "svg", "pdf" or "json" from `out`'s extension; a GraphicsRefusal naming them
    otherwise."""
    if Path(out).is_dir():  # `export all` takes a folder; one graphic is a file
        raise GraphicsRefusal(f"{out} is a folder: name the file to write, ending .png, "
                              ".svg, .pdf or .json (or `export all` for a folder)")
    return format_named(out)


def format_named(out: str | Path) -> str:
    """`check_format` by the name alone (the command line's usage check: what is there
    on the disk is the export's to judge)."""
    if is_data(out):
        return DATA
    try:
        return format_of(out)
    except ValueError as exc:
        raise GraphicsRefusal(f"{exc}; or .json for the data it draws") from None


def _checked(out: str | Path, size) -> tuple[Path, tuple[int, int]]:
    check_format(out)
    pixels = size_in_pixels(size)
    return check_output(out), pixels  # a folder, or a missing one: said before drawing


def export_pages(store: Store, kind: str, out: str | Path, *, size: str | tuple = "hd",
                 theme: str | Theme = "light", transparent: bool = False,
                 constituency: str | None = None, title: str | None = None,
                 parties: int = DEFAULT_NAMED, night: NightState | None = None,
                 clear_later: bool = True,
                 thresholds: tally.RecountThresholds = tally.DEFAULT_THRESHOLDS,
                 viewer: Viewer | None = None, warned: list[str] | None = None,
                 described: list[str] | None = None) -> list[Path]:
    """Write one graphic; the format follows `out`'s extension (.png, .svg, .pdf; .json
    for the data it draws, `graphic_data.graphic_json`). A list longer than the picture
    holds (the recount watch, the seat changes) continues on `recounts-2.png`, ... beside
    it (`page_path`); with `clear_later`, later pages left from a longer list are removed
    (`render_pages`). Each file appears in one rename, never half-written. Returns the files
    written, `out` first. `night`: the store's night as read for several graphics at once
    (`publish`), else it is read here, as `viewer` may see it (`night_state`). `warned`:
    where words drawn as boxes are said, if not as a warning (`write_pages`). `described`:
    where what the picture shows is put in words (`charts.describe`: "" for a graphic with
    none), for a preview's screen reader."""
    _kind(kind)
    th = theme_named(theme)
    path, pixels = _checked(out, size)
    if night is None:  # one moment of the night: the card reads its seat again
        with store.snapshot():
            return export_pages(store, kind, path, size=pixels, theme=th,
                                transparent=transparent, constituency=constituency,
                                title=title, parties=parties,
                                night=night_state(store, viewer),
                                clear_later=clear_later, thresholds=thresholds, warned=warned,
                                described=described)
    if is_data(path):
        from .graphic_data import write_graphic_json

        written = [write_graphic_json(path, kind, night, store, constituency=constituency,
                                      size=pixels, theme=th.name, title=title,
                                      parties=parties, thresholds=thresholds)]
    else:
        chart = chart_for(kind, night, store, constituency=constituency, title=title,
                          theme=th, parties=parties, thresholds=thresholds)
        written = write_pages(kind, chart, path, pixels, transparent=transparent,
                              clear_later=clear_later, warned=warned)
        if described is not None:
            described.append(describe(chart.data))
    log.info("exported the %s graphic to %s", kind, ", ".join(map(str, written)))
    return written


def export_graphic(store: Store, kind: str, out: str | Path, *, size: str | tuple = "hd",
                   theme: str | Theme = "light", transparent: bool = False,
                   constituency: str | None = None, title: str | None = None,
                   parties: int = DEFAULT_NAMED,
                   thresholds: tally.RecountThresholds = tally.DEFAULT_THRESHOLDS) -> Path:
    """`export_pages`, returning the first page (`out`): the picture a preview shows."""
    return export_pages(store, kind, out, size=size, theme=theme, transparent=transparent,
                        constituency=constituency, title=title, parties=parties,
                        thresholds=thresholds)[0]
