"""Preferences > Chamber order: drag parties into the left-to-right order of the hemicycle."""

from __future__ import annotations

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
from .style import party_chip


class PartyOrderDialog(QDialog):
    """Lists the parties that matter on the night (those with seats now or in the baseline,
    then the rest by votes) in their stored order; drag to reorder."""

    def __init__(self, parties: list[Party], parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("partyOrderDialog")
        self.setWindowTitle("Chamber order")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Left of the chamber at the top, right at the bottom. "
                                "Drag to reorder."))
        self.list = QListWidget(self)
        self.list.setObjectName("partyOrderList")
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        for p in parties:
            item = QListWidgetItem(party_chip(p.colour), f"{p.abbreviation} — {p.name}")
            item.setData(0x0100, p.abbreviation)  # Qt.UserRole
            self.list.addItem(item)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(360, 520)

    def order(self) -> list[str]:
        return [self.list.item(i).data(0x0100) for i in range(self.list.count())]
