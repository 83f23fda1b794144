"""What the audit check asks of each verification entry and of each version's status,
beyond the hashes (`desk.audit` walks the chain and calls these).

A hash chain shows that no entry was changed; these show that the file's declarations
agree with what the entries say was done to them, so that a status changed by hand (a
verified result taken off air, a pending entry quietly withdrawn) or an entry appended with
its hashes recomputed that breaks the desk's own rules (someone verifying their own entry,
a name with no account on a desk that signs people in) is found:

- every version an entry records as verified is still marked verified (or superseded by a
  later version, which `misplaced_verifications` checks);
- every version rejected or withdrawn has the entry that did it, and a rejected one still
  carries the comment its entry sent back with it; every version superseded
  before anyone verified it has a later version, or a recount called on its seat;
- a seat with a recount under way (or past its first count) has an entry calling one, and
  a seat whose last recount entry called one, with nothing of the seat verified or ended
  since, still has that recount under way; a seat is keyed at the count its last recount
  entry (calling one, or calling one off) left it on;
- a verification entry is not by the version's author, and on a desk with accounts is by
  an account then enabled in a role that may verify;
- on a file, a version's note is the one the entry writing it records: a lot's note as its
  entry has it, none on a correction or an import (a rejected version's is its comment,
  above). A declaration's entry does not record its note (a tie's lot note typed with the
  figures), so that one is not compared.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..domain.audit_chain import VOUCHING_ACTIONS, DeclarationFigures
from ..domain.identity import same_person
from .accounts import ROLE_PERMISSIONS, Permission
from .sheets import count_name

# The actions that leave a version rejected or withdrawn, and the one that may supersede a
# pending version with no later version (the recount's figures are still to come).
CLOSING_ACTIONS = {"reject": "rejected", "withdraw": "withdrawn"}
RECOUNT_CALLED = "recount under way"
# What may end a recount, or put the seat back at another count: calling it off, and a
# version of the seat verified (its recount's own count ends it), on every rule since.
RECOUNT_SETTLED = ("recount ended", *VOUCHING_ACTIONS)
VERIFY = "verify"
ANY_VERSION = -1  # an entry that names no version (none does now): it accounts for any
# The entries writing a version whose note they say: a lot's records it, a correction and
# an import write none (a correction's lot note goes into its reason).
NOTE_RECORDED = "decide tie by lot"
NO_NOTE = ("correct", "import declaration")


@dataclass
class VersionFacts:
    """What the entries say was done to versions, gathered oldest first."""

    # (seat code, status) -> versions an entry left in it (ANY_VERSION: unnamed)
    closed: dict[tuple[str, str], set[int]] = field(default_factory=dict)
    recounts_called: set[str] = field(default_factory=set)
    # seat code -> the count of the recount its last entry called (None: not recorded),
    # where nothing of the seat was verified, nor the recount ended, since
    recounts_open: dict[str, int | None] = field(default_factory=dict)
    # seat code -> the count the entries leave it on: the count a recount entry called, or
    # the one a call-off entry put it back to (absent: no entry says, as older ones did not)
    counts: dict[str, int] = field(default_factory=dict)
    # (seat code, version) -> the comment its reject entry sent back with it
    comments: dict[tuple[str, int], str] = field(default_factory=dict)
    # declaration id -> the note the entry writing it records (`NOTE_RECORDED`, `NO_NOTE`)
    notes: dict[int, object] = field(default_factory=dict)

    def take_note(self, action: str, details: object, written: Iterable[int]) -> None:
        """What the entry that wrote versions `written` (its seals) says of their note."""
        if action == NOTE_RECORDED and isinstance(details, dict):
            note = details.get("note")
        elif action == "declare" and isinstance(details, dict) and "note" in details:
            # (on a file; an older release's entry, or a server's, has no "note" and says
            # nothing of it)
            note = details["note"]
        elif action in NO_NOTE:
            note = None
        else:
            return
        for declaration_id in written:
            self.notes[declaration_id] = note

    def note_problem(self, notes: dict[int, object] | None, rejected: set[int],
                     figures: dict[int, DeclarationFigures], describe) -> str | None:
        """A version whose note (`notes`, by id, as the file has them; None on a server)
        is not the one its entry recorded: History and `history` read it there, so a lot's
        note rewritten told another story of the draw, and a note written onto a verified
        correction read as the desk's. A rejected version's note is its comment, compared
        with its reject entry's (`closed_problem`)."""
        for declaration_id, note in sorted((notes or {}).items()):
            f = figures.get(declaration_id)
            if f is None or declaration_id in rejected or declaration_id not in self.notes:
                continue
            recorded = self.notes[declaration_id]
            if note != recorded:
                said = "none" if recorded is None else repr(recorded)
                now = "no note" if note is None else f"the note {note!r}"
                return (f"{describe(f.constituency, f.version)} has {now}, but the entry "
                        f"that saved it records {said}: changed outside ResultsDesk")
        return None

    def take(self, action: str, entity: str, key: str, details: object) -> None:
        if entity != "constituency":
            return
        if action == RECOUNT_CALLED:
            self.recounts_called.add(key)
            count = details.get("count") if isinstance(details, dict) else None
            self.recounts_open[key] = count if isinstance(count, int) else None
            self._count(key, count)
        elif action in RECOUNT_SETTLED:
            self.recounts_open.pop(key, None)
            if action == "recount ended":
                self._count(key, details.get("back_to") if isinstance(details, dict)
                            else None)
        status = CLOSING_ACTIONS.get(action)
        if status is not None:
            version = details.get("version") if isinstance(details, dict) else None
            self.closed.setdefault((key, status), set()).add(
                version if isinstance(version, int) else ANY_VERSION)
            comment = details.get("comment") if isinstance(details, dict) else None
            if status == "rejected" and isinstance(version, int) and isinstance(comment, str):
                self.comments[(key, version)] = comment

    def _count(self, key: str, count: object) -> None:
        if isinstance(count, int) and not isinstance(count, bool):
            self.counts[key] = count
        else:  # an entry that does not say: the count is not known from here on
            self.counts.pop(key, None)

    def closed_problem(self, closed_versions: list[tuple], describe) -> str | None:
        """The first version whose status no entry accounts for; `closed_versions` rows
        are (id, code, version, status, a later version exists, note), of versions nobody
        verified that are rejected, withdrawn or superseded."""
        for _id, code, version, status, later, note in closed_versions:
            if status == "superseded":
                if later or code in self.recounts_called:
                    continue
                return (f"{describe(code, version)} is marked superseded, but no later "
                        "version of it exists and no recount was called on it")
            done = self.closed.get((code, status), set())
            if version not in done and ANY_VERSION not in done:
                verb = "rejected" if status == "rejected" else "withdrew"
                return (f"{describe(code, version)} is marked {status}, but no audit entry "
                        f"records who {verb} it")
            # The comment is kept on the version too: History and the form keying the seat
            # again read it there ("sent back by bob: ..."), so a rewritten one would send
            # the keyer another instruction than the one given.
            sent = self.comments.get((code, version))
            if status == "rejected" and sent is not None and note != sent:
                return (f"{describe(code, version)} was sent back with the comment "
                        f"{sent!r}, but its note now reads {note!r}: changed outside "
                        "ResultsDesk")
        return None

    def recount_problem(self, recounted: list[tuple[str, bool, int]],
                        names: dict[str, str]) -> str | None:
        """A seat whose recount state says a recount was called, with no entry calling
        one on it (set by hand, it held back every import and showed RECOUNT on air)."""
        for code, under_way, count in recounted:
            if code not in self.recounts_called:
                name = names.get(code, code)
                state = ("has a recount under way" if under_way
                         else f"has its figures keyed as {count_name(count)}")
                return (f"{name} ({code}) {state}, but no audit entry records a recount "
                        "called on it")
        # The other way: a recount called, taken off by hand (RECOUNT gone from air).
        now = {code: (under_way, count) for code, under_way, count in recounted}
        for code, called in sorted(self.recounts_open.items()):
            under_way, count = now.get(code, (False, 0))
            if under_way and called in (None, count):
                continue
            state = ("its figures keyed as " + count_name(count) if under_way
                     else "no recount under way")
            what = "a recount" if called is None else count_name(called)
            return (f"{names.get(code, code)} ({code}) has {state}, but an audit entry "
                    f"records {what} called on it and nothing since ended it")
        # The count itself: put back (or on) by hand, the seat's next figures were keyed
        # as a count it had already had ("recount 1" twice in History and on air).
        for code, recorded in sorted(self.counts.items()):
            count = now.get(code, (False, 0))[1]
            if count != recorded:
                return (f"{names.get(code, code)} ({code}) has its figures keyed as "
                        f"{count_name(count)}, but the audit entries leave it at "
                        f"{count_name(recorded)}")
        return None


