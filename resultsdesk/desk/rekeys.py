"""The limit on a person's failed re-keys of one version (`domain.rekeys`), as the desk
reads it from the audit log: each miss is a committed 'verify mismatch' entry naming its
verifier, the seat and the version, on a file and on a server alike; on a server, tries
taken back count too, as the next entry of theirs records them ('undone')."""

from __future__ import annotations

from ..domain.identity import same_person
from ..domain.rekeys import REKEY_MISMATCHES_ALLOWED, rekey_tries_left, rekeys_used_up
from ..domain.wording import count_of
from ..store import Store
from ..store import declarations as sql
from .errors import DeskRefusal

# What happens to a version once a verifier's tries are used up: the refusal, the form and
# `verify` all say it in these words.
WHO_NEXT = "another person verifies it, or it is rejected and keyed again"


def tries_left_words(tries_left: int) -> str:
    """"2 tries left", "1 try left"."""
    return f"{count_of(tries_left, 'try', 'tries')} left"


class RekeysUsedUp(DeskRefusal):
    """This person has had their tries at this version: another person verifies it, or
    it is rejected and keyed again."""


def failed_rekeys(store: Store, code: str, version: int, user: str) -> int:
    """How many re-keys of version `version` of seat `code` `user` got wrong: the same
    person under any spelling of their name (`same_person`); on a server, with the tries
    taken back that an entry of theirs records ('undone'), as the server counts them (the
    desk said "2 tries left" where the server refused the next)."""
    return sum((entry["action"] == "verify mismatch") + int(entry["details"].get("undone", 0))
               for entry in sql.rekey_misses(store, code)
               if entry["details"].get("version") == version
               and same_person(entry["user"], user))


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
