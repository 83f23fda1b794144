"""Ctrl+C landing just after a seat is committed, before its line is printed (the window
between a seat's transaction committing and the step's progress call): the seat was in the
database, counted in "Stopped at …: N of 650 delivered", but its line (and in practise mode
its read-out) was never printed, and the command run again starts printing after the seats
delivered, so it never was. Seen on the real 2019 night at x3000: Witham delivered, never
printed (README: each delivery prints a line, and its read-out, once each)."""

from __future__ import annotations

from helpers.cli import run
from test_cli_rehearse import FakeClock, deliveries

from resultsdesk.desk import rehearsal as rh


def test_a_seat_committed_just_before_ctrl_c_is_printed(capsys, monkeypatch, tmp_path):
    FakeClock(monkeypatch)
    deliver = rh._deliver
    calls: list[int] = []

    def ctrl_c_after_the_tenth(desk, position, mode, now):
        calls.append(position)
        done = deliver(desk, position, mode, now)
        if len(calls) == 10:
            raise KeyboardInterrupt  # Ctrl+C right after the tenth seat's commit
        return done

    monkeypatch.setattr(rh, "_deliver", ctrl_c_after_the_tenth)
    db = tmp_path / "practise.db"
    code, out, err = run(capsys, "rehearse", "--db", db, "--mode", "practise",
                         "--start", "01:00")  # eleven seats due at once
    assert code == 130, err
    with rh.open_rehearsal(db) as desk:
        delivered = rh.rehearsal_state(desk).delivered
    assert delivered == 10
    assert [p for _, _, p, _ in deliveries(out)] == list(range(1, 11)), out
    assert out.count("I, the Acting Returning Officer") == 10  # every read-out, once

    monkeypatch.setattr(rh, "_deliver", deliver)
    code, out, err = run(capsys, "rehearse", "--db", db, "--until", "01:00")
    assert code == 0, err
    assert [p for _, _, p, _ in deliveries(out)] == [11], out  # none twice, none lost
