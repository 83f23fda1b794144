"""Unsaved figures in the declaration form, kept on disk keystroke by keystroke so a crash
loses at most the last one. A draft is not a declaration: it never reaches the database
until the desk saves it through the normal rules.

Each window keeps its draft in a file of its own (a `DraftSlot`), locked while the window
lives: one person's two windows on one election (two monitors) shared one file, so the
figures typed in one were written over by the other's keystrokes, or deleted as the other
closed a form, and a window started while another was typing offered that live form's
figures as a crash's. A draft is offered back only once its window has gone (its lock let
go by the system, however the process ended), to one window at a time."""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..domain.identity import name_key, same_person
from ..domain.model import DeclarationKind
from ..domain.validation import parse_count
from ..io import folder_lock
from ..io.safe_csv import atomic_write_text
from .sheets import SeatSheet, Version, count_name, describe

SUFFIX = ".draft.json"
LOCK_SUFFIX = ".draft.lock"  # beside each draft file: held by the window it belongs to
# More windows than this of one person on one election: the rest share one file, as all did.
MAX_SLOTS = 100


@dataclass(slots=True)
class Draft:
    code: str
    mode: str
    expected_version: int
    fields: dict[str, str] = field(default_factory=dict)  # field object name -> typed text
    overrides: list[str] = field(default_factory=list)
    expected_count: int | None = None  # the count typed for (None: an earlier version's)
    # Left by its window at Switch user (another person signed in at the PC), not by a
    # crash: its offer says so, and does not tell its person the app went down.
    set_aside: bool = False


