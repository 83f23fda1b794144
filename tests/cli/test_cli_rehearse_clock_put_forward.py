"""`rehearse` with the computer's clock put forward mid-night by less than a gap's minute
(NTP correcting it, the clock set by hand): the night leapt on by the step at its speed and
the command delivered all of it at once (ten seconds at 3600x: the rest of the night). Its
monotonic clock did not move with the wall: the step is held over, and the night goes on
at its pace (`desk.rehearsal_resume.hold_if_put_forward`)."""

from __future__ import annotations

from datetime import timedelta

from helpers.cli import run
from helpers.rehearsal import WALL
from test_cli_rehearse import FakeClock, deliveries

from resultsdesk.cli import rehearse

STEP = timedelta(seconds=10)


class PuttingForwardClock(FakeClock):
    """The fake clock and a monotonic clock beside it that only sleeping moves: the wall
    put forward ten seconds in one sleep once 100 seats are printed."""

    def __init__(self, monkeypatch, capsys):
        super().__init__(monkeypatch)
        self.capsys, self.out, self.put_forward, self.lived = capsys, "", False, 0.0
        monkeypatch.setattr(rehearse, "monotonic", lambda: self.lived)

    def sleep(self, seconds: float) -> None:
        before = self.wall
        super().sleep(seconds)
        self.lived += (self.wall - before).total_seconds()
        self.out += self.capsys.readouterr().out
        if not self.put_forward and self.out.count(" declared (") >= 100:
            self.put_forward = True
            self.wall += STEP


def test_a_clock_put_forward_mid_rehearsal_goes_on_at_its_pace(capsys, monkeypatch,
                                                                tmp_path):
    clock = PuttingForwardClock(monkeypatch, capsys)
    code, out, err = run(capsys, "rehearse", "--db", tmp_path / "r.db", "--mode", "watch",
                         "--speed", 3600)
    assert code == 0, err
    assert clock.put_forward
    # about 15.4 s of wall time for the night, as without the step: not cut short by it
    ran = clock.wall - WALL - STEP
    assert timedelta(seconds=15) < ran < timedelta(seconds=17), ran
    seen = deliveries(clock.out + out)
    assert [p for _, _, p, _ in seen] == list(range(1, 651))  # once each, in order
