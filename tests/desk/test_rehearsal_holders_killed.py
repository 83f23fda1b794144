"""A rehearsal's clock holder killed outright (kill -9: it never lets go) on this computer
is gone at once, not after `LOST_AFTER`: its row says where it runs and its process id, and
that process no longer exists. So a window closing in that minute stops the clock, and a
`rehearse` restarted in it goes back to the last seat delivered. A holder on another
computer (whose processes this one cannot see) keeps the minute's rule. With a real child
process, killed."""

from __future__ import annotations

import os
import select
import subprocess
import sys
from datetime import timedelta

import pytest
from helpers import rehearsal as helper
from helpers.rehearsal import WALL

from resultsdesk.desk import rehearsal as rh
from resultsdesk.desk import rehearsal_holders as holders
from resultsdesk.domain.replay import LOST_AFTER

S = timedelta(seconds=1)
_watch_2019, watch_db, watch_desk = helper._watch_2019, helper.watch_db, helper.watch_desk

# A holder in a process of its own: holds the clock at the wall time given, then waits.
HOLDER = """
import sys
from datetime import datetime
from resultsdesk.desk import rehearsal_holders as holders
from resultsdesk.store import Store
with Store(sys.argv[1]) as desk:
    holders.hold(desk, "command", "carol", datetime.fromisoformat(sys.argv[2]))
print("READY", flush=True)
sys.stdin.readline()
"""


@pytest.fixture
def child_holder(watch_db):
    """A `rehearse`-like holder in a child process holding the clock from WALL; the test
    kills it (SIGKILL, then reaped, as a shell reaps a killed command)."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(watch_db), WALL.isoformat()],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 60)
        line = proc.stdout.readline() if ready else ""
        assert line.strip() == "READY", proc.stderr.read() if proc.poll() is not None else ""
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()


def _kill(proc: subprocess.Popen) -> None:
    proc.kill()
    proc.wait()


def test_a_killed_holder_on_this_computer_is_gone_at_once(watch_desk, child_holder):
    rh.start(watch_desk, WALL)  # speed 3600: a second is an hour of the night
    assert len(rh.step(watch_desk, WALL).delivered) == 1  # 23:27
    alice = holders.hold(watch_desk, "window", "alice", WALL)
    assert [h.name for h in holders.others(watch_desk, alice, WALL + S)] == ["carol"]
    _kill(child_holder)
    # within the minute: alice's window closing leaves nobody holding (it stops the clock)
    assert holders.release(watch_desk, alice, WALL + S) == []
    # and `rehearse` started again goes back to the last delivery, as after a lost driver
    assert rh.start(watch_desk, WALL + S).night_text == "23:27"  # not 00:27 run on


def test_a_holder_on_another_computer_keeps_the_minute(watch_desk, child_holder):
    rh.start(watch_desk, WALL)
    rh.step(watch_desk, WALL)
    _kill(child_holder)
    with watch_desk.write():  # the same row, as if written on another PC
        watch_desk._conn.execute("UPDATE rehearsal_holders SET host = 'another PC'")
    assert [h.name for h in holders.others(watch_desk, None, WALL + S)] == ["carol"]
    assert rh.start(watch_desk, WALL + S).night_text == "00:27"  # held: goes on
    assert holders.others(watch_desk, None, WALL + LOST_AFTER + 2 * S) == []


def test_whether_a_process_is_gone(child_holder):
    from resultsdesk.desk.processes import process_gone

    assert not process_gone(os.getpid())
    assert not process_gone(child_holder.pid)
    _kill(child_holder)
    assert process_gone(child_holder.pid)
    # never a process group (0, -1 to os.kill), nor a made-up id: not known to be gone
    assert not process_gone(0) and not process_gone(-1)
