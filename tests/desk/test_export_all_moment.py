"""`export all` shows one moment of the night, as a publish does: a recount's figures
verified at another desk while it draws reach none of its files. Read bit by bit, the card
of the seat verified last took its figures from the night read at the start and its
"after 1 recount" from the seat read again when the card was drawn: the first count's
figures, said to be the recount's, beside a RECOUNT under way."""

from __future__ import annotations

import json

from helpers.party_votes import declare_by_party
from helpers.seats import HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.desk import export_folder
from resultsdesk.store import Store


def test_a_recount_verified_while_export_all_draws_reaches_none_of_its_files(
        nominations_db, tmp_path, monkeypatch):
    with Store(nominations_db) as store:
        declare_by_party(store, HENDON, {"Lab": 15_855, "Con": 15_840})
        dk.mark_recount(store, HENDON, user="carol")
    drawn, calls = export_folder.write_pages, []

    def draw_then_verify(*args, **kwargs):
        calls.append(drawn(*args, **kwargs))
        if len(calls) == 1:  # another desk keys and verifies the recount's figures
            with Store(nominations_db) as other:
                declare_by_party(other, HENDON, {"Lab": 15_800, "Con": 15_850})
        return calls[-1]

    monkeypatch.setattr(export_folder, "write_pages", draw_then_verify)
    out = tmp_path / "out"
    with Store(nominations_db) as store:
        export_folder.export_all(store, out)
    card = json.loads((out / "card.json").read_text(encoding="utf-8"))
    seats = json.loads((out / "seats.json").read_text(encoding="utf-8"))
    assert {p["party"]: p["seats"] for p in seats["parties"] if p["seats"]} == {"Lab": 1}
    assert card["winner"] == "Lab" and card["recount_under_way"]
    assert card["recounts"] == 0  # the first count's figures, drawn as such
    assert "recount" not in card["subtitle"]
