"""A practise night's read-out heard where the keyboard reaches it: Tab stops on the Read-outs
tab's latest read-out, and on the form's copy of it, both boxes that scroll it, and a screen
reader heard only their names ("Latest read-out", "Read-out"), never the declaration to key,
which is a label inside the box that nothing focuses. The read-out is the box's description,
kept to the one shown (a read-out chosen in the list, the next one delivered)."""

from __future__ import annotations

from PySide6.QtGui import QAccessible

from resultsdesk.desk import practise
from resultsdesk.desk.practise import Readout, ReadoutLine
from resultsdesk.ui.readout_panel import ReadoutPanel, form_copy

FIRST = Readout(1, "X1", "Hendon", "2024-07-05T00:30:00+01:00",
                (ReadoutLine("Ann Smith", "Lab", 1_234), ReadoutLine("Bob Jones", "Con", 987)),
                12, 70_000, "2024-07-05T00:30:00+00:00", None)
SECOND = Readout(2, "X2", "Poole", "2024-07-05T00:45:00+01:00",
                 (ReadoutLine("Cat Lee", "Con", 2_000), ReadoutLine("Dan Ray", "Lab", 1_999)),
                 5, 60_000, "2024-07-05T00:45:00+00:00", None)


def _heard(widget) -> tuple[str, str]:
    face = QAccessible.queryAccessibleInterface(widget)
    return face.text(QAccessible.Text.Name), face.text(QAccessible.Text.Description)


def test_the_latest_read_out_is_heard_with_its_box(qtbot, monkeypatch):
    delivered = [FIRST]
    monkeypatch.setattr(practise, "readouts", lambda desk: list(delivered))
    panel = ReadoutPanel()
    qtbot.addWidget(panel)
    assert _heard(panel.latest_area) == ("Latest read-out", panel.latest.text())
    panel.show_readouts(None, "alice", visible=False)
    name, said = _heard(panel.latest_area)
    assert name == "Latest read-out"
    assert said == FIRST.text() and "Ann Smith (Lab): 1,234" in said
    delivered.append(SECOND)
    panel.show_readouts(None, "alice", visible=False)  # the latest follows the night
    assert _heard(panel.latest_area)[1] == SECOND.text()
    panel.list.setCurrentRow(1)  # an older one chosen in the list: that one is shown
    assert _heard(panel.latest_area)[1] == FIRST.text()


def test_the_forms_read_out_is_heard_with_its_box(qtbot):
    text = "Read out at 00:30: Ann Smith (Lab) 1,234 · Bob Jones (Con) 987 · rejected 12"
    area = form_copy(text, None, 400)
    qtbot.addWidget(area)
    assert _heard(area) == ("Read-out", text)
