"""Ctrl+C in `rehearse` while a step delivers a burst (a `--start` jump, a late step at a
fast speed): each seat is committed as it is delivered, but the lines were printed only
once the whole step returned, so the seats in before Ctrl+C were never printed, nor their
read-outs in practise mode, and the command run again prints only what comes after them
(README: each delivery prints a line, and its read-out, once each and in the night's
order). A practise desk reading out from the terminal never saw those read-outs."""

from __future__ import annotations

from helpers.cli import run
from test_cli_rehearse import FakeClock, deliveries

from resultsdesk.desk import rehearsal as rh
from resultsdesk.store import rehearsal as rows


def test_seats_delivered_before_ctrl_c_mid_burst_are_printed(capsys, monkeypatch, tmp_path):
    FakeClock(monkeypatch)
    marked = rows.mark_delivered
    calls: list[int] = []

    def ctrl_c_at_the_tenth(store, position, at, declaration_id=None):
        calls.append(position)
        if len(calls) == 10:
            raise KeyboardInterrupt  # Ctrl+C inside the step's tenth delivery
        return marked(store, position, at, declaration_id)

    monkeypatch.setattr(rows, "mark_delivered", ctrl_c_at_the_tenth)
    db = tmp_path / "practise.db"
    code, out, err = run(capsys, "rehearse", "--db", db, "--mode", "practise",
                         "--start", "01:00")  # eleven seats due at once
    assert code == 130, err
    with rh.open_rehearsal(db) as desk:
        delivered = rh.rehearsal_state(desk).delivered
    assert delivered == 9
    assert [p for _, _, p, _ in deliveries(out)] == list(range(1, 10)), out
    assert out.count("I, the Acting Returning Officer") == 9  # every read-out, once
