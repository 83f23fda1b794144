"""A rehearsal's clock controls in the main window: the toolbar (Pause, Resume, Stop, Jump
to, Speed) and the Rehearsal menu that works them from the keyboard (Alt+R), with Deliver
until… and the practise report. A mixin of `MainWindow`, under `RehearsalViews`.

Running the clock is the editor's (`Permission.REHEARSE`: editors and admins): for any
other role the controls are greyed out, with a tooltip saying why, so neither a click nor
a key reaches them; the desk refuses the change anyway (`desk.rehearsal`), whatever asks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QStyle,
    QStyleOptionFrame,
    QToolBar,
)

from .. import APP_NAME
from ..desk.permissions import Permission
from ..domain.errors import KnownError
from .dialog_life import free_closed
from .keys import MenuKeysFirst, plain_key
from .messages import tell
from .sign_in import why_not
from .speed_box import SpeedBox
from .style import TITLE_MARK

if TYPE_CHECKING:
    from PySide6.QtWidgets import QInputDialog

    from ..desk import rehearsal as rh

# The clock's buttons, enabled by the clock's state as well as by the role (`_show_clock`);
# the menu's other clock items and the boxes by the role alone (window_menus.ROLE_NEEDS).
CLOCK_BUTTONS = ("rehearsalPause", "rehearsalResume", "rehearsalStop")


def _rh():
    """`desk.rehearsal`, loaded when a rehearsal is open or acted on: it brings the
    importers and the replay rules, which a live night's window never needs."""
    from ..desk import rehearsal

    return rehearsal


def _speed_range(box: QDoubleSpinBox) -> None:
    """The speed box's range, the replay's own, set when a rehearsal first shows: the
    replay's rules load with a rehearsal, not with every window."""
    from ..domain.replay import MAX_SPEED, MIN_SPEED

    if (box.minimum(), box.maximum()) != (MIN_SPEED, MAX_SPEED):
        box.setRange(MIN_SPEED, MAX_SPEED)


def _as_typed(when, first) -> str:
    """A night time as the desk would type it: HH:MM, unless HH:MM means another day of the
    night (an until of 18:00 the next evening, offered as "18:00", was read as polling
    day's 18:00 on OK, before seats delivered: refused), and with its offset in the hour
    the UK clock showed twice (the night BST ends: "2023-10-29T01:10", offered for 01:10
    GMT, was refused on OK as a time that happened twice)."""
    from ..domain.declaration_time import uk_clock_problem
    from ..domain.replay import night_time

    clock = when.strftime("%H:%M")
    if night_time(clock, first) == when:
        return clock
    if uk_clock_problem(when.replace(tzinfo=None)) is not None:
        return when.isoformat(timespec="minutes")
    return when.strftime("%Y-%m-%dT%H:%M")


