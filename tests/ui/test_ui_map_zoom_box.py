"""The Map dock's zoom list reads whole: on a dock, where the map's subtitle is left out
because "the map's zoom list shows its focus" (README, The live desk), the box showed "Nor"
for Northern Ireland, North East and North West alike, as it was sized at first show for
the one item it then had ("UK"), before the nations and regions were known."""

from __future__ import annotations

from PySide6.QtWidgets import QStyle, QStyleOptionComboBox


def _field_width(zoom) -> int:
    """The width the box gives its current text (between its frame and its arrow)."""
    option = QStyleOptionComboBox()
    zoom.initStyleOption(option)
    return zoom.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                       QStyle.SubControl.SC_ComboBoxEditField, zoom).width()


def test_every_zoom_choice_reads_whole_in_the_box(qtbot, main_window, night_db):
    window = main_window(night_db, user="editor")
    dock = window.findChild(type(window.chart_docks[0]), "mapDock")
    dock.show()
    dock.raise_()
    view = window.map_view
    qtbot.waitUntil(lambda: view.zoom.count() > 5, timeout=5000)  # laid out on show
    zoom = view.zoom
    assert zoom.width() < dock.width()  # a dock's room, the box in it
    metrics = zoom.fontMetrics()
    texts = [zoom.itemText(i) for i in range(zoom.count())]
    longest = max(texts, key=metrics.horizontalAdvance)  # "Yorkshire and The Humber"
    zoom.setCurrentIndex(texts.index(longest))
    qtbot.waitUntil(lambda: metrics.horizontalAdvance(longest) <= _field_width(zoom),
                    timeout=3000)  # (the box is laid out again on the event loop)
    cut = [t for t in texts if metrics.horizontalAdvance(t) > _field_width(zoom)]
    assert not cut, f"read cut short in a box {zoom.width()} px wide: {cut}"
