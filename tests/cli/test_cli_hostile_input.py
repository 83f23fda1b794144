"""What a results desk types or feeds the command line at 3 a.m.: an `--out` that is a device
or a pipe, JSON nested beyond reason or with 5,000-digit numbers, a value the length of a
page, standard output on a full disk, arguments in a non-UTF-8 locale, an option's value
that starts with '-'. Each is one `resultsdesk: error:` line, exit 1 (argparse's usage
errors: 2), no traceback, nothing written.
"""

from __future__ import annotations

import os
import stat

import pytest
from helpers.cli import assert_one_error_line, run
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
