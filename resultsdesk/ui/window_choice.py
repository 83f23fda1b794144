"""Which seat the window's Declaration actions work on: the results table's selected row
(or its only row), or the current row of the list of seats the keyboard is in; kept from
jumping to a seat nobody chose (a filter hiding the chosen one on a live update) and found
whole when typed in full though a filter hides it. A mixin of `MainWindow`, through
`window_declarations.DeclarationActions`."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from ..desk.find import exact_codes
from . import constituency_model as cm
from .queue_model import ITEM_ROLE

FAILED_MS = 15_000  # how long the status bar says why an action did nothing


class ChosenSeat:
    """Needs the results `table`, its `proxy` and `model`, the `search` box and filters,
    the side lists (`queue_table`, `recount_table`, a practise night's read-outs), and
    `say` (the window's status bar, heard too)."""

    # The seat chosen in the results table was taken out of it by the Status filter as
    # another desk changed its status: no seat is chosen until someone chooses one.
    _choice_gone = False

    def choice_filtered_out(self, code: str) -> None:
        """The selected seat `code` hidden by the Status filter on a live update (another
        desk keyed or verified it). Qt chose the row after it in its place, unasked: Enter,
        pressed for the seat the desk had chosen, opened the next seat's form (an entry
        form with the Awaiting filter, for the figures of the seat in hand). Now no row is
        chosen, and the status bar says why."""
        self.table.selectionModel().clear()
        self._choice_gone = True
        row = self.model.row_at(self.model.index_of(code, cm.NAME).row())
        self.alarm(f"{row.name} is now {row.status_text}, which the Status filter hides: "
                   "choose a seat again.", FAILED_MS)

    def _choice_made(self) -> None:
        """A search typed or a filter changed: the only row left is the seat Declaration
        actions work on again."""
        self._choice_gone = False

    def _row_chosen(self) -> None:
        if self.table.selectionModel().hasSelection():
            self._choice_gone = False

    def selected_code(self) -> str | None:
        """The results table's seat: the selected row, or the only row left when a search
        or filter leaves one seat (not once the seat chosen went: `choice_filtered_out`)."""
        rows = self.table.selectionModel().selectedRows(cm.NAME)
        if rows:
            index = rows[0]
        elif self.proxy.rowCount() == 1 and not self._choice_gone:
            index = self.proxy.index(0, cm.NAME)
        else:
            return None
        # The row itself, not through data(): the map asks at every filter change (a
        # keystroke in the find box), which reads no row's data (tests/ui/test_find_shape).
        source = self.proxy.mapToSource(index)
        return self.proxy.sourceModel().row_at(source.row()).code if source.isValid() \
            else None

    def chosen_code(self) -> str | None:
        """The seat Declaration actions work on: the current row of the list of seats the
        keyboard is in (the Verification queue, the Recount watch, a practise night's
        read-outs; None when it has no row), else the results table's (`selected_code`).
        A shortcut pressed on Hendon's row in the watch opened the form of the seat the
        table had selected. A menu opened by mouse or Alt leaves the focus where it was: its
        actions take the same seat as their shortcuts."""
        focused = self._focused_list()
        if focused is None:
            return self.selected_code()
        view, code_at = focused
        index = view.currentIndex()
        return code_at(index) if index.isValid() else None

    def _focused_list(self):
        """The list of seats with the keyboard focus, with its seat at an index; or None.
        The application's focus, not the window's: a floating dock is a window of its own."""
        focus = QApplication.focusWidget()
        panel = self._readout_panel  # (made when a practise night needs it)
        lists = ((self.queue_table, lambda i: self.queue_model.data(i, ITEM_ROLE).code),
                 (self.recount_table, lambda i: self.recount_model.row_at(i.row()).code),
                 *(((panel.list, panel.code_at),) if panel is not None else ()))
        return next(((view, code_at) for view, code_at in lists if view is focus), None)

    def _require_selection(self) -> str | None:
        code = self.chosen_code()
        if code is None:
            self.say("Choose a constituency first (Ctrl+F to find one).", 5000)
        return code

    def select_code(self, code: str) -> None:
        """By the model's index of codes, not a look at every row listed (a map click)."""
        index = self.proxy.mapFromSource(self.model.index_of(code, cm.NAME))
        if index.isValid():  # (invalid: not in the model, or hidden by a search or filter)
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)

    def reveal_code(self, code: str) -> bool:
        """Select `code` in the results table, the search and filters cleared first if
        they hide it; whether it is now the seat Declaration actions work on."""
        self.select_code(code)
        if self.selected_code() != code:
            self.search.clear()
            self.status_filter.setCurrentIndex(0)
            self.nation_filter.setCurrentIndex(0)
            self.select_code(code)
        return self.selected_code() == code

    def _reveal_named_seat(self) -> bool:
        """The seat whose whole name or code is typed in Find, selected, when the Status or
        Nation filter hid it (the filters cleared, as a map click clears them); whether it
        was. "Poole" typed with the filter on Awaiting and Poole verified listed Mid Dorset
        and North Poole alone, and Enter opened its form for Poole's read-out."""
        named = exact_codes(self.search.text(), self.model.find_candidates())
        if not named or self.selected_code() in named:
            return False
        if any(self.proxy.mapFromSource(self.model.index_of(code, cm.NAME)).isValid()
               for code in named):
            return False  # shown (another row chosen by hand): the row chosen opens
        self.status_filter.setCurrentIndex(0)
        self.nation_filter.setCurrentIndex(0)
        self.select_code(named[0])
        if self.selected_code() != named[0]:
            return False
        name = self.model.row_at(self.model.index_of(named[0], cm.NAME).row()).name
        self.say(f"Filters cleared: they hid {name}.", 5000)
        return True
