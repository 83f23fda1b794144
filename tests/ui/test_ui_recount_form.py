"""A recount's count is keyed in the entry form with what the first count settled."""

from __future__ import annotations

from helpers.seats import CLEAN, HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui.app import application
from resultsdesk.ui.declaration_form import DeclarationForm, Mode


def test_a_recount_s_form_starts_from_the_verified_electorate(qtbot, nominations_db):
    """The returning officer gave Hendon's electorate as 100,000 with the first count (the
    seat's own, from the nominations file, is older); the recount's form put the seat's
    own back, so the recount went on air with another electorate and turnout than its
    first count, unless the desk noticed. It starts from the verified result's, as a
    correction's form does."""
    with Store(nominations_db) as store:
        seat = dk.load_sheet(store, HENDON).electorate
        assert seat is not None and seat != 100_000
        dk.declare(store, HENDON, user="alice", figures=Figures(CLEAN, 50, None, 100_000),
                   overrides=["recount_range", "low_turnout"])
        dk.verify(store, HENDON, user="bob", votes=None)
        dk.mark_recount(store, HENDON, user="carol")
        application()
        form = DeclarationForm(store, HENDON, user="alice", mode=Mode.ENTER)
        qtbot.addWidget(form)
        form.show()
        assert form.electorate_edit.text() == "100000"
