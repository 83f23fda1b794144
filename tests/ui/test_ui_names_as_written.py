"""Names from the data (parties and candidates as imported) in tooltips and labels read as
written. Qt takes a tooltip or label that looks like markup for rich text: a party imported
as 'Tom & Jerry <b>Independent</b>' came out bold with its tags gone, and 'A &lt; B' as
'A < B'."""

from __future__ import annotations

import pytest
from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel

from resultsdesk.desk.live import StripData
from resultsdesk.ui.style import as_written
from resultsdesk.ui.summary_strip import SummaryStrip

NAMES = ("Tom & Jerry <b>Independent</b>", "Tom & Jerry <Independent>", "A &lt; B")


def shown(text: str) -> str:
    """What Qt draws for a tooltip's or an AutoText label's `text`."""
    if not QtGui.Qt.mightBeRichText(text):
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


@pytest.mark.parametrize("name", NAMES)
def test_as_written_shows_the_text_as_it_is(name):
    for text in (name, f"Hendon: {name} over Lab by 15\nverified"):
        assert shown(as_written(text)) == text


def test_a_plain_tooltip_stays_as_it_was():
    assert as_written("Hendon: Lab over Con by 15 · verified") == \
        "Hendon: Lab over Con by 15 · verified"


@pytest.mark.parametrize("name", NAMES)
def test_the_strips_tooltip_names_the_parties_as_written(qtbot, name):
    """The tooltip that names the parties a narrow strip drops."""
    strip = SummaryStrip()
    qtbot.addWidget(strip)
    strip.set_data(StripData(declared=3, seats_total=650, provisional=0, turnout=None,
                             leaders=((name, 2, None), ("Lab", 1, None)),
                             majority_text="No majority yet"), {})
    assert shown(strip.toolTip()).endswith(f"; {name} 2, Lab 1")


def test_the_forms_candidate_and_party_labels_read_as_written(qtbot, nominations_db):
    from helpers.seats import HENDON

    from resultsdesk.store import Store
    from resultsdesk.ui.app import application
    from resultsdesk.ui.declaration_form import DeclarationForm

    with Store(nominations_db) as store:
        application()
        form = DeclarationForm(store, HENDON, user="alice")
        qtbot.addWidget(form)
        plain = {label.text() for label in form.findChildren(QLabel)
                 if label.textFormat() == Qt.TextFormat.PlainText}
        for c in form.sheet.candidates:
            assert {c.name, c.party_name or c.party} <= plain, c
