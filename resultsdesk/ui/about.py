"""Help > About: version, licence and the attributions the bundled data requires; Help > Open
log folder, for a problem report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFocusEvent
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from .. import APP_NAME, __version__
from .messages import tell
from .style import focus_border

ATTRIBUTION_HTML = """
<p>Contains Parliamentary information licensed under the
<a href="https://www.parliament.uk/site-information/copyright-parliament/open-parliament-licence/">Open
Parliament Licence v3.0</a> (House of Commons Library, general election 2017, 2019 and 2024
results).</p>
<p>Notional 2019 results on 2024 boundaries: estimates by Colin Rallings &amp; Michael Thrasher,
Prof. David Denver (Scotland) and Nicholas Whyte (Northern Ireland) for Sky News, PA, BBC News
and ITV News.</p>
<p>Constituency hex layouts &copy; 2024 Open Innovations (2024 boundaries) and &copy; 2017-
Open Innovations (2010&ndash;2019 boundaries, odileeds/hexmaps), MIT licence.</p>
<p>Party colours from the UK Parliament election results service (Open Parliament Licence).</p>
"""


def about_html() -> str:
    return (f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>An election-night results desk: declarations, two-person verification, "
            "live seat counts and broadcast graphics.</p>"
            "<p>Licensed under the MIT licence.</p>" + ATTRIBUTION_HTML)


class _LinkOnTab(QObject):
    """Tab into the box's text goes straight to its link, outlined (Qt's dotted ring, the
    text ringed round as every stop is), where Enter opens it: a label takes the focus
    first, showing nothing, and only the next Tab reached the link."""

    def eventFilter(self, label: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(event, QFocusEvent) \
                and event.reason() in (Qt.FocusReason.TabFocusReason,
                                       Qt.FocusReason.BacktabFocusReason):
            label.focusNextPrevChild(event.reason() == Qt.FocusReason.TabFocusReason)
        return False


def show_about(parent: QWidget) -> None:
    box = QMessageBox(parent)
    box.setObjectName("aboutBox")
    box.setWindowTitle(f"About {APP_NAME}")
    box.setTextFormat(box.textFormat().RichText)
    box.setText(about_html())
    # The licence's link by keyboard too (Tab from OK, Enter opens it): the style's flags
    # gave it to the mouse alone. OK keeps the focus the box opens with.
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
    box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Ok))
    text = box.findChild(QLabel, "qt_msgbox_label")
    if text is not None:
        text.installEventFilter(_LinkOnTab(box))
        # Ringed as every other stop is: Qt's dotted outline round the link alone, 1 px of
        # the text's colour, was hard to find on the dark theme.
        text.setStyleSheet("QLabel { border: 2px solid transparent; padding: 2px 6px; }"
                           f" QLabel:focus {{ {focus_border()} }}")
    box.exec()


def log_folder() -> Path:
    """The folder of the log this process writes (the data folder's `logs/` by default)."""
    from ..logs import log_file
    from ..paths import log_dir

    current = log_file()
    return current.parent if current is not None else log_dir()


def open_log_folder(parent: QWidget) -> bool:
    """Show the log folder in the desktop's file manager; if there is none to ask, say
    where it is instead."""
    folder = log_folder()
    folder.mkdir(parents=True, exist_ok=True)
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
        return True
    tell(parent, APP_NAME, f"The log is in {folder}", "information")
    return False
