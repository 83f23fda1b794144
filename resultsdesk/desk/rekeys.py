"""The limit on a person's failed re-keys of one version (`domain.rekeys`), as the desk
reads it from the audit log: each miss is a committed 'verify mismatch' entry naming its
verifier, the seat and the version, on a file and on a server alike; on a server, tries
taken back count too, as the next entry of theirs records them ('undone')."""

from __future__ import annotations

from ..domain.identity import same_person
from ..domain.records import record
from ..domain.rekeys import REKEY_MISMATCHES_ALLOWED, rekey_tries_left, rekeys_used_up
from ..domain.validation import DIFFERENCE_NAMES
from ..domain.wording import count_of
from ..store import Store
from ..store import declarations as sql
from .errors import DeskRefusal
from .sheets import SeatSheet, Version

# What happens to a version once a verifier's tries are used up: the refusal, the form and
# `verify` all say it in these words.
WHO_NEXT = "another person verifies it, or it is rejected and keyed again"


def tries_left_words(tries_left: int) -> str:
    """"2 tries left", "1 try left"."""
    return f"{count_of(tries_left, 'try', 'tries')} left"


def compared_nothing_words(taken_back: int) -> str:
    """Why a miss that records tries taken back (`_taken_back_before_last_miss`) names every
    field: nothing typed was compared, so the figures may all be right. Said in place of
    "your figures differ for" every field, which sent a verifier whose connection dropped
    mid-verification to doubt a sheet keyed right (and the form refused the same figures
    again as "nothing re-keyed")."""
    earlier = count_of(taken_back, "earlier try", "earlier tries")
    return (f"{earlier} of yours at this version went unanswered (the connection was lost "
            "mid-verification, or a transaction rolled back) and counts, so this try "
            "compared nothing of what was typed: your figures may be right; check them "
            "and verify again")


class RekeysUsedUp(DeskRefusal):
    """This person has had their tries at this version: another person verifies it, or
    it is rejected and keyed again."""


def _misses(store: Store, code: str, version: int, user: str) -> list[dict]:
    """`user`'s entries of `sql.rekey_misses` for this version, under any spelling of their
    name (`same_person`), oldest first."""
    return [entry for entry in sql.rekey_misses(store, code)
            if entry["details"].get("version") == version and same_person(entry["user"], user)]


def _failed(misses: list[dict]) -> int:
    # each miss, and on a server each try taken back that an entry records ('undone')
    return sum((entry["action"] == "verify mismatch") + int(entry["details"].get("undone", 0))
               for entry in misses)


def failed_rekeys(store: Store, code: str, version: int, user: str) -> int:
    """How many re-keys of version `version` of seat `code` `user` got wrong: the same
    person under any spelling of their name (`same_person`); on a server, with the tries
    taken back that an entry of theirs records ('undone'), as the server counts them (the
    desk said "2 tries left" where the server refused the next)."""
    return _failed(_misses(store, code, version, user))


def _taken_back_before_last_miss(misses: list[dict]) -> int:
    """How many tries of theirs that were taken back unrecorded (on a server: a connection
    lost before its reply, or a transaction rolled back) their newest miss records
    ('undone'). A server compares nothing in such a try and names every field as
    differing (the figures typed may all be right): the desk says why instead. 0 if none."""
    last = [entry for entry in misses if entry["action"] == "verify mismatch"]
    return int(last[-1]["details"].get("undone", 0)) if last else 0


def tries_left(store: Store, code: str, version: int, user: str) -> int:
    return rekey_tries_left(failed_rekeys(store, code, version, user))


def refuse_used_up_rekeys(store: Store, code: str, name: str, version: int,
                          user: str) -> None:
    """Refuse `user` another re-key of this version once theirs are used up (checked
    before anything is compared, so a refused try tells nothing about the figures)."""
    if rekeys_used_up(failed_rekeys(store, code, version, user)):
        raise RekeysUsedUp(
            f"{user} has re-keyed version {version} of {name} {REKEY_MISMATCHES_ALLOWED} "
            f"times without a match, so cannot try again: {WHO_NEXT}.")


def rekey_tries(store: Store, code: str, version: int, user: str) -> tuple[int, int]:
    """After `user`'s miss of this version: their tries left, and the tries taken back
    that the miss records (`_taken_back_before_last_miss`); the seat's misses read once."""
    misses = _misses(store, code, version, user)
    return rekey_tries_left(_failed(misses)), _taken_back_before_last_miss(misses)


@record
class VerifyResult:
    """What `declarations.verify` came to: verified, or the fields a re-key missed, with
    the verifier's tries left and the tries taken back that miss records."""

    verified: bool
    differences: tuple[str, ...]  # "votes:<i>", "invalid", "electorate", "tie_winner"
    version: Version
    sheet: SeatSheet
    # after a miss, how many more re-keys of this version the verifier may try (`rekeys`)
    tries_left: int | None = None
    taken_back: int = 0  # a miss comparing nothing (`_taken_back_before_last_miss`)

    def describe_differences(self) -> str:
        names = []
        for field_name in self.differences:
            if field_name in DIFFERENCE_NAMES:
                names.append(DIFFERENCE_NAMES[field_name])
            else:
                c = self.sheet.candidates[int(field_name.split(":")[1])]
                names.append(f"{c.name} ({c.party})")
        return ", ".join(names)
