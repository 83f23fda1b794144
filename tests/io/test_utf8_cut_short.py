"""A UTF-8 file cut short part-way through its last character (a copy or download that
stopped) is said to be cut short, at its last line. Not UTF-8 whole, it was read as
Windows-1252 and refused at its first accented name ("row 3 …: 'Mn' read as
Windows-1252 could as well be 'Môn' read as UTF-8: the file mixes encodings"), a row the
file had whole, so the desk looked for a mixing of encodings that was never there."""

from __future__ import annotations

import pytest
from helpers import dbcheck
from helpers.csv_tables import to_csv

from resultsdesk import cli
from resultsdesk.io import ImportFailure
from resultsdesk.io.csvfile import WINDOWS_1252, decode_file
from resultsdesk.io.hoc_candidates import read_candidates

YNYS_MON, PENA_SEAT = "W07000112", "Peña"  # Ynys Môn; the seat where Peña stands


def _cut(tmp_path, ge2024_table):
    """Ynys Môn's rows, then those of Peña's seat, cut inside the "ñ" of "Peña"."""
    header, rows = ge2024_table
    pena = next(r for r in rows if PENA_SEAT in r)
    chosen = [r for r in rows if r[0] == YNYS_MON] + [r for r in rows if r[0] == pena[0]]
    data = to_csv(header, chosen).encode("utf-8")
    at = data.rindex("ñ".encode()) + 1  # its first byte kept, the second lost
    path = tmp_path / "cut.csv"
    path.write_bytes(data[:at])
    return path, data[:at].count(b"\n") + 1


def test_it_is_said_to_be_cut_short_at_its_last_line(tmp_path, ge2024_table, capsys,
                                                      nominations_db):
    path, line = _cut(tmp_path, ge2024_table)
    said = (f"cut.csv, line {line}: ends part-way through a character: the file was cut "
            "short (a copy or download that stopped?); copy or save it whole and import "
            "again")
    with pytest.raises(ImportFailure) as failure:
        read_candidates(path, with_votes=True)
    assert str(failure.value) == said
    before = dbcheck.digest(nominations_db)
    assert cli.main(["import", "results", str(path), "--db", str(nominations_db)]) == 1
    assert capsys.readouterr() == ("", f"resultsdesk: error: {said}\n")
    assert dbcheck.digest(nominations_db) == before


def test_windows_1252_ending_in_an_accent_is_still_read_so(tmp_path):
    """Windows-1252 text (no UTF-8 in it) whose last byte could begin a UTF-8 character
    is read as Windows-1252, as before: nothing says it was UTF-8."""
    path = tmp_path / "excel.csv"
    path.write_bytes("ONS ID,Constituency name\r\nW07000112,Ynys Môn,Ã".encode("cp1252"))
    assert decode_file(path) == ("ONS ID,Constituency name\r\nW07000112,Ynys Môn,Ã",
                                 WINDOWS_1252)
