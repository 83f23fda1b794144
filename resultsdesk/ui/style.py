"""Colours and small painted things shared by the widgets, in the light, the dark and the
high-contrast theme.

Each colour is defined once, in the theme it belongs to (`LIGHT_UI`, `DARK_UI`,
`HIGH_CONTRAST_UI`, whose black, white, yellow and cyan are the charts' too); widgets ask
`colours()` for the theme in use when they paint or build, and `ui/themes.py` switches it
(View > Theme), re-applying the palette and the application's style sheet. The red banners
(white type on `ALERT_COLOUR`) read on either theme, so they have one colour.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFontInfo, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from ..charts.theme import (
    BLACK,
    FOCUS_COLOUR,
    HC_CYAN,
    HC_LINE,
    HC_MUTED,
    HC_RED,
    HC_YELLOW,
    MIN_GRAPHIC_CONTRAST,
    MIN_TEXT_CONTRAST,
    WHITE,
)
from ..domain.model import Status
from ..domain.parties import FALLBACK_COLOUR
from ..domain.records import record
from ..paths import resources_dir

ALERT_COLOUR = "#b3321f"  # banners (white type on it): failures, the server lost, recounts
NO_PARTY_COLOUR = FALLBACK_COLOUR  # a party without a colour of its own
# The body font beside which the desk's larger text (the figures typed, the running totals)
# was given its pixel size: 9 pt at 96 dpi.
BODY_PX = 12
FIGURE_PX = 15  # the figures typed in the form (beside a BODY_PX body)


def grown_px(px: int) -> int:
    """`px`, a size chosen beside a BODY_PX body font, grown in step with a larger one. Set
    as they were, a desk with large system fonts (16 pt: a 21-pixel body) read the figures it
    typed and the running totals smaller than the names and labels around them."""
    body = QFontInfo(QApplication.font()).pixelSize()
    return round(px * max(1.0, body / BODY_PX))


@record
class UiColours:
    """One theme's colours: the Qt palette's, and those the desk reads at a glance (each
    readable on that theme's window, table and alternate rows)."""

    name: str
    window: str
    base: str  # tables and text fields
    alternate_base: str
    text: str
    muted: str  # secondary text (a candidate's party in the form)
    button: str
    button_hover: str
    button_pressed: str
    border: str
    disabled: str  # disabled text
    placeholder: str  # a hint in an empty field ("optional", the find box's Ctrl+F): text
    disabled_border: str
    disabled_fill: str
    highlight: str  # the selected row
    highlighted_text: str
    link: str
    tooltip: str
    awaiting: str
    provisional: str  # amber: on screen, not yet on air
    verified: str  # also a message saying it worked
    alert: str  # words that must not be missed, on the window: RECOUNT, TIE, failures
    error: str  # a message saying what is wrong with what was typed or chosen
    caution: str  # warnings to accept, corrections waiting in the queue
    recount_row: str  # background of a results row in recount range
    mismatch: str  # background of a re-keyed figure that differs
    focus: str  # the keyboard focus ring
    focus_fill: str  # a focused button's or tick box's background
    caution_fill: str  # a focused warning tick box's background
    read_only: str  # a read-only field's background
    panel: str  # the form's live totals
    panel_border: str
    note: str  # the rehearsal's latest read-out
    note_border: str
    table_border: str
    # what a party's chip needs against the rows before it is outlined (`_chip_outline`)
    min_graphic: float = MIN_GRAPHIC_CONTRAST
    gridline: str = ""  # a table's cell edges ("": the style's, a shade of the window)
    menu_border: str = ""  # a menu's edge ("": the style's, unseen on a black window)
    scroll_handle: str = ""  # a scroll bar's handle ("": the style's, a shade of the button)

    @property
    def dark(self) -> bool:
        """Light marks on a dark window (the combo arrows, the docks' buttons)."""
        return self.name != "light"


LIGHT_UI = UiColours(
    name="light", window="#efefef", base=WHITE, alternate_base="#f5f6f8",
    text="#1b1b1f", muted="#444444", button="#f7f8fa", button_hover="#eef1f5",
    button_pressed="#dde3ea", border="#8d96a0", disabled="#9aa0a6", disabled_border="#c8ccd1",
    placeholder="#6b7076", disabled_fill="#eef0f2", highlight="#2470ad",
    highlighted_text=WHITE, link="#1a55b0", tooltip="#ffffdc",
    awaiting="#636363", provisional="#935800", verified="#18733a", alert=ALERT_COLOUR,
    error="#b00020", caution="#8a5300", recount_row="#fde2e0", mismatch="#ffd6d6",
    focus=FOCUS_COLOUR, focus_fill="#e8f0fe", caution_fill="#fff3dc", read_only="#f3f5f8",
    panel="#f3f5f8", panel_border="#d5dae1", note="#fffbe6", note_border="#d8c77a",
    table_border="#d0d5dc",
)

# Dark: light type on charcoal; status and alert colours lifted until they read on the rows
# (tests/ui/test_ui_text_contrast.py holds them to 4.5:1), the focus ring a lighter blue.
DARK_UI = UiColours(
    name="dark", window="#2b2d31", base="#1e1f22", alternate_base="#27292d",
    text="#e8eaed", muted="#b4b9c1", button="#3a3d42", button_hover="#45494f",
    button_pressed="#50555c", border="#70767f", disabled="#7d838c", disabled_border="#4a4e55",
    placeholder="#959ba4", disabled_fill="#33363b", highlight="#2f67c4",
    highlighted_text=WHITE, link="#8ab4f8", tooltip="#3a3d42",
    awaiting="#a9afb7", provisional="#f2b347", verified="#5fd083", alert="#ff7b6e",
    error="#ff8a80", caution="#f0b55a", recount_row="#5b2626", mismatch="#6e2a2a",
    focus="#5c9dff", focus_fill="#22395e", caution_fill="#4a3a1c", read_only="#2a2c30",
    panel="#27292d", panel_border="#4a4e55", note="#3a3522", note_border="#7d6d32",
    table_border="#4a4e55",
)

# High contrast (as Windows' and GNOME's): white type on black, every control and table
# edged in white, the keyboard focus a yellow ring, a selected row cyan with black type, and
# every colour that is text 7:1 or more on every background it sits on (disabled text
# too: 10:1); a party chip under 4.5:1 on black (Labour's red) is outlined.
_HC_AMBER = "#ffb347"  # provisional, and warnings to accept: 11:1 on black
HIGH_CONTRAST_UI = UiColours(
    name="high-contrast", window=BLACK, base=BLACK, alternate_base="#141414",
    text=WHITE, muted=HC_MUTED, button=BLACK, button_hover="#2e2e2e",
    button_pressed="#474747", border=WHITE, disabled=HC_LINE, disabled_border=HC_LINE,
    placeholder=HC_LINE, disabled_fill=BLACK, highlight=HC_CYAN,
    highlighted_text=BLACK, link="#8cc8ff", tooltip=BLACK,
    awaiting=HC_MUTED, provisional=_HC_AMBER, verified="#66ff66", alert=HC_RED,
    error=HC_RED, caution=_HC_AMBER, recount_row="#4d0000", mismatch="#660000",
    focus=HC_YELLOW, focus_fill="#262600", caution_fill="#2e1f00", read_only="#1f1f1f",
    panel=BLACK, panel_border=WHITE, note=BLACK, note_border=HC_YELLOW,
    table_border=WHITE, min_graphic=MIN_TEXT_CONTRAST,
    gridline="#808080",  # 5.3:1 on black, every cell edged yet the text still first
    menu_border=WHITE, scroll_handle=HC_LINE,
)

UI_THEMES = {c.name: c for c in (LIGHT_UI, DARK_UI, HIGH_CONTRAST_UI)}
_in_use: list[UiColours] = [LIGHT_UI]


def colours() -> UiColours:
    """The theme the window is drawn in now."""
    return _in_use[0]


def use_colours(theme: UiColours) -> None:
    """Switch (themes.py does, with the palette and the style sheet)."""
    _in_use[0] = theme


# Before the title of every window that shows a rehearsal: never taken for the live night.
TITLE_MARK = "REHEARSAL — "

ALERT_BANNER = (f"QLabel {{ background:{ALERT_COLOUR}; color:white; font-weight:600; "
                "padding:4px; border-radius:3px; }")


def as_written(text: str, *, wrap: bool = False) -> str:
    """`text`, plain words from the data (party, candidate and seat names), as a tooltip shows
    it exactly. Qt reads a tooltip that looks like markup as rich text: a party imported as
    'Tom & Jerry <b>Ind</b>' came out bold and its tags gone, 'A &lt; B' as 'A < B'. Such a
    text is made rich text, escaped, its lines and spaces kept; any other is left as it is
    (Qt shows it as written already). `wrap`: for a message box's text (a static
    QMessageBox.warning has no plain-text format to set), which wraps at the box's width
    as a plain one does; a tooltip's lines run on, as a plain tooltip's do."""
    if not QtGui.Qt.mightBeRichText(text):  # (Qt's own test: QtGui's Qt, not QtCore's)
        return text
    return f"<p style='white-space:{'pre-wrap' if wrap else 'pre'}'>{escape(text)}</p>"


def alert_html(text: str) -> str:
    """Words that must not be missed inside rich text ("RECOUNT UNDER WAY", "TIE"), escaped:
    fixed words today, but a caller passing data must not add markup of its own."""
    return f"<b style='color:{colours().alert}'>{escape(text)}</b>"


def lines_html(text: str) -> str:
    """`text` (a person's note) for rich text: escaped, its line breaks kept."""
    return escape(text).replace("\n", "<br>")


def rich_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label whose text is markup with escaped data in it, read as markup whatever the
    data. Left to guess (AutoText), Qt reads a text with no tag on its first line as plain:
    a verifier's note with a line break before any markup showed "A &lt; B" as typed."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


def message_colour(error: bool) -> str:
    return colours().error if error else colours().verified


def status_colour(status: Status, tie: bool = False) -> str:
    c = colours()
    if tie:
        return c.alert
    return {Status.AWAITING: c.awaiting, Status.PROVISIONAL: c.provisional,
            Status.VERIFIED: c.verified}[status]


def _luminance(colour: QColor) -> float:
    """WCAG relative luminance (as charts.theme's, which the startup does not load)."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return (0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF())
            + 0.0722 * linear(colour.blueF()))


@lru_cache(maxsize=1024)
def _chip_outline(colour: str, theme: UiColours) -> str:
    """A faint dark line round a chip, as ever; a colour that melts into any row a chip sits
    on (under WCAG's 3:1, the theme's `min_graphic`: on dark the Speaker's grey and TUV's
    navy, and Labour's red on a recount-range row's tint; on light SNP's yellow and UUP's
    sky blue; on high contrast, 4.5:1, Labour's red, the Conservatives' blue and Sinn
    Féin's green on black) gets the muted text colour instead (6:1 or more on every row),
    where the faint line did not show."""
    fill = _luminance(QColor(colour))
    for row in (theme.base, theme.alternate_base, theme.recount_row):
        a, b = sorted((fill, _luminance(QColor(row))))
        if (b + 0.05) / (a + 0.05) < theme.min_graphic:
            return theme.muted
    return QColor(0, 0, 0, 90).name(QColor.NameFormat.HexArgb)


@lru_cache(maxsize=64)
def solid_brush(colour: str) -> QBrush:
    """What `QBrush(QColor(colour))` makes (a table's text or row colour), made without that
    constructor: matching a QColor against QBrush's constructors makes PySide build the
    QGradient class and its enums (a 180-value Preset among them), ~1.7 ms of the first
    window for a class nothing here uses. One brush per colour: Qt copies what it is given."""
    brush = QBrush()
    brush.setColor(QColor(colour))
    brush.setStyle(Qt.BrushStyle.SolidPattern)
    return brush


def chip_edge(colour: str) -> str:
    """The edge of a swatch of `colour` drawn by a style sheet (the form's candidates), as
    a chip's (`_chip_outline`): Heritage's navy had a faint black edge on black."""
    edge = QColor(_chip_outline(colour, colours()))
    return f"rgba({edge.red()},{edge.green()},{edge.blue()},{edge.alphaF():.2f})"


def party_chip(colour: str, size: int = 12) -> QIcon:
    """A small rounded swatch in the party's colour, outlined so pale colours (and on dark,
    dark ones) still show."""
    return _chip(colour, size, _chip_outline(colour, colours()), screen_ratios())


_ratios: tuple[float, ...] | None = None


def screen_ratios() -> tuple[float, ...]:
    """1 and the scale of each screen the machine has (Windows' 125-300 %): the ratios a
    chip is drawn at, so a 4K monitor at 200 % gets one drawn at 24 px, not the 12 px one
    stretched and blurred. Only those: each ratio more is a picture painted per colour
    (seven a chip cost the first window ~10 ms). Kept until a screen comes or goes."""
    global _ratios
    if _ratios is None:
        from PySide6.QtGui import QGuiApplication

        _ratios = tuple(sorted({1.0, *(s.devicePixelRatio()
                                       for s in QGuiApplication.screens())}))
        app = QGuiApplication.instance()
        if app is not None and not app.property("chipRatiosWatched"):
            app.setProperty("chipRatiosWatched", True)
            app.screenAdded.connect(_forget_ratios)
            app.screenRemoved.connect(_forget_ratios)
    return _ratios


def _forget_ratios(*_screen) -> None:
    global _ratios
    _ratios = None


@lru_cache(maxsize=512)
def _chip(colour: str, size: int, outline: str, ratios: tuple[float, ...]) -> QIcon:
    icon = QIcon()
    for ratio in ratios:
        pixels = round(size * ratio)
        pixmap = QPixmap(pixels, pixels)
        pixmap.setDevicePixelRatio(ratio)  # drawn in the chip's own size, at the ratio
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor(colour))
        pen = QColor(outline)
        if pen.alpha() == 255:  # the edge of a colour that melts into the rows
            # two pixels wide, inset: a one-pixel line is drawn half over the fill and
            # half off the chip, and SNP's yellow showed 2.8:1 on white through it
            painter.setPen(QPen(pen, 2))
            painter.drawRoundedRect(1.0, 1.0, size - 2, size - 2, 2, 2)
        else:
            painter.setPen(pen)
            painter.drawRoundedRect(0.5, 0.5, size - 1, size - 1, 2, 2)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


# Keyboard focus must always be visible (the desk works by keyboard): a 2 px ring in one
# colour on buttons, tick boxes, text fields and tables. Applied to the whole application
# (themes.py); widgets with their own style sheet (the form's fields) include focus_border().
# The platform style shows no focus on a combo box, so combo boxes are styled whole (with
# their own arrow); spin boxes too, since the style's own focus frame is 1 px and inset
# (their arrows then drawn from resources/icons), and the line edits inside combo and spin
# boxes (frame false) are left alone. Lists (Chamber order, the read-outs, a file dialog's
# places, widened so the ring's edge does not cut "Computer") are ringed as tables are (the
# style marked only the current row, faintly; a combo box's open list keeps its plain
# edge), as are tool buttons (a file dialog's Back,
# Parent folder and views showed no focus at all), and so is a text to read
# (an import report's details, window_database), and a dialog's tab bar
# (History) rings its current tab (the style drew nothing: focus there was invisible), its
# tabs styled whole, one size focused or not (ringed alone, the focused tab lost its padding
# and the bar, sized so, cut the title once the focus left: "udit trail (");
# the main window's dock tab bars have a ring of their own (focus_ring.py). Radio
# buttons are drawn as the tick boxes are: Fusion's unchosen one, near-black without an
# edge on the dark window, could not be told from the window (Rehearsal's two sources).
_ARROW = (resources_dir() / "icons" / "combo-arrow.svg").as_posix()
_ARROW_DARK = (resources_dir() / "icons" / "combo-arrow-dark.svg").as_posix()
_UP = (resources_dir() / "icons" / "spin-up.svg").as_posix()
_UP_DARK = (resources_dir() / "icons" / "spin-up-dark.svg").as_posix()
_CHECK = (resources_dir() / "icons" / "check.svg").as_posix()
_CLOSE = (resources_dir() / "icons" / "dock-close.svg").as_posix()
_CLOSE_DARK = (resources_dir() / "icons" / "dock-close-dark.svg").as_posix()
_FLOAT = (resources_dir() / "icons" / "dock-float.svg").as_posix()
_FLOAT_DARK = (resources_dir() / "icons" / "dock-float-dark.svg").as_posix()


def focus_border(c: UiColours | None = None) -> str:
    return f"border: 2px solid {(c or colours()).focus};"


def app_style_sheet(c: UiColours) -> str:
    """The application's style sheet in theme `c`: focus rings, buttons, fields, combos;
    the docks' close and float marks drawn as the combo arrows are (the platform's grey
    was 1.5:1 on dark), and so is a dialog's Close button's (Fusion's near-black X, 1.9:1
    on dark); dock tabs named in full where they fit (two bars at the first-run
    width: Qt cut "Seats" to "Se…" beside five other tabs on one), shortened with "…"
    where they do not, each tab's whole title its tooltip (Qt's), and scroll arrows only
    once even those do not fit: for the mouse (the keyboard scrolls with the tab bar's own
    arrow keys; Tab passed over them, which show no focus). Scrolled at once, as before, a
    large font (15 pt at 1366 × 768) showed "erification queue (2)" and hid the Map behind
    the arrows. A push button is as tall as its padding makes its text, with no `min-height`:
    Qt makes that the button's least height, and a form held to the screen's height
    squeezed a 16-pt "Verify" into it, cutting the tail off its y."""
    ring = focus_border(c)
    arrow = _ARROW_DARK if c.dark else _ARROW
    up = _UP_DARK if c.dark else _UP
    close, float_ = (_CLOSE_DARK, _FLOAT_DARK) if c.dark else (_CLOSE, _FLOAT)
    return f"""
QPushButton {{ border: 1px solid {c.border}; border-radius: 4px; background: {c.button};
               color: {c.text}; padding: 6px 14px; }}
QPushButton:hover {{ background: {c.button_hover}; }}
QPushButton:pressed {{ background: {c.button_pressed}; }}
QPushButton:disabled {{ color: {c.disabled}; border-color: {c.disabled_border}; }}
QPushButton:focus {{ {ring} padding: 5px 13px; background: {c.focus_fill}; }}
QCheckBox, QRadioButton {{ border: 2px solid transparent; border-radius: 4px;
                          padding: 2px 4px; }}
QCheckBox:focus, QRadioButton:focus {{ {ring} background: {c.focus_fill}; }}
QCheckBox::indicator {{ width: 13px; height: 13px; border: 1px solid {c.muted};
                       border-radius: 3px; background: {c.base}; }}
QCheckBox::indicator:checked {{ background: {c.highlight}; border-color: {c.highlight};
                               image: url("{_CHECK}"); }}
QCheckBox::indicator:disabled {{ border-color: {c.disabled_border};
                                background: {c.disabled_fill}; }}
QRadioButton::indicator {{ width: 13px; height: 13px; border: 1px solid {c.muted};
                          border-radius: 7px; background: {c.base}; }}
QRadioButton::indicator:checked {{ border-color: {c.highlight}; background: qradialgradient(
    cx:0.5, cy:0.5, fx:0.5, fy:0.5, radius:0.5, stop:0 {c.highlight}, stop:0.5 {c.highlight},
    stop:0.6 {c.base}, stop:1 {c.base}); }}
QLineEdit[frame="true"] {{ border: 1px solid {c.border}; border-radius: 3px; padding: 3px;
                           background: {c.base}; color: {c.text};
                           placeholder-text-color: {c.placeholder}; }}
QLineEdit[frame="true"]:focus {{ {ring} padding: 2px; }}
QLineEdit[frame="true"]:read-only {{ background: {c.read_only}; }}
QComboBox {{ border: 1px solid {c.border}; border-radius: 3px; padding: 3px 6px;
             background: {c.button}; color: {c.text}; combobox-popup: 0; }}
QComboBox:focus {{ {ring} padding: 2px 5px; }}
QComboBox:disabled {{ color: {c.disabled}; background: {c.disabled_fill};
                      border-color: {c.disabled_border}; }}
QComboBox::drop-down {{ border: none; width: 20px; }}
QComboBox::down-arrow {{ image: url("{arrow}"); width: 10px; height: 6px; }}
QAbstractSpinBox {{ border: 1px solid {c.border}; border-radius: 3px; padding: 2px 3px;
                    background: {c.base}; color: {c.text}; }}
QAbstractSpinBox:focus {{ {ring} padding: 1px 2px; }}
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{ border: none; width: 16px;
                                                              subcontrol-origin: padding; }}
QAbstractSpinBox::up-button {{ subcontrol-position: top right; }}
QAbstractSpinBox::down-button {{ subcontrol-position: bottom right; }}
QAbstractSpinBox::up-arrow {{ image: url("{up}"); width: 8px; height: 5px; }}
QAbstractSpinBox::down-arrow {{ image: url("{arrow}"); width: 8px; height: 5px; }}
QAbstractSpinBox::up-arrow:disabled, QAbstractSpinBox::down-arrow:disabled {{ image: none; }}
QTableView, QTreeView, QListView {{ border: 2px solid {c.table_border}; }}
QTableView:focus, QTreeView:focus, QListView:focus {{ {ring} }}
QComboBox QListView, QComboBox QListView:focus {{ border: 1px solid {c.border}; }}
QFileDialog QListView#sidebar {{ min-width: 8em; }}
QToolButton:focus {{ {ring} }}
QTextEdit {{ border: 2px solid {c.table_border}; }}
QTextEdit:focus {{ {ring} }}
QTabWidget > QTabBar::tab {{ border: 1px solid {c.border}; border-top-left-radius: 4px;
                             border-top-right-radius: 4px; padding: 4px 12px; margin-right: 2px;
                             background: {c.button_pressed}; color: {c.text}; }}
QTabWidget > QTabBar::tab:selected {{ background: {c.base}; }}
QTabWidget > QTabBar::tab:focus {{ {ring} padding: 3px 11px; }}
QDockWidget {{ titlebar-close-icon: url("{close}"); titlebar-normal-icon: url("{float_}"); }}
QDialogButtonBox {{ dialog-close-icon: url("{close}"); }}
QMainWindow > QTabBar {{ qproperty-elideMode: ElideRight; }}
QMainWindow > QTabBar QToolButton {{ qproperty-focusPolicy: NoFocus; }}
""" + _edges(c)


def _edges(c: UiColours) -> str:
    """What a theme edges that the style draws in shades of the window, unseen on black
    (high contrast): a table's cells, a menu, a scroll bar and its handle (drawn flat,
    without arrow buttons: Fusion's arrows would need the whole bar styled by hand)."""
    sheet = f"QTableView {{ gridline-color: {c.gridline}; }}\n" if c.gridline else ""
    if c.menu_border:
        sheet += f"QMenu {{ border: 1px solid {c.menu_border}; }}\n"
    if c.scroll_handle:
        sheet += f"""
QScrollBar {{ background: {c.window}; border: 1px solid {c.scroll_handle}; }}
QScrollBar:vertical {{ width: 14px; }}
QScrollBar:horizontal {{ height: 14px; }}
QScrollBar::handle {{ background: {c.scroll_handle}; border: 2px solid {c.window}; }}
QScrollBar::handle:vertical {{ min-height: 24px; }}
QScrollBar::handle:horizontal {{ min-width: 24px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; border: none; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
"""
    return sheet


# Complete style sheets (a widget's own sheet wins over the application's focus rings), so each
# says how it looks focused; the focused field keeps a mismatch's pink, with the focus ring.
def number_style() -> str:
    c = colours()
    return (f"QLineEdit {{ font-size: {grown_px(FIGURE_PX)}px; padding: 3px;"
            f" border: 1px solid {c.border}; border-radius: 3px;"
            f" background: {c.base}; color: {c.text};"
            f" placeholder-text-color: {c.placeholder}; }}"
            f" QLineEdit:focus {{ {focus_border(c)} padding: 2px; }}"
            f" QLineEdit:read-only {{ background: {c.read_only}; }}")


def mismatch_style(widget: str = "QLineEdit") -> str:
    """A re-keyed field (`widget`: its Qt class) that differs from the first entry."""
    c = colours()
    size = f" font-size: {grown_px(FIGURE_PX)}px;" if widget == "QLineEdit" else ""
    return (f"{widget} {{{size} padding: 2px; background: {c.mismatch};"
            f" color: {c.text}; border: 2px solid {c.alert}; border-radius: 3px; }}"
            f" {widget}:focus {{ {focus_border(c)} }}")


def warning_style() -> str:
    c = colours()
    return (f"QCheckBox {{ color: {c.caution}; font-weight: 600;"
            " border: 2px solid transparent;"
            " border-radius: 4px; padding: 3px 4px; }"
            f" QCheckBox:focus {{ {focus_border(c)} background: {c.caution_fill}; }}")


def panel_style(extra: str = "", *, font_px: int | None = None) -> str:
    """A boxed panel inside a dialog (the form's live totals), its type `font_px` pixels
    beside a BODY_PX body (grown_px) if given."""
    c = colours()
    size = "" if font_px is None else f" font-size:{grown_px(font_px)}px;"
    return (f"QLabel {{ background:{c.panel}; color:{c.text}; border:1px solid {c.panel_border};"
            f" border-radius:4px; {extra}{size} }}")
