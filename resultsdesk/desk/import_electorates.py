"""The electorates an import changes on seats the election already has.

A constituencies file gives every seat's electorate, and an import stores it: on a seat
with figures awaiting verification that changed what the verifier's form starts from and
what the blind re-key compares (each mismatch one of the verifier's three tries), and on
any seat it went unrecorded (the import's entry counts seats). So a changed electorate
on a seat awaiting verification is refused, naming the file's row, unless the import
replaces that seat's figures itself (a results file's seat); every other change of a known
electorate is recorded (one filled in where none was known is not: the first import with a
constituencies file fills in every seat's) in its own audit entry, "change electorates",
{"electorates": {code: [old, new]}}, written before the import's own entries. A server
applies the same rule under its lock, from its own rows (migration 55)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from pathlib import Path

from ..domain.model import DeclarationStatus
from ..io.csvfile import ImportFailure
from ..io.hoc_constituencies import ELECTORATE, ConstituencyFigures
from ..store import Store
from ..store import repository as repo


def _shown(electorate: int | None) -> str:
    return "none" if electorate is None else f"{electorate:,}"


def electorate_changes(store: Store, path: str | Path,
                       figures: Mapping[str, ConstituencyFigures],
                       electorates: Mapping[str, int | None], work: Iterable[tuple], *,
                       replaced: Collection[str] = ()) -> dict[str, list[int | None]]:
    """{code: [stored, new]} of the seats the election has whose known electorate the
    import changes (a seat it adds, or one without an electorate, is not among them).
    Refuses any change, filling one in too, on a seat awaiting verification (`work`:
    `repository.desk_work`'s rows, as the import read them) that the import does not
    replace (`replaced`: its results' seats)."""
    stored = repo.electorates(store)
    awaiting = {code for code, _, status, *_ in work if status == DeclarationStatus.PROVISIONAL}
    changes: dict[str, list[int | None]] = {}
    for code, new in electorates.items():
        if code not in stored or stored[code] == new:
            continue
        if code in awaiting and code not in replaced:
            fig = figures[code]
            raise ImportFailure(
                path, f"{fig.name} has figures awaiting verification, keyed with the "
                f"electorate {_shown(stored[code])}, and the file gives {_shown(new)}: verify "
                "or reject them before its electorate changes", row=fig.row,
                column=ELECTORATE, line=fig.line)
        if stored[code] is not None:  # filling in an unknown one is not a change
            changes[code] = [stored[code], new]
    return changes
