"""A practise night's read-outs with a seat, candidates and parties written right to left
(Hebrew, Arabic): bare, "<candidate> (<party>): 1,234" showed 1,234 beside the wrong name
and a line opening with a name read right to left. The Read-outs tab and the form's
read-out put each name between Unicode's isolates (`wording.isolated`); `rehearse`, which
prints to a terminal, has them as written."""

from __future__ import annotations

from resultsdesk.desk import practise
from resultsdesk.desk.practise import Readout, ReadoutLine
from resultsdesk.domain.wording import ISOLATES
from resultsdesk.ui.readout_panel import ReadoutPanel
from resultsdesk.ui.window_rehearsal import readout_line

SEAT = "\u05d9\u05e8\u05d5\u05e9\u05dc\u05d9\u05dd"  # Hebrew
CANDIDATE, PARTY = "\u0639\u0644\u064a \u062d\u0633\u0646", "\u05dc\u05d9\u05db\u05d5\u05d3"
FSI, PDI = ISOLATES
LTR_MARK = "\u200e"  # LEFT-TO-RIGHT MARK
READOUT = Readout(1, "X1", SEAT, "2024-07-05T00:30:00+01:00",
                  (ReadoutLine(CANDIDATE, PARTY, 1_234), ReadoutLine("Ann Smith", "Lab", 987)),
                  12, 70_000, "2024-07-05T00:30:00+00:00", None)


def _i(name: str) -> str:
    return f"{FSI}{name}{PDI}"


def test_the_forms_read_out_isolates_each_name():
    assert readout_line(READOUT) == (f"Read out at 00:30: {_i(CANDIDATE)} ({_i(PARTY)}) "
                                     "1,234 · Ann Smith (Lab) 987 · rejected 12 · "
                                     "electorate 70,000")


def test_the_read_outs_tab_isolates_each_name(qtbot, monkeypatch):
    monkeypatch.setattr(practise, "readouts", lambda desk: [READOUT])
    panel = ReadoutPanel()
    qtbot.addWidget(panel)
    panel.show_readouts(None, "alice", visible=False)  # not on screen: nothing recorded
    assert panel.list.item(0).text() == f"00:30  {_i(SEAT)}"
    shown = panel.latest.text().split("\n")
    # each line marked left to right: the selectable label set a line opening with an
    # isolated name (its first strong character) right to left, the votes at its left
    assert [line.startswith(LTR_MARK) for line in shown] == [True, True, True, False, False,
                                                             False, True]
    lines = [line.removeprefix(LTR_MARK) for line in shown]
    assert lines[0] == f"00:30  {_i(SEAT)}"
    assert lines[1].startswith(f"I, the Acting Returning Officer for {_i(SEAT)}, declare")
    assert lines[2:4] == [f"  {_i(CANDIDATE)} ({_i(PARTY)}): 1,234", "  Ann Smith (Lab): 987"]
    assert lines[-1] == f"and I declare that {_i(CANDIDATE)} is duly elected."


def test_rehearse_prints_the_read_out_as_written():
    printed = READOUT.text()  # what `rehearse` prints for each delivery
    assert f"  {CANDIDATE} ({PARTY}): 1,234" in printed
    assert not any(c in printed for c in ISOLATES)
