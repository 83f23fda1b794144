"""Reading HexJSON layouts: the two bundled ones whole, and a bad file stopped with one line
naming the file and the field."""

from __future__ import annotations

import json

import pytest

from resultsdesk.io.hexjson import parse_hexjson, read_hexjson
from resultsdesk.io.hoc_constituencies import read_constituency_figures
from resultsdesk.paths import (
    CONSTITUENCIES_2019,
    CONSTITUENCIES_2024,
    HEXMAP,
    HEXMAP_2010,
    data_file,
)


@pytest.mark.parametrize(("hexmap", "results"), [(HEXMAP, CONSTITUENCIES_2024),
                                                 (HEXMAP_2010, CONSTITUENCIES_2019)])
def test_the_bundled_layouts_hold_every_seat_of_their_elections(hexmap, results):
    layout = read_hexjson(data_file(hexmap))
    assert layout.layout == "odd-r" and len(layout.hexes) == 650
    assert layout.codes == set(read_constituency_figures(data_file(results)))
    assert len({(h.q, h.r) for h in layout.hexes}) == 650
    assert all(h.region for h in layout.hexes)  # `region` in 2024, `a` before


def test_the_2024_layout_names_match_the_results():
    layout = read_hexjson(data_file(HEXMAP))
    names = {c.code: c.name for c in
             read_constituency_figures(data_file(CONSTITUENCIES_2024)).values()}
    assert {h.code: h.name for h in layout.hexes} == names


GOOD = {"layout": "odd-r", "hexes": {"E1": {"n": "One", "q": 0, "r": 0},
                                     "E2": {"n": "Two", "q": "1", "r": 0}}}


def _bad(tmp_path, doc) -> str:
    path = tmp_path / "bad.hexjson"
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    with pytest.raises(Exception) as caught:
        read_hexjson(path)
    message = str(caught.value)
    assert "\n" not in message and message.startswith("bad.hexjson")
    assert type(caught.value).__name__ == "ImportFailure"
    return message


def test_a_good_small_layout(tmp_path):
    layout = parse_hexjson(tmp_path / "x.hexjson", json.dumps(GOOD))
    assert [(h.code, h.q, h.r) for h in layout.hexes] == [("E1", 0, 0), ("E2", 1, 0)]


def test_bad_files_say_which_file_and_field(tmp_path):
    assert "not JSON" in _bad(tmp_path, "{not json")
    assert "field 'layout'" in _bad(tmp_path, {**GOOD, "layout": "hexagonal"})
    assert "field 'hexes'" in _bad(tmp_path, {"layout": "odd-r"})
    q = _bad(tmp_path, {"layout": "odd-r", "hexes": {"E1": {"q": "left", "r": 0}}})
    assert "hex 'E1'" in q and "field 'q'" in q and "'left'" in q
    r = _bad(tmp_path, {"layout": "odd-r", "hexes": {"E1": {"q": 1}}})
    assert "hex 'E1'" in r and "field 'r' is null" in r
    twice = _bad(tmp_path, {"layout": "even-q", "hexes": {"E1": {"q": 1, "r": 2},
                                                          "E2": {"q": 1, "r": 2}}})
    assert "hex 'E2'" in twice and "also hex 'E1'" in twice
    assert "not an object" in _bad(tmp_path, {"layout": "odd-r", "hexes": {"E1": 3}})
    assert "not a JSON object" in _bad(tmp_path, "[1, 2]")


def test_a_missing_file(tmp_path):
    with pytest.raises(Exception, match=r"^nothing\.hexjson: no such file$"):
        read_hexjson(tmp_path / "nothing.hexjson")
