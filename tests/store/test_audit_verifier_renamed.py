"""A verified version whose verifier was renamed by hand is said as such by the check.

bob verified alice's Hendon; someone with sqlite3 made the version say carol verified it.
The check said "… is marked verified by "carol", but no audit entry records that
verification", which an auditor reads as a verification never logged; the log does record
it, by bob. It now says whom the entry recording the verification names.
"""

from __future__ import annotations

from helpers.seats import CLEAN, HENDON
from helpers.tampering import by_hand, check, declaration, raw

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store


def test_a_verifier_renamed_by_hand_is_said_with_the_name_the_entry_records(nominations_db):
    with Store(nominations_db) as store:
        dk.declare(store, HENDON, user="alice", figures=Figures(CLEAN, 1))
        dk.verify(store, HENDON, user="bob", votes=CLEAN, invalid=1)
    version = declaration(raw(nominations_db), HENDON)
    by_hand(nominations_db, f"UPDATE declarations SET verified_by = 'carol' WHERE id = {version}")
    result = check(nominations_db)
    assert not result.intact
    assert result.problem == (f'version 1 of Hendon ({HENDON}) is marked verified by "carol", '
                              'but the audit entry recording its verification names "bob"')
