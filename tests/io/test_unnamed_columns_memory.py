"""A header wider than its rows, its last cells unnamed (Excel's ",,," where the header row
was once formatted out to the sheet's last column, XFD: 16,384 columns), is read in the
memory of its named columns, never of its width. Every row was padded to the header's
width and the whole table transposed: the real 2024 file under such a header held 1.2 GB,
and a header of 100,000 empty cells (a 775 KB file) took every gigabyte of the machine
until the process was killed, no line said. The shape measured (peak allocation), never
the time."""

from __future__ import annotations

import tracemalloc

import pytest
from helpers.csv_tables import to_csv

from resultsdesk.io import ImportFailure
from resultsdesk.io.hoc_candidates import read_candidates

WIDEST = 16_384  # Excel's last column, XFD
ROWS = 600


def _peak(read) -> int:
    tracemalloc.start()
    try:
        read()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _plain_text(ge2024_table) -> str:
    header, rows = ge2024_table
    return to_csv(list(header), [list(r) for r in rows[:ROWS]])


def _excel_text(ge2024_table) -> tuple[str, list[str]]:
    lines = _plain_text(ge2024_table).split("\r\n")
    lines[0] += "," * (WIDEST - len(ge2024_table[0]))  # the header out to XFD, rows as were
    return "\r\n".join(lines), lines


def _plain_peak(tmp_path, ge2024_table) -> int:
    """The peak of reading the same rows under their own header (the file's bytes are read
    into a buffer of the import's largest size, 50 MB, whatever the file's)."""
    path = tmp_path / "plain.csv"
    path.write_text(_plain_text(ge2024_table), encoding="utf-8", newline="")
    return _peak(lambda: read_candidates(path, with_votes=True))


def test_a_header_out_to_excels_last_column_reads_in_little_memory(tmp_path, ge2024_table):
    text, _ = _excel_text(ge2024_table)
    path = tmp_path / "wide.csv"
    path.write_text(text, encoding="utf-8", newline="")
    records: list = []
    peak = _peak(lambda: records.extend(read_candidates(path, with_votes=True)))
    assert len(records) == ROWS
    assert records[0].constituency.code == ge2024_table[1][0][0]
    # Padded and transposed: ROWS × 16,384 cells twice over, 100 MB more; now a few MB.
    assert peak < _plain_peak(tmp_path, ge2024_table) + 16 * 1024**2, peak


def test_a_row_cut_short_under_such_a_header_is_named_in_little_memory(tmp_path,
                                                                      ge2024_table):
    """A broken row takes the reader line by line, which kept every row before it padded."""
    _, lines = _excel_text(ge2024_table)
    lines[ROWS] = lines[ROWS][:20]  # the last row cut short, as a copy that stopped
    path = tmp_path / "wide.csv"
    path.write_text("\r\n".join(lines), encoding="utf-8", newline="")
    failure: list[ImportFailure] = []

    def read() -> None:
        with pytest.raises(ImportFailure) as info:
            read_candidates(path, with_votes=True)
        failure.append(info.value)

    peak = _peak(read)
    assert str(failure[0]).startswith(f"wide.csv, row {ROWS} (line {ROWS + 1}): has ")
    assert peak < _plain_peak(tmp_path, ge2024_table) + 16 * 1024**2, peak


def test_rows_padded_out_to_excels_last_column_read_in_little_memory(tmp_path, ge2024_table):
    """Excel writes every row of the sheet's used range as wide as it: under a header row
    formatted out to XFD each row carries 16,383 commas too. Each was split into its
    16,384 cells before any was looked at (130 KB of list a row: 600 rows, 80 MB; a 48 MB
    file, 380 MB), though no such line is read but one by one."""
    _, lines = _excel_text(ge2024_table)
    pad = "," * (WIDEST - len(ge2024_table[0]))
    lines = [lines[0], *(line + pad if line else line for line in lines[1:])]
    path = tmp_path / "wide.csv"
    path.write_text("\r\n".join(lines), encoding="utf-8", newline="")
    records: list = []
    peak = _peak(lambda: records.extend(read_candidates(path, with_votes=True)))
    assert len(records) == ROWS
    assert records[-1].constituency.code == ge2024_table[1][ROWS - 1][0]
    assert peak < _plain_peak(tmp_path, ge2024_table) + 3 * path.stat().st_size, peak
