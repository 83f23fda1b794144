"""A chart from the `charts` layer shown live in a Qt widget (the same drawing as exports)."""

from __future__ import annotations

from collections.abc import Callable

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from PySide6.QtCore import Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QMenu, QToolTip, QVBoxLayout, QWidget


class ChartView(QWidget):
    """Wraps one chart object: `show_data(data)` updates it in place and schedules a redraw;
    right-click offers the actions given (Export…, toggles)."""

    def __init__(self, chart, name: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.chart = chart
        self.canvas = FigureCanvasQTAgg(chart.figure)
        self.canvas.setObjectName(f"{name}Canvas")
        self.canvas.setMinimumSize(320, 220)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)
        self._menu_actions: list = []
        self.canvas.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.canvas.customContextMenuRequested.connect(self._context_menu)
        self._data = None
        self._source = None
        self._stale = False
        if hasattr(chart, "tooltip_at"):
            self.canvas.mpl_connect("motion_notify_event", self._hover)

    def add_menu_action(self, action) -> None:
        self._menu_actions.append(action)

    def set_theme(self, theme) -> None:
        """View > Theme: the chart rebuilds in `theme` (a charts.theme.Theme) with the
        figures it shows, and is drawn again."""
        if self.chart.theme is theme:
            return
        self.chart.set_theme(theme)
        self.canvas.draw_idle()

    def show_data(self, data) -> None:
        """New figures (or a function that builds them): drawn now if the chart is on screen,
        else when it is shown; a chart behind another tab costs nothing on an update."""
        self._source = data
        self._stale = True
        if self.on_screen():
            self._redraw()

    def on_screen(self) -> bool:
        """Shown and not behind another tab (a tabbed-away dock still counts as visible)."""
        return self.isVisible() and not self.canvas.visibleRegion().isEmpty()

    def visibility_changed(self, visible: bool) -> None:
        if visible:
            self._redraw()

    def _redraw(self) -> None:
        if not self._stale or self._source is None:
            return
        self._stale = False
        data = self._source() if callable(self._source) else self._source
        if data != self._data:
            self._data = data
            self.chart.update(data)
            self.canvas.draw_idle()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._redraw()

    def _context_menu(self, pos) -> None:
        if not self._menu_actions:
            return
        menu = QMenu(self)
        for action in self._menu_actions:
            menu.addAction(action)
        menu.exec(self.canvas.mapToGlobal(pos))

    def _hover(self, event) -> None:
        text = None
        if event.inaxes is not None and event.xdata is not None:
            text = self.chart.tooltip_at(event.xdata, event.ydata)
        if text:
            QToolTip.showText(QCursor.pos(), text, self.canvas)
        else:
            QToolTip.hideText()


def chart_action(parent: QWidget, text: str, slot: Callable[[], None], name: str,
                 checkable: bool = False, checked: bool = False):
    from PySide6.QtGui import QAction

    action = QAction(text, parent)
    action.setObjectName(name)
    action.setCheckable(checkable)
    if checkable:
        action.setChecked(checked)
        action.toggled.connect(lambda _: slot())
    else:
        action.triggered.connect(lambda _=False: slot())
    return action
