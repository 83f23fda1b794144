"""What a results desk types or feeds the command line at 3 a.m.: an `--out` that is a device
or a pipe, JSON nested beyond reason or with 5,000-digit numbers, a value the length of a
page, standard output on a full disk, arguments in a non-UTF-8 locale, an option's value
that starts with '-'. Each is one `resultsdesk: error:` line, exit 1 (argparse's usage
errors: 2), no traceback, nothing written.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest
from helpers.cli import assert_one_error_line, refused, run, usage_refused
from helpers.locations import ROOT

RESULTS_2024 = ROOT / "resources" / "data" / "HoC-GE2024-results-by-candidate.csv"


# --- --out that is not a regular file ------------------------------------------------------


@pytest.mark.parametrize("argv", [
    pytest.param(["backup"], id="backup"),
    pytest.param(["export", "results"], id="results"),
    pytest.param(["audit"], id="audit"),
    pytest.param(["export", "seats"], id="graphic"),
])
def test_out_on_a_pipe_is_refused_and_left_alone(capsys, night_db, tmp_path, argv):
    """`backup --out /dev/full` renamed a regular file over the device (as root, the same
    with /dev/null): a device or pipe standing at --out is refused, and stays what it was."""
    suffix = {"backup": ".db", "results": ".csv", "audit": ".csv"}.get(argv[-1], ".png")
    fifo = tmp_path / f"feed{suffix}"
    os.mkfifo(fifo)
    result = run(capsys, *argv, "--db", night_db, "--out", fifo)
    assert_one_error_line(*result, f"{fifo} is not a regular file")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([fifo.name, night_db.name])


# --- JSON results files --------------------------------------------------------------------


def _json_rows() -> list[dict[str, object]]:
    """The first seat of the 2024 file as the JSON rows `export results` writes."""
    import csv

    with RESULTS_2024.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    first = [r for r in rows if r["ONS ID"] == rows[0]["ONS ID"]]
    return [{k: int(v) if k == "Votes" else v for k, v in r.items()} for r in first]


def _import_json(capsys, db, path, text: str) -> tuple[int, str, str]:
    path.write_text(text, encoding="utf-8")
    return run(capsys, "import", "results", path, "--db", db)


@pytest.mark.parametrize("text, fragments", [
    pytest.param("[" * 100_000 + "]" * 100_000, ["deep.json: nests lists or objects"],
                 id="nested-lists"),
    pytest.param('{"a":' * 50_000 + "1" + "}" * 50_000, ["deep.json: nests lists"],
                 id="nested-objects"),
    pytest.param(json.dumps(_json_rows()).replace('"Votes": ', '"Votes": ' + "9" * 5000, 1),
                 ["deep.json: holds a number thousands of digits long"], id="5000-digits"),
    pytest.param(json.dumps(_json_rows()).replace('"Votes": ', '"Votes": 1, "Votes": ', 1),
                 ["deep.json, row 1 (line 1), column 'Votes': appears twice in one row"],
                 id="duplicate-key"),
])
def test_hostile_json_is_one_line_and_imports_nothing(capsys, nominations_db, tmp_path, text,
                                                      fragments):
    """Deep nesting was a RecursionError and a 5,000-digit number int()'s ValueError, both
    "unexpected error: … a bug"; a key given twice silently imported the last figure."""
    before = nominations_db.read_bytes()
    result = _import_json(capsys, nominations_db, tmp_path / "deep.json", text)
    assert_one_error_line(*result, *fragments)
    assert nominations_db.read_bytes() == before


def test_the_json_file_these_tests_change_imports(capsys, nominations_db, tmp_path):
    """The rows above, unchanged, are a good file: what the tests refuse is their change."""
    code, _out, err = _import_json(capsys, nominations_db, tmp_path / "ok.json",
                                  json.dumps(_json_rows()))
    assert (code, err) == (0, ""), err


# --- what a message quotes -----------------------------------------------------------------


def test_a_page_long_value_is_quoted_by_its_start_and_length(capsys, night_db):
    """A 50,000-character --constituency (a paste gone wrong) was echoed whole: one line,
    but 50 KB of it."""
    result = run(capsys, "history", "--db", night_db, "--constituency", "x" * 50_000)
    line = refused(result, "No constituency 'xxxx", "(50,000 characters)",
                   "use its GSS code")
    assert len(line) < 1_000


def test_an_escape_sequence_in_a_cell_is_shown_not_obeyed(capsys, nominations_db, tmp_path):
    """A cell holding ESC[31m (a terminal's colour code) reached the terminal raw."""
    text = RESULTS_2024.read_text(encoding="utf-8-sig").replace("\r\n", "\n").split("\n")
    cells = text[1].split(",")
    cells[18] = "12\x1b[31mRED"
    path = tmp_path / "escape.csv"
    path.write_text("\n".join([text[0], ",".join(cells), *text[2:40]]), encoding="utf-8")
    before = nominations_db.read_bytes()
    result = run(capsys, "import", "results", path, "--db", nominations_db)
    line = refused(result, "escape.csv, row 1 (line 2), column 'Votes': '12\\x1b[31mRED'")
    assert "\x1b" not in line
    assert nominations_db.read_bytes() == before


# --- standard output on a full disk --------------------------------------------------------


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("argv", [["--version"], ["summary", "--json"], ["users", "list"]])
def test_output_on_a_full_disk_is_one_error_line(night_db, argv):
    """`resultsdesk summary --json > /dev/full` said "unexpected error: OSError … a bug";
    `--version` printed a traceback. A command whose output was lost did not do its job."""
    db = [] if argv == ["--version"] else ["--db", str(night_db)]
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "resultsdesk", *argv, *db], cwd=ROOT,
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert done.stderr.splitlines() == [
        "resultsdesk: error: could not write the output (No space left on device); run the "
        "command again with its output going somewhere it fits"]


def test_output_into_head_is_still_not_an_error(night_db):
    """`resultsdesk audit … | head -1` stays exit 0 and silent, as it was."""
    with subprocess.Popen([sys.executable, "-m", "resultsdesk", "audit", "--db", str(night_db)],
                          cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.readline()
        proc.stdout.close()  # what `head -1` does after its line
        err = proc.stderr.read()
        assert proc.wait(timeout=120) == 0, err
    assert err == b""


# --- arguments in a locale that is not UTF-8 -----------------------------------------------


def _history(night_db, name: bytes, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "resultsdesk", "history", "--db", str(night_db),
         "--constituency", name], cwd=ROOT, env={**os.environ, **env},
        capture_output=True, encoding="utf-8", errors="replace", timeout=120)


def test_a_welsh_name_in_the_c_locale(night_db):
    """`LC_ALL=C` (Python's UTF-8 mode off): "Ynys Môn" reached SQLite as surrogates, an
    "unexpected error"; and printing it would have failed in ASCII."""
    done = _history(night_db, "Ynys Môn".encode(), LC_ALL="C", PYTHONUTF8="0")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("Ynys Môn (W07000112)\n")


@pytest.mark.parametrize("env", [{}, {"LC_ALL": "C", "PYTHONUTF8": "0"}], ids=["utf8", "c"])
def test_an_argument_that_is_not_utf8_is_one_error_line(night_db, env):
    """A Latin-1 terminal's "Ynys M\\xf4n": a bug's "unexpected error" before."""
    done = _history(night_db, "Ynys Môn".encode("latin-1"), **env)
    refused((done.returncode, done.stdout, done.stderr),
            "the argument 'Ynys M\\xf4n' is not UTF-8 text")


def _in_c_locale(*argv: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "resultsdesk", *map(str, argv)], cwd=ROOT,
                          env={**os.environ, "LC_ALL": "C", "PYTHONUTF8": "0"},
                          capture_output=True, encoding="utf-8", errors="replace",
                          timeout=120)


