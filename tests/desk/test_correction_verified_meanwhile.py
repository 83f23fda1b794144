"""A correction reopened by its author, verified by someone else meanwhile, is not saved
as a new correction unnoticed.

alice keys a correction; before anyone verifies it she presses Enter on the seat to key
it afresh (README, Correct), and the form opens on the verified result the correction
replaces. bob verifies her correction meanwhile: no version number moves (her version
went from awaiting verification to verified), so her save went in as version 3, a new
correction of figures now on air that she had opened the form to replace, and nothing
said so. The save names what happened, as it does when another version is added since.
"""

from __future__ import annotations

import pytest
from helpers.seats import CLEAN, CON, HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures

CORRECTED = list(CLEAN)
CORRECTED[CON] += 10
AGAIN = list(CLEAN)
AGAIN[CON] += 100


@pytest.fixture
def corrected(nominations_store):
    desk = nominations_store
    dk.declare(desk, HENDON, user="alice", figures=Figures(CLEAN, 120))
    dk.verify(desk, HENDON, user="bob", votes=CLEAN, invalid=120)
    dk.correct(desk, HENDON, user="alice", figures=Figures(CORRECTED, 120), reason="Con +10")
    return desk


def _again(desk, opened: dk.SeatSheet) -> dk.Version:
    """alice's save from the Correct form she opened on `opened` to key it afresh."""
    return dk.correct(desk, HENDON, user="alice", figures=Figures(AGAIN, 120),
                      reason="Con +100", expected_version=opened.current_version,
                      correcting=opened.verified.version)


def test_a_reopened_correction_verified_meanwhile_is_not_corrected_unnoticed(corrected):
    opened = dk.load_sheet(corrected, HENDON)  # version 2, hers, awaiting verification
    dk.verify(corrected, HENDON, user="bob", votes=CORRECTED, invalid=120)
    with pytest.raises(dk.Conflict, match="version 2 was verified by bob"):
        _again(corrected, opened)
    sheet = dk.load_sheet(corrected, HENDON)
    assert (sheet.current_version, sheet.pending) == (2, None)


def test_a_reopened_correction_still_awaiting_verification_is_replaced(corrected):
    opened = dk.load_sheet(corrected, HENDON)
    assert _again(corrected, opened).version == 3
    sheet = dk.load_sheet(corrected, HENDON)
    assert tuple(sheet.pending.votes) == tuple(AGAIN) and sheet.verified.version == 1
