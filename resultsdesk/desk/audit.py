"""Checking the audit log's hash chain, and the figures its entries seal, against the file.

What a passing check proves: no entry was changed, removed or slipped in since it was
written, the figures of every declaration version are as they were when an entry sealed
them, and every verified version has the audit entry of its verification. What it cannot
prove: that nobody rewrote the whole chain from some entry on (anyone who can write the file
can recompute every hash). Comparing the head hash with one written down or published
earlier catches that, which is why the check reports it. On a server, an account that may
not read a pending version's figures (someone else's entry it could verify) checks the
entry sealing them only for its place in the chain: its contents are hidden from it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from ..domain.audit_chain import (
    CHAIN_STARTED,
    GENESIS_HASH,
    LOG_ACCEPTED,
    ROLL,
    SEAL_DIGEST,
    SEAL_ID,
    VERIFIED_AT,
    VOUCHING_ACTIONS,
    DeclarationFigures,
    details_value,
    entry_hash,
    figures_digest,
)
from ..domain.election_kind import ElectionKind
from ..domain.identity import name_key
from ..domain.records import record, replace
from ..io.audit_export import export_audit as write_audit_file
from ..store import Store, audit_log
from ..store.schema_shape import in_words
from .audit_accounts import RecordedAccount, accounts_problem, record_account
from .audit_anchor import anchor_hashes
from .audit_restore import RESTORED, accepted_head, gone_message, only_seen_gone, restored_head
from .audit_roll import Recorded, election_problem, roll_problem
from .audit_text import VERIFIED_HOW, clean, local_stamp, verified_how
from .audit_versions import VERIFY, VersionFacts, unverified_problem, verification_problem
from .declarations import audit_log as audit_entries


@record
class AuditCheck:
    entries: int
    head_hash: str  # the newest entry's hash (GENESIS_HASH for an empty log): the anchor
    head_id: int | None = None
    head_at: str | None = None
    problem: str | None = None  # None: intact
    entry_id: int | None = None  # the first entry where the record stops matching
    entry_at: str | None = None
    restored: str | None = None  # a restore since `seen`'s check (`audit_restore`), said
    accepted: str | None = None  # `seen`'s head gone, accepted in the log: said likewise
    restore_hash: str | None = None  # the newest restore entry's hash, if the log has one
    seen_at: str | None = None  # a `seen` kept from an earlier run: when (`audit_memory`)
    # Broken only by `seen`'s head gone from a log otherwise intact: what an admin may
    # accept as it stands (`audit_accept`)
    seen_gone: bool = False

    @property
    def intact(self) -> bool:
        return self.problem is None

    def summary(self) -> str:
        """One line for the desk: intact with its size, or where and how it broke."""
        if self.intact:
            return f"audit chain intact: {self.entries:,} entr{'y' if self.entries == 1 else 'ies'}"
        where = ""
        if self.entry_id is not None:
            when = f", {local_stamp(self.entry_at, date=True)}" if self.entry_at else ""
            where = f" at entry {self.entry_id}{when}"
        return f"audit chain BROKEN{where}: {self.problem}"

    def anchor(self) -> str:
        """The head hash, to write down or publish: a chain rewritten from any entry on
        ends in a different head, which the chain alone cannot show."""
        if not self.head_hash and self.head_id is None:  # the log's table gone (dropped)
            return "head hash: none (the audit log cannot be read)"
        if self.head_id is None:
            return f"head hash: {self.head_hash} (the log is empty)"
        return (f"head hash: {self.head_hash} (entry {self.head_id}, "
                f"{local_stamp(self.head_at, date=True)})")


def _seals(details: object) -> dict[int, str]:
    """The figures digests an entry records, by declaration id."""
    if not isinstance(details, dict):
        return {}
    digest = details.get(SEAL_DIGEST)
    if isinstance(digest, str) and isinstance(details.get(SEAL_ID), int):
        return {details[SEAL_ID]: digest}
    if isinstance(digest, dict):  # the chain's start seals every earlier version at once
        return {int(k): v for k, v in digest.items()}
    return {}


def _version(names: dict[str, str], code: str | None, version: int) -> str:
    """'version 3 of Basildon and Billericay (E14001077)'"""
    name = names.get(code or "")
    return f"version {version} of {name} ({code})" if name else f"version {version} of {code}"


def _figures_problem(seals: dict[int, str], figures: dict[int, DeclarationFigures],
                     names: dict[str, str]) -> str | None:
    """Why the figures an entry seals no longer match the database, if they do not."""
    for declaration_id, digest in seals.items():
        now = figures.get(declaration_id)
        if now is None:
            return f"declaration {declaration_id}, whose figures it records, is gone"
        if figures_digest(now) != digest:
            seat = _version(names, now.constituency, now.version) if now.constituency \
                else (f"version {now.version} of a seat no longer in the file (declaration "
                      f"{declaration_id})")  # its row deleted by hand: "of None" was said
            return f"the figures it records for {seat} no longer match the database"
    return None


# who verified a version, when, and how ('rekey' or 'check'): None where not recorded
Vouch = tuple[str, str | None, str | None]


def _vouches(user: str, action: str, details: object, at: str,
             entry_time_is_change_time: bool) -> dict[int, Vouch]:
    """Declaration ids an entry records as verified, with who verified them and when: the
    time its details give (a file's entries, from this version on), or on a server the
    entry's own time (one clock reading stamps both). Older entries, and the chain's start,
    say who but not when."""
    if not isinstance(details, dict):
        return {}
    if action in VOUCHING_ACTIONS and isinstance(details.get(SEAL_ID), int):
        when = details.get(VERIFIED_AT)
        if not isinstance(when, str):
            when = at if entry_time_is_change_time else None
        how = details.get("mode")
        return {details[SEAL_ID]: (user, when, how if isinstance(how, str) else None)}
    if action == CHAIN_STARTED and isinstance(details.get("verified_by"), dict):
        return {int(k): (v, None, None) for k, v in details["verified_by"].items()}
    return {}


def _how(mode: str) -> str:
    """A version's verification_mode in words; one no app writes, quoted as it stands."""
    return VERIFIED_HOW.get(mode) or f"with method {_quoted(mode)}"


def _quoted(value: object) -> str:
    """A name or word read from the file, quoted to be printed; a blob put there by hand
    (no name SQLite or ResultsDesk writes) as its bytes: JSON has no bytes, and the check
    stopped on one as a bug's error, saying nothing of what was changed."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return repr(bytes(value))
    return json.dumps(value, ensure_ascii=False)


def _time(iso: str | None) -> str:
    return clean(local_stamp(iso, date=True)) if iso else "no time"


def _missing(first: int, last: int) -> str:
    return f"entry {first} is" if first == last else f"entries {first} to {last} are"


def _verification_unrecorded(names: dict[str, str],
                             row: tuple[int, str, int, str, str, str | None],
                             vouches: set[Vouch]) -> str | None:
    """What a verified version says of its verification that no entry does: who, when
    (where the entries say), how (a looks-only check made out by hand to be a blind
    re-key, or the reverse; where both say: a version verified before the column was
    kept has none)."""
    _id, code, version, who, when, how = row
    times = {t for w, t, _ in vouches if w == who}
    if not times:
        others = sorted({w for w, _, _ in vouches if isinstance(w, str)})
        if others:
            # The verifier's name changed by hand: the entry recording the verification
            # is there, naming someone else (not "no entry records it", which reads as a
            # verification never logged).
            return (f"{_version(names, code, version)} is marked verified by "
                    f"{_quoted(who)}, but the audit entry recording its verification "
                    f"names {', '.join(_quoted(w) for w in others)}")
        return (f"{_version(names, code, version)} is marked verified by "
                f"{_quoted(who)}, but no audit entry records "
                "that verification")
    if None not in times and when not in times:
        return (f"{_version(names, code, version)} is marked verified at {_time(when)}, "
                f"but the audit entry recording that verification has {_time(min(times))}")
    said = {h for w, t, h in vouches if w == who and h and (t is None or t == when)}
    if how is not None and said and how not in said:
        return (f"{_version(names, code, version)} is marked verified {_how(how)}, but the "
                f"audit entry recording that verification says {verified_how(min(said))}")
    return None


def _versions_problem(log: audit_log.ChainContents, sealed: set[int],
                      vouched: dict[int, set[Vouch]], facts: VersionFacts) -> str | None:
    """What the versions in the file say that the entries do not: a version no entry
    seals, a verification no entry records (or recorded at another time), a verified
    version off air with no later one verified (or on air beside one), one an entry
    verified that is no longer marked verified, or one closed with no entry closing it
    (`audit_versions`)."""
    names = log.seat_names
    for declaration_id, f in sorted(log.figures.items()):
        if declaration_id not in sealed:
            return (f"{_version(names, f.constituency, f.version)} (declaration "
                    f"{declaration_id}) has no audit entry recording its figures")
    for row in log.verified_versions:
        problem = _verification_unrecorded(names, row, vouched.get(row[0], set()))
        if problem:
            return problem
    for _id, code, version, status in log.misplaced:
        if status == "verified":
            return (f"{_version(names, code, version)} is marked verified, but a later "
                    "version of it was verified since")
        if status != "superseded":
            return (f"{_version(names, code, version)} was verified but is now {status}: "
                    "a verified version only ever gives way to a later one")
        return (f"{_version(names, code, version)} was verified but is now {status}, and "
                "no later version of it was verified")
    verified = {row[0] for row in log.verified_versions}
    describe = partial(_version, names)
    rejected = {row[0] for row in log.closed if row[3] == "rejected"}
    return (unverified_problem(set(vouched), verified, log.figures, describe)
            or facts.closed_problem(log.closed, describe)
            or facts.note_problem(log.notes, rejected, log.figures, describe)
            or facts.recount_problem(log.recounted, names))


@dataclass
class _Walk:
    """What the check gathers from the entries as it walks the chain, oldest first."""

    log: audit_log.ChainContents
    sealed: set[int] = field(default_factory=set)
    vouched: dict[int, set[Vouch]] = field(default_factory=dict)
    accounts: dict[str, RecordedAccount] = field(default_factory=dict)
    facts: VersionFacts = field(default_factory=VersionFacts)
    created: tuple[int, str, str] | None = None  # the "create election" entry: id, time, kind
    created_as: str | None = None  # the name that entry made the election with (its key)
    roll: Recorded | None = None  # the last entry recording the parties, seats, baseline
    # the newest restore: id, at, who, details, hash
    restored: tuple[int, str, str, dict, str] | None = None
    accepted: dict[str, tuple[int, str, str, dict]] = field(default_factory=dict)  # by gone hash


def _link_problem(log: audit_log.ChainContents, row: tuple, prev_id: int,
                  prev_at: str | None) -> tuple[str, int, str | None]:
    """Why an entry does not link to the one before it: (problem, entry id, time)."""
    entry_id, at = row[0], row[1]
    if entry_id not in log.hidden and not _holds_its_hash(*row):
        # This entry itself no longer fits its hash (moved here from another place, or
        # its link changed): it is the first that no longer matches, not the untouched
        # one before it.
        return "its contents were changed after it was written", entry_id, at
    if prev_id:
        return (f"its hash is not the one entry {entry_id} recorded when it was written: "
                f"entry {prev_id} was rewritten (or the link of entry {entry_id} was)",
                prev_id, prev_at)
    return "it does not start the chain", entry_id, at


def _holds_its_hash(entry_id: int, at: str, user: str, action: str, entity: str, key: str,
                    text: str | None, link: str, stored: str) -> bool:
    """Whether an entry's hash is the one of what it holds (its own link included)."""
    try:
        return entry_hash(id=entry_id, at=at, user=user, action=action, entity=entity,
                          entity_key=key, details=details_value(text), prev_hash=link) == stored
    except (ValueError, TypeError, RecursionError, UnicodeError):
        return False  # what ResultsDesk never writes: changed outside it


def _take_entry(walk: _Walk, entry_id: int, at: str, user: str, action: str, entity: str,
                key: str, text: str | None, link: str, stored: str) -> str | None:
    """Check one entry whose place in the chain is right, and note what it records; why
    it does not match, if it does not."""
    log = walk.log
    details = details_value(text)
    if entry_hash(id=entry_id, at=at, user=user, action=action, entity=entity,
                  entity_key=key, details=details, prev_hash=link) != stored:
        return "its contents were changed after it was written"
    seals = _seals(details)
    problem = _figures_problem(seals, log.figures, log.seat_names)
    if problem:
        return problem
    walk.sealed.update(seals)
    walk.facts.take_note(action, details, seals)
    vouches = _vouches(user, action, details, at, log.entry_time_is_change_time)
    if action == VERIFY:
        # On a file, who may verify is the app's rule, kept by its entries; a server
        # checks its own roles (and has no accounts table).
        signing_in = log.accounts is not None and bool(walk.accounts)
        was = walk.accounts.get(name_key(user))
        problem = verification_problem(user, vouches, log.figures, signing_in,
                                       (was.role, was.disabled) if was else None)
        if problem:
            return problem
    record_account(walk.accounts, entry_id, at, action, entity, key, details)
    if action == RESTORED and isinstance(details, dict):
        walk.restored = (entry_id, at, user, details, stored)
    if action == LOG_ACCEPTED and isinstance(details, dict):
        walk.accepted[str(details.get("gone_hash"))] = (entry_id, at, user, details)
    if action == "create election" and walk.created is None:
        # A rehearsal's entry says its kind; a live election's says none.
        kind = details.get("kind") if isinstance(details, dict) else None
        walk.created = (entry_id, at, str(kind or ElectionKind.LIVE.value))
        walk.created_as = key
    walk.facts.take(action, entity, key, details)
    if isinstance(details, dict) and isinstance(details.get(ROLL), dict):
        walk.roll = (entry_id, at, details[ROLL])
    for declaration_id, vouch in vouches.items():
        walk.vouched.setdefault(declaration_id, set()).add(vouch)
    return None


def _file_problem(walk: _Walk) -> tuple[str, int | None, str | None] | None:
    """What the file's accounts, or its parties, seats and baseline, say that the entries
    do not (problem, entry, time)."""
    return (accounts_problem(walk.accounts, walk.log.accounts)
            or roll_problem(walk.roll, walk.log.roll))


def _schema_problem(gone: list[str] | tuple[str, ...]) -> str:
    """The check's finding on a file lacking part of its schema (`missing_schema`)."""
    more = f" (and {len(gone) - 1} more)" if len(gone) > 1 else ""
    return (f"the file has {in_words(gone[0])}{more}: its schema was changed outside "
            "ResultsDesk, and the triggers that keep entries and figures from being changed, "
            "or the view of what is on air, may no longer be its own")


def check_audit_chain(store: Store, anchors: Iterable[str] = (),
                      seen: AuditCheck | None = None) -> AuditCheck:
    """`_walk_chain`; on a file whose dropped or renamed table or column the walk needs
    (the log itself, the declarations it seals), what is gone is the finding, with the head
    as far as the log can still be read: "no such table" was said as a bug."""
    try:
        with audit_log.what_is_left(store):
            return _walk_chain(store, anchors, seen)
    except audit_log.PartsGone:
        pass
    try:
        with audit_log.what_is_left(store):
            newest = audit_log.head(store)
            entries = audit_log.entry_count(store)
    except audit_log.PartsGone:  # the log itself gone: no head to write down
        return AuditCheck(0, "", problem=_schema_problem(store.missing_schema))
    newest_id, newest_at, newest_hash = newest or (None, None, GENESIS_HASH)
    return AuditCheck(entries, _printable(newest_hash or ""), newest_id, _printable(newest_at),
                      _schema_problem(store.missing_schema))


def _walk_chain(store: Store, anchors: Iterable[str] = (),
                seen: AuditCheck | None = None) -> AuditCheck:
    """Walk the chain oldest first; report the first entry that no longer matches.

    `anchors`: head hashes written down or published earlier. Each must still be the hash of
    some entry: if the chain was rewritten from before that point, none is. One that is no
    hash at all (`anchor_hash`) is refused before anything is read. `seen`: this reader's
    last check of the same log, whose head must still be in it likewise (a chain rewritten
    whole, every hash recomputed, checks intact on its own).
    """
    anchored = anchor_hashes(anchors)
    wanted = anchored | _seen_head(seen)  # the hashes the log must still hold
    with store.snapshot():  # one state of the file, while other desks keep writing
        log = audit_log.chain_contents(store)
        head_id, head_at, head_hash = log.head if log.head else (None, None, GENESIS_HASH)
        head = (log.entries, _printable(head_hash or ""), head_id, _printable(head_at))
        walk = _Walk(log)
        prev_id, prev_hash, prev_at = 0, GENESIS_HASH, None

        def broken(problem: str, entry_id: int | None = None,
                   at: str | None = None) -> AuditCheck:
            return AuditCheck(*head, _printable(problem), entry_id, _printable(at))

        for entry_id, at, user, action, entity, key, text, link, stored in log.rows:
            # Ids run 1, 2, 3... A gap is entries removed, even where the next entry links
            # to the one before the gap: entries removed from the end, then others written
            # (numbered past the highest id ever handed out, so the gap stays).
            if entry_id != prev_id + 1:
                return broken(f"{_missing(prev_id + 1, entry_id - 1)} missing before it",
                              entry_id, at)
            if link != prev_hash:
                return broken(*_link_problem(log, (entry_id, at, user, action, entity, key,
                                                   text, link, stored), prev_id, prev_at))
            if entry_id in log.hidden:
                # Figures awaiting someone else's verification, hidden from this reader by
                # the server: its hash cannot be recomputed here, only its place in the
                # chain checked (an editor's check, or anyone's once verified, does both).
                walk.sealed.add(log.hidden[entry_id])
                prev_id, prev_hash, prev_at = entry_id, stored, at
                wanted.discard(stored)
                continue
            try:
                problem = _take_entry(walk, entry_id, at, user, action, entity, key, text,
                                      link, stored)
            except (ValueError, TypeError, RecursionError, UnicodeError):
                # What no entry of ResultsDesk holds (NaN, a lone surrogate, a value nested
                # thousands deep, a blob for a name): changed outside it, whatever its hash.
                problem = ("its contents are not what ResultsDesk writes: it was changed "
                           "outside ResultsDesk")
            if problem:
                return broken(problem, entry_id, at)
            wanted.discard(stored)
            prev_id, prev_hash, prev_at = entry_id, stored, at
        cut = _cut_from_end(log.sequence, prev_id)
        if cut:
            return broken(*cut)
        problem = walk.created and election_problem(log.kind, log.name, walk.created[2],
                                                    walk.created_as)
        if problem:
            return broken(problem, walk.created[0], walk.created[1])
        problem = _versions_problem(log, walk.sealed, walk.vouched, walk.facts)
        if problem:
            return broken(problem)
        found = _file_problem(walk)
        if found:
            return broken(*found)
        if store.missing_schema:
            return broken(_schema_problem(store.missing_schema))
        # A restore or an acceptance explains the head `seen` saw gone, never an anchor,
        # even one with that hash: an anchor "fails unless that hash is still in the chain".
        gone_anchors = anchored & wanted
        restored = restored_head(walk.restored, seen, wanted,
                                 store.path if isinstance(store.path, Path) else None)
        accepted = accepted_head(walk.accepted, seen, wanted)
        wanted |= gone_anchors
        if wanted:
            return replace(broken(gone_message(wanted, seen)),
                           seen_gone=only_seen_gone(wanted, seen))
        return AuditCheck(*head, restored=restored, accepted=accepted,
                          restore_hash=walk.restored[4] if walk.restored else None)


def _cut_from_end(counter: object, last: int) -> tuple[str, int | None] | None:
    """What the count of the entries ever written (`last` the newest's id) says is gone."""
    if type(counter) is not int:  # SQLite writes its counter as a whole number only
        return f"the count of the entries ever written is {counter!r}, not a number", None
    if counter > last:
        return f"{_missing(last + 1, counter)} missing from the end of the log", last + 1
    return None


def _printable(text: object) -> str | None:
    """`text` with bytes not UTF-8 in the file (read as lone surrogates) escaped, to print."""
    return None if text is None else str(text).encode("utf-8", "backslashreplace").decode()


def _seen_head(seen: AuditCheck | None) -> set[str]:
    """The head `seen` saw, which the log must still hold (none: an empty log's check)."""
    return {seen.head_hash} if seen is not None and seen.head_id is not None else set()


def own_connection(path: str | Path, desk: Store | None = None) -> Store:
    """A connection of the check's own (for a worker thread: SQLite connections stay on the
    thread that opened them): to the file at `path`, or, given `desk`, signed in as it is
    (on a server, no password asked again). Forensic: a file lacking part of its schema is
    opened, for the check to name what was dropped."""
    if desk is None:
        return Store(path, forensic=True)
    from .session import reopen

    return reopen(desk, forensic=True)


def check_database(path: str | Path, seen: AuditCheck | None = None) -> AuditCheck:
    """Check the chain of the database at `path` through a connection of its own; `seen`
    as `check_audit_chain`'s."""
    with own_connection(path) as store:
        return check_audit_chain(store, seen=seen)


def check_desk(desk: Store, seen: AuditCheck | None = None) -> AuditCheck:
    """Check the chain of `desk`'s election through a new connection of its own, signed in
    as `desk` is (call it on the worker's thread); `seen` as `check_audit_chain`'s."""
    with own_connection(desk.path, desk) as own:
        return check_audit_chain(own, seen=seen)


def export_audit(store: Store, out: str | Path) -> int:
    """Every audit entry, with its hashes, to a .csv or .json file; returns how many."""
    return write_audit_file(audit_entries(store), out)
