"""A long warning on the declaration form wraps (`wrap_box.WrappingCheckBox`): a click on
any of its lines ticks it, as a click on a one-line warning's words always did. Qt's own
check box takes a click only inside the one line its words would be on (a strip in the
middle of the box): the first and last lines of a wrapped warning, at 16 pt the whole
sentence above and below "… Jane Gibson has 0 votes …", took clicks and did nothing."""

from __future__ import annotations

import pytest
from helpers.form_dialogs import shown_form
from helpers.seats import HENDON
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionButton

from resultsdesk.store import Store
from resultsdesk.ui import wrap_box

ZEROS_AND_CLOSE = (0, 0, 0, 2667, 1966, 15840, 15855, 0)  # a long warning: four on 0


@pytest.fixture
def font_points(request, qapp):
    usual = qapp.font()
    font = qapp.font()
    font.setPointSize(request.param)
    qapp.setFont(font)
    yield request.param
    qapp.setFont(usual)


def _lines(box) -> list[QPoint]:
    """The middle of each line of the box's words, where it draws them."""
    option = QStyleOptionButton()
    box.initStyleOption(option)
    place = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxContents, option, box)
    words = box.fontMetrics().boundingRect(place, int(wrap_box._FLAGS), box.text())
    step = box.fontMetrics().lineSpacing()
    count = max(1, round(words.height() / step))
    return [QPoint(words.left() + 40, words.top() + step * i + step // 2)
            for i in range(count)]


@pytest.mark.parametrize("font_points", [9, 16], indirect=True)
def test_a_click_on_any_line_of_a_wrapped_warning_ticks_it(qtbot, nominations_db,
                                                           font_points):
    with Store(nominations_db) as store:
        dialog = shown_form(qtbot, store, HENDON, "alice")
        for value in [*ZEROS_AND_CLOSE, 50]:
            qtbot.keyClicks(QApplication.focusWidget(), str(value))
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        box = dialog.form.override_boxes["zero_votes"]
        qtbot.waitUntil(lambda: box.isVisible()
                        and box.height() >= box.heightForWidth(box.width()))
        lines = _lines(box)
        assert len(lines) >= 2  # (wrapped: the case in question)
        for point in lines:
            assert QRect(QPoint(0, 0), box.size()).contains(point)
            before = box.isChecked()
            qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=point)
            assert box.isChecked() is not before, point
        dialog.form.setProperty("discard_unasked", True)
