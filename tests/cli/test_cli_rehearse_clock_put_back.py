"""`rehearse` with the computer's clock put back mid-night (NTP stepping it, the clock
changed by hand): the command's clock stood still as long as the clock went back (ten
minutes back at 3600x: ten minutes of nothing, the night's 15 s then run), and never
delivered a seat twice or out of order. It keeps the night where it stood, at its pace."""

from __future__ import annotations

from datetime import timedelta

from helpers.cli import run
from helpers.rehearsal import WALL
from test_cli_rehearse import FakeClock, deliveries

BACK = timedelta(minutes=10)


class PuttingBackClock(FakeClock):
    """The fake clock, put back ten minutes in one sleep once 100 seats are printed."""

    def __init__(self, monkeypatch, capsys):
        super().__init__(monkeypatch)
        self.capsys, self.out, self.put_back = capsys, "", False

    def sleep(self, seconds: float) -> None:
        super().sleep(seconds)
        self.out += self.capsys.readouterr().out
        if not self.put_back and self.out.count(" declared (") >= 100:
            self.put_back = True
            self.wall -= BACK


def test_a_clock_put_back_mid_rehearsal_goes_on_at_its_pace(capsys, monkeypatch, tmp_path):
    clock = PuttingBackClock(monkeypatch, capsys)
    code, out, err = run(capsys, "rehearse", "--db", tmp_path / "r.db", "--mode", "watch",
                         "--speed", 3600)
    assert code == 0, err
    assert clock.put_back
    # about 15.4 s of wall time for the night, as without the clock put back
    ran = clock.wall - WALL + BACK
    assert timedelta(seconds=15) < ran < timedelta(seconds=17), ran
    seen = deliveries(clock.out + out)
    assert [p for _, _, p, _ in seen] == list(range(1, 651))  # once each, in order
