"""The size an exported graphic comes out at when a layout or playout tool places it: a PNG
says 72 pixels to the inch in its pHYs chunk at every size (it said the dpi its type was
drawn at: 100 for HD, 126.5 for a square, 59.99 for a thumbnail), and a PDF's page is a
point a pixel (it was the figure's inches: HD 1382.4 x 777.6 pt), scaled down whole where
a side would pass the 14,400 pt (200 inches) Acrobat and the PDF standard allow a page (a
200 x 16,384 strip's page was 19,661 pt tall). Its drawing is the same, scaled onto the
page; a PNG's pixels are the same as they were."""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from helpers.seats import HENDON
from PIL import Image

from resultsdesk.charts.export import at_size, render
from resultsdesk.desk import graphics
from resultsdesk.store import Store

SIZES = ["hd", "square", "vertical", "300x200", "1281x719"]


def phys(path: Path) -> tuple[int, int, int]:
    """The pHYs chunk of a PNG: pixels per unit across, down, and the unit (1 = metre)."""
    with Image.open(path) as im:
        im.load()
        assert im.info["dpi"] == pytest.approx((72, 72), abs=0.01)  # as PIL reads it
    data = path.read_bytes()
    at = data.index(b"pHYs")
    return struct.unpack(">IIB", data[at + 4:at + 13])


def media_box(path: Path) -> list[float]:
    boxes = re.findall(rb"/MediaBox\s*\[\s*([^\]]*)\]", path.read_bytes())
    assert len(boxes) == 1
    return [float(v) for v in boxes[0].split()]


def page_content(path: Path) -> bytes:
    """The page's content stream, inflated (the first stream of the file: matplotlib
    writes the page's before any font or image)."""
    data = path.read_bytes()
    start = data.index(b"stream", data.index(b"/MediaBox")) + len(b"stream")
    start += 2 if data[start:start + 2] == b"\r\n" else 1
    end = data.index(b"endstream", start)
    return zlib.decompress(data[start:end])


@pytest.fixture(scope="module")
def chart(_night_2024):
    """The seats graphic of the whole 2024 night (read only: the session's own copy)."""
    with Store(_night_2024) as store:
        yield graphics.chart_for("seats", graphics.night_state(store), store,
                                 constituency=HENDON)


@pytest.mark.parametrize("size", SIZES)
def test_a_png_says_72_pixels_to_the_inch(chart, tmp_path, size):
    path = render(chart, tmp_path / "seats.png", size)
    assert phys(path) == (2835, 2835, 1)  # 72 dpi is 2,834.6 pixels a metre


def test_the_png_s_pixels_are_those_its_figure_draws(chart, tmp_path):
    """The tag is all that changed: the pixels are the figure's at its export dpi."""
    path = render(chart, tmp_path / "seats.png", "square")
    with at_size(chart, "square"):
        chart.figure.canvas.draw()
        drawn = np.asarray(chart.figure.canvas.buffer_rgba())[..., :3]
    with Image.open(path) as im:
        assert np.array_equal(np.asarray(im.convert("RGB")), drawn)


@pytest.mark.parametrize(("size", "page"), [
    ("hd", (1920, 1080)), ("square", (1080, 1080)), ("vertical", (1080, 1920)),
    ("300x200", (300, 200)), ("14400x2000", (14400, 2000)),
    # past 14,400 pt the whole page is scaled down to it, its proportions kept
    ("200x16384", (200 * 14400 / 16384, 14400)),
    ("16384x2025", (14400, 2025 * 14400 / 16384)),
])
def test_a_pdf_page_is_a_point_a_pixel_and_at_most_14400_pt(chart, tmp_path, size, page):
    path = render(chart, tmp_path / "seats.pdf", size)
    x0, y0, w, h = media_box(path)
    assert (x0, y0) == (0, 0) and (w, h) == pytest.approx(page, abs=1e-3)
    assert max(w, h) <= 14_400


@pytest.mark.parametrize("size", ["hd", "200x16384"])
def test_a_pdf_s_drawing_fills_its_page(chart, tmp_path, size):
    """Scaled whole onto the page: the figure's background, its first shape, drawn in the
    figure's points, covers the page exactly once the page's scale is applied."""
    path = render(chart, tmp_path / "seats.pdf", size)
    _, _, w, h = media_box(path)
    content = page_content(path).decode("latin-1")
    scale = re.search(r"([\d.]+) 0 0 ([\d.]+) 0 0 cm", content)
    assert scale and scale.group(1) == scale.group(2)  # one scale: nothing stretched
    background = re.search(r"0 0 m\s+([\d.]+) 0 l\s+\1 ([\d.]+) l\s+0 \2 l", content)
    assert background and scale.start() < background.start()
    s = float(scale.group(1))
    assert float(background.group(1)) * s == pytest.approx(w, abs=0.01)
    assert float(background.group(2)) * s == pytest.approx(h, abs=0.01)
