"""Find by keyboard: the search box over the constituency list.

Typing filters the list (best match first, see `desk.find`) and selects the best match, so
Enter opens it; Down moves into the list to pick another; Up on the list's first row comes
back to the box (listed in `keys.FIND_KEYS`). The list itself is the list of suggestions: no
pop-up competes for the keys.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTableView

from .constituency_model import NAME, ConstituencyFilter
from .keys import ENTER_KEYS, plain_key


class FindController(QObject):
    """Ties the search box to the list; `open_requested` is Enter in the box."""

    open_requested = Signal()

    def __init__(self, search: QLineEdit, table: QTableView, proxy: ConstituencyFilter,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.search, self.table, self.proxy = search, table, proxy
        search.textChanged.connect(self._search)
        search.installEventFilter(self)
        table.installEventFilter(self)

    def _search(self, text: str) -> None:
        self.proxy.set_search(text)
        if self.proxy.searching and self.proxy.rowCount():
            self.select_row(0)

    def select_row(self, row: int) -> None:
        index = self.proxy.index(row, NAME)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search:
            if plain_key(event, *ENTER_KEYS):
                self.open_requested.emit()
                return True
            if plain_key(event, Qt.Key.Key_Down, Qt.Key.Key_PageDown) and self.proxy.rowCount():
                if not self.table.currentIndex().isValid():
                    self.select_row(0)
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        elif (watched is self.table and plain_key(event, Qt.Key.Key_Up)
              and self.table.currentIndex().row() <= 0 and self.search.isVisible()):
            self.search.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return super().eventFilter(watched, event)
