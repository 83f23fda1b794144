"""The declaration form's ballot paper (one row per candidate) in a scroll area that scrolls
only when the form would not otherwise fit on the screen.

A seat with a dozen candidates made the form taller than a 1366 x 768 or 1280 x 720 laptop's
screen: its running totals, its "Cannot save yet" message and its Save button were below
the screen's edge. The dialog now fits the screen; the rows scroll instead, keeping the
field with the focus in sight, while the seat's name, the totals, the messages and the
buttons stay put. Where the form fits, nothing scrolls and nothing moves.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFrame, QScrollArea, QStyle, QWidget

from .sizing import window_frame

LEAST_ROWS = 3  # a squeezed ballot still shows this many rows
MARGIN = 8  # pixels of the rows beyond a field scrolled to, where there are more


class BallotArea(QScrollArea):
    def __init__(self, ballot: QWidget, rows: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = max(1, rows)
        self.setObjectName("ballotArea")
        self.setWidget(ballot)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no Tab stop of its own: its fields
        self._least: int | None = None  # None: never squeezed (the ballot's full height)
        self._first: QWidget | None = None  # the first field: the column titles go with it
        # One pass per turn of the event loop, after the layouts' own posted events: a
        # message or warning resizes the dialog, then the form, then this area, in steps.
        self._in_sight = QTimer(self)
        self._in_sight.setSingleShot(True)
        self._in_sight.setInterval(0)
        self._in_sight.timeout.connect(self._scroll_to_focus)

    def watch(self, fields: list[QWidget]) -> None:
        """Keep whichever of `fields` takes the focus (Enter, Tab, an error) in sight."""
        self._first = fields[0] if fields else None
        for field in fields:
            field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QWidget):
            self.show_whole(watched)
        return super().eventFilter(watched, event)

    def show_whole(self, field: QWidget) -> None:
        """Scroll the least that puts the whole of `field` in the viewport, its box and
        focus ring, with MARGIN of the rows beyond it where there are more (the first
        field: from the top, its column titles too). Not `ensureWidgetVisible`: for a line
        edit it aims at the text cursor (its ImCursorRectangle), and does nothing while
        that cursor is in sight. An empty field's cursor is its top 19 pixels (one never
        painted yet, below the fold) or its middle, so Tab to Richmond's last rows on a
        laptop left the box with the focus cut at the ballot's foot, its lower edge and
        ring hidden; Qt's scroll for the cursor is a pixel short as well."""
        ballot = self.widget()
        if ballot is None or not ballot.isAncestorOf(field):
            return
        top = 0 if field is self._first else field.mapTo(ballot, QPoint(0, 0)).y() - MARGIN
        bottom = field.mapTo(ballot, QPoint(0, field.height())).y() + MARGIN  # past its edge
        bar = self.verticalScrollBar()
        value = bar.value()
        if bottom > value + self.viewport().height():
            value = bottom - self.viewport().height()
        # its top wins where the field and margins are taller than the viewport
        bar.setValue(min(value, top))  # (the bar keeps it within its range)

    def keep_focus_in_sight(self) -> None:
        """Scroll the ballot's field with the focus back into sight once the layout has
        settled. Scrolling on focus-in alone missed a field that kept the focus while the
        area shrank under it: an error in the total as read out, said under a long ballot,
        left only that field's top edge showing."""
        self._in_sight.start()

    def _scroll_to_focus(self) -> None:
        focus = QApplication.focusWidget()
        if focus is not None:
            self.show_whole(focus)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.keep_focus_in_sight()  # squeezed by a message, a warning or a smaller dialog

    def _full(self) -> QSize:
        return self.widget().sizeHint()

    def sizeHint(self) -> QSize:  # QScrollArea's own stops at 24 lines: the whole ballot
        return self._full()

    def minimumSizeHint(self) -> QSize:
        full = self._full()
        width = full.width() + self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return QSize(width, full.height() if self._least is None else self._least)

    def squeeze_to(self, height: int) -> bool:
        """At most `height` pixels tall (never under LEAST_ROWS rows); the rest scrolls.
        Whether that changed anything."""
        full = self._full().height()
        least = None if height >= full else max(height, full * LEAST_ROWS // self.rows)
        changed, self._least = least != self._least, least
        return changed

    @property
    def squeezed(self) -> bool:
        return self._least is not None


def fit_dialog(dialog: QDialog, area: BallotArea) -> None:
    """`dialog` no taller than the screen it is on: the ballot gives up the height the rest
    of the form needs (the seat, the totals, the messages a save attempt adds, the buttons)
    and scrolls; where everything fits, it is whole. Called before the dialog is first shown
    and again whenever its layout changes (a warning appears)."""
    available = _room(dialog)
    rest = dialog.minimumSizeHint().height() + wrapped(area) - area.minimumSizeHint().height()
    if area.squeeze_to(available - rest):
        _remeasure(dialog, area)


def wrapped(area: BallotArea) -> int:
    """The height the form's word-wrapped labels need, at its width, beyond the one line each
    that its layout's least size (and so the dialog's, and `fit_dialog`'s sum) counts them
    as: the running totals wrapping onto a second line ("RECOUNT RANGE · rejected 190" on a
    close result) took that line from the ballot, which scrolled though it fits any screen."""
    form = area.parentWidget()
    layout = form.layout() if form is not None else None
    if layout is None or not layout.hasHeightForWidth():
        return 0
    return max(0, layout.minimumHeightForWidth(form.width()) - layout.minimumSize().height())


def grow_to_fit(dialog: QDialog, area: BallotArea) -> None:
    """`dialog` at least as tall as its form needs at its width, wrapped lines too (Qt
    keeps a window to its layout's least size, which counts them as one line each), and
    never taller than its screen has room for. The warnings and the message a save attempt
    adds grew it (its layout's least size) before `fit_dialog` squeezed the ballot to make
    room for them, and nothing took that height back: a 13-candidate seat's form with two
    warnings ran to 860 pixels on a 768-pixel screen, its Save button below the edge."""
    needed = dialog.minimumSizeHint().height() + wrapped(area)
    height = min(max(dialog.height(), needed), _room(dialog))
    if height != dialog.height():
        dialog.resize(dialog.width(), height)


def _room(dialog: QDialog) -> int:
    """The height `dialog` may take: its screen's, less the window manager's frame."""
    screen = (dialog.parentWidget() or dialog).screen() if not dialog.isVisible() \
        else dialog.screen()
    return screen.availableGeometry().height() - window_frame(dialog)


def _remeasure(dialog: QDialog, area: BallotArea) -> None:
    """The layouts between the area and the dialog cache their sizes: measure afresh."""
    widget: QWidget | None = area
    while widget is not None and widget is not dialog:
        widget.updateGeometry()
        widget = widget.parentWidget()
        if widget is not None and widget.layout() is not None:
            widget.layout().invalidate()
    dialog.layout().activate()


def keep_on_screen(dialog: QDialog) -> None:
    """A dialog that grew (a warning appeared) moves up rather than past the screen's foot."""
    if not dialog.isVisible():
        return
    available = dialog.screen().availableGeometry()
    frame = dialog.frameGeometry()
    overshoot = frame.bottom() - available.bottom()
    if overshoot > 0:
        dialog.move(dialog.x(), max(available.top(), frame.top() - overshoot))


class FitsScreen:
    """For a QDialog holding `self.form.ballot_area`: fitted to the screen when first shown
    (after a rehearsal's read-out is added, before Qt places it over the window), again
    when a warning or a message appears, and moved up rather than past the screen's foot."""

    _fitted = False

    def setVisible(self, visible: bool) -> None:
        if visible and not self._fitted:
            self._fitted = True
            area = self.form.ballot_area
            fit_dialog(self, area)
            hint = self.minimumSizeHint() if area.squeezed else self.sizeHint()  # see fit_dialog
            self.resize(self.width(), hint.height())
        super().setVisible(visible)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest and self._fitted:
            fit_dialog(self, self.form.ballot_area)
            grow_to_fit(self, self.form.ballot_area)
        return handled

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        keep_on_screen(self)
