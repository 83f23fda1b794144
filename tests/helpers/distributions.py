"""The distributions the app runs with, as installed: what the bundle must carry, name
and license (tests/packaging)."""

from __future__ import annotations

import importlib.metadata as metadata
import re
import tomllib

from helpers.locations import ROOT


def normalised(name: str) -> str:
    """A distribution's name as PyPI compares them (PEP 503): "PySide6_Essentials" is
    "pyside6-essentials"."""
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_distributions() -> set[str]:
    """pyproject's dependencies and, in turn, what each requires (with the extras asked for;
    markers evaluated for this Python), by normalised name."""
    from packaging.requirements import Requirement

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    todo = [Requirement(d) for d in deps["project"]["dependencies"]]
    seen: set[tuple[str, frozenset[str]]] = set()
    while todo:
        req = todo.pop()
        if req.marker is not None and not req.marker.evaluate({"extra": ""}):
            continue
        key = (normalised(req.name), frozenset(req.extras))
        if key in seen:
            continue
        seen.add(key)
        for line in metadata.requires(req.name) or []:
            sub = Requirement(line)
            if sub.marker is not None:
                wanted = [e for e in req.extras if sub.marker.evaluate({"extra": e})]
                if not (wanted or sub.marker.evaluate({"extra": ""})):
                    continue
                sub.marker = None
            todo.append(sub)
    return {name for name, _ in seen}
