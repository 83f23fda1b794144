"""The declaration form's buttons in a desk's large font (16 pt, set for the eyes at 3 a.m.).
The style sheet's `min-height` for every push button was a fixed 18 pixels, which Qt makes
the button's least height (28 px): where the form is held to the screen's height, its
layout squeezed Save, Verify and Reject to those 28 px, shorter than their 35-pixel text
needs, so "Verify" read "Verifv" and the j of "Reject to desk…" lost its tail. A button
is never shorter than its text needs now, whatever the font; at the usual 9 pt it is as
tall as it was."""

from __future__ import annotations

import pytest
from helpers.form_dialogs import shown_form
from helpers.seats import HENDON
from PySide6.QtWidgets import QPushButton

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.ui.app import application
from resultsdesk.ui.declaration_form import Mode


def _buttons(dialog) -> list[QPushButton]:
    return [b for b in dialog.findChildren(QPushButton) if b.isVisible()]


@pytest.mark.parametrize("font_points", [16], indirect=True)
@pytest.mark.parametrize("mode", [Mode.ENTER, Mode.REKEY, Mode.CORRECT])
def test_the_forms_buttons_are_as_tall_as_their_text_in_a_large_font(
        qtbot, nominations_store, theme, font_points, mode):
    if mode is Mode.REKEY:  # alice's entry, for bob to verify
        sheet = dk.load_sheet(nominations_store, HENDON)
        dk.declare(nominations_store, HENDON, user="alice",
                   figures=Figures([1000 + 97 * i for i in range(len(sheet.candidates))], 50),
                   overrides=["recount_range", "low_turnout"])
    if mode is Mode.CORRECT:  # a verified result to correct
        sheet = dk.load_sheet(nominations_store, HENDON)
        figures = Figures([1000 + 97 * i for i in range(len(sheet.candidates))], 50)
        dk.declare(nominations_store, HENDON, user="alice", figures=figures,
                   overrides=["recount_range", "low_turnout"])
        dk.verify(nominations_store, HENDON, user="bob", votes=figures.votes,
                  invalid=figures.invalid)
    dialog = shown_form(qtbot, nominations_store, HENDON, "bob", mode)
    buttons = _buttons(dialog)
    assert dialog.form.save_button in buttons
    for button in buttons:
        # the whole text's height, its descenders too ("Verify", "Reject")
        assert button.height() >= button.sizeHint().height(), button.text()
        assert button.height() >= button.fontMetrics().height() + 8, button.text()


def test_a_button_at_the_usual_font_is_as_tall_as_it_was(qtbot, theme):
    application()
    button = QPushButton("&Save as provisional")
    qtbot.addWidget(button)
    button.show()
    assert button.sizeHint().height() == 28  # 9 pt: the height every dialog was laid out in
