"""Reading a HexJSON constituency layout (the Open Data Institute's format): one hex per seat,
keyed by GSS code, with its column `q` and row `r` on a grid whose `layout` says which rows
(or columns) are shifted.

    {"layout": "odd-r", "hexes": {"E14001074": {"n": "Barnsley North", "q": 57, "r": -23,
                                                 "region": "E12000003"}, ...}}

The 2024 layout names a seat's region by its GSS code (`region`); the 2010-2019 one by an
abbreviation (`a`: NE, SC, WA, ...). Either is kept as `region`. A file that is not such a
layout stops with one line naming the file and the field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..domain.errors import Cause
from ..domain.hexgrid import LAYOUTS
from .csvfile import MAX_IMPORT_BYTES, ImportFailure

REGION_FIELDS = ("region", "a")  # 2024 layouts, then the older odileeds ones


@dataclass(frozen=True, slots=True)
class HexCell:
    code: str  # GSS code
    name: str
    q: int  # column
    r: int  # row
    region: str = ""


@dataclass(frozen=True)
class HexLayout:
    """A whole layout: the grid kind and its hexes, in the file's order."""

    source: str  # the file's name, for messages
    layout: str  # one of domain.hexgrid.LAYOUTS
    hexes: tuple[HexCell, ...]

    @cached_property
    def by_code(self) -> dict[str, HexCell]:
        return {h.code: h for h in self.hexes}

    @cached_property
    def codes(self) -> frozenset[str]:
        return frozenset(self.by_code)


def _fail(path: Path, message: str) -> ImportFailure:
    return ImportFailure(path, message)


def _whole(path: Path, code: str, cell: dict, key: str) -> int:
    value = cell.get(key)
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise _fail(path, f"hex '{code}': field '{key}' is {json.dumps(value)}, "
                          "not a whole number")
    try:
        return int(value)
    except ValueError:
        raise _fail(path, f"hex '{code}': field '{key}' is '{value}', not a whole "
                          "number") from None


def parse_hexjson(path: str | Path, text: str) -> HexLayout:
    """The layout in `text` (the contents of `path`, named in messages)."""
    path = Path(path)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _fail(path, f"not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") \
            from None
    if not isinstance(doc, dict):
        raise _fail(path, "not a HexJSON layout: the file is not a JSON object")
    layout = doc.get("layout")
    if layout not in LAYOUTS:
        raise _fail(path, f"field 'layout' is {json.dumps(layout)}; a HexJSON layout is "
                          f"one of {', '.join(LAYOUTS)}")
    hexes = doc.get("hexes")
    if not isinstance(hexes, dict) or not hexes:
        raise _fail(path, "field 'hexes' is missing or empty: a HexJSON layout maps each "
                          "code to its hex")
    cells, seen = [], {}
    for code, cell in hexes.items():
        if not isinstance(cell, dict):
            raise _fail(path, f"hex '{code}' is {json.dumps(cell)}, not an object")
        q, r = _whole(path, code, cell, "q"), _whole(path, code, cell, "r")
        if (q, r) in seen:
            raise _fail(path, f"hex '{code}': q {q}, r {r} is also hex '{seen[q, r]}'")
        seen[q, r] = code
        name = cell.get("n", code)
        region = next((str(cell[k]) for k in REGION_FIELDS if cell.get(k)), "")
        cells.append(HexCell(str(code), str(name), q, r, region))
    return HexLayout(path.name, layout, tuple(cells))


def read_hexjson(path: str | Path) -> HexLayout:
    """The layout in the file at `path`; an ImportFailure naming the file (and the hex and
    field at fault) if it is missing, too big or not a HexJSON layout."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise _fail(path, f"larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB: not a "
                              "constituency layout")
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise ImportFailure(path, "no such file", cause=Cause.MISSING) from None
    except UnicodeDecodeError as exc:
        raise _fail(path, f"not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise ImportFailure(path, exc.strerror or str(exc), cause=Cause.IO) from None
    return parse_hexjson(path, text)
