"""The audit trail as sentences a desk reads aloud, every time in local time with its offset.

"22:41:07 +01:00 carol declared version 2 of Basildon and Billericay (first count): Holden
(Con) 12,905, ..." rather than JSON. The history dialog, `resultsdesk history` and
`resultsdesk audit` all read the trail through here; the CSV/JSON export stays data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import PurePath
from typing import Any

from ..domain.audit_chain import (
    CHAIN_STARTED,
    ELECTORATES_CHANGED,
    LOG_ACCEPTED,
    SEAL_DIGEST,
    SEAL_ID,
)
from ..domain.candidate_keys import candidate_keys, folded
from ..domain.declaration_time import DAY_NAMES, uk_clock
from ..domain.records import record, replace
from ..domain.validation import DIFFERENCE_NAMES
from ..domain.wording import count_of, isolated
from ..store import Store, audit_log
from ..store import declarations as sql
from ..store.backup import ACCOUNTS_KEPT, ACCOUNTS_NOT_KEPT, RESTORED
from . import account_actions as actions
from .sheets import HiddenVersion, SeatHistory, count_name
from .sign_in_limit import FAILED, REFUSED, SIGNED_IN, UNLOCKED, WINDOW_LOCKED

# What a viewer who may not see an entry's figures finds in their place (desk.visibility).
HIDDEN_FIGURES = "hidden until verified"


def _local(iso: str) -> datetime | None:
    try:
        return datetime.fromisoformat(iso).astimezone()
    except (TypeError, ValueError):
        return None


def local_stamp(iso: str | None, *, date: bool = False) -> str:
    """'22:41:07 +01:00' (or 'Thu 4 Jul 2024 22:41:07 +01:00'): local time, offset shown."""
    moment = _local(iso) if iso else None
    if moment is None:
        return iso or "-"
    offset = moment.strftime("%z")
    text = f"{moment:%H:%M:%S} {offset[:3]}:{offset[3:5]}"
    return f"{local_day(iso)} {text}" if date else text


# Named here (the days as DAY_NAMES), not by strftime's %a and %b: those follow the C
# library's LC_TIME, which Qt sets from LANG as the app starts, so a French PC's History
# dialog read "ven. 5 juil. 2024" among English sentences (and the command line, which
# leaves LC_TIME alone, "Fri 5 Jul").
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def local_day(iso: str | None) -> str:
    moment = _local(iso) if iso else None
    if moment is None:
        return ""
    return f"{DAY_NAMES[moment.weekday()]} {moment.day} {_MONTHS[moment.month - 1]} {moment.year}"


def clean(text: Any) -> str:
    """User-typed text on one line: a line break or an invisible character shows as an
    escape, so nothing typed can forge a line of the trail or hide in a name."""
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in str(text))


def closed_text(hidden: HiddenVersion) -> str:
    """'rejected by bob 22:41:07 +01:00', 'withdrawn by alice ...', or '' (nobody rejected
    or withdrew it): what History says of a version it hides, as 'verified by' of others."""
    if hidden.closed_by is None:
        return ""
    return f"{hidden.status} by {clean(hidden.closed_by)} {local_stamp(hidden.closed_at)}"


@record
class SeatNames:
    name: str
    candidates: tuple[tuple[str, str, str], ...]  # (full name, surname, party), ballot order
    keys: tuple[str, ...] = ()  # each one's key, folded (`domain.candidate_keys`)
    # for a window, which shows text in bidi order: each name as `wording.isolated`
    isolate: bool = False

    def _place(self, key: str) -> int | None:
        """Which candidate an entry's key names (`domain.candidate_keys`: the name, with
        the party where two share it; entries from before those keys, the name alone)."""
        k = folded(key) if isinstance(key, str) else None
        if k in self.keys:
            return self.keys.index(k)
        names = [full for full, _, _ in self.candidates]
        return names.index(key) if key in names else None

    def label(self, key: str) -> str:
        """'Holden (Con)': the surname, unless two candidates here share it."""
        place = self._place(key)
        if place is None:
            return clean(key)
        full, surname, party = self.candidates[place]
        shared = sum(1 for _, s, _ in self.candidates if s == surname) > 1
        named = isolated if self.isolate else str
        return f"{named(clean(full if shared else surname))} ({named(clean(party))})"

    def order(self, key: str) -> int:
        place = self._place(key)
        return len(self.candidates) if place is None else place


def seat_names(store: Store, code: str | None = None) -> dict[str, SeatNames]:
    """Constituency and candidate names for the sentences: of one seat, or of all."""
    grouped: dict[str, tuple[str, list[tuple[str, str, str]]]] = {}
    for seat_code, seat, first, surname, party in audit_log.names(store, code):
        grouped.setdefault(seat_code, (seat, []))
        if surname is not None:
            grouped[seat_code][1].append((f"{first} {surname}".strip(), surname, party))
    return {c: SeatNames(seat, tuple(cands), tuple(
                folded(k) for k in candidate_keys([(f, p) for f, _, p in cands])))
            for c, (seat, cands) in grouped.items()}


def _number(value: Any) -> str:
    return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else "-"


def _count(value: Any, singular: str, plural: str | None = None) -> str:
    """"1 entry", "2,000 entries"; a count the entry does not hold as a number: "- entries"."""
    if isinstance(value, int) and not isinstance(value, bool):
        return count_of(value, singular, plural)
    return f"- {plural or singular + 's'}"


def _figures(seat: SeatNames, figures: Any) -> str:
    if figures == HIDDEN_FIGURES:
        return "figures hidden until verified"
    if not isinstance(figures, dict):
        return ""
    votes = figures.get("votes") if isinstance(figures.get("votes"), dict) else {}
    parts = [f"{seat.label(name)} {_number(v)}"
             for name, v in sorted(votes.items(), key=lambda nv: seat.order(nv[0]))]
    text = ", ".join(parts)
    if "invalid_votes" in figures:
        text += f"; rejected ballots {_number(figures['invalid_votes'])}"
    return text


def _changes(seat: SeatNames, old: Any, new: Any) -> str:
    if new == HIDDEN_FIGURES or not isinstance(old, dict) or not isinstance(new, dict):
        return _figures(seat, new)
    before, after = old.get("votes") or {}, new.get("votes") or {}
    parts = [f"{seat.label(name)} {_number(before.get(name))} → {_number(v)}"
             for name, v in sorted(after.items(), key=lambda nv: seat.order(nv[0]))
             if before.get(name) != v]
    for key, label in (("invalid_votes", "rejected ballots"), ("electorate", "electorate")):
        if old.get(key) != new.get(key):
            parts.append(f"{label} {_number(old.get(key))} → {_number(new.get(key))}")
    # A correction the same as the verified figures is refused: with its votes and
    # rejected ballots unchanged, what it corrects is the electorate or the lot's winner
    # (an entry written without its electorate, by an earlier version: a server before its
    # migration 73), never "figures unchanged".
    return ", ".join(parts) or "votes and rejected ballots unchanged"


def _electorates(changes: Any, shown: int = 10) -> str:
    """"E14001279 74,865 → 1, ..." (the first `shown`, then how many more)."""
    items = sorted(changes.items()) if isinstance(changes, dict) else []
    parts = [f"{clean(code)} {_number(pair[0]) if pair[0] is not None else 'none'} → "
             f"{_number(pair[1]) if pair[1] is not None else 'none'}"
             for code, pair in items[:shown]]
    more = f" and {len(items) - shown:,} more" if len(items) > shown else ""
    return ", ".join(parts) + more


def _night(iso: Any) -> str:
    """A rehearsal's night time as the clock at the count showed it ("05:05")."""
    return uk_clock(iso) or clean(iso) if isinstance(iso, str) else "-"


