"""Matplotlib figures from plain data; no Qt, so exports run headless."""
