"""The national summary strip across the top: declared, leading parties, turnout, majority."""

from __future__ import annotations

import base64
import math
import re
from functools import lru_cache
from html import escape, unescape

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy

from ..desk.live import StripData
from ..domain.signed import signed
from .live_label import LabelHolder
from .style import NO_PARTY_COLOUR, as_written, grown_px

_TAGS = re.compile(r"<[^>]+>")  # a rich text's markup, for its plain words
# The strip's type beside a BODY_PX body, grown with a larger one (`grown_px`): fixed at 14
# pixels, a desk in a 16-pt font (a 21-pixel body) read the totals smaller than the table
# under them; the strip is as tall as its labels' lines, so it grows with them.
STRIP_PX = 14


def _change(change: int | None) -> str:
    """" (+211)" after a party's seats; nothing with no baseline, where "(±0)" read as
    "nothing changed hands" rather than "nothing to compare with"."""
    return "" if change is None else f" ({signed(change)})"


# A chip's edge: light on the strip's navy (8:1), so that a navy, purple or dark grey party
# (TUV, Rejoin EU, the Speaker: 1.1-1.9:1 on it) shows as a chip, not a gap before its name.
# Qt's rich text draws no border round a span (the #555 one asked for never showed), so
# each chip is a small image, made once per colour and size.
CHIP_EDGE = "#c8d1e0"


@lru_cache(maxsize=256)
def _chip(colour: str, width: int, height: int) -> str:
    """A party's chip: its colour, edged, `width` x `height` logical pixels (drawn at twice
    that, sharp on a high-density screen), as an inline image of the strip's rich text."""
    image = QImage(2 * width, 2 * height, QImage.Format.Format_ARGB32)
    image.fill(QColor(colour))
    painter = QPainter(image)
    # (mitred: Qt's default bevelled join left each corner's outer pixel the party's
    # colour, a notch at every corner where the screen shows the picture a pixel a pixel)
    painter.setPen(QPen(QColor(CHIP_EDGE), 2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.SquareCap,
                        Qt.PenJoinStyle.MiterJoin))
    painter.drawRect(1, 1, 2 * width - 2, 2 * height - 2)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return (f"<img src='data:image/png;base64,{base64.b64encode(bytes(data)).decode()}' "
            f"width='{width}' height='{height}'>")


