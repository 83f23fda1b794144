"""Counting the dots a frame draws: a verification should redraw the few around the seat
that changed, not the chamber's every seat."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def dots_drawn(renderer) -> Iterator[list[int]]:
    """While inside, the number of places of each collection `renderer` draws (one entry per
    `draw_path_collection` call), in a list the caller may clear between frames."""
    real = renderer.draw_path_collection
    drawn: list[int] = []

    def counting(gc, master, paths, transforms, offsets, *rest, **kwargs):
        drawn.append(len(offsets))
        return real(gc, master, paths, transforms, offsets, *rest, **kwargs)

    renderer.draw_path_collection = counting
    try:
        yield drawn
    finally:
        del renderer.draw_path_collection  # the class's own again
