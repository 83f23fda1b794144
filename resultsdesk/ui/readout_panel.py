"""The read-out panel of a practise rehearsal: what the returning officer reads out, the
latest in full in large type, above a list of every read-out, one line each (its time, seat
and where it stands), latest first. Choosing one in the list shows it in full above; the
panel follows the night (each new read-out in full) while nothing older is chosen.
Showing a read-out records it as shown (`desk.practise.mark_shown`): the report times the
desk from that moment.

One line each, as the eye looks for the next "to key": a read-out in full in the list (eight
lines and more) left a laptop's dock room for one, the latest again, and the rest below it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ..domain.wording import ISOLATES
from .style import as_written, colours

CODE_ROLE = Qt.ItemDataRole.UserRole
TEXT_ROLE = Qt.ItemDataRole.UserRole + 1  # the read-out as read, without its status
# Where each read-out stands, by the seat's status: with dozens read out, which to key next
PROGRESS = {"awaiting": "to key", "provisional": "keyed, to verify", "verified": "verified ✓"}
# LEFT-TO-RIGHT MARK. A selectable label lays its text out as a document, which gives each
# line the direction of its first strong character, one inside an isolate too: "00:30
# <seat>" and "  <candidate> (<party>): 1,234" with the names written right to left were
# set right to left, the votes at the line's left. A plain label, a list or the status bar
# skip an isolate's inside, as Unicode says.
LTR_MARK = "\u200e"


def left_to_right(text: str) -> str:
    """`text` (names isolated) for the selectable label: each line with a name isolated
    marked left to right (`wording.isolated` isolates every name written right to left)."""
    return "\n".join(LTR_MARK + line if ISOLATES[0] in line else line
                     for line in text.split("\n"))


class ReadoutPanel(QWidget):
    """`show_readouts(desk, user)` brings it up to date; double-click (or Enter on) a read-out
    to key that seat."""

    seat_chosen = Signal(str)  # GSS code

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("readOutWidget")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.latest = QLabel("No read-out yet: the first comes at its time of the night.", self)
        self.latest.setObjectName("readOutLatest")
        self.latest.setWordWrap(True)
        self.latest.setTextFormat(Qt.TextFormat.PlainText)  # a read-out's names as written
        self.latest.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._restyle()
        layout.addWidget(self.latest)
        self.list = QListWidget(self)
        self.list.setObjectName("readOutList")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(lambda item: self.seat_chosen.emit(item.data(CODE_ROLE)))
        self.list.currentItemChanged.connect(self._show_chosen)
        layout.addWidget(self.list, 1)
        self._shown: list[str] = []

    def codes(self) -> list[str]:
        """The seats read out so far, in the night's order."""
        return list(self._shown)

    def code_at(self, index: QModelIndex) -> str:
        """The seat of the list's read-out at `index` (a GSS code)."""
        return index.data(CODE_ROLE)

    def _restyle(self) -> None:
        c = colours()
        sheet = (f"QLabel {{ font-size: 14px; padding: 6px; background: {c.note};"
                 f" color: {c.text}; border: 1px solid {c.note_border}; }}")
        if self.latest.styleSheet() != sheet:
            self.latest.setStyleSheet(sheet)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # View > Theme
            self._restyle()

    def show_readouts(self, desk, user: str, *, visible: bool) -> None:
        """Add read-outs delivered since the last call; while the panel is on screen, record
        each one not yet recorded as shown (by `user`)."""
        from ..desk import practise  # with the rehearsal's rules: only for a practise night

        items = practise.readouts(desk)
        following = self.list.currentRow() <= 0  # nothing older chosen: the night's latest
        for readout in items[len(self._shown):]:
            text = readout.text(isolate=True)  # names isolated: shown in bidi order
            item = QListWidgetItem(text.partition("\n")[0])
            item.setData(CODE_ROLE, readout.code)
            item.setData(TEXT_ROLE, text)
            item.setToolTip(as_written(text))  # names never read as markup
            self.list.insertItem(0, item)  # latest first: what is being read now
            self._shown.append(readout.code)
        if items and following:
            if self.list.currentRow() > 0:  # was on the latest: on the new latest
                self.list.setCurrentRow(0)
            self.latest.setText(left_to_right(items[-1].text(isolate=True)))
        unshown = [readout.code for readout in items if readout.shown_at is None]
        if visible and unshown:  # one transaction however many (a jump's hundreds)
            practise.mark_all_shown(desk, unshown, user=user)

    def _show_chosen(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is not None:
            self.latest.setText(left_to_right(item.data(TEXT_ROLE)))

    def show_progress(self, status_of: dict[str, str]) -> None:
        """Each read-out's line ends with where its seat stands (`status_of`: GSS code to
        the seat's status, "awaiting", "provisional" or "verified")."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            first = item.data(TEXT_ROLE).partition("\n")[0]
            progress = PROGRESS.get(status_of.get(item.data(CODE_ROLE), ""), "")
            text = f"{first}  — {progress}" if progress else first
            if item.text() != text:
                item.setText(text)

    def clear(self) -> None:
        self.list.clear()
        self._shown = []
