"""The command line with a standard stream closed or unread, as cron jobs and services run it
(found by an attack on the command line).

- A refusal whose error line had no reader left (`resultsdesk … 2>&1 | logger`, the logger
  gone) exited 0: the write to standard error raised BrokenPipeError, taken for `| head -1`
  on standard output, "not an error", and a script under `set -o pipefail` went on as if the
  import or the verification had been done.
- Standard error closed (`2>&-`; Python's sys.stderr None): `import` failed as "unexpected
  error" (its progress line asked `sys.stderr.isatty()`), and every error line went to
  standard output (`print(file=None)` writes there), into a `--json` reader's data.
- Standard input closed (`<&-`) with a server that wants a password: "unexpected error".
- Standard output closed (`>&-`; Python's sys.stdout None): `summary --json` exited 0 with
  nothing written, print() dropping every line, and a script took no data for success."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest
from helpers.cli import run, run_process
from helpers.locations import ROOT

RESULTS_2024 = ROOT / "resources" / "data" / "HoC-GE2024-results-by-candidate.csv"


def _with_stderr_unread(*argv: object) -> int:
    """The command's exit status, its standard error a pipe nobody reads any more."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the command says anything
    try:
        done = subprocess.run([sys.executable, "-m", "resultsdesk", *map(str, argv)],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=write_end,
                              timeout=120)
    finally:
        os.close(write_end)
    return done.returncode


@pytest.mark.parametrize("argv", [
    pytest.param(["summary", "--db", "{missing}"], id="no-database"),
    pytest.param(["history", "--db", "{night}", "--constituency", "Nowhere"], id="no-seat"),
    pytest.param(["verify", "--db", "{night}", "--constituency", "W07000112", "--user", "bob",
                  "--vote", "Llinos Medi=1"], id="verify-refused"),
])
def test_a_refusal_nobody_reads_still_exits_1(night_db, tmp_path, argv):
    argv = [a.format(missing=tmp_path / "missing.db", night=night_db) for a in argv]
    assert _with_stderr_unread(*argv) == 1
    assert not (tmp_path / "missing.db").exists()


def test_a_usage_error_nobody_reads_still_exits_2(night_db):
    assert _with_stderr_unread("summary", "--db", night_db, "--recount-pct", "200") == 2


def test_a_command_that_succeeds_with_stderr_unread_exits_0(night_db):
    assert _with_stderr_unread("summary", "--db", night_db) == 0


def _close_stderr() -> None:
    os.close(2)


def test_an_import_with_stderr_closed_is_done(nominations_db):
    code, out, _err, _took = run_process("import", "results", RESULTS_2024, "--db",
                                         nominations_db, preexec=_close_stderr)
    assert code == 0, out
    assert out.startswith("Imported HoC-GE2024-results-by-candidate.csv: 650 constituencies")
    with sqlite3.connect(nominations_db) as conn:
        assert conn.execute("SELECT count(*) FROM declarations").fetchone()[0] == 650


def test_a_refusal_with_stderr_closed_writes_nothing_on_stdout(tmp_path):
    code, out, _err, _took = run_process("summary", "--json", "--db", tmp_path / "missing.db",
                                         preexec=_close_stderr)
    assert (code, out) == (1, "")


def test_a_server_asking_a_password_with_stdin_closed_is_one_line(pg_election, monkeypatch,
                                                                    capsys):
    """`resultsdesk summary --db postgresql://… <&-` (a cron job, a service: standard input
    closed, Python's sys.stdin None): the server wants a password, and the check for a
    terminal to ask on read `sys.stdin.isatty()`, an AttributeError, "unexpected error"."""
    monkeypatch.setattr(sys, "stdin", None)
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", os.devnull)
    url = f"postgresql://{pg_election.user('alice')}@127.0.0.1:{pg_election.cluster.port}/" \
          f"{pg_election.database}"
    code, out, err = run(capsys, "summary", "--db", url)
    assert (code, out) == (1, "")
    assert err.startswith("resultsdesk: error: ") and "unexpected" not in err, err
    assert "no password given" in err, err


def _close_stdout() -> None:
    os.close(1)


@pytest.mark.parametrize("argv", [["summary", "--json", "--db", "{night}"], ["--version"],
                                  ["summary", "--help"]])
def test_output_with_stdout_closed_is_one_error_line(night_db, argv):
    code, _out, err, _took = run_process(*(a.format(night=night_db) for a in argv),
                                         preexec=_close_stdout)
    assert (code, err.splitlines()) == (1, [
        "resultsdesk: error: could not write the output (standard output is closed); run "
        "the command again with its output going somewhere it fits"])


def test_a_command_with_stdout_closed_still_says_its_refusal(tmp_path):
    code, _out, err, _took = run_process("summary", "--db", tmp_path / "missing.db",
                                         preexec=_close_stdout)
    assert code == 1 and err.startswith("resultsdesk: error: ") and "output" not in err, err


def test_the_app_with_stdout_closed_has_no_output_to_fail(monkeypatch, capsys):
    """The window prints nothing of its own: what a library prints is dropped (Python's
    None), never an OSError in a slot."""
    from resultsdesk.ui import app

    seen = []
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(app, "run_app", lambda **_: seen.append(sys.stdout) or 0)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert run(capsys, "--db", "night.db") == (0, "", "")
    assert seen == [None]
