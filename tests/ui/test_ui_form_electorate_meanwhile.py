"""An Enter form open while an import gives its seat another electorate: the electorate the
form started from, left as it was, follows the seat's; one typed (the returning officer's
own figure) stays. The form kept the old figure and saved it as if keyed, over the one the
import had just given the seat, and the verifier's form, starting from the new one, then
differed from the entry on a figure neither of them typed."""

from __future__ import annotations

import csv
from pathlib import Path

from helpers.seats import CLEAN, HENDON, HENDON_ELECTORATE
from PySide6.QtTest import QTest

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.imports import import_candidates
from resultsdesk.paths import CONSTITUENCIES_2024, ELECTION_2024, data_file
from resultsdesk.store import Store
from resultsdesk.ui.declaration_form import Mode


def _import_electorate(db: Path, folder: Path, hendon: int) -> None:
    """Another desk's import of the 2024 nominations, Hendon's electorate now `hendon`."""
    with data_file(CONSTITUENCIES_2024).open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    for row in rows:
        if row["ONS ID"] == HENDON:
            row["Electorate"] = str(hendon)
    path = folder / "constituencies.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    with Store(db) as other:
        import_candidates(other, data_file(ELECTION_2024), constituencies=path, user="ann")


def _keyed(form) -> None:
    for edit, votes in zip(form.vote_edits, CLEAN, strict=True):
        QTest.keyClicks(edit, f"{votes}")
    QTest.keyClicks(form.invalid_edit, "50")


def test_an_electorate_left_as_it_started_follows_an_import(qtbot, main_window,
                                                            nominations_db, tmp_path):
    window = main_window(nominations_db, user="alice")
    form = window.open_form(HENDON, Mode.ENTER).form
    assert form.electorate_edit.text() == f"{HENDON_ELECTORATE}"
    _keyed(form)
    _import_electorate(nominations_db, tmp_path, 80_000)
    qtbot.waitUntil(lambda: form.electorate_edit.text() == "80000")
    form.submit()
    saved = dk.load_sheet(window.desk, HENDON).versions[-1]
    assert saved.electorate == 80_000


def test_an_electorate_typed_stays_through_an_import(qtbot, main_window, nominations_db,
                                                     tmp_path):
    window = main_window(nominations_db, user="alice")
    dialog = window.open_form(HENDON, Mode.ENTER)
    form = dialog.form
    form.electorate_edit.selectAll()
    QTest.keyClicks(form.electorate_edit, "74900")  # the returning officer's figure
    _keyed(form)
    _import_electorate(nominations_db, tmp_path, 80_000)
    qtbot.waitUntil(lambda: "80,000" in form.electorate_edit.placeholderText())
    assert form.electorate_edit.text() == "74900"
    form.submit()
    assert dk.load_sheet(window.desk, HENDON).versions[-1].electorate == 74_900
