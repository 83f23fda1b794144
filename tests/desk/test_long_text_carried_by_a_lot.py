"""A lot drawn on a correction awaiting verification is refused only for what its drawer
types (the note), not for the correction's reason it carries over unchanged. A file kept
a reason of any length until the desk held files to 10,000 characters too
(`desk.errors.refuse_endless`): on a file an older release wrote such a correction to,
whose corrected figures tie, the lot was refused for good with "A correction's reason is
at most 10,000 characters; this one has 12,000", a reason the person drawing the lot had
not typed, and the seat could not be called. (A server has refused such a reason since its
migration 30, so none is there to carry.)"""

from __future__ import annotations

import pytest
from helpers.seats import CLEAN, HENDON, LAB, TIED

from resultsdesk.desk import declarations as dk
from resultsdesk.desk import local_writes
from resultsdesk.desk.errors import DeskRefusal
from resultsdesk.domain.model import DeclarationKind, Figures
from resultsdesk.domain.validation import WARNING_CODES

OLD_REASON = "RO's statement pasted whole. " * 420  # 12,180 characters


def _a_long_reason_from_an_older_release(store, monkeypatch) -> None:
    dk.declare(store, HENDON, Figures(CLEAN, 50), user="alice")
    dk.verify(store, HENDON, user="bob", votes=CLEAN, invalid=50)
    with monkeypatch.context() as older:  # a release that held a file to no length
        older.setattr(local_writes, "refuse_endless", lambda *_: None)
        dk.correct(store, HENDON, Figures(TIED, 50), user="alice", reason=OLD_REASON,
                   overrides=WARNING_CODES)


def test_a_lot_on_a_correction_with_a_long_reason_is_drawn(nominations_store, monkeypatch):
    _a_long_reason_from_an_older_release(nominations_store, monkeypatch)
    lab = dk.load_sheet(nominations_store, HENDON).candidates[LAB].id
    dk.decide_tie(nominations_store, HENDON, user="alice", winner_id=lab, note="drawn from a hat")
    latest = dk.load_sheet(nominations_store, HENDON).latest
    assert (latest.kind, latest.tie_winner_id, latest.reason) == (
        DeclarationKind.LOT, lab, OLD_REASON.strip())


def test_the_lots_own_note_is_still_held_to_10000_characters(nominations_store, monkeypatch):
    _a_long_reason_from_an_older_release(nominations_store, monkeypatch)
    lab = dk.load_sheet(nominations_store, HENDON).candidates[LAB].id
    with pytest.raises(DeskRefusal, match="A note is at most 10,000 characters"):
        dk.decide_tie(nominations_store, HENDON, user="alice", winner_id=lab, note="n" * 10_001)
