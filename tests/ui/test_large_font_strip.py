"""The summary strip across the top of the window in a desk's large font (14-16 pt, set for
the eyes at 3 a.m.). Its type was a fixed 14 pixels, so the strip stayed 25 pixels tall: at
16 pt (a 21-pixel body) the national totals read smaller than every seat's name under them.
It grows with the font now, as tall as its labels' lines, and is as it was at the usual one.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication

from resultsdesk.ui.summary_strip import STRIP_PX


def _px(widget) -> int:
    widget.ensurePolished()  # (a style sheet's font-size is the widget's once polished)
    return QFontInfo(widget.font()).pixelSize()


@pytest.mark.parametrize("font_points", [9, 12, 14, 15, 16], indirect=True)
def test_the_strip_grows_with_the_font(main_window, night_db, qtbot, font_points):
    win = main_window(night_db)
    qtbot.waitExposed(win)
    strip = win.strip
    qtbot.waitUntil(lambda: bool(strip.majority.text()))  # the night read in
    body = QFontInfo(QApplication.font()).pixelSize()
    labels = (strip.declared, strip.parties, strip.turnout, strip.majority)
    if font_points == 9:  # the usual 9 pt (a 12-pixel body): the strip as it always was
        assert body == 12 and {_px(label) for label in labels} == {STRIP_PX}
    for label in labels:
        assert _px(label) >= body, label.objectName()  # no smaller than the names below
    margins = strip.layout().contentsMargins()
    line = max(label.fontMetrics().height() for label in labels)
    assert strip.height() >= line + margins.top() + margins.bottom()
    for label in labels:
        if label.text():
            assert label.height() >= label.fontMetrics().height(), label.objectName()
            top = label.mapTo(strip, label.rect().topLeft()).y()
            assert top >= 0 and top + label.height() <= strip.height()  # the whole line seen
