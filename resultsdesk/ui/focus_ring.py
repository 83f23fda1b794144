"""The keyboard focus on one of the main window's dock tab bars, shown as on every other
widget (style.py): a 2 px ring in the theme's focus colour, here drawn just inside the
bar's edge, over it, as a chart's ring is drawn over the picture's edge (chart_view), and
reached by Tab just after the docks it switches between (`bars_after_their_docks`). And
in a table reached by Tab, the row the keys act on shown chosen (`RowOnArrival`).

A QFocusFrame rings a widget from outside and is stacked under it: round a tab bar, the
dock above covered its top edge and the window's own edge cut its right one, so the upper
bar showed an "L" and the lower one a ring open on the right (1366 x 768 and larger alike).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QFocusEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QMainWindow,
    QTabBar,
    QWidget,
)

from .style import colours

RING_PX = 2  # as style.focus_border's


class InsetFocusRing(QWidget):
    """A ring over the widget given to `setWidget` (a child of `window`, as that widget
    is), following it as it moves, resizes, shows or hides; clicks pass through it."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("dockTabFocusRing")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._target: QWidget | None = None
        self.hide()

    def widget(self) -> QWidget | None:
        return self._target

    def setWidget(self, widget: QWidget | None) -> None:  # QFocusFrame's name, as before
        if widget is self._target:
            return
        if self._target is not None:
            self._target.removeEventFilter(self)
            self._target.destroyed.disconnect(self._gone)
        self._target = widget
        if widget is None:
            self.hide()
            return
        widget.installEventFilter(self)
        widget.destroyed.connect(self._gone)
        self._follow()

    def _gone(self, *_args) -> None:
        self._target = None
        self.hide()

    def _follow(self) -> None:
        target = self._target
        if target is None:
            return
        place = QRect(target.mapTo(self.parentWidget(), QPoint(0, 0)), target.size())
        if self.geometry() != place:
            self.setGeometry(place)
        self.setVisible(target.isVisible())
        self.raise_()  # over the bar and whatever came after it

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._target and event.type() in (
                QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide):
            self._follow()
        return False

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        pen = QPen(QColor(colours().focus))
        pen.setWidth(RING_PX)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        half = RING_PX // 2
        painter.drawRect(self.rect().adjusted(half, half, -half, -half))
        painter.end()


KEYBOARD_REASONS = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)
CHOOSE_ROW = (QItemSelectionModel.SelectionFlag.ClearAndSelect
              | QItemSelectionModel.SelectionFlag.Rows)


class RowOnArrival(QObject):
    """Installed on a table or list: reached by Tab or Shift+Tab with no row chosen, it
    chooses the row it is on (the first, on its first arrival). Qt made that row current
    only: one cell faintly outlined (next to invisible on dark) while the view's ring said
    "here", and the results table's Enter acts on the chosen row, so it said "Choose a
    constituency first". A row chosen before is kept."""

    def eventFilter(self, view: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.FocusIn and isinstance(event, QFocusEvent)
                and event.reason() in KEYBOARD_REASONS
                and isinstance(view, QAbstractItemView) and view.model().rowCount()
                and not view.selectionModel().hasSelection()):
            current = view.currentIndex()
            if not current.isValid():
                current = view.model().index(0, 0)
            view.selectionModel().setCurrentIndex(current, CHOOSE_ROW)
        return False


def bars_after_their_docks(window: QMainWindow) -> None:
    """Each of `window`'s dock tab bars put in the Tab order just after the last stop of the
    docks it switches between, so that Tab goes down the docks as the eye does: the charts,
    their bar, the lists, theirs. Qt makes the bars as it lays the docks out (and again as
    they are moved), each at the end of the order: Tab went from the recount watch to the
    lower bar and only then up to the charts' one. Called as Tab moves, so a layout
    restored or changed since is followed."""
    bars = _dock_bars(window)
    if not bars:
        return
    docks = [dock for dock in window.findChildren(QDockWidget) if not dock.isFloating()]
    for bar in bars:
        titles = _titles(bar)
        held = [dock for dock in docks if dock.windowTitle() in titles]
        last = None
        widget = window.nextInFocusChain()
        while widget is not window:
            if (widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                    and any(dock.isAncestorOf(widget) for dock in held)):
                last = widget
            widget = widget.nextInFocusChain()
        if last is not None and last.nextInFocusChain() is not bar:
            QWidget.setTabOrder(last, bar)


def _dock_bars(window: QMainWindow) -> list[QTabBar]:
    """The tab bars `window` shows for its tabbed docks."""
    return [bar for bar in window.findChildren(QTabBar) if bar.parent() is window
            and bar.isVisible()]


def _titles(bar: QTabBar) -> set[str]:
    """The titles of the docks `bar` switches between (a tab reads its dock's title)."""
    return {bar.tabText(i) for i in range(bar.count())}


def _bar_of(window: QMainWindow, dock: QDockWidget) -> QTabBar | None:
    """The docks' tab bar of `window` with `dock`'s tab, in sight; None if it has none."""
    return next((bar for bar in _dock_bars(window) if not bar.visibleRegion().isEmpty()
                 and dock.windowTitle() in _titles(bar)), None)


class FocusInSight(QObject):
    """The window's keyboard focus never left in a dock that has gone behind another's tab:
    Qt keeps such a dock "visible" (moved out of sight), and the focus stayed in it, its
    ring seen nowhere. A close result verified from the Verification queue raises the
    Recount watch (its alert) over the queue, and the form gave the focus back to the
    queue: Enter re-keyed, a Declaration shortcut acted on, a row nobody could see. View >
    Map shown again in front of the Seats chart left the focus on the chart. The focus goes
    to the tab bar that hid it (ringed: `InsetFocusRing`), Left/Right a key away from
    the dock it was in; nothing is pressed or dismissed by a key meant for the list. Looked
    at once each dock shows or hides and each time the focus moves (a window given back
    its focus, a form's focus put back), after the layout has settled."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        for dock in window.findChildren(QDockWidget):
            dock.visibilityChanged.connect(self._later)
        QApplication.instance().focusChanged.connect(self._later)

    def _later(self, *_args) -> None:
        QTimer.singleShot(0, self, self.check)

    def check(self) -> None:
        window = self._window
        focus = window.focusWidget()
        dock = focus
        while dock is not None and not isinstance(dock, QDockWidget):
            dock = dock.parentWidget()
        if (dock is None or dock.isFloating() or dock.isHidden() or not window.isVisible()
                or not dock.visibleRegion().isEmpty()):
            return  # (a dock closed hands its focus on itself: Qt's)
        bar = _bar_of(window, dock)
        if bar is not None:
            bar.setFocus(Qt.FocusReason.OtherFocusReason)
