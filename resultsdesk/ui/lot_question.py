"""Declaration > Decide tie by lot: which tied candidate the returning officer drew, and how.

Nobody is chosen for the person: the list opened on the first tied candidate, so a tired
Enter recorded them as drawn (the blind re-key of the winner would catch it, at the cost
of a rejection and a second lot entry). Each candidate is named with their party, and
picked by their place on the ballot paper, not their name: two tied candidates of one
name were the same choice."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QInputDialog, QWidget

from ..domain.model import CandidateVotes
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
    # The desk records no lot without a note: one left blank is asked for again, the pick
    # kept (the desk's refusal threw the pick away, and the question began again).
    while True:
        note, ok = QInputDialog.getText(parent, title, "How was the lot drawn (who drew, "
                                        "how)?")
        if not ok:
            return None
        if note.strip():
            return choices.index(picked) - 1, note
        tell(parent, title,
             "Add a note on how the lot was drawn: the desk records no lot without one. "
             f"{labels(tied)[choices.index(picked) - 1]} stays chosen as drawn.", "information")
