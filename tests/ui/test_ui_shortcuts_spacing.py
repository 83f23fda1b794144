"""Help > Keyboard shortcuts leaves room between a key and what it does, as the app's tables
leave between their columns. Fitted to the keys alone, "Ctrl+Tab, Ctrl+Shift+Tab" ended 7 px
before "The same": one line of words, not a key beside its description."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QStyle

from resultsdesk.ui import sizing


def _inked(image: QImage, x: int, top: int, bottom: int, paper: QColor) -> bool:
    """Whether column `x` of the row has text drawn in it (far from the row's own colour)."""
    for y in range(top, bottom):
        c = image.pixelColor(x, y)
        if abs(c.lightness() - paper.lightness()) > 70:
            return True
    return False


def test_keys_and_descriptions_are_columns_apart(qtbot, main_window, night_db, theme):
    window = main_window(night_db, user="alice")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.table, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: getattr(window, "shortcuts_dialog", None) is not None
                    and window.shortcuts_dialog.isActiveWindow())
    tree = window.shortcuts_dialog.tree
    metrics = tree.fontMetrics()
    rows = [tree.topLevelItem(g).child(i) for g in range(tree.topLevelItemCount())
            for i in range(tree.topLevelItem(g).childCount())]
    widest = max(rows, key=lambda item: metrics.horizontalAdvance(item.text(0)))
    tree.scrollToItem(widest)
    does = tree.visualRect(tree.indexFromItem(widest, 1))
    keys = tree.visualRect(tree.indexFromItem(widest, 0))
    image = tree.viewport().grab().toImage()
    paper = image.pixelColor(does.right() - 3, does.center().y())  # past the description
    top, bottom = keys.top() + 2, keys.bottom() - 1
    key_end = max(x for x in range(keys.left(), keys.right() + 1)
                  if _inked(image, x, top, bottom, paper))
    text_start = min(x for x in range(does.left(), does.left() + 40)
                     if _inked(image, x, top, bottom, paper))
    # What a table leaves between two columns' texts: each cell's margin, and SLACK.
    margin = tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, tree) + 1
    apart = text_start - key_end - 1
    assert apart >= sizing.SLACK + 2 * margin - 1, apart  # (a glyph's own side bearing)
