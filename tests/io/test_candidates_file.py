"""The HoC by-candidate file (`read_candidates`): the real 2024 file read whole (4,515
candidates, mojibake repaired, its quirks kept, an older year without DC Person ID), and
broken copies of it, each failing with ImportFailure naming the file, the row and the column.
"""

from __future__ import annotations

import pytest
from helpers.csv_tables import BROKEN, drop_column, first_seats, to_csv, write_table
from helpers.locations import GE2024

from resultsdesk.desk.election import init_election
from resultsdesk.desk.imports import import_results
from resultsdesk.io import ImportFailure
from resultsdesk.io.hoc_candidates import read_candidates


def test_ge2024_candidates(ge2024_records):
    records = ge2024_records
    assert len(records) == 4515
    assert len({r.constituency.code for r in records}) == 650
    assert sum(r.votes for r in records) == 28_809_340
    assert all(r.votes is not None and r.votes >= 0 for r in records)
    assert records[0].row == 1 and records[0].line == 2
    assert records[-1].row == 4515


def test_ge2024_mojibake_repaired(ge2024_records):
    first_names = {r.first_name for r in ge2024_records}
    assert "Áine" in first_names
    fields = [(r.first_name, r.surname, r.party_name, r.constituency.name)
              for r in ge2024_records]
    assert not any("Ã" in f for row in fields for f in row)
    groogan = next(r for r in ge2024_records if r.surname == "Groogan")
    assert groogan.full_name == "Áine Groogan"


def test_ge2024_quirks_survive(ge2024_records):
    scottish = [r for r in ge2024_records if r.constituency.nation == "Scotland"]
    assert scottish and all(r.constituency.kind == r.constituency.kind.strip()
                            for r in scottish)  # "County " is trimmed
    assert any(r.party_abbreviation == "Spk" for r in ge2024_records)
    assert any(r.dc_person_id is not None for r in ge2024_records)


def test_ge2024_without_votes_column_needed(ge2024_records):
    records = read_candidates(GE2024, with_votes=False)
    assert len(records) == 4515
    assert all(r.votes is None for r in records)
    assert [r.full_name for r in records] == [r.full_name for r in ge2024_records]


def test_ge2024_without_dc_person_id_still_imports(tmp_path, ge2024_table):
    header, rows = drop_column(ge2024_table, "DC Person ID")
    assert "DC Person ID" not in header
    path = write_table(tmp_path / "older-year.csv", header, rows)
    records = read_candidates(path, with_votes=True)
    assert len(records) == 4515
    assert all(r.dc_person_id is None for r in records)
    with init_election(tmp_path / "older.db", "older") as store:
        report = import_results(store, path)
        assert report.declarations == 650
        assert store.scalar("SELECT count(*) FROM candidates") == 4515
        assert store.scalar("SELECT count(*) FROM candidates WHERE dc_person_id IS NOT NULL") == 0


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_candidates_file(case, tmp_path, ge2024_table):
    edit, message, row, column = BROKEN[case]
    table = first_seats(ge2024_table, 2)
    table = edit(table) or table
    path = write_table(tmp_path / "broken-results.csv", *table)
    with pytest.raises(ImportFailure) as info:
        read_candidates(path, with_votes=True)
    exc = info.value
    assert str(exc).startswith("broken-results.csv")
    assert message in str(exc)
    assert exc.row == row
    assert exc.column == column
    if row is not None:
        assert f"row {row} (line {row + 1})" in str(exc)
        assert exc.line == row + 1
    if column is not None:
        assert f"column '{column}'" in str(exc)


def test_missing_votes_column_is_fine_for_nominations(tmp_path, ge2024_table):
    path = write_table(tmp_path / "nominations.csv",
                       *drop_column(first_seats(ge2024_table, 2), "Votes"))
    assert len(read_candidates(path, with_votes=False)) == 17


def test_duplicate_candidate_names_both_rows(tmp_path, ge2024_table):
    header, rows = first_seats(ge2024_table, 2)
    rows.append(list(rows[0]))
    path = write_table(tmp_path / "dupe.csv", header, rows)
    with pytest.raises(ImportFailure, match=r"already on row 1") as info:
        read_candidates(path, with_votes=True)
    assert info.value.row == 18


def test_blank_lines_are_skipped_and_rows_keep_their_lines(tmp_path, ge2024_table):
    header, rows = first_seats(ge2024_table, 1)
    text = to_csv(header, rows[:2]) + "\r\n" + to_csv(header, rows[2:]).split("\r\n", 1)[1]
    set_text = tmp_path / "blank.csv"
    set_text.write_text(text, encoding="utf-8", newline="")
    records = read_candidates(set_text, with_votes=True)
    assert len(records) == 8
    assert (records[2].row, records[2].line) == (3, 5)


def test_unclosed_quote(tmp_path, ge2024_table):
    header, rows = first_seats(ge2024_table, 2)
    text = to_csv(header, rows).replace("Morrissey", '"Morrissey', 1)
    path = tmp_path / "quote.csv"
    path.write_text(text, encoding="utf-8", newline="")
    with pytest.raises(ImportFailure) as info:
        read_candidates(path, with_votes=True)
    assert str(info.value).startswith("quote.csv")
    assert info.value.row == 1


def test_duplicate_header_column(tmp_path, ge2024_table):
    header, rows = first_seats(ge2024_table, 1)
    header = [*header, "Votes"]
    rows = [[*r, "1"] for r in rows]
    path = write_table(tmp_path / "twice.csv", header, rows)
    with pytest.raises(ImportFailure, match=r"column 'Votes' appears more than once"):
        read_candidates(path, with_votes=True)


def test_a_party_under_another_label_sharing_an_id_is_read(tmp_path, ge2024_table):
    """The Green Party Northern Ireland carries the Greens' MNIS party ID 44; a file that
    labels it "GPNI" was refused as a Greens' row carrying the Scottish Greens' ID (the
    twenty-eighth session's review). Its rows' party names are not the Greens'."""
    header, rows = ge2024_table
    rows = [list(r) for r in rows]
    abbreviation, name = header.index("Party abbreviation"), header.index("Party name")
    relabelled = 0
    for r in rows:
        if r[name] == "Green Party Northern Ireland":
            r[abbreviation] = "GPNI"
            relabelled += 1
    assert relabelled
    path = write_table(tmp_path / "gpni.csv", header, rows)
    assert len(read_candidates(path, with_votes=True)) == len(rows)
