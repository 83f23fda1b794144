"""While a jump's seats are delivered, the toolbar's clock counts them (README: "the
toolbar's clock counts 'delivering 45 of 120 seats…' meanwhile"). Every refresh the
deliveries themselves bring (the feed sees each seat committed) read the clock and wrote
"05:02 · running" over the count, which came back only with the next seat: the clock
flickered between the two, and stayed on the time through a slow seat (a backup taken, a
publish), as if the jump had been delivered."""

from __future__ import annotations

import threading

from helpers.rehearsal import build

from resultsdesk.desk import rehearsal as rh


def _paused_at_start(tmp_path) -> object:
    db = build(tmp_path / "watch.db", speed=1)
    with rh.open_rehearsal(db) as desk:
        rh.start(desk)
        rh.pause(desk)
    return db


def test_the_clock_keeps_counting_a_burst_through_a_refresh(qtbot, main_window, tmp_path,
                                                            monkeypatch):
    win = main_window(_paused_at_start(tmp_path), user="alice")
    held, release = threading.Event(), threading.Event()
    step = rh.step

    def slow(desk, *args, progress=None, **kwargs):
        def reported(done: int, due: int) -> None:
            progress(done, due)
            if done == 3:  # a slow seat, mid-burst
                held.set()
                release.wait(20)
        return step(desk, *args, progress=reported, **kwargs)

    monkeypatch.setattr(rh, "step", slow)
    try:
        rh.jump_to(win.desk, "02:00", user="alice")
        win.rehearsal_tick()
        qtbot.waitUntil(held.is_set, timeout=20_000)
        qtbot.waitUntil(lambda: win.rehearsal_clock.text().startswith("delivering 3 of "),
                        timeout=5000)
        win.refresh()  # as the feed's news of the seats committed does
        assert win.rehearsal_stepper.busy
        assert win.rehearsal_clock.text().startswith("delivering 3 of ")
    finally:
        release.set()
    qtbot.waitUntil(lambda: not win.rehearsal_stepper.busy, timeout=20_000)
    # the burst delivered, the clock shows the night's time again
    qtbot.waitUntil(lambda: win.rehearsal_clock.text() == "02:00 · paused", timeout=5000)
