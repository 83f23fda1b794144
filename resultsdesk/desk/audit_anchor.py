"""A head hash written down or published earlier (an anchor), as the audit check reads it:
one mistyped or cut short could never be found in the chain, so it is refused before
anything is read rather than calling an intact chain rewritten."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..domain.errors import Cause
from .errors import DeskRefusal


class BadAnchor(DeskRefusal):
    """An anchor that is no head hash (cut short, mistyped): it could never be found in the
    chain, so comparing with it would call an intact chain rewritten. Nothing was checked."""

    cause = Cause.BAD_INPUT


_HASH = re.compile(r"[0-9a-f]{64}")
_PREFIX = "sha256:"


def anchor_hash(text: str) -> str:
    """A head hash as written down or published: exactly 64 hexadecimal digits, capitals
    or not, with or without a leading "sha256:"; returned as the chain stores it (lowercase).
    Anything else is a `BadAnchor`."""
    value = text.strip().lower()
    if value.startswith(_PREFIX):
        value = value[len(_PREFIX):]
    if _HASH.fullmatch(value):
        return value
    shown = text if len(text) <= 80 else f"{text[:72]}…"
    raise BadAnchor(f"'{shown}' is not a head hash ({len(value)} characters): one is exactly "
                    "64 hexadecimal digits (0-9, a-f), as the audit check prints it after "
                    "'head hash:'; nothing was checked")


def anchor_hashes(anchors: Iterable[str]) -> set[str]:
    """The anchors as the chain stores hashes (`anchor_hash`, each refused if it is none)."""
    return {anchor_hash(a) for a in anchors}
