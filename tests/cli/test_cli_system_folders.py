"""An export into a folder of the system's that takes no new files (/proc) said "the folder
/proc does not exist" (found by a review): SQLite aside, the kernel answers "no such file or
directory" for a new name there. One line names the file and the real cause, exit 1."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers.cli import refused, run

PROC = Path("/proc")

pytestmark = pytest.mark.skipif(not (PROC / "self").is_dir(), reason="no /proc here")


@pytest.mark.parametrize("argv", [
    ["export", "seats", "--out", "/proc/rd-{pid}.png"],
    ["export", "results", "--out", "/proc/rd-{pid}.csv"],
    ["export", "all", "--out", "/proc/rd-{pid}"],
    ["audit", "--out", "/proc/rd-{pid}.json"],
], ids=lambda argv: " ".join(argv[:2]))
def test_an_export_into_proc_says_the_folder_takes_no_new_files(capsys, night_db, argv):
    argv = [a.format(pid=os.getpid()) for a in argv]
    line = refused(run(capsys, *argv, "--db", night_db),
                   f"{argv[-1]}: /proc is a folder of the system's that takes no new files; "
                   "choose another place")
    assert "does not exist" not in line
    assert not Path(argv[-1]).exists()


def test_a_file_gone_before_its_rename_in_a_real_folder_is_not_called_the_system_s(
        tmp_path):
    """The folder is there and takes files: what went is the file being written (another
    program removed it). Said as that, not as /proc is (found in review)."""
    import errno

    from resultsdesk.files import os_error_message

    gone = OSError(errno.ENOENT, "No such file or directory")
    problem = str(os_error_message(tmp_path / "seats.png", gone))
    assert "system's" not in problem and "removed meanwhile" in problem, problem
    if Path("/proc/self").is_dir():
        assert str(os_error_message(Path("/proc/seats.png"), gone)).endswith(
            "/proc is a folder of the system's that takes no new files; choose another "
            "place")
