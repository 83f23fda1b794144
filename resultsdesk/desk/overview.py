"""What the desk's constituency list shows: every seat, where it stands, who won."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.model import Status
from ..store import Store
from ..store import repository as repo
from ..store.declarations import seat_flags


@dataclass(frozen=True, slots=True)
class ConstituencyRow:
    code: str
    name: str
    nation: str
    region: str
    status: Status
    winner_party: str | None
    winner_name: str | None
    tie: bool
    candidates: int
    recount_under_way: bool = False
    correction_pending: bool = False

    @property
    def status_text(self) -> str:
        """Status as the desk reads it; a recount or a pending correction is always shown."""
        text = "tie" if self.tie else self.status.value
        if self.correction_pending:
            text += " · correction pending"
        if self.recount_under_way:
            text = "RECOUNT · " + text
        return text


def constituency_rows(store: Store) -> list[ConstituencyRow]:
    flags = seat_flags(store)
    return [
        ConstituencyRow(
            code=r["code"], name=r["name"], nation=r["nation"], region=r["region"],
            status=r["status"], winner_party=r["winner_party"], winner_name=r["winner_name"],
            tie=bool(r.get("tie")), candidates=r["candidates"],
            recount_under_way=bool(flags[r["id"]]["recount_under_way"]),
            correction_pending=bool(flags[r["id"]]["correction_pending"]),
        )
        for r in repo.constituency_overview(store)
    ]


def party_colours(store: Store) -> dict[str, str]:
    return {p.abbreviation: p.colour for p in repo.parties(store)}


def election_title(store: Store) -> str:
    return repo.election_name(store)
