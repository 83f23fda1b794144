"""Running `resultsdesk` from a test: in this process (so monkeypatches apply) or as a real
process, and the one check every refusal must pass."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
import time
from collections.abc import Callable

from helpers.locations import ROOT
from resultsdesk import cli


def run(capsys, *args: object) -> tuple[int, str, str]:
    """The command line in this process, its output taken from pytest's capsys."""
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def run_as(capsys, monkeypatch, team, short: str, *args: object) -> tuple[int, str, str]:
    """The command line signed in as `short` of a `team` (helpers.desk_target: its --db,
    its --user and password), on a file or a server alike."""
    target = team.target
    with monkeypatch.context() as env:
        env.setenv("RESULTSDESK_PASSWORD", target.passwords[short])
        return run(capsys, *args, "--db", target.target, "--user", target.name(short))


def run_cli(*argv: object) -> tuple[int, str, str]:
    """The command line in this process (so monkeypatches apply), without capsys."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


def run_process(*argv: object, env: dict[str, str] | None = None, timeout: float = 120,
                preexec: Callable[[], None] | None = None) -> tuple[int, str, str, float]:
    """The command line as a real process (`python -m resultsdesk`); also how long it took."""
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "resultsdesk", *map(str, argv)],
                          cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout, preexec_fn=preexec)
    return done.returncode, done.stdout, done.stderr, time.monotonic() - started


def refused(result: tuple, *fragments: str) -> str:
    """Exit 1 and exactly one "resultsdesk: error: ..." line holding every fragment; never the
    catch-all "unexpected error", never a traceback. Returns the line."""
    code, out, err = result[:3]
    assert code == 1, (code, out, err)
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("resultsdesk: error: "), err
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    assert "unexpected error" not in err and "Traceback" not in err
    return lines[0]


def assert_one_error_line(code: int, out: str, err: str, *fragments: str) -> None:
    """`refused`, with nothing on stdout either: what every refusal of a desk command is."""
    assert out == ""
    refused((code, out, err), *fragments)


def usage_refused(capsys, *args: object) -> str:
    """The command line in this process refusing its arguments as argparse does: exit 2,
    nothing on stdout, the command's usage and one "resultsdesk COMMAND: error: ..." line,
    never a traceback. Returns that line."""
    import pytest

    with pytest.raises(SystemExit) as stopped:
        cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert stopped.value.code == 2 and out == "", (stopped.value.code, out, err)
    assert err.startswith("usage: resultsdesk ") and "Traceback" not in err, err
    line = err.splitlines()[-1]
    assert line.startswith("resultsdesk ") and ": error: " in line, err
    return line
