"""What a written graphic must be: whole (PNG, SVG or PDF), at the size asked for, with no
temporary file left beside it. Shared by the graphics export tests and the CLI's."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image


def check_file(path: Path, fmt: str, size: tuple[int, int]) -> None:
    assert path.exists() and path.stat().st_size > 1000
    if fmt == "png":
        with Image.open(path) as im:
            assert im.format == "PNG" and im.size == size
    elif fmt == "svg":
        root = ET.parse(path).getroot()
        assert root.tag.endswith("svg")
        # the size asked for, in CSS pixels (in points, an HD picture was placed as
        # 1843 x 1037 by a browser or a CasparCG template); the drawing in its viewBox
        assert (root.get("width"), root.get("height")) == (f"{size[0]}px", f"{size[1]}px")
        _, _, w, h = (float(v) for v in root.get("viewBox").split())
        assert w / h == pytest.approx(size[0] / size[1], rel=1e-3)
    else:
        data = path.read_bytes()
        assert data.startswith(b"%PDF") and b"%%EOF" in data[-64:]
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
