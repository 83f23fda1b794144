"""A seat with no declaration time in a rehearsal's file is never delivered: said when the
rehearsal is made (found by an attack on the file readers in the twenty-eighth session: a
blank cell left a seat undeclared all night, the only sign "649 seats")."""

from __future__ import annotations

import csv
import io

from helpers.cli import run
from test_cli_rehearse import FakeClock

from resultsdesk.io.hoc_constituencies import DECLARED
from resultsdesk.paths import CONSTITUENCIES_2019, ELECTION_2019, data_file


def test_a_seat_without_a_time_is_named(capsys, monkeypatch, tmp_path):
    FakeClock(monkeypatch)
    text = data_file(CONSTITUENCIES_2019).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    at = next(i for i, r in enumerate(rows) if r[header.index("Constituency name")] == "Hendon")
    rows[at][header.index(DECLARED)] = ""
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    constituencies = tmp_path / "constituencies.csv"
    constituencies.write_text(out.getvalue(), encoding="utf-8")
    code, said, err = run(capsys, "rehearse", "--db", tmp_path / "r.db", "--results",
                          data_file(ELECTION_2019), "--constituencies", constituencies,
                          "--speed", 100_000, "--until", "23:40")
    assert code == 0, err
    assert "Created rehearsal" in said and ": 649 seats from" in said
    assert ("Never delivered, with no declaration time in constituencies.csv (they stay "
            "undeclared): Hendon.") in said