def _speed(value: Any) -> str:
    return f"{value:g}" if isinstance(value, int | float) else clean(value)


def _quoted(text: Any) -> str:
    return f"“{clean(text)}”"


def _head(entry: Any, digest: Any) -> str:
    """'entry 12 (hash 1a2b3c4d5e6f7a8b…)'"""
    number = entry if isinstance(entry, int) and not isinstance(entry, bool) else "-"
    shown = f" (hash {clean(digest[:16])}…)" if isinstance(digest, str) else ""
    return f"entry {number}{shown}"


def _log_accepted(u: str, d: dict) -> str:
    """An admin's acceptance of the log as it stands (`audit_accept`)."""
    # (a server's client may write any text there: one that is no time, cleaned)
    seen = (f"the newest seen on that PC at {clean(local_stamp(d['seen_at'], date=True))}"
            if isinstance(d.get("seen_at"), str) else "the newest seen at the last check")
    return (f"{u} accepted the audit log as it stands, to "
            f"{_head(d.get('accepted_entry'), d.get('accepted_hash'))}, with "
            f"{_head(d.get('gone_entry'), d.get('gone_hash'))}, {seen}, gone from it; "
            f"reason: {_quoted(d.get('reason'))}")


def _accepted(overrides: Any) -> str:
    if overrides == HIDDEN_FIGURES:
        return "; warnings accepted: hidden until verified"
    if not overrides:
        return ""
    return f"; warnings accepted: {clean(', '.join(map(str, overrides)))}"


