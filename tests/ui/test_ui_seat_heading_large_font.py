"""The seat's name heading the declaration form and History (Ctrl+H) in a desk's large font
(16 pt, a 21-pixel body). Their type was a fixed 20 and 16 pixels: at 16 pt "Hendon" read
smaller than the grey "E14001279 · London" beside it, and History's bold name smaller than
its code and every line of the tables under it. They grow with the font now (as the form's
figures and the summary strip do), and are as they were at the usual 9 pt."""

from __future__ import annotations

import re

import pytest
from helpers.form_dialogs import shown_form
from helpers.seats import HENDON
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication, QLabel

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.declarations import history
from resultsdesk.desk.visibility import Viewer, blind_history
from resultsdesk.ui.history_dialog import HistoryDialog


def _heading_px(label: QLabel) -> int:
    """The font size the label's rich text gives the seat's name (its first span)."""
    found = re.search(r"font-size:\s*(\d+)px", label.text())
    assert found, label.text()
    return int(found.group(1))


@pytest.mark.parametrize("font_points", [9, 16], indirect=True)
def test_the_forms_seat_name_is_larger_than_the_text_beside_it(qtbot, nominations_store,
                                                               font_points):
    body = QFontInfo(QApplication.font()).pixelSize()
    dialog = shown_form(qtbot, nominations_store, HENDON, "alice")
    title = dialog.findChild(QLabel, "seatTitle")
    assert _heading_px(title) > body
    if font_points == 9:
        assert _heading_px(title) == 20  # as it always was
    dialog.form.setProperty("discard_unasked", True)


@pytest.mark.parametrize("font_points", [9, 16], indirect=True)
def test_historys_seat_name_is_no_smaller_than_the_text_under_it(qtbot, nominations_store,
                                                                  font_points):
    body = QFontInfo(QApplication.font()).pixelSize()
    sheet = dk.load_sheet(nominations_store, HENDON)
    shown, hidden = blind_history(history(nominations_store, HENDON),
                                  Viewer("bob", sees_all_provisional=True))
    dialog = HistoryDialog(shown, [], hidden=hidden)
    qtbot.addWidget(dialog)
    head = dialog.findChild(QLabel, "historyHeading")
    assert sheet.name in head.text()
    assert _heading_px(head) >= body
    if font_points == 9:
        assert _heading_px(head) == 16  # as it always was
