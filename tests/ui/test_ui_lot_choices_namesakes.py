"""The form's "winner drawn" list offers the tied candidates themselves, told apart, not
every candidate bearing a tied name: Mid Buckinghamshire 2024 has two Greg Smiths (Green,
Con). With the Conservative tied with Labour the list offered both Greg Smiths, as two
identical "Greg Smith" lines, and the Green one, picked, was refused at Ctrl+S ("The
winner by lot must be one of the tied candidates") though the form had offered him."""

from __future__ import annotations

from helpers.form_dialogs import shown_form

from resultsdesk.desk import declarations as dk
from resultsdesk.store import Store

MID_BUCKS = "E14001360"


def test_the_lot_list_offers_only_the_tied_namesake(qtbot, nominations_db):
    with Store(nominations_db) as store:
        sheet = dk.load_sheet(store, MID_BUCKS)
        ids = {f"{c.name} ({c.party})": c.id for c in sheet.candidates}
        top = {ids["Carissma Griffiths (Lab)"], ids["Greg Smith (Con)"]}
        dialog = shown_form(qtbot, store, MID_BUCKS, "alice")
        form = dialog.form
        for edit, c in zip(form.vote_edits, sheet.candidates, strict=True):
            qtbot.keyClicks(edit, "20000" if c.id in top else "1000")
        qtbot.waitUntil(form.tie_row.isVisible)
        offered = {form.tie_combo.itemData(i): form.tie_combo.itemText(i)
                   for i in range(1, form.tie_combo.count())}
        assert offered == {ids["Carissma Griffiths (Lab)"]: "Carissma Griffiths",
                           ids["Greg Smith (Con)"]: "Greg Smith (Con)"}