def _mismatch(seat: SeatNames, fields: Any) -> str:
    names = []
    for field in fields if isinstance(fields, list) else []:
        if isinstance(field, str) and field in DIFFERENCE_NAMES:
            names.append(DIFFERENCE_NAMES[field])
        elif isinstance(field, str) and field.startswith("votes:") and field[6:].isdigit() \
                and int(field[6:]) < len(seat.candidates):
            names.append(seat.label(seat.candidates[int(field[6:])][0]))
        else:
            names.append(clean(field))
    return ", ".join(names)


def _taken_back(undone: Any) -> str:
    """A server's note that tries before this one were rolled back unrecorded (its
    migration 29: such a try's mismatch names every figure)."""
    if not isinstance(undone, int) or isinstance(undone, bool) or undone <= 0:
        return ""
    tries = "try" if undone == 1 else "tries"
    return f"; {undone} earlier {tries} of theirs taken back unrecorded"


Sentence = Callable[[str, SeatNames, dict, str], str]

# action -> (who, seat, details, entity key) -> the rest of the sentence after the user
# How a version was verified, as its entry's "mode" and the version's verification_mode say.
VERIFIED_HOW = {"check": "by checking the figures", "rekey": "by blind re-key"}


def verified_how(mode: object) -> str:
    """The words for a verification's method; a re-key for an entry that names none (the
    oldest entries: re-keying blind was then the only way)."""
    return VERIFIED_HOW.get(str(mode), VERIFIED_HOW["rekey"])


