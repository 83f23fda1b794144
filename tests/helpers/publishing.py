"""Waiting for the watch folder's next publish to start: the publisher starts one
`publisher.PUBLISH_AFTER_MS` after the news that asked for it (once the window has drawn
that news), on its `_soon` timer."""

from __future__ import annotations


def publish_started(qtbot, publisher, timeout: int = 5_000) -> None:
    """Until the publish asked for has started (its worker handed to `start`), or none was."""
    qtbot.waitUntil(lambda: not publisher._soon.isActive(), timeout=timeout)
