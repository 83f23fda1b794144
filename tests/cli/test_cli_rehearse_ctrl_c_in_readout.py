"""Ctrl+C landing while a seat's read-out is being read for printing (practise mode, a
burst of seats due at once, where the time goes into printing): the seat's line had been
printed, but not yet counted as printed, so the line printed on the way out (Ctrl+C
prints what was delivered and not yet said) said "… Hendon declared (5 of 650)" a second
time. Each delivery prints its line, and its read-out, once each (README)."""

from __future__ import annotations

from helpers.cli import run
from test_cli_rehearse import FakeClock, deliveries

from resultsdesk.desk import practise


def test_ctrl_c_in_a_read_out_prints_no_line_twice(capsys, monkeypatch, tmp_path):
    FakeClock(monkeypatch)
    readout = practise.readout
    calls: list[str] = []

    def ctrl_c_in_the_fifth(desk, code):
        calls.append(code)
        if len(calls) == 5:
            raise KeyboardInterrupt  # Ctrl+C while the fifth seat's read-out is read
        return readout(desk, code)

    monkeypatch.setattr(practise, "readout", ctrl_c_in_the_fifth)
    code, out, err = run(capsys, "rehearse", "--db", tmp_path / "practise.db", "--mode",
                         "practise", "--start", "01:00")  # eleven seats due at once
    assert code == 130, err
    positions = [p for _, _, p, _ in deliveries(out)]
    assert len(positions) == len(set(positions)), out  # no line twice
    assert positions[:5] == [1, 2, 3, 4, 5], out
    # and every seat printed with its read-out, the fifth's too
    assert out.count("I, the Acting Returning Officer") == len(positions), out
