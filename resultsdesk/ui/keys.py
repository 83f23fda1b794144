"""The keyboard contract: keys handled outside QActions, in one place.

The declaration form builds its shortcuts from `FORM_SHORTCUTS`, and Help > Keyboard shortcuts
lists these tables beside every QAction's shortcut, so the list cannot drift from what the
keys do. Scripts and tests drive the form by these keys: keep them exactly.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QWidget

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
# The property of a QShortcut that only says why its greyed-out action is greyed out
# (window_menus): Help > Keyboard shortcuts lists the action's key once, with the action.
SAYS_WHY = "saysWhy"

# (key, what it does) in the declaration form, entry and re-key alike.
FORM_SHORTCUTS: tuple[tuple[QKeySequence.StandardKey, str], ...] = (
    (QKeySequence.StandardKey.Save, "Save from any field (re-key: verify)"),
    (QKeySequence.StandardKey.Undo, "Undo the last edit in the form"),
    (QKeySequence.StandardKey.Redo, "Redo"),
)
FORM_KEYS: tuple[tuple[str, str], ...] = (
    ("Enter", "Next field: the candidates in ballot order, rejected ballots, total as read "
              "out (optional); never saves"),
    ("Enter", "In the last field (total as read out): save (re-key: verify)"),
    ("Enter", "On the winner drawn by lot, shown when the figures tie: its note next, or save "
              "(re-key: verify; a re-key that ties is sent there first)"),
    ("Tab, Shift+Tab", "Next, previous: the fields in that order, then the warning boxes, "
                       "then the buttons"),
    ("Space", "Tick or untick the focused warning box; press the focused button"),
    ("Esc", "Close the form (asks first if figures were typed; in that question Enter or "
            "Esc keeps typing)"),
    ("Alt+letter", "In a question (discard the figures, withdraw the entry): the button "
                   "with that underlined letter; a letter typed alone answers nothing"),
    # window_lock's application-wide filter: the window's own File > Lock is blocked while
    # the form (modal) is open
    ("Ctrl+L", "Lock the window (File > Lock): the form kept as it is, covered, until your "
               "password"),
)
FIND_KEYS: tuple[tuple[str, str], ...] = (
    ("Enter", "In Find: open the selected seat (the best match, first in the list)"),
    ("Down", "In Find: move into the list"),
    ("Up", "On the list's first row: back to Find"),
    ("Enter", "On a row of the list: open the seat (enter, verify, or its history)"),
    ("Enter", "On a read-out (a practise rehearsal's Read-outs): open its seat's form"),
)

# Moving about the main window (MainWindow.focusNextPrevChild and keyPressEvent, the charts'
# FrameCanvas.keyPressEvent, the tables' context_key.TableMenuKey, the map's
# map_keys.MapKeys, the recount alert's DismissButton, rehearsal_controls' Jump and Speed
# boxes), and answering its questions
# (window_database's add-seats and fewer-baseline-seats ones, window_declarations' restore
# one).
WINDOW_KEYS: tuple[tuple[str, str], ...] = (
    ("Tab, Shift+Tab", "Next, previous: Find, the filters, the results table, each dock in "
                       "sight from the top, each followed by its tab bar (a dock behind "
                       "another tab is skipped), a rehearsal's Jump to and Speed boxes"),
    ("Ctrl+Tab, Ctrl+Shift+Tab", "The same"),
    ("Left, Right", "On a docks' tab bar: bring the dock beside forward"),
    ("Shift+F10", "On a chart: its menu (Export…)"),
    ("Shift+F10", "On the results table or the Recount watch: its menu (Export result card…, "
                  "Export recount watch…) at the current row"),
    ("Left, Right, Up, Down", "On the map: move the current seat (a dashed ring, named "
                              "beside Zoom) to the next hex that way"),
    ("Enter", "On the map: select the current seat in the results table, as a click does"),
    ("Esc", "On the map: clear the current seat"),
    ("Space, Esc", "On the recount alert's Dismiss button (in the Recount watch, before its "
                   "list): take the alert down (its seats stay on the watch)"),
    ("Esc", "In a rehearsal's Jump to box: leave it, nothing jumped, back to the results "
            "table"),
    ("Esc", "In a rehearsal's Speed box: leave it, the speed as it was, back to the "
            "results table"),
    ("Enter, Esc", "When the app asks to restore figures typed before it closed "
                   "unexpectedly: restore them into the form (Discard throws them away)"),
    ("Enter, Esc", "When File > Import asks whether to add seats the election lacks: don't "
                   "add them, nothing imported (Alt+A adds them)"),
    ("Enter, Esc", "When File > Import asks whether a baseline leaving seats out replaces the "
                   "one in place: don't replace it, nothing imported (Alt+R replaces it)"),
)

# File > Chamber order (party_order.PartyOrderDialog): what dragging does, by keyboard.
MOVE_UP, MOVE_DOWN = "Ctrl+Up", "Ctrl+Down"
ORDER_KEYS: tuple[tuple[str, str], ...] = (
    (MOVE_UP, "In Chamber order: move the chosen party up (to the left of the chamber)"),
    (MOVE_DOWN, "In Chamber order: move the chosen party down (to the right)"),
    ("Alt+A", "In Chamber order, opened again with the order another desk saved while you "
              "edited yours: put yours back (Apply mine again), to save on theirs"),
)


def plain_key(event: QEvent, *keys: Qt.Key) -> bool:
    """A key press of one of `keys` with no modifier (the keypad's own flag allowed)."""
    if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
        return False
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return event.key() in keys and modifiers == Qt.KeyboardModifier.NoModifier


# A text box's own editing keys: kept by the box even were a menu to take one of them.
EDITING_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo,
                QKeySequence.StandardKey.Cut, QKeySequence.StandardKey.Copy,
                QKeySequence.StandardKey.Paste, QKeySequence.StandardKey.SelectAll)


def menu_key(event: QEvent, window: QWidget) -> bool:
    """Whether `event`, a text box's ShortcutOverride, is the shortcut of one of `window`'s
    enabled actions, which should win over the box's own use of the key. Under X11 (a Linux
    desktop's xcb) a line edit claims Ctrl+E as "end of line", emacs-style: Ctrl+E
    (Declaration > Enter) in Find moved the cursor and opened nothing. Offscreen, and on
    Windows or macOS, the box never claims it."""
    if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
        return False
    if any(event.matches(key) for key in EDITING_KEYS):
        return False
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    pressed = QKeySequence(event.key() | modifiers.value)
    return any(action.isEnabled() and pressed in action.shortcuts()
               for action in window.findChildren(QAction))


class MenuKeysFirst(QObject):
    """An event filter for the main window's text boxes (Find, a rehearsal's Jump to and
    Speed): the window's shortcuts win over the box's own use of a key (`menu_key`)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QWidget) and menu_key(event, watched.window()):
            event.ignore()  # not overridden: the window's action takes the key
            return True
        return super().eventFilter(watched, event)
