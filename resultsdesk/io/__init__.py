"""Importers and exporters: files in, plain checked records out (no database access here)."""

from .csvfile import ImportFailure

__all__ = ["ImportFailure"]
