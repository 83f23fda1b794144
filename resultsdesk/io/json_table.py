"""Rows from a JSON file: a list of objects keyed by the CSV's column names, read as a CSV's
rows are (`csvfile.read_rows`), each named with the line its object starts on (a
pretty-printed file's row 6 was said to be on line 6, its value on line 141)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from json.decoder import WHITESPACE
from pathlib import Path

from .csvfile import MAX_FIELD, ImportFailure, Row, header_key


def _skip(text: str, i: int) -> int:
    """The first position from `i` that is not JSON whitespace (the json module's own
    pattern for it, as its decoder skips)."""
    return WHITESPACE.match(text, i).end()


class _Items:
    """The top-level JSON list read item by item, so each is known by the line it starts
    on; `row` is the item being read (1-based), for a message raised while reading it."""

    def __init__(self, decoder: json.JSONDecoder, text: str) -> None:
        self.decoder, self.text = decoder, text
        self.row, self.lines = 0, []

    def read(self) -> object:
        """The document: a list read item by item; anything else decoded whole (its own
        error, or a value the caller refuses as not a list of rows)."""
        text, decoder = self.text, self.decoder
        i = _skip(text, 0)
        if not text.startswith("[", i):
            return decoder.decode(text)
        items: list = []
        line, counted = 1, 0
        i = _skip(text, i + 1)
        if text.startswith("]", i):
            return decoder.decode(text)  # an empty list (or what follows it, refused)
        while True:
            line += text.count("\n", counted, i)
            counted = i
            self.row += 1
            self.lines.append(line)
            item, i = decoder.raw_decode(text, i)
            items.append(item)
            i = _skip(text, i)
            if text.startswith(",", i):
                i = _skip(text, i + 1)
                continue
            if text.startswith("]", i) and _skip(text, i + 1) == len(text):
                return items
            return decoder.decode(text)  # a comma missing, or more after the list


def json_rows(path: Path, text: str, required: Sequence[str],
               optional: Sequence[str]) -> tuple[list[str], Iterator[Row], int]:
    """The same rows from JSON: a list of objects keyed by the CSV's column names, each
    row named with the line its object starts on."""
    def unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
        # json keeps the last of two equal keys: {"Votes": 618, "Votes": 1} would import 1
        # unseen, where a CSV with two 'Votes' columns is refused.
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ImportFailure(path, "appears twice in one row; which is meant?",
                                    row=items.row or None, column=key,
                                    line=items.lines[-1] if items.row else None)
            seen.add(key)
        return dict(pairs)

    # A number with a fraction kept as written, as a CSV's cell is: as a float,
    # 618.00000000000001 became "618.0" and was taken as 618 votes, and 1e400 "inf".
    items = _Items(json.JSONDecoder(object_pairs_hook=unique_keys, parse_float=str), text)
    lines = items.lines
    try:
        data = items.read()
    except json.JSONDecodeError as exc:
        raise ImportFailure(path, f"is not valid JSON ({exc.msg} on line {exc.lineno})",
                            line=exc.lineno) from None
    except RecursionError:  # '[[[[…' nested deeper than Python's stack
        raise ImportFailure(path, "nests lists or objects thousands deep: it is not a "
                            "results file (a JSON list of objects, one per row)") from None
    except ValueError:  # an integer over 4,300 digits, which int() refuses to parse
        raise ImportFailure(path, "holds a number thousands of digits long: no count of "
                            "votes is that long") from None
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise ImportFailure(path, "should be a JSON list of objects, one per row")
    # Every row's keys, in the order first met: of the first row's alone, a column that
    # row left out (a writer leaving empty values out: no `Member MNIS ID` for a candidate
    # who is no MP) was not read in any row, every later row's value dropped unsaid.
    header = list(dict.fromkeys(k for r in data for k in r)) if data else list(required)
    # Keys spelt as check_header reads a CSV's header ("votes", "ONS  ID"), each row's.
    keys = {header_key(c): c for c in (*required, *optional)}
    rename = {k: keys[header_key(k)] for k in header
              if keys.get(header_key(k), k) != k}
    header = list(dict.fromkeys(rename.get(k, k) for k in header))  # ("votes" on one row)
    missing = [c for c in required if c not in header]
    if missing:
        names = ", ".join(f"'{c}'" for c in missing)
        raise ImportFailure(path, f"missing column{'s' if len(missing) > 1 else ''} {names}")
    wanted = [c for c in (*required, *optional) if c in header]

    def rows() -> Iterator[Row]:
        for number, obj in enumerate(data, start=1):
            if rename:
                obj = _renamed(path, obj, rename, number, lines[number - 1])
            absent = [c for c in wanted if c not in obj]
            if absent:
                raise ImportFailure(path, f"has no '{absent[0]}', which other rows have: "
                                    "give every row each key (\"\" where it is empty)",
                                    row=number, line=lines[number - 1])
            nested = next((c for c in wanted if isinstance(obj[c], (dict, list))), None)
            if nested is not None:  # ("{'first': 'Ann'}" would be recorded as a name)
                kind = "object" if isinstance(obj[nested], dict) else "list"
                raise ImportFailure(path, f"is a JSON {kind}, where one value belongs",
                                    row=number, column=nested, line=lines[number - 1])
            flag = next((c for c in wanted if isinstance(obj[c], bool)), None)
            if flag is not None:  # (recorded as the name "False", or quoted as 'True')
                raise ImportFailure(path, f"is JSON {'true' if obj[flag] else 'false'}, "
                                    "where a name or a figure belongs", row=number,
                                    column=flag, line=lines[number - 1])
            values = {c: "" if obj[c] is None else str(obj[c]) for c in wanted}
            long = next((c for c, v in values.items() if len(v) > MAX_FIELD), None)
            if long is not None:  # (as a CSV's cell is: no name or figure is that long)
                raise ImportFailure(path, f"has {len(values[long]):,} characters, over "
                                    "10,000: no name or figure is that long", row=number,
                                    column=long, line=lines[number - 1])
            yield Row(str(path), number, lines[number - 1], values)
    return header, rows(), max(len(data), 1)


def _renamed(path: Path, obj: dict, rename: dict[str, str], number: int, line: int) -> dict:
    """A JSON row with its keys as wanted; two keys for one column are refused, as a CSV
    header naming a column twice is."""
    out: dict = {}
    for key, value in obj.items():
        name = rename.get(key, key)
        if name in out:
            raise ImportFailure(path, "appears twice in one row; which is meant?",
                                row=number, column=name, line=line)
        out[name] = value
    return out


