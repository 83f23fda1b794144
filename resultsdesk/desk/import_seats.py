"""Seats an import would add to an election that has its seats, and a baseline that would
leave out seats the one it replaces covers: each refused unless asked for.

A new, empty election gets its seats from its first import (that is how a database is
made). Into one that has seats, every seat of a file the election lacks is a seat more in
the chamber and a new majority line on air: a single mistyped GSS code is a phantom seat,
and the wrong year's file (2019's codes are all different) doubles a 650-seat chamber. A
report after the fact is no guard, so the import stops before writing anything
(`NewSeatsRefusal`) unless the person importing said to add them (the command line's
`--add-seats`; the window asks, with "don't add" the default answer).

A baseline imported again replaces the one in place whole. A file that leaves seats out (one
seat, picked by mistake for the 650-seat notional file; the Scottish file for the Welsh one)
leaves those seats without a baseline: their gains and holds go off air at once (303 gains
did). So that too stops before
anything is written (`FewerBaselineSeatsRefusal`) unless asked for (`--fewer-seats`; the
window asks, "don't replace" the default answer).
"""

from __future__ import annotations

from pathlib import Path

from ..domain.place_names import same_place_name
from ..domain.wording import count_of
from .errors import DeskRefusal

ADD_SEATS_OPTION = "--add-seats"  # the command line's word for "yes, add them"
FEWER_SEATS_OPTION = "--fewer-seats"  # and for "yes, a baseline leaving seats out"
SHOWN = 3  # seats named in a line; the rest are counted


class NewSeatsRefusal(DeskRefusal):
    """The import would add seats to an election that has some, and was not told to.
    Nothing was written. Carries what a front end needs to ask: the seats ("CODE Name",
    in the file's order), how many the election has, and how many seats the file names."""

    def __init__(self, file: str | Path, new_seats: list[str], seats_before: int,
                 seats_in_file: int) -> None:
        self.file = Path(file).name
        self.new_seats = list(new_seats)
        self.seats_before = seats_before
        self.seats_in_file = seats_in_file
        super().__init__(f"{self.summary()}; nothing imported. If the seats are meant, "
                         f"import again with {ADD_SEATS_OPTION}.")

    @property
    def looks_like_another_election(self) -> bool:
        """Most of the file's seats are not in this election (more new than known, and
        more than one): not a typo, a file of another election (or other boundaries). A
        file of one seat, not the election's, is the one mistyped code."""
        n = len(self.new_seats)
        return n > 1 and n > self.seats_in_file - n

    @property
    def seats_counted(self) -> str:
        """How many seats the file would add, in words ("1 seat", "645 seats")."""
        return count_of(len(self.new_seats), "seat")

    def seats_named(self) -> str:
        """The first few seats, and how many more."""
        return seats_named(self.new_seats)

    def summary(self) -> str:
        """One line: the file, how many seats it would add to how many, which, and why it
        matters (or what it looks like)."""
        n = len(self.new_seats)
        known = self.seats_in_file - n
        if not self.looks_like_another_election:
            why = ("a mistyped code is a new seat, and the chamber's size and majority "
                   "line change with it")
        elif known == 0:
            why = (f"none of its {self.seats_in_file:,} seats is in this election, so it "
                   "looks like another election's file")
        else:
            why = (f"{n:,} of its {self.seats_in_file:,} seats are not in this election, so it "
                   "looks like another election's file")
        return (f"{self.file} would add {self.seats_counted} to the {self.seats_before:,} "
                f"already in the election ({self.seats_named()}): {why}")


def seats_named(seats: list[str]) -> str:
    """The first few of `seats` named, and how many more: "E14009999 Phantom, ... and 642
    more" (a refusal's line, an import's report)."""
    more = f" and {len(seats) - SHOWN:,} more" if len(seats) > SHOWN else ""
    return ", ".join(seats[:SHOWN]) + more


def refuse_new_seats(file: str | Path, new_seats: list[str], seats_before: int,
                     seats_in_file: int, *, add_seats: bool) -> None:
    """Raise `NewSeatsRefusal` if the import would add seats to an election that has
    some and `add_seats` was not given; an empty election takes its seats."""
    if new_seats and seats_before and not add_seats:
        raise NewSeatsRefusal(file, new_seats, seats_before, seats_in_file)


class FewerBaselineSeatsRefusal(DeskRefusal):
    """A baseline would replace one covering seats it leaves out, and was not told to.
    Nothing was written. Carries what a front end needs to ask: the file's name, both
    counts, and how many of the seats covered now would have no baseline."""

    def __init__(self, file: str | Path, seats_in_file: int, seats_before: int,
                 lost: int) -> None:
        self.file = Path(file).name
        self.seats_in_file = seats_in_file
        self.seats_before = seats_before
        self.lost = lost
        super().__init__(f"{self.summary()}; nothing imported. If that is meant, import "
                         f"again with {FEWER_SEATS_OPTION}.")

    def summary(self) -> str:
        """One line: the file, both counts, and what replacing would take off air."""
        return (f"{self.file} is a baseline of {count_of(self.seats_in_file, 'seat')} that "
                f"leaves out {self.lost:,} of the {self.seats_before:,} seats of the baseline "
                f"it would replace: {'they' if self.lost != 1 else 'it'} would have no "
                "baseline, and their gains and holds would go off air")


def refuse_fewer_baseline_seats(file: str | Path, seats_in_file: set[str],
                                seats_before: set[str], *, fewer_seats: bool) -> None:
    """Raise `FewerBaselineSeatsRefusal` if a baseline covering the seats `seats_in_file`
    (codes) would replace one covering seats it leaves out (`seats_before`), and
    `fewer_seats` was not given: fewer seats, or as many others (the Scottish file picked
    for the Welsh one)."""
    lost = seats_before - seats_in_file
    if lost and not fewer_seats:
        raise FewerBaselineSeatsRefusal(file, len(seats_in_file), len(seats_before),
                                        len(lost))


def refuse_renamed_seats(file: str | Path, first_rows: dict[str, tuple[str, int, int]],
                         names: dict[str, str], column: str = "Constituency name") -> None:
    """A file naming a seat the election has otherwise is refused at its first row: its
    figures were recorded against the election's seat of that code, unnoticed (a file's
    codes re-sorted in a spreadsheet put Hendon's rows under Aberafan Maesteg's code).
    `first_rows`: each code's (name, row, line) where the file first has it."""
    from ..io.csvfile import ImportFailure  # (an import's: `summary` loads this module)

    for code, (name, row, line) in first_rows.items():
        kept = names.get(code)
        if kept is not None and not same_place_name(name, kept):
            raise ImportFailure(file, f"'{name}' but this election's {code} is '{kept}'",
                                row=row, column=column, line=line)