def draft_path(folder: Path, database: str | Path, user: str) -> Path:
    """Where `user`'s draft for `database` is kept: a file's full path (resolved), or a
    server's URL without its password. Named by the file's stem for whoever looks, and by
    a hash of the whole location, so that two databases of one name in different folders
    (election.db on the desk and a copy of it on a stick) never see each other's drafts:
    figures typed for one must not be offered on, or saved into, the other. Likewise the
    user: named readably, and told apart by a hash of the name's key (`name_key`: two
    spellings of one name share it), since the readable part alone made Siân and Siôn, or
    "Jo Smith" and "jo_smith", one file, and one person's figures were offered to the other
    to save as theirs."""
    safe_user = re.sub(r"[^A-Za-z0-9_-]+", "_", user.strip().casefold()) or "desk"
    who = hashlib.sha256(name_key(user).encode("utf-8", "surrogatepass")).hexdigest()[:12]
    where = str(database)
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", Path(where.split("?")[0].rstrip("/")).stem)
    tag = hashlib.sha256(where.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return folder / f"{stem or 'election'}-{tag}-{safe_user}-{who}{SUFFIX}"


@dataclass(slots=True)
class DraftSlot:
    """One window's draft file (`path`) for one database and person (`base`, their
    `draft_path`: the first window's own, the next `NAME.1.draft.json` and so on), with the
    lock that tells other windows it is in use (None: the disk had no slot to lock)."""
    base: Path
    path: Path
    held: BinaryIO | None = None

    def release(self) -> None:
        if self.held is not None:
            folder_lock.release(self.held)
            self.held = None


def _slot_path(base: Path, slot: int) -> Path:
    return base if slot == 0 else base.with_name(
        f"{base.name.removesuffix(SUFFIX)}.{slot}{SUFFIX}")


def _hold(path: Path) -> BinaryIO | None:
    """The lock of the draft file `path`, taken now; None while its window holds it."""
    try:
        return folder_lock.hold_file(path.with_name(path.name.removesuffix(SUFFIX) + LOCK_SUFFIX))
    except OSError:  # a folder that takes no file: no draft will be written there either
        return None


def claim_slot(folder: Path, database: str | Path, user: str) -> DraftSlot:
    """A draft file of this window's own: the first that no live window holds and that
    holds no draft (one left by a window that went down waits to be offered back, never
    written over)."""
    base = draft_path(folder, database, user)
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
    for slot in range(MAX_SLOTS):
        path = _slot_path(base, slot)
        if path.exists():
            continue
        held = _hold(path)
        if held is None:
            continue
        if not path.exists():  # (not written by a window that went since the look above)
            return DraftSlot(base, path, held)
        folder_lock.release(held)
    return DraftSlot(base, base)


def abandoned_slot(folder: Path, database: str | Path, user: str) -> DraftSlot | None:
    """The first of this person's drafts on this database whose window has gone (a crash,
    a kill, a power cut), held: the caller restores it into a form of its own (and keeps
    the slot) or clears it, and releases it otherwise. None when there is none; a window
    still open is typing its own."""
    base = draft_path(folder, database, user)
    name = re.compile(re.escape(base.name.removesuffix(SUFFIX)) + r"(?:\.([1-9][0-9]*))?"
                      + re.escape(SUFFIX))
    try:
        found = [(int(m[1] or 0), p) for p in folder.iterdir() if (m := name.fullmatch(p.name))]
    except OSError:  # no drafts folder yet
        return None
    for _, path in sorted(found):
        held = _hold(path)
        if held is None:
            continue
        if path.exists():  # (not cleared by its window in the meantime)
            return DraftSlot(base, path, held)
        folder_lock.release(held)
    return None


def save_draft(path: Path, draft: Draft) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # figures nobody has verified yet: this user's only
    atomic_write_text(path, json.dumps(asdict(draft), ensure_ascii=False), private=True)


def load_draft(path: Path) -> Draft | None:
    """The saved draft, or None (none, or unreadable: a broken draft is not worth a crash)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Draft(str(data["code"]), str(data["mode"]), int(data["expected_version"]),
                     {str(k): str(v) for k, v in dict(data.get("fields", {})).items()},
                     [str(o) for o in data.get("overrides", [])],
                     _count_or_none(data.get("expected_count")),
                     data.get("set_aside") is True)
    except (OSError, ValueError, KeyError, TypeError, OverflowError):  # (1e400: inf)
        return None


def set_aside(path: Path, aside: bool = True) -> None:
    """The draft in `path` marked as left at Switch user (`Draft.set_aside`), or (`aside`
    False) no longer: restored into a form, it is that form's crash draft again. Left as it
    was if it cannot be written: a draft is a convenience, and a refusal here had the lock's
    Switch user raise out of its slot."""
    draft = load_draft(path)
    if draft is not None and draft.set_aside != aside:
        draft.set_aside = aside
        with contextlib.suppress(OSError):
            save_draft(path, draft)


def _count_or_none(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def clear_draft(path: Path) -> None:
    path.unlink(missing_ok=True)


def moved_on(sheet: SeatSheet, draft: Draft, user: str) -> str | None:
    """Why `user`'s `draft` can no longer be saved into the seat as it stands (`sheet`,
    just read), beyond what its form refuses to open on; None if it still may be. The
    desk refuses figures typed for a count the seat has left, and a save over someone
    else's change since the form opened, however often it is tried: restored, such a
    draft showed "these figures are recount 2" over recount 1's figures, or was refused
    only once the whole sheet was keyed. A change by `user` themselves may be this
    draft's own save, landed with its reply lost: the restored form's retry finds it."""
    # Not a re-key's nor a correction's: a correction is of the verified count, which a
    # recount called or called off does not move (`declarations.correct` saves it), and
    # dropped, what was typed was left only in the log.
    if draft.mode == "enter" and draft.expected_count is not None \
            and draft.expected_count != sheet.current_count:
        # (not `called_off.count_moved`'s words: there is no form to close)
        typed, now = draft.expected_count, sheet.current_count
        if now < typed:
            return f"recount {typed} of {sheet.name}, which they were typed for, was called off."
        over = "" if sheet.recount_under_way else " (now over)"
        return (f"{sheet.name} is at recount {now}{over}; they were typed for "
                f"{count_name(typed, the=True)}.")
    if draft.expected_version == sheet.current_version:
        return None
    if sheet.current_version < draft.expected_version:
        # A backup restored since, from before the version the draft was typed over: the
        # desk refuses it as "changed since you opened it", at every try.
        now = (f"version {sheet.current_version}" if sheet.current_version
               else "no declaration")
        return (f"{sheet.name} is back at {now} (a backup restored since), not at version "
                f"{draft.expected_version}, which these figures were typed over.")
    since = [v for v in sheet.versions if v.version > draft.expected_version]
    if not since or any(same_person(v.entered_by, user) for v in since):
        return None
    # (whose figures nobody verified stay hidden: the verifier-to-be may read this)
    return (f"{sheet.name} was changed by someone else since: "
            f"{describe(sheet, since[-1], figures=False)}.")


def saved_and_verified(sheet: SeatSheet, draft: Draft, user: str) -> Version | None:
    """The version `user`'s entry or correction `draft` was saved as, if it landed before
    the app went (a team desk's reply lost, then the PC off) and has been verified since:
    the next version after the one it was typed over, theirs, of its kind, verified, with
    the figures typed (the electorate and total where typed). None otherwise. Said as
    "can no longer be saved: … already has a verified result; change it with a
    correction", the operator took her figures for lost and keyed them again as one."""
    kind = {"enter": DeclarationKind.DECLARATION,
            "correct": DeclarationKind.CORRECTION}.get(draft.mode)
    v = next((x for x in sheet.versions if x.version == draft.expected_version + 1), None)
    if kind is None or v is None or v.kind is not kind or v.verified_by is None \
            or not same_person(v.entered_by, user):
        return None
    typed = {name: parse_count(text) for name, text in draft.fields.items()}
    votes = tuple(typed.get(f"votes_{i}") for i in range(len(v.votes)))
    optional = (("electorateEdit", v.electorate), ("totalEdit", v.total_as_read))
    # the winner drawn by lot typed with tied figures too (a correction's, if typed): the
    # same figures with the other winner, from another window, are not this draft's save
    winner = typed.get("tieWinnerCombo")
    same = votes == v.votes and typed.get("invalidEdit") == v.invalid_votes and all(
        name not in typed or typed[name] == kept for name, kept in optional) and (
        winner == v.tie_winner_id or (kind is DeclarationKind.CORRECTION and winner is None))
    return v if same else None
