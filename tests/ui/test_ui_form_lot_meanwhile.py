"""A Correct form open on a verified tie while another desk records the lot drawn: the form
hears it at once (test_ui_form_correct_meanwhile.py), and names it as the window's list
does ("lot pending"): alice's lot awaits verification, not "alice's entry" (there is none;
the list, History and the status bar all say lot)."""

from __future__ import annotations

import pytest
from helpers.seats import HENDON, TIED

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui.declaration_form import Mode


@pytest.fixture
def tie_db(nominations_db):
    with Store(nominations_db) as desk:  # a tie keyed and verified, its lot still to draw
        dk.declare(desk, HENDON, Figures(TIED, 120), user="alice", overrides=["tie"])
        dk.verify(desk, HENDON, user="bob", votes=TIED, invalid=120)
    return nominations_db


def test_a_lot_recorded_meanwhile_is_called_a_lot(qtbot, main_window, tie_db):
    window = main_window(tie_db, user="carol")
    form = window.open_form(HENDON, Mode.CORRECT).form
    with Store(tie_db) as other:  # alice, at the other PC, records the lot drawn
        sheet = dk.load_sheet(other, HENDON)
        con = next(c.id for c in sheet.candidates if c.party == "Con")
        dk.decide_tie(other, HENDON, user="alice", winner_id=con, note="drawn from a hat")
    qtbot.waitUntil(lambda: "alice" in form.message_label.text())
    said = form.message_label.text()
    assert "alice's lot now awaits verification" in said, said
    assert "verify that lot instead" in said, said
