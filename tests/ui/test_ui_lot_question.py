"""Decide tie by lot asks which tied candidate was drawn with nobody chosen for the person
(a tired Enter on the list's first row recorded the first tied candidate as drawn), names
each with their party, and picks by place, not name (two tied of one name were one
choice)."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox

from resultsdesk.domain.model import CandidateVotes
from resultsdesk.ui import lot_question
from resultsdesk.ui.app import application
from resultsdesk.ui.lot_question import CHOOSE, ask_lot, labels

TIED = [CandidateVotes("Sam Smith", "Ind", 500), CandidateVotes("Sam Smith", "Ind", 500),
        CandidateVotes("Ameet Jogia", "Con", 500)]


def test_each_tied_candidate_reads_apart():
    assert labels(TIED) == ["Sam Smith (Ind), 1 of the tied", "Sam Smith (Ind), 2 of the tied",
                            "Ameet Jogia (Con)"]


def test_nobody_is_chosen_for_the_person(monkeypatch):
    application()
    offered: list[tuple[list[str], int]] = []
    answers = iter([CHOOSE, "Sam Smith (Ind), 2 of the tied"])  # Enter at once, then a pick
    told: list[str] = []

    def get_item(_parent, _title, _label, items, current, _editable):
        offered.append((items, current))
        return next(answers), True

    monkeypatch.setattr(QInputDialog, "getItem", get_item)
    monkeypatch.setattr(lot_question, "ask_note", lambda *a, **k: "drawn from a hat")
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    assert ask_lot(None, TIED) == (1, "drawn from a hat")
    assert offered[0] == ([CHOOSE, *labels(TIED)], 0) and len(offered) == 2
    assert told == ["Choose the candidate the returning officer drew (nobody is chosen "
                    "for you)."]


def test_cancelling_records_nothing(monkeypatch):
    application()
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a: ("", False))
    assert ask_lot(None, TIED) is None
