"""A jump on a practise rehearsal with the read-outs in sight: the seats are delivered off
the GUI thread (`RehearsalStepper`), but the refresh after them recorded each new read-out
as shown one write transaction at a time on the GUI thread, each reading the whole plan:
a jump to 06:00 (about 500 read-outs) held the window up for nearly 3 s, where README says
"a jump that makes a hundred seats due at once ... never holds up the window". The shape of
that work is what is asserted (the plan read on the GUI thread at most twice each time the
panel shows what came, not once per read-out), never a stopwatch."""

from __future__ import annotations

import threading

from helpers.rehearsal import build

from resultsdesk.desk import practise
from resultsdesk.desk import rehearsal as rh


def test_a_jumps_read_outs_are_recorded_shown_in_two_reads_of_the_plan(
        qtbot, main_window, tmp_path, monkeypatch):
    db = build(tmp_path / "practise.db", mode="practise", speed=1)
    with rh.open_rehearsal(db) as desk:
        rh.start(desk)
        rh.pause(desk)
    win = main_window(db, user="alice")
    qtbot.waitUntil(lambda: len(win.readout_panel.codes()) == 1, timeout=20_000)
    night = rh.jump_to(win.desk, "06:00", user="alice").night
    due = len([r for r in rh._pending(win.desk) if r.declared_at <= night]) + 1
    plan, gui_reads = practise.sql.plan, []

    def counted(desk):
        if threading.current_thread() is threading.main_thread():
            gui_reads.append(1)
        return plan(desk)

    monkeypatch.setattr(practise.sql, "plan", counted)
    panel = win.readout_panel
    show, per_show = panel.show_readouts, []

    def show_counted(*args, **kwargs):
        before = len(gui_reads)
        show(*args, **kwargs)
        per_show.append(len(gui_reads) - before)

    monkeypatch.setattr(panel, "show_readouts", show_counted)
    win.rehearsal_tick()

    def all_shown() -> bool:
        readouts = practise.readouts(win.desk)
        return len(readouts) == due and all(r.shown_at for r in readouts)

    qtbot.waitUntil(all_shown, timeout=60_000)
    assert due > 400 and per_show
    assert max(per_show) <= 2, f"the plan read {max(per_show)} times by one showing"
