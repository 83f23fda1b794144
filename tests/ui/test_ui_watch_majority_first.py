"""The recount watch in a large font (14-16 pt) on a laptop's 1366 × 768: its names, whole,
filled the dock and pushed the majorities to its edge, where the sideways scroll cut each to
its first digit: Hendon's 15, Poole's 18 and Peterborough's 118 all read "1", three times a
recount margin that was not there. The majority is the watch's first column, every figure
whole in sight whatever the font and the dock's width; the names follow it, whole."""

from __future__ import annotations

import pytest
from helpers.laptop import LARGE_FONT_WINDOW, run_on_screen

from resultsdesk.ui import recount_model

CHILD = LARGE_FONT_WINDOW + """
window.recount_dock.raise_()
for _ in range(20):
    app.processEvents()
table = window.recount_table
header, model = table.horizontalHeader(), table.model()
from resultsdesk.ui.recount_model import MAJORITY
cells = [(model.index(r, MAJORITY).data(), table.visualRect(model.index(r, MAJORITY)))
         for r in range(model.rowCount())]
bold = table.font()
bold.setBold(True)
from PySide6.QtGui import QFontMetrics
metrics = QFontMetrics(bold)
print(json.dumps({
    "first": header.logicalIndex(0), "second": header.logicalIndex(1),
    "viewport": table.viewport().width(),
    "cells": [{"text": text, "left": rect.left(), "right": rect.right(),
               "needs": metrics.horizontalAdvance(text)} for text, rect in cells],
    "names": [model.index(r, 0).data() for r in range(model.rowCount())]}))
sys.stdout.flush()
os._exit(0)
"""


@pytest.mark.parametrize("points", [10, 14, 16])
def test_every_majority_on_the_watch_is_whole_in_sight_in_a_large_font(night_db, tmp_path,
                                                                        points):
    seen = run_on_screen(CHILD.replace("POINTS", str(points)), night_db, (1366, 768),
                         tmp_path)
    assert seen["first"] == recount_model.MAJORITY  # the figure first, the name beside it
    assert seen["second"] == recount_model.COLUMNS.index("Constituency")
    assert seen["names"][:3] == ["Hendon", "Poole", "Basildon and Billericay"]
    assert [c["text"] for c in seen["cells"][:3]] == ["15", "18", "20"]
    for cell in seen["cells"]:
        assert cell["left"] >= 0 and cell["right"] < seen["viewport"], cell  # none cut
        assert cell["needs"] <= cell["right"] - cell["left"], cell
