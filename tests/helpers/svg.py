"""Reading an SVG as a viewer would: each <use> with the place it is put and the style it
is drawn with, after inheritance from the groups around it."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

SVG = "{http://www.w3.org/2000/svg}"
HREF = "{http://www.w3.org/1999/xlink}href"


def css(text: str | None) -> dict[str, str]:
    return dict(part.split(": ", 1) for part in (text or "").split("; ") if part)


def placed_uses(path: Path, where: str | None = None) -> list[tuple]:
    """Every <use> of a defined path (under the group whose id starts with `where`, if
    given), sorted: (x, y, transform, the path data used, its style as drawn)."""
    root = ET.parse(path).getroot()
    defined = {e.get("id"): e for e in root.iter(f"{SVG}path") if e.get("id")}
    out: list[tuple] = []

    def walk(e, style, inside):
        style = {**style, **css(e.get("style"))}
        inside = inside or where is None or e.get("id", "").startswith(where)
        target = defined.get(e.get(HREF, "").lstrip("#"))
        if inside and e.tag == f"{SVG}use" and target is not None:
            d = re.sub(r"-0(?=\s)", "0", target.get("d") or "")  # -0 is 0
            drawn = {**style, **css(target.get("style"))}
            out.append((e.get("x", ""), e.get("y", ""), e.get("transform", ""), d,
                        tuple(sorted(drawn.items()))))
        for child in e:
            walk(child, style, inside)

    walk(root, {}, False)
    return sorted(out)


def without(path: Path, group: str) -> str:
    """The file's text less the group whose id starts with `group` (and its contents)."""
    text = path.read_text(encoding="utf-8")
    start = text.index(f'<g id="{group}')
    line = text.rindex("\n", 0, start) + 1
    closing = f"\n{text[line:start]}</g>\n"  # at the group's own indentation
    return text[:line] + text[text.index(closing, start) + len(closing):]