@pytest.mark.parametrize("argv", [
    pytest.param(["summary", "--db", "{db}"], id="summary"),
    pytest.param(["init", "--db", "{folder}/new.db", "--name", "x"], id="init"),
    pytest.param(["import", "results", "{folder}/results.csv", "--db", "{plain}"], id="file"),
    pytest.param(["backup", "--db", "{plain}", "--out", "{folder}/copy.db"], id="out"),
])
def test_a_path_the_c_locale_cannot_name_is_said_so(night_db, tmp_path, argv):
    """`LC_ALL=C` with UTF-8 mode off: Python names files in ASCII there, and a path such as
    "Élection/night.db" (read as UTF-8, as every argument is) could not be handed to the
    system: `init` was "unexpected error: UnicodeEncodeError … a bug", every other command
    "the folder Élection does not exist", though it did."""
    folder = tmp_path / "Élection"
    folder.mkdir()
    db = folder / "night.db"
    db.write_bytes(night_db.read_bytes())
    (folder / "results.csv").write_bytes(RESULTS_2024.read_bytes())
    before = sorted(folder.iterdir())
    argv = [a.format(db=db, folder=folder, plain=night_db) for a in argv]
    done = _in_c_locale(*argv)
    assert done.returncode == 2 and done.stdout == "", done.stderr
    line = done.stderr.splitlines()[-1]
    assert "Élection" in line and "PYTHONUTF8=1" in line, line
    assert "does not exist" not in line and "Traceback" not in done.stderr
    assert sorted(folder.iterdir()) == before


