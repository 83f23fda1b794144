"""A change is written one way everywhere: the window's tables, the charts and the graphics
("+12", "−3" with a minus sign, "±0"; in points "+1.6", "−19.9", "±0.0")."""

from __future__ import annotations

import pytest

from resultsdesk.domain.signed import MINUS, signed, signed_decimal


@pytest.mark.parametrize(("n", "text"), [(12, "+12"), (-3, f"{MINUS}3"), (0, "\u00b10"),
                                         (1204, "+1,204"), (-25_001, f"{MINUS}25,001")])
def test_a_seat_change(n, text):
    assert signed(n) == text


@pytest.mark.parametrize(("x", "text"), [(1.64, "+1.6"), (-19.94, f"{MINUS}19.9"),
                                         (0.0, "\u00b10.0"), (-0.04, "\u00b10.0"),
                                         (0.04, "\u00b10.0"), (-0.05, f"{MINUS}0.1")])
def test_a_change_in_points_never_reads_minus_zero_or_a_hyphen(x, text):
    assert signed_decimal(x) == text
    assert "-" not in signed_decimal(x)
