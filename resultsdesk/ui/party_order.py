"""File > Chamber order: drag parties into the left-to-right order of the hemicycle, or move
the chosen one with Ctrl+Up / Ctrl+Down (keys.ORDER_KEYS): dragging alone left a keyboard
user, or one with a screen reader, no way to change it.

Opened again after a save refused because another desk saved an order meanwhile (`Conflict`,
desk/parties.set_political_order): theirs in the list, the refusal above it, and the
editor's own order a button away (Apply mine again), to look over and save on theirs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from ..domain.model import Party
from .keys import MOVE_DOWN, MOVE_UP
from .sizing import fitting_size
from .style import colours, party_chip

# What the refused save's line above the list ends with: theirs shown, then, once Apply mine
# again has put the editor's order back on theirs, that (it went on saying "Theirs is
# below" over the editor's own order)
THEIRS_BELOW = "Theirs is below: apply yours again?"
MINE_BELOW = "Yours is below again, on theirs: OK saves it."


class PartyOrderDialog(QDialog):
    """Lists the parties that matter on the night (those with seats now or in the baseline,
    then the rest by votes) in their stored order; drag to reorder."""

    def __init__(self, parties: list[Party], parent=None, *, refused: str = "",
                 mine: list[str] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("partyOrderDialog")
        self.setWindowTitle("Chamber order")
        layout = QVBoxLayout(self)
        intro = QLabel("Left of the chamber at the top, right at the bottom. Drag to reorder, "
                       f"or move the chosen party with {MOVE_UP} and {MOVE_DOWN}.")
        # Wrapped: on one line it set the dialog's width (1,329 px at 16 pt, past a
        # 1024-pixel laptop's edge), not the 360 it opens at below.
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.refused = refused
        self.refusal: QLabel | None = None
        if refused:
            self.refusal = refusal = QLabel(f"{refused} {THEIRS_BELOW}")
            refusal.setObjectName("partyOrderRefused")
            refusal.setTextFormat(Qt.TextFormat.PlainText)  # whose name, as written
            refusal.setWordWrap(True)
            # in the alert colour, as the sign-in's refusal: in the instructions' own style
            # the dialog opened again looked as it first had
            refusal.setStyleSheet(f"color:{colours().alert}; font-weight:600;")
            layout.addWidget(refusal)
        self.list = QListWidget(self)
        self.list.setObjectName("partyOrderList")
        self.list.setAccessibleName(self.windowTitle())
        self.list.setAccessibleDescription(  # (what a screen reader says on entering it)
            f"{refusal.text()} {intro.text()}" if refused else intro.text())
        for key, step, name in ((MOVE_UP, -1, "moveUp"), (MOVE_DOWN, 1, "moveDown")):
            move = QAction(self.list)
            move.setObjectName(name)
            move.setShortcut(QKeySequence(key))
            move.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            move.triggered.connect(lambda _=False, s=step: self.move(s))
            self.list.addAction(move)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        for p in parties:
            item = QListWidgetItem(party_chip(p.colour), f"{p.abbreviation} — {p.name}")
            item.setData(0x0100, p.abbreviation)  # Qt.UserRole
            self.list.addItem(item)
        # The first party chosen from the start: the list's focus alone makes it current
        # but not selected, so Ctrl+Down moved a party that did not look chosen.
        self.list.setCurrentRow(0)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        if refused and mine:
            again = buttons.addButton("&Apply mine again", QDialogButtonBox.ButtonRole.ActionRole)
            again.setObjectName("partyOrderMine")
            again.clicked.connect(lambda: self.apply_mine(mine))
        layout.addWidget(buttons)
        # As wide as the longest party's line needs ("SDLP — Social Democratic and Labour
        # Party" in a large font), at least 360, never wider than the screen has room for.
        margins = layout.contentsMargins()
        lines = (self.list.sizeHintForColumn(0) + 2 * self.list.frameWidth()
                 + self.list.verticalScrollBar().sizeHint().width()
                 + margins.left() + margins.right())
        self.resize(fitting_size(self, max(360, lines), 520))

    def apply_mine(self, mine: list[str]) -> None:
        """Apply mine again: the editor's order on theirs, and the line above says so."""
        self.arrange(mine)
        if self.refusal is not None:
            old = self.refusal.text()
            self.refusal.setText(f"{self.refused} {MINE_BELOW}")
            self.list.setAccessibleDescription(
                self.list.accessibleDescription().replace(old, self.refusal.text(), 1))

    def move(self, step: int) -> None:
        """The chosen party `step` places down (up if negative), still chosen."""
        row = self.list.currentRow()
        to = row + step
        if row < 0 or not 0 <= to < self.list.count():
            return
        self.list.insertItem(to, self.list.takeItem(row))
        self.list.setCurrentRow(to)

    def arrange(self, order: list[str]) -> None:
        """The parties of `order` in that order, any other after them as they stood."""
        rank = {a: i for i, a in enumerate(order)}
        now = self.order()
        items = [self.list.takeItem(0) for _ in now]
        for i in sorted(range(len(now)), key=lambda i: rank.get(now[i], len(order) + i)):
            self.list.addItem(items[i])
        self.list.setCurrentRow(0)

    def order(self) -> list[str]:
        return [self.list.item(i).data(0x0100) for i in range(self.list.count())]