# --- an option's value that starts with '-' ------------------------------------------------


def test_a_size_starting_with_a_dash_says_how_to_give_it(capsys, night_db, tmp_path):
    """argparse reads `--size -5x100` as an option and said only "expected one argument";
    it stays a usage error (exit 2), now with the way to write it."""
    out = tmp_path / "seats.png"
    with pytest.raises(SystemExit) as info:
        run(capsys, "export", "seats", "--db", night_db, "--out", out, "--size", "-5x100")
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == (
        "resultsdesk export: error: argument --size: expected one argument (a value that "
        "starts with '-' is written with '=': --size=-5x100)")
    assert "Traceback" not in err and not out.exists()
    # Written that way, the size itself is what is refused, a usage error too.
    line = usage_refused(capsys, "export", "seats", "--db", night_db, "--out", out,
                         "--size=-5x100")
    assert "argument --size: size '-5x100' is neither a preset" in line
    assert not out.exists()


# --- --out that is a database ---------------------------------------------------------------


@pytest.mark.parametrize("argv, db_name, out_name", [
    pytest.param(["export", "results"], "night.csv", "night.csv", id="results"),
    pytest.param(["export", "results"], "night-constituencies.csv", "night.csv",
                 id="results-companion"),
    pytest.param(["audit"], "night.json", "night.json", id="audit"),
    pytest.param(["export", "seats"], "night.png", "night.png", id="graphic"),
    pytest.param(["export", "seats"], "night.db", "link.png", id="through-a-link"),
])
def test_an_export_never_replaces_a_database(capsys, night_db, tmp_path, argv, db_name,
                                             out_name):
    """`export results --db night.csv --out night.csv` (a database named as a script named
    it, --db and --out from one variable) wrote the CSV over the election, said "exported
    all the same; the audit chain could not be checked (… was deleted, moved or replaced)"
    and exited 0: the night gone. So did the results' companion file landing on it, and a
    link to it. `backup` refused its own database already; an export now refuses any."""
    from helpers import dbcheck

    db, out = tmp_path / db_name, tmp_path / out_name
    night_db.rename(db)
    if out_name == "link.png":
        out.symlink_to(db)
    before = dbcheck.digest(db)
    result = run(capsys, *argv, "--db", db, "--out", out)
    assert_one_error_line(*result, "is a database", "no export replaces")
    assert dbcheck.digest(db) == before
    code, _, err = run(capsys, "audit", "--check", "--db", db)
    assert code == 0, err


# --- a password in the environment that is not UTF-8 ---------------------------------------


@pytest.mark.parametrize("db", ["file", "postgresql://ann@127.0.0.1:1/ge2024"],
                         ids=["file", "server"])
def test_a_password_that_is_not_utf8_is_one_error_line(capsys, nominations_db, monkeypatch,
                                                       db):
    """RESULTSDESK_PASSWORD set in a Latin-1 terminal ("p\\xe4ssword"): a server's desk
    stopped with "unexpected error: UnicodeEncodeError … a bug in ResultsDesk"; a file's
    said "sign-in failed", as if the password were merely wrong. Both say what is wrong,
    alike, and record nothing."""
    from resultsdesk.desk import accounts as acc
    from resultsdesk.store import Store

    with Store(nominations_db) as store:
        acc.add_account(store, "ann", "admin", "ann-password", admin=None,
                        kdf=acc.KdfParams(n=2 ** 10, r=8, p=1))
        before = store.query("SELECT * FROM audit_log")
    monkeypatch.setenv("RESULTSDESK_PASSWORD", "p\udce4ssword")
    target = nominations_db if db == "file" else db
    refused(run(capsys, "withdraw", "--db", target, "--constituency", "E14001279",
                "--user", "ann"),
            "RESULTSDESK_PASSWORD holds bytes that are not UTF-8 text")
    with Store(nominations_db) as store:
        assert store.query("SELECT * FROM audit_log") == before
