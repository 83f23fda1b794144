"""What the screen's text machinery keeps between draws (`_glyphs`, `_words`, `_text`):
bounded stores, and the fonts their keys name by id."""

from __future__ import annotations

from typing import Any

MAX_KEPT = 20_000  # measures, layouts, glyphs or words; past this a store starts afresh
# The fonts keyed by id, kept alive so that an id in a key is never another font's.
FONTS: dict[int, Any] = {}


def keep_bounded(store: dict, key: tuple, value: Any, limit: int = MAX_KEPT) -> Any:
    """`store[key] = value`, the store emptied first once it holds more than `limit`
    (what a process keeps of measures, layouts and glyphs stays bounded); returns value."""
    if len(store) > limit:
        store.clear()
    store[key] = value
    return value
