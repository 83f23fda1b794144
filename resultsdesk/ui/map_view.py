"""The Map dock's widget: the hex map (`charts.map.MapChart`) with a zoom list (UK, each nation,
each region), hover text for the seat under the mouse (from the chart), a click that asks
for the seat to be selected in the results table (`seat_clicked`), and a ring round the
seat selected there (`pick`). By keyboard (map_keys), the arrow keys move a current seat,
named beside the zoom list, that Enter selects as a click does.

An election whose codes fit no bundled layout shows why, in place of the map.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel

from ..charts.map import MapChart
from ..desk.hexmap import WHOLE_MAP, NoMapLayout, focus_options, layout_for, map_data
from ..desk.live import NightState
from ..domain import tally
from ..domain.others import NamedParties
from .chart_view import ChartView
from .map_keys import MapKeys
from .style import colours


class MapView(ChartView):
    seat_clicked = Signal(str)  # a GSS code
    _description = ""  # what the map shows, in words, as last worked out (`_describe`)

    def __init__(self, parent=None) -> None:
        super().__init__(MapChart(), "map", parent)
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 0)
        self.zoom = QComboBox(self)
        self.zoom.setObjectName("mapZoom")
        # Sized to its longest choice whenever the choices change: by default it is sized
        # once, at first show, when it holds "UK" alone (the nations and regions come with
        # the night), and then read "Nor" for Northern Ireland, North East and North West
        # alike, on a dock where it stands for the subtitle left out.
        self.zoom.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        zoom_label = QLabel("Zoom:", self)
        zoom_label.setBuddy(self.zoom)  # the list's name to a screen reader
        bar.addWidget(zoom_label)
        self.zoom.addItem(WHOLE_MAP, WHOLE_MAP)
        self.zoom.currentIndexChanged.connect(self._zoomed)
        bar.addWidget(self.zoom)
        self.keys = MapKeys(self)  # the arrow keys' current seat, said in its line
        self.chart.cursor.set_colour(colours().focus)  # ringed as the keyboard is elsewhere
        bar.addSpacing(8)
        bar.addWidget(self.keys.line, 1)
        self.layout().insertLayout(0, bar)
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # a region's name as written
        self.message.setObjectName("mapMessage")
        self.message.setWordWrap(True)
        self.message.setMargin(12)
        self.message.hide()
        self.layout().insertWidget(1, self.message)
        self._build = None
        # The constituencies the layout and zoom list are for, and the night, its reading
        # and count of seats they were taken from (a night's seats are only added to until
        # it is read anew, `NightState.read_from`: another election restored over it may
        # have as many; while the three stand, so does the set, and nothing is gone over
        # again).
        self._codes: frozenset[str] | None = None
        self._counted: tuple | None = None
        self._pending: tuple | None = None  # show_night's arguments, while off screen
        self.canvas.mpl_connect("button_press_event", self._clicked)

    def focus(self) -> str:
        return self.zoom.currentData() or WHOLE_MAP

    def show_night(self, night: NightState, *, show_provisional: bool,
                   thresholds: tally.RecountThresholds,
                   named: NamedParties | None = None) -> None:
        """The night's map (drawn when on screen), or the reason there is none. Off screen
        (the dock closed or behind a tab, as it starts) nothing is worked out until it
        shows: not even which layout fits, which reads the bundled layouts."""
        self._pending = (night, show_provisional, thresholds, named)
        # The view, not its canvas (on_screen): with no layout the canvas is hidden.
        if self.isVisible() and not self.visibleRegion().isEmpty():
            self._apply_pending()

    def _apply_pending(self) -> None:
        if self._pending is None:
            return
        night, show_provisional, thresholds, named = self._pending
        self._pending = None
        # The layout and the zoom list depend on the election's constituencies, not their
        # results: worked out again only for another set of them (each is a pass over the
        # seats), never on a verification.
        counted = (id(night), night.read_from, len(night.seats))
        if counted != self._counted:
            self._counted = counted
            codes = frozenset(night.seats)
            if codes != self._codes and not self._lay_out(night, codes):
                return

        def build():
            return map_data(night, show_provisional=show_provisional, thresholds=thresholds,
                            focus=self.focus(), named=named)

        self._build = build
        self.show_data(build)

    def _lay_out(self, night: NightState, codes: frozenset[str]) -> bool:
        """The layout for `codes` (False, and the reason shown, when none fits)."""
        self._codes = codes
        try:
            layout_for(codes)
        except NoMapLayout as exc:
            self._codes = self._counted = None
            self.message.setText(str(exc)[:1].upper() + str(exc)[1:])
            self.message.show()
            self.canvas.hide()
            self.zoom.setEnabled(False)
            return False
        self.message.hide()
        self.canvas.show()
        self.zoom.setEnabled(True)
        self._set_options(focus_options(night))
        return True

    def has_map(self) -> bool:
        self._apply_pending()
        return not self.message.isVisibleTo(self)

    def _redraw(self) -> None:
        self._apply_pending()  # shown (its dock opened or brought to the front): the night first
        super()._redraw()
        self.keys.say()  # the current seat's result as it now stands (or a zoom's fading)

    def _describe(self, data) -> None:
        super()._describe(data)
        # kept: the map in words is a pass over every seat, worked out once an update;
        # the keys' line, said after every redraw, puts it back from here
        self._description = self.canvas.accessibleDescription()

    def describe_current(self, text: str) -> None:
        """A screen reader's description of the canvas: the current seat while the keys
        move one, else what the map shows."""
        if text:
            self.canvas.setAccessibleDescription(text)
        elif self._data is not None:
            self.canvas.setAccessibleDescription(self._description)

    def _set_options(self, options: list[str]) -> None:
        if [self.zoom.itemData(i) for i in range(self.zoom.count())] == options:
            return
        current = self.focus()
        self.zoom.blockSignals(True)
        self.zoom.clear()
        for option in options:
            self.zoom.addItem(option, option)
        self.zoom.setCurrentIndex(max(0, self.zoom.findData(current)))
        self.zoom.blockSignals(False)

    def _zoomed(self) -> None:
        if self._build is not None:
            self.show_data(self._build)

    def pick(self, code: str | None) -> None:
        """Ring seat `code` on the map (the results table's selected seat; None: none):
        redrawn now if the map is on screen (only the ring's places), else when it shows
        (the canvas owes that frame)."""
        colour = self.palette().color(QPalette.ColorRole.Highlight).name()  # the table's
        if self.chart.pick(code, colour):
            self.canvas.draw_idle()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        # another theme (View > Theme, or the system's scheme): the table's selection has
        # another colour, and so has the ring round the seat chosen there
        if event.type() == QEvent.Type.PaletteChange and self.chart.picked is not None:
            self.pick(self.chart.picked)
        if event.type() == QEvent.Type.PaletteChange and self.chart.cursor.set_colour(
                colours().focus) and self.chart.cursor.shown:
            self.canvas.draw_idle()  # the keys' ring in the theme's focus colour

    def _clicked(self, event) -> None:
        if event.button != 1 or event.inaxes is None or event.xdata is None:
            return
        seat = self.chart.seat_at(event.xdata, event.ydata)
        if seat is not None:
            self.keys.set_current(seat.code)  # with the keyboard here: on from the seat clicked
            self.seat_clicked.emit(seat.code)
