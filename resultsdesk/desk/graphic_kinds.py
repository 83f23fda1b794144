"""The graphics a desk makes, by name: the one list the command line, the export and
publish dialogs and the watch folder share. Apart from `graphics` so that reading it does
not load matplotlib (the command line parses its arguments with it on every start)."""

from __future__ import annotations

KINDS = ("seats", "hemicycle", "shares", "card", "recounts", "summary", "timeline", "gains",
         "map")
