"""The read-out panel of a practise rehearsal: what the returning officer reads out, the
latest in full in large type, above a list of every read-out, one line each (its time, seat
and where it stands), latest first. Choosing one in the list shows it in full above; the
panel follows the night (each new read-out in full) while nothing older is chosen.
Showing a read-out records it as shown (`desk.practise.mark_shown`): the report times the
desk from that moment.

One line each, as the eye looks for the next "to key": a read-out in full in the list (eight
lines and more) left a laptop's dock room for one, the latest again, and the rest below it.

The read-out in full is in the application's font at least (`grown_px`: it was a fixed 14
pixels, the smallest text on a 16 pt desk's screen) and scrolls in a box of its own, a Tab
stop ringed like a list's, when the dock is too short for it in that font: its "Rejected
ballot papers", "Electorate" and "duly elected" lines were cut off at the dock's foot."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..domain.wording import ISOLATES
from .style import as_written, colours, focus_border, grown_px

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
READOUT_PX = 14  # a read-out's type beside a BODY_PX body (grown_px: never under the body's)
FORM_LINES = 3  # the read-out at the top of its form: the form's rows below stay in view
LEAST_LIST_ROWS = 3  # the list keeps this many lines in sight below a long read-out


def readout_style() -> str:
    """The read-out's box, in the panel and at the top of its form: its type `READOUT_PX`
    grown with the application's font."""
    c = colours()
    return (f"QLabel {{ font-size: {grown_px(READOUT_PX)}px; padding: 6px; background: {c.note};"
            f" color: {c.text}; border: 1px solid {c.note_border}; }}")


class ReadoutArea(QScrollArea):
    """A read-out in a box that scrolls when it has less than its whole height: Tab reaches
    it (ringed), and the arrow keys, Page Up/Down, Home and End scroll it."""

    def __init__(self, label: QLabel, name: str, parent: QWidget | None = None, *,
                 most_lines: int | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.most_lines = most_lines  # None: as tall as its layout gives it (the panel)
        self.setWidget(label)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.restyle()

    def restyle(self) -> None:
        """Its ring (transparent while the focus is elsewhere: nothing moves) and its
        label's type, after View > Theme or a font change."""
        c = colours()
        name = self.objectName()
        sheet = (f"QScrollArea#{name} {{ border: 2px solid transparent; }}"
                 f" QScrollArea#{name}:focus {{ {focus_border(c)} }}")
        if self.styleSheet() != sheet:
            self.setStyleSheet(sheet)
        label = self.widget()
        if label is not None and label.styleSheet() != readout_style():
            label.setStyleSheet(readout_style())

    def set_text(self, text: str) -> None:
        """The read-out shown, and heard: Tab stops on this box, not on the label inside
        it, so a screen reader said the box's name alone ("Latest read-out"), never the
        declaration to key. Its description is the read-out, said as the box is reached."""
        self.widget().setText(text)
        self.setAccessibleDescription(text)

    def whole_height(self, width: int | None = None) -> int:
        """The height that shows the read-out whole at `width` (its own, if None)."""
        label = self.widget()
        inside = (self.width() if width is None else width) - 4  # the ring's 2 + 2
        return label.heightForWidth(max(1, inside)) + 4

    def sizeHint(self) -> QSize:  # QScrollArea's own is a guess: the read-out whole
        return QSize(super().sizeHint().width(), self.whole_height())

    def fit(self, width: int) -> None:
        """With `most_lines`: a fixed height at `width`, the read-out whole or `most_lines`
        of it, the rest scrolled to. Fixed, so the form's own measure (`ballot_area`'s
        fit_dialog) counts it exactly; a wrapped label there was counted as one line and the
        form's last rows (rejected ballots, the total) were squeezed out of sight for it."""
        if self.most_lines is None:
            return
        label = self.widget()
        # its lines, the label's padding and border (6 + 1 each side) and the ring's 2 + 2
        most = self.most_lines * label.fontMetrics().lineSpacing() + 2 * 7 + 4
        height = min(self.whole_height(width), most)
        if self.height() != height or self.minimumHeight() != height:
            self.setFixedHeight(height)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit(event.size().width())
            self.updateGeometry()  # (the panel's: its whole height at the new width)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # a new read-out in the label
            self.fit(self.width())
            self.updateGeometry()
        return super().event(event)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):  # View > Theme
            self.restyle()

    def keyPressEvent(self, event) -> None:
        bar = self.verticalScrollBar()
        if event.key() == Qt.Key.Key_Home:
            bar.setValue(bar.minimum())
        elif event.key() == Qt.Key.Key_End:
            bar.setValue(bar.maximum())
        else:
            super().keyPressEvent(event)  # arrows and Page Up/Down: QAbstractScrollArea's


def left_to_right(text: str) -> str:
    """`text` (names isolated) for the selectable label: each line with a name isolated
    marked left to right (`wording.isolated` isolates every name written right to left)."""
    return "\n".join(LTR_MARK + line if ISOLATES[0] in line else line
                     for line in text.split("\n"))


def form_copy(text: str, parent: QWidget, width: int) -> ReadoutArea:
    """A read-out at the top of its form (`width` the form's, before it is laid out): at most
    FORM_LINES lines tall, scrolling, so the form's fields stay in view. Plain text: names as
    read."""
    label = QLabel(text)
    label.setObjectName("formReadOut")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    area = ReadoutArea(label, "formReadOutArea", parent, most_lines=FORM_LINES)
    area.setAccessibleName("Read-out")
    area.set_text(text)
    area.fit(width)
    return area


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
        self.latest_area = ReadoutArea(self.latest, "readOutLatestArea", self)
        self.latest_area.setAccessibleName("Latest read-out")
        self.latest_area.set_text(self.latest.text())
        layout.addWidget(self.latest_area)
        self.list = QListWidget(self)
        self.list.setObjectName("readOutList")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(lambda item: self.seat_chosen.emit(item.data(CODE_ROLE)))
        self.list.currentItemChanged.connect(self._show_chosen)
        layout.addWidget(self.list, 1)
        self._keep_list_rows()
        QWidget.setTabOrder(self.latest_area, self.list)  # top to bottom, as the eye goes
        self._shown: list[str] = []

    def codes(self) -> list[str]:
        """The seats read out so far, in the night's order."""
        return list(self._shown)

    def code_at(self, index: QModelIndex) -> str:
        """The seat of the list's read-out at `index` (a GSS code)."""
        return index.data(CODE_ROLE)

    def _keep_list_rows(self) -> None:
        """A long read-out in a large font scrolls rather than take the list's last lines."""
        self.list.setMinimumHeight(LEAST_LIST_ROWS * self.list.fontMetrics().lineSpacing()
                                   + 2 * self.list.frameWidth() + 8)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # (the read-out's own: ReadoutArea)
            self._keep_list_rows()

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
            self._show_text(items[-1].text(isolate=True))
        unshown = [readout.code for readout in items if readout.shown_at is None]
        if visible and unshown:  # one transaction however many (a jump's hundreds)
            practise.mark_all_shown(desk, unshown, user=user)

    def _show_chosen(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is not None:
            self._show_text(item.data(TEXT_ROLE))

    def _show_text(self, text: str) -> None:
        """A read-out in full, from its first line (its time and seat), however far down the
        one before was scrolled."""
        if self.latest.text() != left_to_right(text):
            self.latest_area.set_text(left_to_right(text))
            self.latest_area.verticalScrollBar().setValue(0)

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
