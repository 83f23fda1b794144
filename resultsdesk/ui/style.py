"""Colours and small painted things shared by the widgets."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from ..domain.model import Status
from ..domain.parties import FALLBACK_COLOUR
from ..paths import resources_dir

STATUS_COLOURS = {
    Status.AWAITING: "#6b6b6b",
    Status.PROVISIONAL: "#b36b00",  # amber: on screen, not yet on air
    Status.VERIFIED: "#1b7f3b",
}
TIE_COLOUR = "#c0392b"
ALERT_COLOUR = TIE_COLOUR  # what must not be missed: banners, failures, recount range
ERROR_COLOUR = "#b00020"  # a message saying what is wrong with what was typed or chosen
GOOD_COLOUR = STATUS_COLOURS[Status.VERIFIED]  # a message saying it worked
CAUTION_COLOUR = "#8a5300"  # warnings to accept, corrections waiting in the queue
RECOUNT_BACKGROUND = "#fde2e0"  # a results row in recount range
NO_PARTY_COLOUR = FALLBACK_COLOUR  # a party without a colour of its own
# The status bar while a failure or an alert is showing; "" puts it back.
ALERT_STATUS_BAR = f"QStatusBar {{ color:{ALERT_COLOUR}; font-weight:600; }}"
ALERT_BANNER = (f"QLabel {{ background:{ALERT_COLOUR}; color:white; font-weight:600; "
                "padding:4px; border-radius:3px; }")


def alert_html(text: str) -> str:
    """Words that must not be missed inside rich text ("RECOUNT UNDER WAY", "TIE")."""
    return f"<b style='color:{ALERT_COLOUR}'>{text}</b>"


def message_colour(error: bool) -> str:
    return ERROR_COLOUR if error else GOOD_COLOUR


def status_colour(status: Status, tie: bool = False) -> str:
    return TIE_COLOUR if tie else STATUS_COLOURS[status]


@lru_cache(maxsize=512)
def party_chip(colour: str, size: int = 12) -> QIcon:
    """A small rounded swatch in the party's colour, outlined so pale colours still show."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(QColor(0, 0, 0, 90))
    painter.drawRoundedRect(0.5, 0.5, size - 1, size - 1, 2, 2)
    painter.end()
    return QIcon(pixmap)


# Keyboard focus must always be visible (the desk works by keyboard): a 2 px ring in one
# colour on buttons, tick boxes, text fields and tables. Applied to the whole application
# (app.py); widgets with their own style sheet (the form's fields) include FOCUS_BORDER.
# The platform style shows no focus on a combo box, so combo boxes are styled whole (with
# their own arrow); spin boxes keep the style's own focus frame, and the line edits inside
# combo and spin boxes (frame false) are left alone.
FOCUS_COLOUR = "#1a66d6"
_ARROW = (resources_dir() / "icons" / "combo-arrow.svg").as_posix()
FOCUS_BORDER = f"border: 2px solid {FOCUS_COLOUR};"
FOCUS_RINGS = f"""
QPushButton {{ border: 1px solid #8d96a0; border-radius: 4px; background: #f7f8fa;
               padding: 4px 14px; min-height: 18px; }}
QPushButton:hover {{ background: #eef1f5; }}
QPushButton:pressed {{ background: #dde3ea; }}
QPushButton:disabled {{ color: #9aa0a6; border-color: #c8ccd1; }}
QPushButton:focus {{ {FOCUS_BORDER} padding: 3px 13px; background: #e8f0fe; }}
QCheckBox {{ border: 2px solid transparent; border-radius: 4px; padding: 2px 4px; }}
QCheckBox:focus {{ {FOCUS_BORDER} background: #e8f0fe; }}
QLineEdit[frame="true"] {{ border: 1px solid #8d96a0; border-radius: 3px; padding: 3px;
                           background: white; }}
QLineEdit[frame="true"]:focus {{ {FOCUS_BORDER} padding: 2px; }}
QLineEdit[frame="true"]:read-only {{ background: #f3f5f8; }}
QComboBox {{ border: 1px solid #8d96a0; border-radius: 3px; padding: 3px 6px;
             background: #f7f8fa; combobox-popup: 0; }}
QComboBox:focus {{ {FOCUS_BORDER} padding: 2px 5px; }}
QComboBox:disabled {{ color: #9aa0a6; background: #eef0f2; border-color: #c8ccd1; }}
QComboBox::drop-down {{ border: none; width: 20px; }}
QComboBox::down-arrow {{ image: url("{_ARROW}"); width: 10px; height: 6px; }}
QTableView, QTreeView {{ border: 2px solid #d0d5dc; }}
QTableView:focus, QTreeView:focus {{ {FOCUS_BORDER} }}
"""


# Complete style sheets (a widget's own sheet wins over the application's focus rings), so each
# says how it looks focused; the focused field keeps a mismatch's pink, with the focus ring.
NUMBER_STYLE = ("QLineEdit { font-size: 15px; padding: 3px; border: 1px solid #8d96a0;"
                " border-radius: 3px; background: white; }"
                f" QLineEdit:focus {{ {FOCUS_BORDER} padding: 2px; }}"
                " QLineEdit:read-only { background: #f3f5f8; }")
MISMATCH_STYLE = ("QLineEdit { font-size: 15px; padding: 2px; background: #ffd6d6;"
                  f" border: 2px solid {ALERT_COLOUR}; border-radius: 3px; }}"
                  f" QLineEdit:focus {{ {FOCUS_BORDER} }}")
WARNING_STYLE = (f"QCheckBox {{ color: {CAUTION_COLOUR}; font-weight: 600;"
                 " border: 2px solid transparent;"
                 " border-radius: 4px; padding: 3px 4px; }"
                 f" QCheckBox:focus {{ {FOCUS_BORDER} background: #fff3dc; }}")
