"""`import results` of an export gives the same night back (README, Results data), found
broken by an attack on the command line: a declaration time whose offset carried it past
2100 on the UK clock was taken, as the year was checked as typed only, and stored on the UK
clock; `export results` wrote that wall time, `01/01/2101 04:59`, and `import results`
refused its own export. The year is now checked on the UK clock too (such a time is refused
as read: tests/io/test_constituencies_file.py), and the last moment it allows, typed with
an offset, goes out and comes back."""

from __future__ import annotations

from helpers.cli import run
from helpers.csv_tables import first_seats, read_table, write_table
from helpers.locations import GE2024, GE2024_SEATS


def test_an_export_with_the_last_time_of_2100_re_imports(nominations_db, tmp_path,
                                                             capsys):
    header, rows = first_seats(read_table(GE2024), 1)
    results = write_table(tmp_path / "one.csv", header, rows)
    seats_header, seat_rows = first_seats(read_table(GE2024_SEATS), 1)
    seat_rows[0][seats_header.index("Declaration time")] = "2100-12-31T22:59:59-01:00"
    seats = write_table(tmp_path / "one-seats.csv", seats_header, seat_rows)
    first = nominations_db.with_name("first.db")
    first.write_bytes(nominations_db.read_bytes())
    assert run(capsys, "import", "results", results, "--db", first,
               "--constituencies", seats)[0] == 0
    out = tmp_path / "export.csv"
    assert run(capsys, "export", "results", "--db", first, "--out", out)[0] == 0
    code, _, err = run(capsys, "import", "results", out, "--db", nominations_db,
                       "--constituencies", tmp_path / "export-constituencies.csv")
    assert (code, err) == (0, "")
