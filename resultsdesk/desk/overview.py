"""What the desk's constituency list shows: every seat, where it stands, who won."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.model import Status
from ..store import Store
from ..store import repository as repo


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


def constituency_rows(store: Store) -> list[ConstituencyRow]:
    return [
        ConstituencyRow(
            code=r["code"], name=r["name"], nation=r["nation"], region=r["region"],
            status=r["status"], winner_party=r["winner_party"], winner_name=r["winner_name"],
            tie=bool(r.get("tie")), candidates=r["candidates"],
        )
        for r in repo.constituency_overview(store)
    ]


def party_colours(store: Store) -> dict[str, str]:
    return {p.abbreviation: p.colour for p in repo.parties(store)}


def election_title(store: Store) -> str:
    return repo.election_name(store)
