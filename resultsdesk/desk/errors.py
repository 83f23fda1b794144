"""The refusal every desk use case raises; its message is meant for the person at the desk."""

from __future__ import annotations


class DeskRefusal(Exception):
    """A rule of the desk stopped this action; the message says which and what to do."""
