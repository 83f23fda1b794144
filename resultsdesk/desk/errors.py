"""The refusal every desk use case raises; its message is meant for the person at the desk."""

from __future__ import annotations

from ..domain.errors import Cause, KnownError
from ..domain.validation import title_problem


class DeskRefusal(KnownError):
    """A rule of the desk stopped this action; the message says which and what to do.
    Nothing was written (a mismatched re-key is recorded in the audit log, see `verify`)."""

    cause = Cause.REFUSED


class Conflict(DeskRefusal):
    """Someone else changed the seat since this desk looked at it (`declarations`)."""


def refuse_bad_title(name: str, what: str) -> None:
    """DeskRefusal when `name` cannot be the `what`'s name ("election", "baseline"): it
    heads graphics, the window and the audit trail, where an escape sequence or a
    direction override would act rather than show (`validation.title_problem`)."""
    why = title_problem(name)
    if why is not None:
        raise DeskRefusal(f"The {what}'s name {why}.", cause=Cause.BAD_INPUT)


# A note, a correction's reason, a rejection's comment and an acceptance's reason are kept
# for good and read again by every window at each refresh: none is endless. A server holds
# every writer to this (its migrations 30 and 62); the desk holds a file to it too, so the
# same command does the same on both.
MAX_NOTE = 10_000


def refuse_endless(what: str, text: str | None) -> None:
    """DeskRefusal when `text` is longer than MAX_NOTE, in the server's words."""
    if text is not None and len(text) > MAX_NOTE:
        raise DeskRefusal(f"{what} is at most {MAX_NOTE:,} characters; this one has "
                          f"{len(text):,}.")


# The store's own refusals (a file it cannot open or use; a server that no longer signs the
# account in, or refuses the live feed), for front ends that do not import the store
# themselves.
from ..store import StoreError  # noqa: E402
from ..store.errors import FileLost  # noqa: E402
from ..store.server import FeedRefused, ServerSignInFailed  # noqa: E402

__all__ = ["Conflict", "DeskRefusal", "FeedRefused", "FileLost", "ServerSignInFailed",
           "StoreError"]