def unverified_problem(vouched: set[int], verified: set[int],
                       figures: dict[int, DeclarationFigures], describe) -> str | None:
    """A version an entry records as verified that the file no longer marks verified (its
    verifier cleared: taken off air, or made to look rejected or pending)."""
    for declaration_id in sorted(vouched - verified):
        f = figures.get(declaration_id)
        if f is not None:
            return (f"{describe(f.constituency, f.version)} was verified, as an audit entry "
                    "records, but is no longer marked verified")
    return None


def verification_problem(user: str, vouched: dict[int, object],
                         figures: dict[int, DeclarationFigures], signing_in: bool,
                         account: tuple[object, bool] | None) -> str | None:
    """Why a verification entry by `user` breaks the desk's rules, or None: the versions it
    vouches for were entered by the same person; or, on a desk that signed people in when
    it was written (`signing_in`: an account had been added; never on a server, which
    checks its own roles), it is by no account, a disabled one or one whose role may not
    verify (`account`: its (role, disabled) as the entries before it leave it)."""
    shown = json.dumps(user, ensure_ascii=False)
    for declaration_id in vouched:
        f = figures.get(declaration_id)
        if f is not None and same_person(f.entered_by, user):
            return (f"it records {shown} verifying version {f.version} of {f.constituency}, "
                    "which they entered themselves: nobody verifies their own entry")
    if not signing_in:
        return None
    if account is None:
        return f"it records {shown} verifying, but no account of that name existed then"
    role, disabled = account
    if disabled:
        return f"it records {shown} verifying, but that account was disabled then"
    if Permission.DECLARE not in ROLE_PERMISSIONS.get(str(role), frozenset()):
        return f"it records {shown} verifying, but that account was {role} then"
    return None
