"""Help > About: version, licence and the attributions the bundled data requires."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from .. import APP_NAME, __version__

ATTRIBUTION_HTML = """
<p>Contains Parliamentary information licensed under the
<a href="https://www.parliament.uk/site-information/copyright-parliament/open-parliament-licence/">Open
Parliament Licence v3.0</a> (House of Commons Library, general election 2024 results).</p>
<p>Notional 2019 results on 2024 boundaries: estimates by Colin Rallings &amp; Michael Thrasher,
Prof. David Denver (Scotland) and Nicholas Whyte (Northern Ireland) for Sky News, PA, BBC News
and ITV News.</p>
<p>Constituency hex layout &copy; 2024 Open Innovations, MIT licence.</p>
<p>Party colours from the UK Parliament election results service (Open Parliament Licence).</p>
"""


def about_html() -> str:
    return (f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>An election-night results desk: declarations, two-person verification, "
            "live seat counts and broadcast graphics.</p>"
            "<p>Licensed under the MIT licence.</p>" + ATTRIBUTION_HTML)


def show_about(parent: QWidget) -> None:
    box = QMessageBox(parent)
    box.setObjectName("aboutBox")
    box.setWindowTitle(f"About {APP_NAME}")
    box.setTextFormat(box.textFormat().RichText)
    box.setText(about_html())
    box.exec()