_SENTENCES: dict[str, Sentence] = {
    "declare": lambda u, s, d, k: (
        f"{u} declared version {d.get('version')} of {s.name} ({count_name(d.get('count'))}): "
        f"{_figures(s, d.get('new'))}" + _accepted(d.get("overrides"))),
    "correct": lambda u, s, d, k: (
        f"{u} corrected {s.name} as version {d.get('version')}: "
        f"{_changes(s, d.get('old'), d.get('new'))}; reason: {_quoted(d.get('reason'))}"),
    "verify": lambda u, s, d, k: (
        f"{u} verified version {d.get('version')} of {s.name} "
        + verified_how(d.get("mode"))
        + (f" (entered by {clean(d['entered_by'])})" if d.get("entered_by") else "")
        + _taken_back(d.get("undone"))),
    "verify mismatch": lambda u, s, d, k: (
        f"{u}'s blind re-key of version {d.get('version')} of {s.name} did not match the first "
        f"entry ({_mismatch(s, d.get('fields'))}): nothing was verified"
        + _taken_back(d.get("undone"))),
    "reject": lambda u, s, d, k: (
        f"{u} rejected version {d.get('version')} of {s.name} back to the desk"
        + (f" (entered by {clean(d['entered_by'])})" if d.get("entered_by") else "")
        + f": {_quoted(d.get('comment'))}"),
    "withdraw": lambda u, s, d, k: f"{u} withdrew version {d.get('version')} of {s.name}",
    "recount under way": lambda u, s, d, k: (
        f"{u} marked a recount under way in {s.name}: the next figures entered are "
        f"{count_name(d.get('count'))}"),
    "recount ended": lambda u, s, d, k: (
        f"{u} called off the recount in {s.name}"
        # since the seat goes back to the count before it (older entries say nothing)
        + (f": the next figures entered are {count_name(d['back_to'], the=True)}"
           if "back_to" in d else "")),
    "decide tie by lot": lambda u, s, d, k: (
        f"{u} recorded the winner drawn by lot in {s.name} (version {d.get('version')}): "
        "winner and note hidden until verified" if d.get("winner") == HIDDEN_FIGURES else
        f"{u} recorded {s.label(str(d.get('winner')))} as the winner drawn by lot in {s.name} "
        f"(version {d.get('version')}): {_quoted(d.get('note'))}"),
    "import declaration": lambda u, s, d, k: (
        f"{u} imported version {d.get('version')} of {s.name} as verified from "
        f"{clean(d.get('file'))}: {_figures(s, {'votes': d.get('votes') or {}})}"
        + (f"; {s.label(str(d['winner']))} drawn by lot" if d.get("winner") else "")),
    "import results": lambda u, s, d, k: (
        f"{u} imported results from {clean(PurePath(k).name)}: "
        f"{_count(d.get('declarations'), 'verified declaration')}"),
    "import candidates": lambda u, s, d, k: (
        f"{u} imported nominations from {clean(PurePath(k).name)}: "
        f"{_count(d.get('constituencies'), 'constituency', 'constituencies')}, "
        f"{_count(d.get('candidates'), 'new candidate')}"
        + (f", new parties {clean(', '.join(map(str, d['new_parties'])))}"
           if d.get("new_parties") else "")),
    ELECTORATES_CHANGED: lambda u, s, d, k: (
        f"{u} changed electorates with an import: " + _electorates(d.get("electorates"))),
    "import baseline": lambda u, s, d, k: (
        f"{u} imported the baseline {clean(PurePath(k).name)}: "
        f"{_count(d.get('constituencies'), 'constituency', 'constituencies')}"),
    "create election": lambda u, s, d, k: f"{u} created the election {_quoted(k)}",
    RESTORED: lambda u, s, d, k: (
        f"{u} restored the database from the backup {clean(PurePath(k).name)} "
        f"({_count(d.get('backup_entries'), 'entry', 'entries')}); the log it replaced had "
        + (_count(d['replaced_entries'], 'entry', 'entries') if d.get("replaced_entries")
           else "no entries it could read")
        + (f", kept in {clean(PurePath(d['previous_contents']).name)}"
           if d.get("previous_contents") else "")
        + ("; the desk's account was kept as it was" if d.get(ACCOUNTS_KEPT) == 1
           else f"; the desk's {_count(d[ACCOUNTS_KEPT], 'account')} were kept as they were"
           if d.get(ACCOUNTS_KEPT) else "")
        + (f"; the accounts it replaced were not kept ({clean(d[ACCOUNTS_NOT_KEPT])}): the "
           "backup's came in" if d.get(ACCOUNTS_NOT_KEPT) else "")),
    "set political order": lambda u, s, d, k: (
        f"{u} set the chamber's left-to-right order: "
        f"{clean(', '.join(map(str, d.get('new') or [])))}"),
    "plan rehearsal": lambda u, s, d, k: (
        f"{u} planned a {clean(d.get('mode'))} rehearsal of {clean(PurePath(k).name)}: "
        f"{_number(d.get('seats'))} declarations from {_night(d.get('first'))} to "
        f"{_night(d.get('last'))}, at speed {_speed(d.get('speed'))}"),
    "rehearsal speed": lambda u, s, d, k: (
        f"{u} set the rehearsal's speed to {_speed(d.get('speed'))} at "
        f"{_night(d.get('night'))}"),
    "rehearsal until": lambda u, s, d, k: (
        f"{u} set the rehearsal to end at {_night(d.get('until'))}" if d.get("until")
        else f"{u} set the rehearsal to run to the end of the night"),
    "rehearsal running": lambda u, s, d, k: f"{u} ran the rehearsal's clock from "
                                            f"{_night(d.get('night'))}",
    "rehearsal paused": lambda u, s, d, k: (
        f"{u} paused the rehearsal at {_night(d.get('night'))}" if not d.get("put_forward")
        # upkeep (`rehearsal_resume.hold_if_put_forward`), nobody's pause
        else f"the computer's clock was put forward {_count(d['put_forward'], 'second')}: "
             f"{u}'s ResultsDesk held the rehearsal's clock at {_night(d.get('night'))} "
             "over it"),
    "rehearsal stopped": lambda u, s, d, k: (
        f"{u} stopped the rehearsal at {_night(d.get('night'))}"),
    "rehearsal clock set": lambda u, s, d, k: (
        f"{u} set the rehearsal's clock to {_night(d.get('night'))}" if not d.get("as_of")
        # upkeep (`rehearsal_resume.hold_if_put_back`), nobody's jump
        else f"the computer's clock was put back: {u}'s ResultsDesk kept the rehearsal's "
             f"clock at {_night(d.get('night'))}"),
    "rehearsal finished": lambda u, s, d, k: (
        f"the rehearsal finished at {_night(d.get('night'))}: "
        f"{_number(d.get('delivered'))} declarations delivered"),
    "rehearsal read-out": lambda u, s, d, k: (
        f"the returning officer's read-out of {s.name} ({_night(d.get('declared_at'))}) "
        "reached the desk"),
    "rehearsal read-out shown": lambda u, s, d, k: f"{u}'s screen showed the read-out of "
                                                   f"{s.name}",
    actions.ADDED: lambda u, s, d, k: (
        f"{u} added the {clean(d['role'])} account {clean(k)}"
        + (" (the first account: from then on everyone signs in)"
           if d.get("first_account") else "")),
    actions.DISABLED: lambda u, s, d, k: (
        f"{u} disabled the {clean(d['role'])} account {clean(k)}"),
    actions.REMOVED_BY_RESTORE: lambda u, s, d, k: (
        f"{u} left out the backup's {clean(d['role'])} account {clean(k)}, a look-alike of "
        f"the desk's account {clean(d['look_alike_of'])}"),
    actions.ENABLED: lambda u, s, d, k: (
        f"{u} enabled the {clean(d['role'])} account {clean(k)} again"),
    actions.ROLE_CHANGED: lambda u, s, d, k: (
        f"{u} changed {clean(k)}'s role from {clean(d['old_role'])} to {clean(d['role'])}"),
    # Who set it, never the password (nothing of it is in the entry).
    actions.PASSWORD_CHANGED: lambda u, s, d, k: (
        f"{u} set a new password for {clean(k)}" if d.get("by_admin")
        else f"{u} changed their own password"),
    SIGNED_IN: lambda u, s, d, k: f"{u} signed in",
    WINDOW_LOCKED: lambda u, s, d, k: f"{u}'s window was locked" + (
        f" after {_count(d['idle_minutes'], 'minute')} with no input" if d.get("idle_minutes")
        else ""),
    FAILED: lambda u, s, d, k: (
        f"{u}'s sign-in failed" + (f": {clean(d['reason'])}" if d.get("reason") else "")),
    REFUSED: lambda u, s, d, k: (
        f"{u}'s sign-in was refused, the password unchecked: too many failed sign-ins for "
        f"{clean(k)}, locked until {local_stamp(d.get('until'))}"),
    UNLOCKED: lambda u, s, d, k: (
        f"{u} unlocked sign-in for {clean(k)}, locked out by failed sign-ins"),
    LOG_ACCEPTED: lambda u, s, d, k: _log_accepted(u, d),
    CHAIN_STARTED: lambda u, s, d, k: (
        f"{u} started the audit chain, sealing the figures of {_number(d.get('declarations'))} "
        "declaration versions saved before it"),
}


