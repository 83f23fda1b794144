"""README: each graphic names ResultsDesk as its maker (PNG's Software, SVG's and PDF's
Creator), which is how a later, shorter export tells its own stale pages from a graphics
team's file named like one; and a PNG says 72 pixels to the inch (pHYs: 2,835 a metre).
Spelt out here: the writer and the reader of the mark share one function, so a change to
both went unnoticed by the pages' own tests."""

from __future__ import annotations

import re

import pytest
from PIL import Image

from resultsdesk import cli


@pytest.mark.parametrize("ext", ["png", "svg", "pdf"])
def test_every_graphic_file_names_resultsdesk_as_its_maker(night_db, tmp_path, capsys, ext):
    out = tmp_path / f"seats.{ext}"
    assert cli.main(["export", "seats", "--db", str(night_db), "--out", str(out),
                     "--size", "400x300"]) == 0
    if ext == "png":
        with Image.open(out) as im:
            assert im.info["Software"] == "ResultsDesk"
            assert im.size == (400, 300)
            assert [round(d) for d in im.info["dpi"]] == [72, 72]
    elif ext == "svg":
        text = out.read_text(encoding="utf-8")
        assert re.search(r"<dc:creator>\s*<cc:Agent>\s*<dc:title>ResultsDesk</dc:title>", text)
    else:
        assert b"/Creator (ResultsDesk)" in out.read_bytes()