class JumpBox(QLineEdit):
    """The toolbar's Jump to box. Esc abandons a time half typed and hands the keys back
    (`left`): a line edit lets Esc pass, and nothing took it, so the focus stayed in the box
    with the time still in it."""

    left = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        """As wide as a time ("HH:MM", "04:30") in the font the box is drawn in: a fixed
        70 px read "HH…" in a large system font (14-16 pt), a time typed scrolled."""
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        text = max(metrics.horizontalAdvance(t) for t in ("HH:MM", "00:00"))
        # as QLineEdit measures its own hint: 2 px a side, the text and contents margins,
        # then the style's frame and padding (the style sheet's)
        margins, contents = self.textMargins(), self.contentsMargins()
        width = (text + 4 + margins.left() + margins.right()
                 + contents.left() + contents.right())
        option = QStyleOptionFrame()
        self.initStyleOption(option)
        size = self.style().sizeFromContents(QStyle.ContentsType.CT_LineEdit, option,
                                             QSize(width, hint.height()), self)
        return QSize(size.width(), hint.height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if plain_key(event, Qt.Key.Key_Escape):
            self.clear()
            self.left.emit()
            return
        super().keyPressEvent(event)


class ToolbarSpeedBox(SpeedBox):
    """The toolbar's Speed box. Esc abandons a speed half typed and hands the keys back
    (`left`), as the Jump to box does; the window puts the clock's speed back in it first,
    so leaving sets nothing (File > Rehearsal…'s box keeps Esc for closing its dialog)."""

    left = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if plain_key(event, Qt.Key.Key_Escape):
            self.left.emit()
            return
        super().keyPressEvent(event)


class RehearsalControls:
    """Needs `desk`, `account`, `table`, `rehearsal_state`, `rehearsal_tick`, `_add_action` and
    `write_practise_report`."""

    def _build_rehearsal_bar(self) -> None:
        bar = QToolBar("Rehearsal", self)
        bar.setObjectName("rehearsalBar")
        self.rehearsal_clock = QLabel(bar)
        self.rehearsal_clock.setObjectName("rehearsalClock")
        self.rehearsal_clock.setStyleSheet("QLabel { font-weight:600; padding: 0 8px; }")
        bar.addWidget(self.rehearsal_clock)
        # "&": their Alt-letters in the Rehearsal menu (the toolbar shows them without)
        for text, name, slot in (("&Pause", "rehearsalPause", "pause"),
                                 ("&Resume", "rehearsalResume", "resume"),
                                 ("&Stop", "rehearsalStop", "stop")):
            action = QAction(text, self)
            action.setObjectName(name)
            action.triggered.connect(
                lambda _=False, s=slot: self._rehearsal_do(getattr(_rh(), s)))
            bar.addAction(action)
        bar.addSeparator()
        self.rehearsal_jump = JumpBox(bar)
        self.rehearsal_jump.setObjectName("rehearsalJumpEdit")
        # Each label its box's buddy: a screen reader names the box by it ("HH:MM" is an
        # example, not a name).
        jump_label = QLabel(" Jump to ", bar)
        jump_label.setBuddy(self.rehearsal_jump)
        bar.addWidget(jump_label)
        self.rehearsal_jump.setPlaceholderText("HH:MM")
        self.rehearsal_jump.returnPressed.connect(self.jump_rehearsal)
        self.rehearsal_jump.left.connect(  # Esc: back to the window's main view
            lambda: self.table.setFocus(Qt.FocusReason.OtherFocusReason))
        bar.addWidget(self.rehearsal_jump)
        self.rehearsal_speed = ToolbarSpeedBox(bar)
        self.rehearsal_speed.setObjectName("rehearsalSpeedBox")
        self.rehearsal_speed.left.connect(self._speed_abandoned)
        speed_label = QLabel(" Speed ", bar)
        speed_label.setBuddy(self.rehearsal_speed)
        bar.addWidget(speed_label)
        # its range: when a rehearsal shows (_speed_range)
        self.rehearsal_speed.setPrefix("×")
        self.rehearsal_speed.editingFinished.connect(self._speed_changed)
        self.rehearsal_speed.refused.connect(lambda said: self.alarm(said, 10_000))
        self._speed_shown: tuple[float, float] | None = None  # (the clock's, as the box shows it)
        bar.addWidget(self.rehearsal_speed)
        menu_keys = MenuKeysFirst(bar)  # Ctrl+E in either box: the form, on X11 too
        self.rehearsal_jump.installEventFilter(menu_keys)
        self.rehearsal_speed.installEventFilter(menu_keys)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.rehearsal_bar = bar
        bar.hide()

    def _build_rehearsal_menu(self) -> None:
        """Rehearsal (a rehearsal's only): the toolbar's controls by keyboard, since a
        toolbar's buttons take no focus and Tab never reaches them, and the practise
        report, which otherwise only the `rehearse` command wrote."""
        menu = self.menuBar().addMenu("&Rehearsal")
        menu.setObjectName("rehearsalMenu")
        menu.setToolTipsVisible(True)  # why the clock's items are greyed out for this role
        for name in CLOCK_BUTTONS:
            menu.addAction(self.findChild(QAction, name))
        menu.addSeparator()
        self._add_action(menu, "&Jump to a time…", "rehearsalJump",
                         lambda: self._focus_box(self.rehearsal_jump))
        self._add_action(menu, "Change the spee&d…", "rehearsalSpeed",
                         lambda: self._focus_box(self.rehearsal_speed))
        self._add_action(menu, "Deliver &until…", "rehearsalUntil", self.ask_until)
        # Shown and hidden with the report's item: alone at the menu's end it is a stray line.
        menu.addSeparator().setObjectName("practiseReportSeparator")
        self._add_action(menu, "&Write practise report…", "practiseReport",
                         self.write_practise_report)
        self.rehearsal_menu = menu
        menu.menuAction().setVisible(False)  # shown with a rehearsal (show_rehearsal_parts)

    def ask_until(self) -> QInputDialog:
        """Rehearsal > Deliver until…: a rehearsal that finished at its `until` goes on (it
        waits, paused, for Resume), as `rehearse --until` run again does; empty: the whole
        night. Only the command could do it."""
        from PySide6.QtWidgets import QInputDialog
        state = self.rehearsal_state()
        free_closed(self, QInputDialog, "rehearsalUntilDialog")
        dialog = QInputDialog(self)
        dialog.setObjectName("rehearsalUntilDialog")
        dialog.setWindowTitle(f"{TITLE_MARK}Deliver until")
        dialog.setLabelText("Deliver the night's seats up to (HH:MM; empty: the whole night):")
        if state is not None and state.until is not None:
            dialog.setTextValue(_as_typed(state.until, state.first))
        dialog.textValueSelected.connect(
            lambda text: self._rehearsal_do(_rh().set_until, text.strip() or None))
        # back to the desk's window after (a window manager may not do it)
        dialog.finished.connect(lambda _: self.activateWindow())
        self.until_dialog = dialog
        dialog.open()
        return dialog

    def _focus_box(self, box) -> None:
        box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        box.selectAll()

    def may_run_clock(self) -> bool:
        """Whether the signed-in account may run the rehearsal's clock."""
        return self.account.allows(Permission.REHEARSE)

    def _show_clock(self, state: rh.RehearsalState | None = None) -> None:
        """The controls as the clock (`state`, else read now; none on a live night) and the
        signed-in role allow: at every tick and refresh, and when the account changes."""
        state = state if state is not None else self.rehearsal_state()
        if state is None:
            return
        _speed_range(self.rehearsal_speed)
        if not self.rehearsal_speed.hasFocus():
            self._shown_speed(state.speed)
        may = self.may_run_clock()
        why = "" if may else why_not(self.account, Permission.REHEARSE)  # "": its text
        running = state.state is _rh().ReplayState.RUNNING
        for name, enabled in zip(CLOCK_BUTTONS, (running, not running and not state.finished,
                                                 running), strict=True):
            action = self.findChild(QAction, name)
            action.setEnabled(enabled and may)
            action.setToolTip(why)
        for box in (self.rehearsal_jump, self.rehearsal_speed):
            box.setEnabled(may)
            box.setToolTip(why)

    def _rehearsal_do(self, action, *args) -> None:
        """A change of the clock, in the signed-in account's name (the desk checks that
        its role may run the clock, and says so if not)."""
        try:
            action(self.desk, *args, user=self.account)
        except KnownError as exc:  # marked as every dialog of a rehearsal is
            tell(self, f"{TITLE_MARK}{APP_NAME}", str(exc))
            return
        self.rehearsal_tick()

    def jump_rehearsal(self) -> None:
        when = self.rehearsal_jump.text().strip()
        if when:
            self._rehearsal_do(_rh().jump_to, when)
            self.rehearsal_jump.clear()

    def _shown_speed(self, speed: float) -> None:
        """The box shows the clock's `speed`; what it then reads is no change."""
        self.rehearsal_speed.setValue(speed)
        self._speed_shown = (speed, self.rehearsal_speed.value())

    def _speed_abandoned(self) -> None:
        """Esc in the Speed box: the clock's speed back in it (as it is now: one just set
        with Enter, or by another window, not the one shown before), then the focus to the
        table; its leaving finds no change to make (`_speed_changed`)."""
        state = self.rehearsal_state()
        if state is not None:
            self._shown_speed(state.speed)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _speed_changed(self) -> None:
        """The box left (or Enter): a new speed if one was typed. What the box shows is
        no change, even when the clock's speed has moved since (another window, `rehearse
        --speed`: leaving the box put it back), and so is a clock's 0.125 shown as 0.13 (the
        box keeps two decimals). Not as the window closes (Ctrl+Q from the box): its desk
        is closed by then, and a speed not entered is set by nobody."""
        if self.rehearsal_stepper.is_shut:
            return
        state = self.rehearsal_state()
        value = self.rehearsal_speed.value()
        if state is None or value == state.speed or (
                self._speed_shown is not None and value == self._speed_shown[1]):
            return
        self._rehearsal_do(_rh().set_speed, value)
        state = self.rehearsal_state()
        if state.speed == value:  # set: the box shows the clock's speed again (Enter
            self._speed_shown = (state.speed, value)  # keeps the focus; Esc then keeps it)