def _plain(value: Any) -> str:
    """Details of an action without a sentence of its own, in words rather than JSON."""
    if isinstance(value, dict):
        return "; ".join(f"{clean(k)} {_plain(v)}" for k, v in value.items()
                         if v not in (None, "", [], {}))
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value)
    return _number(value) if isinstance(value, int) and not isinstance(value, bool) \
        else clean(value)


def describe_entry(entry: dict[str, Any], names: dict[str, SeatNames], *,
                   isolate: bool = False) -> str:
    """One audit entry as a sentence (without its time). `isolate`: for a window, its
    person, seat and candidates' names isolated (`wording.isolated`), so that one written
    right to left keeps the figures after it; a terminal or a file has them as written.
    Shown text only: what the log stores and hashes is the entry's details."""
    user, action, key = clean(entry["user"]), entry["action"], entry["entity_key"]
    details = entry["details"] if isinstance(entry["details"], dict) else {}
    seat = names.get(key) or SeatNames(clean(key), ())
    if isolate:
        user, seat = isolated(user), replace(seat, name=isolated(seat.name), isolate=True)
    sentence = _SENTENCES.get(action)
    if sentence is not None:
        try:
            return sentence(user, seat, details, key) + (
                " (as the database it replaced had it: kept by the restore)"
                if details.get(actions.KEPT_BY_RESTORE) is True else "")
        except (AttributeError, KeyError, TypeError, ValueError):  # details not as written here
            pass
    about = f" {clean(entry['entity'])} {seat.name}".rstrip() if key else ""
    rest = _plain({k: v for k, v in details.items() if k not in (SEAL_ID, SEAL_DIGEST)})
    return f"{user}: {clean(action)}{about}" + (f" ({rest})" if rest else "")


