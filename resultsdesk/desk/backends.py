"""Where a desk's writes go: the one place the two kinds of store part ways.

Every write use case (`declarations`, `parties`, `imports`, `accounts`) checks what it is
asked with the same Python rules and messages on either store, then hands the change to
the backend of its store:

- `LocalWrites` (`local_writes.py`, a SQLite file): the checks run inside the file's write
  lock (`Store.write()`), and the backend writes the rows and their audit entry itself.
- `ServerWrites` (`server_writes.py`, a PostgreSQL server): the checks run on a consistent
  read; the backend calls the server's function, which checks the rules again under the
  server's own lock, takes the acting user from the signed-in account, writes the rows and
  the audit entry, and NOTIFYs other desks. Its refusals become the desk's exceptions.

Use cases call `writes_for(store)` and never ask which kind of store they have.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..domain.model import DeclarationKind
from ..domain.records import factory, record

if TYPE_CHECKING:
    from .local_writes import LocalWrites
    from .server_writes import ServerWrites


@record
class Entry:
    """Who saves a new version, of which kind, and what comes with its figures."""

    user: str
    kind: DeclarationKind
    overrides: Sequence[str] = ()
    source: str = "desk"
    reason: str | None = None
    note: str | None = None
    tie_winner: int | None = None
    declared_at: str | None = None


@record(frozen=False)
class ImportPlan:
    """What an import adds, checked and keyed by codes and abbreviations (no row ids), in
    the form the server's import functions take (store/postgres/sql/005_admin.sql):

    - parties: new ones, and existing ones gaining MNIS ids (`mnis_ids`);
    - constituencies: seats new to the election; candidates: the ballot papers of seats
      with none yet (`code`, `party` abbreviation, `ballot_order`, ...);
    - electorates: by seat code;
    - declarations (results): `code`, `votes` in ballot order, `invalid_votes`,
      `electorate`, `declared_at`, `overrides`, `names` (votes by candidate name),
      `tie_winner` (the winner drawn by lot as a 1-based place in `votes`, or None) and
      `tie_winner_name` (their name as the file gives it, for the audit entry);
    - baseline (baselines): `rows` of `code`, `party`, `candidate`, `votes`, with
      `electorates` by code (None where unknown);
    - add_seats: whether the person importing said to add seats to an election that has
      some (`import_seats`; a server refuses them again under its lock without it);
    - electorate_changes: {code: [stored, new]} of the seats it has whose electorate the
      import changes (`import_electorates`), for a file's audit entry; a server works them
      out from its own rows, so they are not in the payload.
    """

    parties: list[dict[str, Any]] = factory(list)
    constituencies: list[dict[str, Any]] = factory(list)
    candidates: list[dict[str, Any]] = factory(list)
    electorates: dict[str, int | None] = factory(dict)
    declarations: list[dict[str, Any]] = factory(list)
    rows: list[dict[str, Any]] = factory(list)
    add_seats: bool = False
    electorate_changes: dict[str, list[int | None]] = factory(dict)

    def payload(self) -> dict[str, Any]:
        return {"parties": self.parties, "constituencies": self.constituencies,
                "candidates": self.candidates, "electorates": self.electorates,
                "declarations": self.declarations, "rows": self.rows,
                "add_seats": self.add_seats}


def writes_for(store: Any) -> LocalWrites | ServerWrites:
    """The backend for `store`: by the store's dialect, decided here and nowhere else."""
    if store.dialect == "postgresql":
        from .server_writes import ServerWrites

        return ServerWrites(store)
    from .local_writes import LocalWrites

    return LocalWrites(store)
