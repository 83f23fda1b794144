"""A declaration's figures as read out at the count.

A dataclass (the declaration rules copy it with `dataclasses.replace`), in its own module
so that commands which never handle figures (`summary`) do not load `dataclasses`; import
it from here or from `domain.model`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Figures:
    """A declaration's figures as read out: votes in ballot order, rejected ballots, the
    total valid vote as read (checked against the sum) and the electorate (None: the one
    a form starts from, the verified result's or else the seat's own)."""

    votes: tuple[int, ...]
    invalid: int | None = None
    total_as_read: int | None = None
    electorate: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "votes", tuple(self.votes))  # a list given: kept as typed

    @property
    def valid_votes(self) -> int:
        return sum(self.votes)