@record
class AuditLine:
    id: int
    at: str
    day: str  # local date, for headings
    time: str  # local time with offset
    text: str
    hash: str | None


def trail_lines(store: Store, code: str | None = None) -> list[AuditLine]:
    """The audit trail (of one seat, or of the whole election) as sentences, oldest first."""
    with store.snapshot():
        if code is None:
            entries = sql.audit_entries(store)
            names = seat_names(store)
        else:
            entries = sql.audit_entries(store, code)
            names = seat_names(store, code)
    return [AuditLine(e["id"], e["at"], local_day(e["at"]), local_stamp(e["at"]),
                      describe_entry(e, names), e.get("hash")) for e in entries]


def history_trail(store: Store, history: SeatHistory) -> list[AuditLine]:
    """The trail of a seat's history as given (a viewer's blinded copy keeps its masks),
    for the History window: names isolated (`describe_entry`)."""
    names = seat_names(store, history.sheet.code)
    return [AuditLine(e["id"], e["at"], local_day(e["at"]), local_stamp(e["at"]),
                      describe_entry(e, names, isolate=True), e.get("hash"))
            for e in history.audit]


def seat_trail(store: Store, key: str) -> list[AuditLine]:
    """A seat's trail by GSS code or exact name (as `history` takes it)."""
    row = sql.find_constituency(store, key)
    return trail_lines(store, row["code"]) if row else []


def trail_text(lines: Iterable[AuditLine], indent: str = "") -> list[str]:
    """Printable lines: a heading for each local day, then 'time  sentence'."""
    out, day = [], None
    for line in lines:
        if line.day != day:
            day = line.day
            out.append(f"{indent}{day}")
        out.append(f"{indent}  {line.time}  {line.text}")
    return out
