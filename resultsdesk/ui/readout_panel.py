"""The read-out panel of a practise rehearsal: what the returning officer reads out, in the
night's order, the latest on top in large type. Showing a read-out records it as shown
(`desk.practise.mark_shown`): the report times the desk from that moment."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from .style import colours

CODE_ROLE = Qt.ItemDataRole.UserRole
TEXT_ROLE = Qt.ItemDataRole.UserRole + 1  # the read-out as read, without its status
# Where each read-out stands, by the seat's status: with dozens read out, which to key next
PROGRESS = {"awaiting": "to key", "provisional": "keyed, to verify", "verified": "verified ✓"}


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
        self.latest.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._restyle()
        layout.addWidget(self.latest)
        self.list = QListWidget(self)
        self.list.setObjectName("readOutList")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(lambda item: self.seat_chosen.emit(item.data(CODE_ROLE)))
        layout.addWidget(self.list, 1)
        self._shown: list[str] = []

    def codes(self) -> list[str]:
        """The seats read out so far, in the night's order."""
        return list(self._shown)

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
        for readout in items[len(self._shown):]:
            item = QListWidgetItem(readout.text())
            item.setData(CODE_ROLE, readout.code)
            item.setData(TEXT_ROLE, readout.text())
            self.list.insertItem(0, item)  # latest first: what is being read now
            self._shown.append(readout.code)
        if items:
            self.latest.setText(items[-1].text())
        if visible:
            for readout in items:
                if readout.shown_at is None:
                    practise.mark_shown(desk, readout.code, user=user)

    def show_progress(self, status_of: dict[str, str]) -> None:
        """Each read-out's first line ends with where its seat stands (`status_of`: GSS code
        to the seat's status, "awaiting", "provisional" or "verified")."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            first, _, rest = item.data(TEXT_ROLE).partition("\n")
            progress = PROGRESS.get(status_of.get(item.data(CODE_ROLE), ""), "")
            text = f"{first}  — {progress}\n{rest}" if progress else item.data(TEXT_ROLE)
            if item.text() != text:
                item.setText(text)

    def clear(self) -> None:
        self.list.clear()
        self._shown = []
