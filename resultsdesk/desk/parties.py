"""Finding or creating the party a file's row belongs to, the same way for every import."""

from __future__ import annotations

from ..domain.parties import (
    SUCCESSOR_MNIS_IDS,
    generated_colour,
    known_colour,
    political_rank,
)
from ..io.party_colours import PartyColours, read_party_colours
from ..paths import PARTY_COLOURS, data_file
from ..store import Store
from ..store import repository as repo
from .accounts import Permission, acting_user
from .errors import DeskRefusal


def bundled_colours() -> PartyColours:
    return read_party_colours(data_file(PARTY_COLOURS))


class PartyRegistry:
    """Parties match by MNIS party ID first, then by abbreviation; otherwise they are new.

    Kept in memory for one import so thousands of rows cost no extra queries.
    """

    def __init__(self, store: Store, colours: PartyColours | None = None) -> None:
        self.store = store
        self.colours = colours if colours is not None else bundled_colours()
        self.by_abbreviation = {r["abbreviation"]: r["id"] for r in repo.party_rows(store)}
        self.by_mnis = repo.party_mnis_ids(store)
        self.created: list[str] = []

    def resolve(self, abbreviation: str, name: str, mnis_id: int | None) -> int:
        successor = SUCCESSOR_MNIS_IDS.get(mnis_id) if mnis_id is not None else None
        if successor in self.by_mnis:
            return self.by_mnis[successor]
        if mnis_id is not None and mnis_id in self.by_mnis:
            return self.by_mnis[mnis_id]
        party_id = self.by_abbreviation.get(abbreviation)
        if party_id is None:
            colour = (known_colour(abbreviation) or self.colours.colour_for(mnis_id, abbreviation)
                      or generated_colour(abbreviation))
            party_id = repo.insert_party(self.store, abbreviation, name, mnis_id, colour,
                                         political_rank(abbreviation))
            self.by_abbreviation[abbreviation] = party_id
            self.created.append(abbreviation)
        if mnis_id is not None:
            repo.add_party_mnis_id(self.store, mnis_id, party_id)
            self.by_mnis[mnis_id] = party_id
        return party_id


def set_political_order(store: Store, order: list[str], *, user: str) -> None:
    """Store the chamber's left-to-right order: the parties listed first, in that order,
    then every other party after them in its old order."""
    with store.write():
        user = acting_user(store, user, Permission.PARTIES)
        rows = sorted(repo.party_rows(store), key=lambda r: (r["political_order"],
                                                            r["abbreviation"]))
        known = {r["abbreviation"] for r in rows}
        unknown = [p for p in order if p not in known]
        if unknown:
            raise DeskRefusal(f"No party {', '.join(unknown)} in this election.")
        rest = [r["abbreviation"] for r in rows if r["abbreviation"] not in order]
        old = [r["abbreviation"] for r in rows]
        new = [*order, *rest]
        repo.set_political_order(store, new)
        store.audit(user, "set political order", "parties", "",
                    {"old": old[:20], "new": new[:20]})
