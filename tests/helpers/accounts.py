"""Desk accounts for tests."""

from __future__ import annotations

from resultsdesk.desk.accounts import KdfParams

# Tests only: the default key derivation costs ~0.3 s a hash.
FAST = KdfParams(n=2 ** 10, r=8, p=1)
