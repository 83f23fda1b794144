"""A decimal comma with three digits after it, typed in a rehearsal's speed box on a desk PC
in German ("0,250", a quarter speed written as that PC writes figures): the comma groups no
thousands there (a group never follows a lone 0), so it is the decimal mark. Read as a
thousands comma, Qt's C locale (lenient about where a group stands) made it ×250, unsaid,
where "0.250" typed is refused as the box's two decimals refuse any third."""

from __future__ import annotations

import pytest

from resultsdesk.ui.app import application
from resultsdesk.ui.speed_box import SpeedBox


def _box(qtbot) -> SpeedBox:
    application()
    box = SpeedBox()
    qtbot.addWidget(box)
    box.setPrefix("×")
    box.setRange(0.1, 100_000)
    box.setValue(60)
    box.show()
    qtbot.waitExposed(box)
    box.setFocus()
    box.selectAll()
    return box


@pytest.mark.parametrize("typed", ["0,250", "0.250"])
def test_a_third_decimal_is_refused_either_way(qtbot, typed):
    box = _box(qtbot)
    qtbot.keyClicks(box, typed)
    box.interpretText()
    assert (box.value(), box.text()) == (0.25, "×0.25")


def test_four_digits_after_a_comma_group_no_thousands(qtbot):
    box = _box(qtbot)
    qtbot.keyClicks(box, "0,2500")
    box.interpretText()
    assert (box.value(), box.text()) == (0.25, "×0.25")


def test_a_thousands_comma_still_groups(qtbot):
    box = _box(qtbot)
    qtbot.keyClicks(box, "3,600")
    box.interpretText()
    assert (box.value(), box.text()) == (3600, "×3600")
