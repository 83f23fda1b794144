"""A rehearsal driver that replays as fast as it can with a fake clock, until killed.

    python tests/helpers/rehearsal_driver.py DB

Prints READY once the clock runs, then, only after each step has returned (every seat in
it committed with its audit entry), one line per seat delivered:

    ACK <position> <code>

tests/test_rehearsal_kill.py kills this process with SIGKILL part-way and checks that every
acknowledged delivery is in the file, whole, and that the replay continues from there.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta

from resultsdesk.desk import rehearsal as rh


def main() -> int:
    desk = rh.open_rehearsal(sys.argv[1])
    wall = datetime(2031, 5, 1, 20, 0, tzinfo=UTC)
    rh.start(desk, wall)
    print("READY", flush=True)
    while True:
        result = rh.step(desk, wall)
        for d in result.delivered:
            print(f"ACK {d.position} {d.code}", flush=True)
        if result.finished:
            print("FINISHED", flush=True)
            return 0
        wall = max(result.next_due_wall, wall + timedelta(microseconds=1))


if __name__ == "__main__":
    sys.exit(main())
