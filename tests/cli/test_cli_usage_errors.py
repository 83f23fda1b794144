"""A value wrong in itself is argparse's usage error in every command: exit 2, the command's
usage and one `error: argument --OPTION: ...` line, before the database is opened (README,
Reliability; the rule in resultsdesk/cli/common.py). Found by a review: `export --parties
abc` exited 2 and `--parties 0` 1; `--size 5x`, `--theme purple`, `audit --anchor zz`,
`rehearse --start 25:99`, `--report r.txt` and `users role NAME boss` exited 1, while
`summary --recount-pct 200`, `rehearse --speed 0` and `users add --role boss` exited 2.
What the election refuses in a value of the right form still exits 1 (the last cases)."""

from __future__ import annotations

import pytest
from helpers.cli import refused, run, usage_refused

DB = "{db}"  # the night's database, put in by the test
OUT = "{out}"  # a file in the test's own folder

USAGE_ERRORS = [
    pytest.param(["export", "seats", "--out", OUT + ".png", "--parties", "0"],
                 "argument --parties: 0: name at least one party", id="export-parties-0"),
    pytest.param(["export", "seats", "--out", OUT + ".png", "--parties", "abc"],
                 "argument --parties: 'abc' is not a whole number", id="export-parties-abc"),
    pytest.param(["export", "seats", "--out", OUT + ".png", "--size", "5x"],
                 "argument --size: size '5x' is neither a preset", id="export-size"),
    pytest.param(["export", "seats", "--out", OUT + ".png", "--theme", "purple"],
                 "argument --theme: no theme 'purple' (choose light, dark, broadcast)",
                 id="export-theme"),
    pytest.param(["export", "seats", "--out", OUT + ".txt"],
                 "argument --out: " + OUT + ".txt: a graphic is .png, .svg or .pdf",
                 id="export-out"),
    pytest.param(["export", "results", "--out", OUT + ".png"],
                 "argument --out: " + OUT + ".png: results export is .csv or .json",
                 id="export-results-out"),
    pytest.param(["export", "seats", "--out", OUT + ".png", "--recount-pct", "200"],
                 "argument --recount-pct: '200' is not a percentage", id="export-recount-pct"),
    pytest.param(["export", "card", "--out", OUT + ".png"],
                 "error: export card needs --constituency", id="export-card-alone"),
    pytest.param(["audit", "--check", "--anchor", "zz"],
                 "argument --anchor: 'zz' is not a head hash", id="audit-anchor"),
    pytest.param(["audit", "--anchor", "a" * 64], "error: --anchor goes with --check",
                 id="audit-anchor-alone"),
    pytest.param(["audit", "--out", OUT + ".txt"],
                 "argument --out: " + OUT + ".txt: the audit export is .csv or .json",
                 id="audit-out"),
    pytest.param(["summary", "--recount-votes", "ten"],
                 "argument --recount-votes: 'ten' is not a whole number", id="summary"),
    pytest.param(["declare", "--constituency", "Hendon", "--user", "al", "--vote", "Lab=1",
                  "--invalid", "x"], "argument --invalid: 'x' is not a whole number",
                 id="declare-invalid"),
    pytest.param(["verify", "--constituency", "Hendon", "--user", "al", "--vote", "Lab"],
                 "argument --vote: 'Lab' should be KEY=VOTES, like 'Lab=20001'",
                 id="verify-vote"),
    pytest.param(["rehearse", "--start", "25:99"],
                 "argument --start: '25:99' is not a time of day", id="rehearse-start"),
    pytest.param(["rehearse", "--until", "soon"],
                 "argument --until: 'soon' is neither HH:MM nor a date and time",
                 id="rehearse-until"),
    pytest.param(["rehearse", "--report", OUT + ".txt"],
                 "argument --report: " + OUT + ".txt: the practise report is .csv or .json",
                 id="rehearse-report"),
    pytest.param(["rehearse", "--speed", "0"], "argument --speed: speed 0 is out of range",
                 id="rehearse-speed"),
    pytest.param(["rehearse", "--constituencies", OUT + ".csv"],
                 "error: --constituencies needs --results", id="rehearse-constituencies-alone"),
    pytest.param(["rehearse", "--results", OUT + ".csv"],
                 "error: --results needs --constituencies", id="rehearse-results-alone"),
    pytest.param(["users", "role", "bob", "boss", "--admin", "ann"],
                 "argument ROLE: invalid choice: 'boss'", id="users-role"),
    pytest.param(["users", "add", "bob", "--role", "boss"],
                 "argument --role: invalid choice: 'boss'", id="users-add-role"),
]


def _argv(argv: list[str], db, made) -> list[str]:
    """The command with its --db (a rehearsal's: a new file) and its --out in `made`."""
    made.mkdir(exist_ok=True)
    target = made / "r.db" if argv[0] == "rehearse" else db
    return [a.replace(OUT, str(made / "out")) for a in argv] + ["--db", str(target)]


@pytest.mark.parametrize(("argv", "words"), USAGE_ERRORS)
def test_a_value_wrong_in_itself_is_a_usage_error_in_every_command(
        capsys, monkeypatch, night_db, tmp_path, argv, words):
    monkeypatch.setenv("RESULTSDESK_PASSWORD", "not asked")  # never reached: nobody signs in
    before = night_db.read_bytes()
    line = usage_refused(capsys, *_argv(argv, night_db, tmp_path / "made"))
    words = words.replace(OUT, str(tmp_path / "made" / "out"))  # the file as typed, whole
    assert line.startswith(f"resultsdesk {' '.join(argv[:2 if argv[0] == 'users' else 1])}: "
                           "error: ") and words in line, line
    assert night_db.read_bytes() == before
    assert list((tmp_path / "made").iterdir()) == []


@pytest.mark.parametrize(("argv", "words"), [
    pytest.param(["export", "card", "--out", OUT + ".png", "--constituency", "E14999999"],
                 "No constituency 'E14999999'", id="export-no-such-seat"),
    pytest.param(["users", "role", "bob", "desk", "--admin", "ann"],
                 "This database has no accounts", id="users-open-desk"),
])
def test_what_the_election_refuses_in_a_well_formed_value_exits_1(
        capsys, night_db, tmp_path, argv, words):
    refused(run(capsys, *_argv(argv, night_db, tmp_path / "made")), words)
    assert list((tmp_path / "made").iterdir()) == []


@pytest.mark.parametrize("kind", ["results", "seats"])
def test_a_device_named_as_out_is_said_as_typed(capsys, night_db, kind):
    """`--out /dev/null` was said as "null: results export is .csv or .json": the file's
    name alone, which names no file the desk typed."""
    line = usage_refused(capsys, "export", kind, "--db", str(night_db), "--out", "/dev/null")
    assert "argument --out: /dev/null: " in line, line
