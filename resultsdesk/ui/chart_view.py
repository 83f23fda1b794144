"""A chart from the `charts` layer shown live in a Qt widget (the same drawing as exports).

On screen a chart redraws only what moved (`charts.frames`): after an update the canvas
puts the background back where a bar, a dot or a label was and is, redraws just those,
and repaints just those places. A resize, a theme or a chart rebuilt with other artists
draws the whole frame once. Exports draw in full, as ever.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from matplotlib.backend_bases import DrawEvent
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QCursor, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QMenu, QToolTip, QVBoxLayout, QWidget

from ..charts.describe import describe
from ..charts.frames import Frames
from .context_key import is_menu_key
from .style import as_written, colours

TEXT_TOLERANCE_PX = 0.5
JOIN_SLACK_PX = 2_000  # pixels more that two places may cost to be copied as one


class FrameCanvas(FigureCanvasQTAgg):
    """A Qt canvas whose `draw()` (what `draw_idle`, a resize and a paint call) brings its
    picture up to date by redrawing only what changed; `frames.stats` says what the
    latest frame drew."""

    def __init__(self, figure) -> None:
        super().__init__(figure)
        # A label nudged by a fraction of a pixel (every share moves a little with each
        # verification) is not worth drawing again: it stays where it is, within this.
        self.frames = Frames(figure, text_tolerance=TEXT_TOLERANCE_PX)
        # Anything else drawing the whole figure on this canvas (savefig prints through
        # it) leaves the buffer holding its picture: the next frame starts afresh.
        self._framing = False
        self._owed = False  # a frame skipped while off screen, drawn at the next paint
        # No frame before the first paint: until then the size may still change (the
        # window's layout settling, a window manager maximising it, a screen smaller than
        # asked for) and each size would cost a full frame.
        self._painted = False
        self.mpl_connect("draw_event", self._drawn_elsewhere)

    def on_screen(self) -> bool:
        """Shown and not behind another tab (a tabbed-away dock still counts as visible)."""
        return self.isVisible() and not self.visibleRegion().isEmpty()

    def _drawn_elsewhere(self, _event) -> None:
        if not self._framing:
            self.frames.invalidate()

    def draw(self) -> None:
        if getattr(self, "_is_drawing", False):
            return
        if not self._painted or not self.on_screen():
            # Off screen (a tab behind, a closed dock, a window not shown yet): nothing to
            # draw for; matplotlib's idle draw and resize would draw anyway. The first
            # paint once it shows draws the frame.
            self._owed = True
            return
        self._owed = False
        self._is_drawing = True
        try:
            self.renderer = self.get_renderer()
            rects = self.frames.draw(self.renderer)
        finally:
            self._is_drawing = False
        # A frame is a draw to whoever listens (matplotlib's "draw_event", as a full draw
        # sends it): tools and tests that wait for a painted chart keep working.
        self._framing = True
        try:
            self.callbacks.process("draw_event", DrawEvent("draw_event", self, self.renderer))
        finally:
            self._framing = False
        if self.frames.stats.full:
            self.update()
            return
        ratio = self.device_pixel_ratio or 1.0
        height = self.renderer.height
        for x0, y0, x1, y1 in rects:  # pixels from the bottom; Qt counts from the top
            self.update(QRect(math.floor(x0 / ratio), math.floor((height - y1) / ratio),
                              math.ceil((x1 - x0) / ratio) + 1,
                              math.ceil((y1 - y0) / ratio) + 1))


    def paintEvent(self, event) -> None:
        self._painted = True
        if self._owed:
            self._draw_pending = True  # FigureCanvasQTAgg.paintEvent draws a pending frame
        region = event.region()
        # (one place alone, at a fraction, is copied a device pixel aside as two are)
        fractional = not float(self.device_pixel_ratio or 1.0).is_integer()
        if (getattr(self, "_draw_pending", False) or not hasattr(self, "renderer")
                or (region.rectCount() < 2 and (not fractional
                                                or event.rect().contains(self.rect())))):
            super().paintEvent(event)
        elif fractional:
            self._paint_places(_grouped(list(region)))
        else:
            # The places a frame changed, each copied to the screen on its own by
            # matplotlib's paintEvent: given the whole region it copies (and converts) the
            # rectangle around them all, most of the canvas when a bar at the top and the
            # footer changed.
            for rect in _grouped(list(region)):
                super().paintEvent(QPaintEvent(rect))
        if self.hasFocus():
            self._paint_focus_ring()

    def _paint_places(self, places: list[QRect]) -> None:
        """The frame's pixels in `places` on a screen scaled by a fraction (125 %, 150 %):
        the whole picture drawn as a whole paint draws it, clipped to each place. Copied
        place by place (matplotlib's paintEvent given a rectangle), a place at a logical
        pixel that falls between two device pixels (an odd one at 150 %) was copied from
        the pixel before and drawn on the one after: every label and bar end a frame
        redrew shifted a device pixel from the picture around it, seams at its edges."""
        buffer = self.renderer.buffer_rgba()  # (held while painted from: the image's pixels)
        image = QImage(buffer, buffer.shape[1], buffer.shape[0],
                       QImage.Format.Format_RGBA8888)
        image.setDevicePixelRatio(self.device_pixel_ratio)
        painter = QPainter(self)
        try:
            for rect in places:
                painter.setClipRect(rect)
                painter.eraseRect(rect)  # (as matplotlib's: below a picture a hair short)
                painter.drawImage(QPoint(0, 0), image)
        finally:
            painter.end()

    def _paint_focus_ring(self) -> None:
        """Keyboard focus shows on a chart as on every other widget (style.py): a 2 px ring
        in the theme's focus colour, over the picture's edge."""
        painter = QPainter(self)
        pen = QPen(QColor(colours().focus))
        pen.setWidth(2)
        painter.setPen(pen)
        painter.drawRect(self.rect().adjusted(1, 1, -1, -1))
        painter.end()

    def keyPressEvent(self, event) -> None:
        # Shift+F10, the keyboard's right-click: the chart's menu (Export…) at its centre
        if is_menu_key(event):
            self.customContextMenuRequested.emit(self.rect().center())
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.update()  # the ring on (the picture is copied again, not redrawn)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.update()


def _grouped(rects: list[QRect]) -> list[QRect]:
    """`rects` joined where the rectangle around two costs little more to copy than the
    two (a bar's end and its label beside it): each copy to the screen has its own cost
    (a painter, an image), a few pixels more do not."""
    out: list[QRect] = []
    for r in rects:
        for i, o in enumerate(out):
            u = o.united(r)
            if u.width() * u.height() <= o.width() * o.height() + r.width() * r.height() \
                    + JOIN_SLACK_PX:
                out[i] = u
                break
        else:
            out.append(r)
    return out


class ChartView(QWidget):
    """Wraps one chart object: `show_data(data)` updates it in place and schedules a redraw;
    right-click offers the actions given (Export…, toggles)."""

    def __init__(self, chart, name: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.chart = chart
        chart.docked = True  # a small dock's chamber or map leaves its titles out
        self.canvas = FrameCanvas(chart.figure)
        self.canvas.setObjectName(f"{name}Canvas")
        self.canvas.setMinimumSize(320, 220)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)
        self._menu_actions: list = []
        # Reached by Tab (not by a click: a click on the map selects a seat and the
        # keyboard stays where it was); Shift+F10 then opens Export… as a right-click does.
        self.canvas.setFocusPolicy(Qt.FocusPolicy.TabFocus)
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
        return self.isVisible() and self.canvas.on_screen()

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
            self._describe(data)

    def _describe(self, data) -> None:
        """What a screen reader says of the chart: its title, and what it shows in words."""
        title = getattr(data, "title", "") or self.objectName()
        self.canvas.setAccessibleName(f"{title} chart")
        self.canvas.setAccessibleDescription(describe(data))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.on_screen():
            self._redraw()
        else:  # shown but not placed yet (or behind a tab): look again once laid out
            QTimer.singleShot(0, self, self._redraw_if_on_screen)

    def _redraw_if_on_screen(self) -> None:
        if self.on_screen():
            self._redraw()

    def _context_menu(self, pos) -> None:
        if not self._menu_actions:
            return
        menu = QMenu(self)
        for action in self._menu_actions:
            menu.addAction(action)
        try:
            menu.exec(self.canvas.mapToGlobal(pos))
        finally:  # a child of the chart: each right-click's menu stayed there all night
            menu.deleteLater()

    def _hover(self, event) -> None:
        text = None
        # Asked of the chart: the chamber's plot is no Axes (`charts._stage`).
        point = self.chart.data_at(event.x, event.y) if event.x is not None else None
        if point is not None:
            text = self.chart.tooltip_at(*point)
        if text:
            QToolTip.showText(QCursor.pos(), as_written(text), self.canvas)  # names: as written
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