class SummaryStrip(QFrame):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryStrip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._font_css = f"font-size:{grown_px(STRIP_PX)}px"  # the labels' and the probe's
        self.setStyleSheet("#summaryStrip { background:#14213d; border-radius:4px; }"
                           f"#summaryStrip QLabel {{ color:#ffffff; {self._font_css}; }}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        self.declared = QLabel(self)
        self.declared.setObjectName("stripDeclared")
        self.parties = QLabel(self)
        self.parties.setObjectName("stripParties")
        self.turnout = QLabel(self)
        self.turnout.setObjectName("stripTurnout")
        self.majority = QLabel(self)
        self.majority.setObjectName("stripMajority")
        # The party list gives way first when the window is narrow: it shows as many
        # whole parties as fit; the declared count and the majority status always show.
        self.parties.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.parties.setMinimumWidth(60)
        self._leaders: list[str] = []
        self._plain = ""
        self._fitted: tuple | None = None  # (leaders, width) the party list was fitted to
        self._probe: QLabel | None = None  # measures a party list, made once
        self._bold: QFontMetricsF | None = None  # the strip's type in bold (`_bold_metrics`)
        # Each label's new text repaints that label, not the window's layout.
        self.parties.installEventFilter(self)
        # On a narrow window (a 1024-pixel laptop with provisional seats counted) the
        # declared count shortens ("330/650 +90 prov.") and then the turnout goes, before
        # anything is cut: the strip's least width is what those leave (`_fit_fixed`).
        self._declared_holder = LabelHolder(self.declared)
        self._turnout_holder = LabelHolder(self.turnout)
        self._turnout_holder.least_width = 0
        self._forms: tuple[str, str, str] = ("", "", "")  # declared long, short; turnout
        layout.addWidget(self._declared_holder)
        layout.addWidget(LabelHolder(self.parties), 1)
        layout.addWidget(self._turnout_holder)
        layout.addWidget(LabelHolder(self.majority))

    def set_data(self, data: StripData, colours: dict[str, str]) -> None:
        long = f"<b>{data.declared:,}</b> of {data.seats_total:,} declared"
        short = f"<b>{data.declared:,}</b>/{data.seats_total:,}"
        if data.provisional:
            long += f" <span style='color:#ffcc66'>+{data.provisional:,} provisional</span>"
            short += f" <span style='color:#ffcc66'>+{data.provisional:,} prov.</span>"
        # Everything a narrow strip may leave out, the parties too (it drops them first).
        tip = (f"{data.declared:,} of {data.seats_total:,} declared"
               + (f", {data.provisional:,} provisional" if data.provisional else "")
               + ("" if data.turnout is None else f"; turnout {data.turnout:.1f}%")
               + ("; " + ", ".join(f"{p} {n}{_change(change)}" for p, n, change in data.leaders)
                  if data.leaders else ""))
        self.setToolTip(as_written(tip))  # the parties' names as written, never markup
        # Rich text: a party's name from an imported file is shown as written, never markup.
        chip = self._chip_size()
        self._leaders = [f"{_chip(colours.get(p, NO_PARTY_COLOUR), *chip)} <b>{escape(p)}</b> {n}"
                         + (f" <span style='color:#c8d1e0'>({signed(change)})</span>"
                            if change is not None else "")
                         for p, n, change in data.leaders]
        # The same words as plain text, the chip as its three spaces: what a quick
        # measure that cannot be too short is taken on (see _surely_fits).
        self._plain = "\u00a0\u00a0".join(f"\u00a0\u00a0\u00a0 {p} {n}{_change(change)}"
                                          for p, n, change in data.leaders)
        turnout = "" if data.turnout is None else f"Turnout {data.turnout:.1f}%"
        self.majority.setText(f"<b>{escape(data.majority_text)}</b>")
        self._forms = (long, short, turnout)
        self._fit_fixed()
        self._fit_parties()

    def _fit_fixed(self) -> None:
        """The declared count whole and the turnout, if they fit beside the majority and
        the least party list; else the count short; else the turnout left out too."""
        long, short, turnout = self._forms
        least = self._wide(short)  # never short of the exact width: the label is never cut
        if self._declared_holder.least_width != least:
            self._declared_holder.least_width = least
            self._declared_holder.updateGeometry()
        layout = self.layout()
        margins = layout.contentsMargins()
        room = (self.width() - margins.left() - margins.right() - 3 * layout.spacing()
                - self.parties.minimumWidth())
        declared, shown = long, turnout
        # On a window with room to spare (the usual case), the quick measure decides and no
        # rich text is laid out on an update; near the edge, the exact one.
        if sum(map(self._wide, (long, turnout, self.majority.text()))) > room:
            probe = self._measurer()
            room -= self._width(probe, self.majority.text())
            if self._width(probe, long) + self._width(probe, turnout) > room:
                declared = short
                if self._width(probe, short) + self._width(probe, turnout) > room:
                    shown = ""
        if self.declared.text() != declared:
            self.declared.setText(declared)
        if self.turnout.text() != shown:
            self.turnout.setText(shown)

    def _wide(self, text: str) -> int:
        """`text`'s width as if all of it were bold, and a little over: never less than the
        exact width (`_width`), measured without laying out rich text."""
        if not text:
            return 0
        plain = unescape(_TAGS.sub("", text))
        return math.ceil(self._bold_metrics().horizontalAdvance(plain) * 1.02) + 4

    def _chip_size(self) -> tuple[int, int]:
        """A chip's width and height: no wider than the three spaces the quick measures
        take it as (`_plain`), as tall as the type's capitals and a little over."""
        metrics = self._bold_metrics()
        return (int(metrics.horizontalAdvance("\u00a0" * 3)),
                max(6, round(metrics.capHeight() * 1.3)))

    def _bold_metrics(self) -> QFontMetricsF:
        """The strip's type in bold: what the quick measures (`_wide`, `_surely_fits`)
        take words at, made once."""
        if self._bold is None:
            font = QFont(self._measurer().font())
            font.setBold(True)
            self._bold = QFontMetricsF(font)
        return self._bold

    @staticmethod
    def _width(probe: QLabel, text: str) -> int:
        if not text:
            return 0
        probe.setText(text)
        return probe.sizeHint().width()

    def _measurer(self) -> QLabel:
        """The one label that measures texts for the strip (its type, unshown)."""
        if self._probe is None:
            self._probe = QLabel()
            self._probe.setStyleSheet(self._font_css)
            self._probe.ensurePolished()
        return self._probe

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if any(self._forms):
            self._fit_fixed()

    def _fit_parties(self) -> None:
        available = self.parties.width()
        if self._fitted == (self._leaders, available):
            return  # the same parties in the same room: the same text
        self._fitted = (self._leaders, available)
        probe = self._measurer()
        if self._surely_fits(available):
            # Room to spare for every party (the usual case): no rich text laid out.
            self.parties.setText("&nbsp;&nbsp;".join(self._leaders))
            return
        for count in range(len(self._leaders), -1, -1):
            text = "&nbsp;&nbsp;".join(self._leaders[:count])
            probe.setText(text)
            if count == 0 or probe.sizeHint().width() <= available:
                self.parties.setText(text)
                return

    def _surely_fits(self, available: int) -> bool:
        """Every party fits for certain: the plain words, all in bold, with a tenth and a
        few pixels a party to spare (the chips' borders, the label's margins) are no
        wider than `available`. Else the exact measure decides."""
        wide = self._bold_metrics().horizontalAdvance(self._plain)
        return wide * 1.1 + 6 * len(self._leaders) + 20 <= available

    def eventFilter(self, watched, event) -> bool:
        # The party list's own resize, not the strip's: its holder sizes it after the
        # strip's resize event has gone (a window's first show: the strip fitted the
        # parties to the label's old width, none, and the night opened with no party).
        if watched is self.parties and event.type() == QEvent.Type.Resize:
            self._fit_parties()
        return super().eventFilter(watched, event)
