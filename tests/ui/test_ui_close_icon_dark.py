"""A dialog's Close button in the dark theme (History, Export graphic, Keyboard shortcuts,
Publishing): the platform's close mark is near-black, 1.9:1 at best on the dark theme's
buttons, so the button read as "Close" beside a smudge. Its mark is drawn in the theme's
shade, as the docks' close marks are: at least 3:1 on the button (WCAG's for a graphic),
in either theme, on a 200 % screen too (an SVG, drawn at the screen's pixels)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialogButtonBox, QStyle

from resultsdesk.charts.theme import contrast_ratio
from resultsdesk.ui.app import application
from resultsdesk.ui.style import colours
from resultsdesk.ui.themes import app_theme


@pytest.fixture(params=["light", "dark"])
def chosen(request, qapp):
    application()
    app_theme().choose(request.param, save=False)
    yield request.param
    app_theme().choose("system", save=False)


@pytest.mark.parametrize("ratio", [1.0, 2.0])
def test_a_close_buttons_mark_reads_on_the_button(qtbot, chosen, ratio):
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    qtbot.addWidget(box)
    box.show()
    button = box.button(QDialogButtonBox.StandardButton.Close)
    # What the box puts on its button where the desktop shows buttons with icons (Linux;
    # offscreen Qt shows none): the style's close mark, as asked by the box.
    icon = box.style().standardIcon(QStyle.StandardPixmap.SP_DialogCloseButton, None, box)
    assert not icon.isNull()
    size = button.iconSize()
    image = icon.pixmap(size, ratio).toImage()
    assert image.size() == QSize(round(size.width() * ratio), round(size.height() * ratio))
    marks = [image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())]
    solid = [c for c in marks if c.alpha() > 200]
    assert solid, "no mark drawn"
    best = max(contrast_ratio(c.name(), colours().button) for c in solid)
    assert best >= 3.0, (chosen, best)
