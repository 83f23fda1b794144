"""The import's report names its files as the audit trail does: a control character in a
file's name shown as an escape. Printed as it was, `resultsdesk import` wrote the name's
escape sequence to the terminal (ESC [ 2 J cleared it) and a line break in it split the
report's one line "Imported FILE: …" in two, where the audit entry of the same import reads
`imported nominations from a\\u001b[2Jb.csv`."""

from __future__ import annotations

from helpers.cli import run
from helpers.locations import GE2024

from resultsdesk.desk.import_report import ImportReport


def test_the_report_shows_a_files_control_characters_as_escapes():
    report = ImportReport("/data/a\x1b[2J\nb.csv", constituencies=1,
                          readings=["read as Windows-1252 (Excel)",
                                    "s\x1b]0;x\x07.csv semicolon-separated"])
    assert report.describe() == (
        "Imported a\\u001b[2J\\u000ab.csv: 1 constituency; read as Windows-1252 (Excel); "
        "s\\u001b]0;x\\u0007.csv semicolon-separated.")


def test_the_command_prints_it_on_one_line(capsys, tmp_path):
    lines = GE2024.read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "a\x1b[2J\nb.csv"
    path.write_text(lines[0] + "".join(line for line in lines if line.startswith("W07000081")),
                    encoding="utf-8")
    db = tmp_path / "night.db"
    assert run(capsys, "init", "--db", db, "--name", "GE2024")[0] == 0
    code, out, err = run(capsys, "import", "candidates", path, "--db", db)
    assert (code, err) == (0, "")
    assert out == "Imported a\\u001b[2J\\u000ab.csv: 1 constituency, 8 candidates, 8 new parties.\n"
