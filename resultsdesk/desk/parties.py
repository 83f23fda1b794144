"""Finding or creating the party a file's row belongs to, the same way for every import."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

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
from .accounts import Actor, Permission, acting_user
from .backends import writes_for
from .errors import Conflict, DeskRefusal
from .sheets import local_time


def bundled_colours() -> PartyColours:
    return read_party_colours(data_file(PARTY_COLOURS))


class PartyRegistry:
    """Parties match by MNIS party ID first, then by abbreviation; otherwise they are new.

    Kept in memory for one import so thousands of rows cost no extra queries. It writes
    nothing: `resolve` gives the abbreviation a row belongs to, and `plan()` the parties
    the import adds (and existing ones gaining MNIS ids), for the store's backend to write.
    """

    def __init__(self, store: Store, colours: PartyColours | None = None) -> None:
        self.colours = colours if colours is not None else bundled_colours()
        rows = repo.party_rows(store)
        self.known = {r["abbreviation"]: r for r in rows}
        by_id = {r["id"]: r["abbreviation"] for r in rows}
        self.by_mnis = {mnis: by_id[pid] for mnis, pid in repo.party_mnis_ids(store).items()}
        self.created: list[str] = []
        self._entries: dict[str, dict] = {}  # in the order they came up
        self._names: Counter[tuple[str, str]] = Counter()  # (party, name a row gives): rows

    def resolve(self, abbreviation: str, name: str, mnis_id: int | None) -> str:
        """The abbreviation of the party a file's row belongs to (maybe a new party)."""
        successor = SUCCESSOR_MNIS_IDS.get(mnis_id) if mnis_id is not None else None
        if successor in self.by_mnis:
            return self.by_mnis[successor]
        if mnis_id is not None and mnis_id in self.by_mnis:
            return self.by_mnis[mnis_id]
        if abbreviation not in self.known and abbreviation not in self._entries:
            colour = (known_colour(abbreviation) or self.colours.colour_for(mnis_id, abbreviation)
                      or generated_colour(abbreviation))
            self._entries[abbreviation] = {
                "abbreviation": abbreviation, "name": name, "mnis_id": mnis_id,
                "colour": colour, "political_order": political_rank(abbreviation),
                "mnis_ids": []}
            self.created.append(abbreviation)
        if mnis_id is not None:
            if abbreviation not in self._entries:  # an existing party gaining an MNIS id
                row = self.known[abbreviation]
                self._entries[abbreviation] = {
                    "abbreviation": abbreviation, "name": row["name"],
                    "mnis_id": row["mnis_id"], "colour": row["colour"],
                    "political_order": row["political_order"], "mnis_ids": []}
            self._entries[abbreviation]["mnis_ids"].append(mnis_id)
            self.by_mnis[mnis_id] = abbreviation
        return abbreviation

    def named(self, rows: Iterable[tuple[str, str]]) -> None:
        """Count (party resolved, name the row gives) for each row: a new party is named as
        most of its rows name it (the first on a tie). Named by its first row alone, one
        row of "Labour Fake" under Lab, first in a doctored file, renamed Labour all night."""
        self._names.update(rows)  # (counted in C: this is on the import's path, each row)

    def plan(self) -> list[dict]:
        """New parties, and existing ones with MNIS ids to add, in the order they came up."""
        created = set(self.created)
        best: dict[str, tuple[int, str]] = {}
        for (party, name), rows in self._names.items():  # first come first: a tie keeps it
            if party in created and rows > best.get(party, (0, ""))[0]:
                best[party] = (rows, name)
        for party, (_, name) in best.items():
            self._entries[party]["name"] = name
        return list(self._entries.values())


def set_political_order(store: Store, order: list[str], *, user: Actor,
                        expected: list[str] | None = None) -> None:
    """Store the chamber's left-to-right order: the parties listed first, in that order,
    then every other party after them in its old order. `expected`: the whole order the
    editor started from (every party, as their desk read it when the dialog opened); if
    it changed since, `Conflict` and nothing is written, rather than another desk's order
    overwritten by one made without seeing it (None: no check)."""
    writes = writes_for(store)
    with writes.transaction():
        # checked under the lock: an admin's change committed meanwhile refuses it
        user = acting_user(store, user, Permission.PARTIES)
        rows = sorted(repo.party_rows(store), key=lambda r: (r["political_order"],
                                                            r["abbreviation"]))
        old = [r["abbreviation"] for r in rows]
        if expected is not None and order_changed(old, expected):
            raise Conflict(order_changed_text(store))
        known = set(old)
        unknown = [p for p in order if p not in known]
        if unknown:
            raise DeskRefusal(f"No party {', '.join(unknown)} in this election.")
        rest = [a for a in old if a not in order]
        writes.set_political_order(user, old, [*order, *rest], expected)


def order_changed(current: list[str], expected: list[str]) -> bool:
    """Whether the parties of `expected` stand in another order now (or one is gone). A
    party an import added since is no change: the editor never ordered it, and it keeps
    its place among the parties their order does not list."""
    started = set(expected)
    return [a for a in current if a in started] != list(expected)


def order_changed_text(store: Store) -> str:
    """The refusal of an order made on one that changed since: who changed it and when
    (a server's function says the same, migration 60)."""
    last = repo.last_political_order_change(store)
    who = (f"{last['user']} changed the chamber order at {local_time(last['at'])}"
           if last else "The chamber order changed")
    return f"{who} while you were editing it, so yours was not saved."
