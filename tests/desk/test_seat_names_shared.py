"""A seat found by a name two seats share is refused, naming both codes: a seat added with
another's name (`import results --add-seats`) made `--constituency NAME` pick one of them
silently, the first the database happened to give (found attacking the command line in
the twenty-sixth session)."""

from __future__ import annotations

import pytest

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.errors import DeskRefusal
from resultsdesk.store import Store


def test_a_name_two_seats_share_finds_neither(nominations_db):
    with Store(nominations_db) as store:
        with store.write():
            store._conn.execute(
                "INSERT INTO constituencies (code, name, nation, region) "
                "VALUES ('E14009999', 'HENDON', 'England', 'London')")
        with pytest.raises(DeskRefusal, match=r"^2 constituencies are named 'Hendon' "
                                              r"\(E14001279, E14009999\): use its GSS code\.$"):
            dk.load_sheet(store, "hendon")
        assert dk.load_sheet(store, "e14009999").code == "E14009999"  # by its code: found
        assert dk.load_sheet(store, "E14001279").name == "Hendon"
        assert dk.load_sheet(store, "Poole").code  # a name of one seat: found
