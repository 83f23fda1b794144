"""Declaration > Decide tie by lot: which tied candidate the returning officer drew, and how.

Nobody is chosen for the person: the list opened on the first tied candidate, so a tired
Enter recorded them as drawn (the blind re-key of the winner would catch it, at the cost
of a rejection and a second lot entry). Each candidate is named with their party, and
picked by their place on the ballot paper, not their name: two tied candidates of one
name were the same choice. Esc in the note's box asks before the note typed (and the pick)
go, as the form does for typed figures."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QDialog, QInputDialog, QWidget

from ..domain.model import CandidateVotes
from .careful_text import CarefulTextBox, DiscardQuestion
from .messages import tell

TITLE = "Decide tie by lot"
CHOOSE = "— choose the candidate drawn —"


def labels(tied: Sequence[CandidateVotes]) -> list[str]:
    """"Ameet Jogia (Con)", with the ballot paper's order where two would read alike."""
    named = [f"{c.name} ({c.party})" for c in tied]
    return [f"{label}, {i + 1} of the tied" if named.count(label) > 1 else label
            for i, label in enumerate(named)]


def ask_lot(parent: QWidget, tied: Sequence[CandidateVotes],
            seat: str = "") -> tuple[int, str] | None:
    """(the place in `tied` of the candidate drawn, how the lot was drawn), or None when
    the person cancels. Each box is titled with `seat`, as more than one tie may await
    its lot."""
    title = f"{TITLE}: {seat}" if seat else TITLE
    choices = [CHOOSE, *labels(tied)]
    while True:
        picked, ok = QInputDialog.getItem(parent, title, "Candidate drawn by the returning "
                                          "officer:", choices, 0, False)
        if not ok:
            return None
        if picked != CHOOSE:
            break
        tell(parent, title, "Choose the candidate the returning officer drew (nobody is "
             "chosen for you).", "information")
    place = choices.index(picked) - 1
    note = ask_note(parent, title, labels(tied)[place], seat)
    return None if note is None else (place, note)


class NoteBox(CarefulTextBox):
    """"How was the lot drawn?", whose Esc (or close button) asks first once a note is
    typed; "Keep typing" leaves the box open, the note as typed and the cursor in it.
    `QInputDialog.getText` gave nothing back on Esc: a stray key lost the note and the
    pick, without a word."""

    def __init__(self, parent: QWidget | None, title: str, drawn: str, seat: str) -> None:
        where = f" for {seat}" if seat else ""
        super().__init__(parent, title, "How was the lot drawn (who drew, how)?",
                         DiscardQuestion(
                             "discardNoteBox", "Discard the note?",
                             f"Throw away the note typed on how the lot was drawn{where}, "
                             f"and {drawn} chosen as drawn?",
                             ("&Discard note", "&Keep typing")))
        self.setObjectName("lotNoteBox")
        self.drawn, self.seat = drawn, seat


def ask_note(parent: QWidget | None, title: str, drawn: str, seat: str = "") -> str | None:
    """How the lot of `drawn` was drawn, or None when the person cancels. The desk records
    no lot without a note: one left blank is asked for again, the pick kept (the desk's
    refusal threw the pick away, and the question began again)."""
    box = NoteBox(parent, title, drawn, seat)
    try:
        while box.exec() == QDialog.DialogCode.Accepted:
            if box.textValue().strip():
                return box.textValue()
            box.setTextValue("")  # spaces alone: the note starts afresh
            tell(parent, title, "Add a note on how the lot was drawn: the desk records no "
                 f"lot without one. {drawn} stays chosen as drawn.", "information")
        return None
    finally:
        box.deleteLater()
