"""The summary strip's party chips on a 4K monitor at 200 % (where their picture, drawn at
twice their size, is shown a pixel for a pixel): the light edge goes all the way round,
corners too. Drawn with Qt's default bevelled join, each corner's outermost pixel kept the
party's colour: a red (blue, yellow) notch at every corner of every chip on the strip."""

from __future__ import annotations

import base64
import re

import pytest
from PySide6.QtGui import QImage

from resultsdesk.ui.summary_strip import CHIP_EDGE, _chip


def _picture(colour: str, width: int, height: int) -> QImage:
    html = _chip(colour, width, height)
    data = re.search(r"base64,([^']+)'", html).group(1)
    image = QImage()
    assert image.loadFromData(base64.b64decode(data), "PNG")
    return image


@pytest.mark.parametrize("size", [(12, 10), (15, 13), (21, 17)])
def test_a_chips_edge_goes_round_its_corners(qapp, size):
    image = _picture("#d50000", *size)
    w, h = image.width(), image.height()
    assert (w, h) == (2 * size[0], 2 * size[1])
    for x, y in ((0, 0), (w - 1, 0), (0, h - 1), (w - 1, h - 1)):
        assert image.pixelColor(x, y).name() == CHIP_EDGE, (x, y)
    # and the party's colour fills the rest, inside the edge
    assert image.pixelColor(w // 2, h // 2).name() == "#d50000"
    assert image.pixelColor(2, 2).name() == "#d50000"
