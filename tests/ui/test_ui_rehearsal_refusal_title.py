"""A refusal of a rehearsal's clock (a jump off the night) comes in a box titled as every
dialog of a rehearsal is, "REHEARSAL — ResultsDesk": it was titled as a live desk's."""

from __future__ import annotations

from helpers.rehearsal import build
from PySide6.QtWidgets import QMessageBox

from resultsdesk.desk import rehearsal as rh


def test_a_refused_jump_is_said_in_a_box_marked_rehearsal(qtbot, main_window, tmp_path,
                                                         monkeypatch):
    boxes: list[tuple] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: boxes.append(a))
    win = main_window(build(tmp_path / "watch.db", speed=60), user="alice")
    win._rehearsal_do(rh.jump_to, "2091-12-13T05:00")
    assert len(boxes) == 1
    _parent, title, text = boxes[0][:3]
    assert title == "REHEARSAL — ResultsDesk"
    assert "not on the night replayed" in text
