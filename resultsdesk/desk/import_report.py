"""What an import reports: how much it recorded, what it added, how it read the files, and the
desk's own work it replaced, in one message for the command line and the window alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..domain.wording import count_of
from .audit_text import clean
from .import_seats import seats_named


@dataclass(slots=True)
class ImportReport:
    file: str
    constituencies: int = 0
    candidates: int = 0
    declarations: int = 0
    new_parties: list[str] = field(default_factory=list)
    # Warnings the desk would have asked someone to accept: "Seat: message" lines.
    warnings: list[str] = field(default_factory=list)
    # Seats the file adds to an election that had some (a mistyped code in a file is a
    # new seat, and the chamber and its majority line change): (seats before, "CODE Name").
    seats_before: int = 0
    new_seats: list[str] = field(default_factory=list)
    # How the files were read, when not as UTF-8 with commas ("read as Windows-1252
    # (Excel)"; a companion file's named): said, so a name as read surprises nobody.
    readings: list[str] = field(default_factory=list)
    # The desk's own work the import replaced ("Hendon (a result keyed by alice and
    # verified by bob)"), each kept in its seat's history: said, never silently.
    replaced: list[str] = field(default_factory=list)

    def describe(self) -> str:
        parts = [count_of(self.constituencies, "constituency", "constituencies")]
        if self.candidates:
            parts.append(count_of(self.candidates, "candidate"))
        if self.declarations:
            parts.append(count_of(self.declarations, "verified declaration"))
        if self.new_parties:
            parts.append(count_of(len(self.new_parties), "new party", "new parties"))
        # The files' names as the audit trail shows them: a control character in one
        # (its escape sequence reaching the terminal, a line break splitting this line) as
        # an escape. (The files' contents are refused holding one, as they are read.)
        text = f"Imported {clean(Path(self.file).name)}: " + ", ".join(parts) + \
            "".join(f"; {clean(r)}" for r in self.readings) + "."
        if self.seats_before and self.new_seats:
            n = len(self.new_seats)
            text += (f"\nNew seat{'s' if n > 1 else ''} beside the {self.seats_before:,} "
                     f"already in the election: {seats_named(self.new_seats)}; it now has "
                     f"{self.seats_before + n:,} seats (check the file's codes if not meant).")
        if self.replaced:
            text += (f"\nReplaced the desk's own work in {count_of(len(self.replaced), 'seat')}"
                     f" (kept in each seat's history): {seats_named(self.replaced)}.")
        if self.warnings:
            text += (f"\n{count_of(len(self.warnings), 'warning')} accepted as imported "
                     "(recorded as overrides):\n" + "\n".join(f"  {w}" for w in self.warnings))
        return text


def replaced_work(rows: list[tuple[str, str, str, str, str | None]],
                  codes: set[str]) -> list[str]:
    """The seats among `codes` whose desk work (`repository.desk_work`'s rows) an import of
    results replaces, each said with whose it was, A-Z."""
    seats: dict[str, tuple[str, list[str]]] = {}
    for code, name, status, entered_by, verified_by in rows:
        if code in codes:
            what = (f"an entry by {entered_by} awaiting verification" if status == "provisional"
                    else f"a result keyed by {entered_by} and verified by {verified_by}")
            seats.setdefault(code, (name, []))[1].append(what)
    return [f"{name} ({'; '.join(whats)})" for name, whats in seats.values()]
