"""How many blind re-keys of one version a person may get wrong.

A re-key that does not match names the figures that differ (the form highlights them), so
with unlimited tries a verifier could find an entry's figures by guessing, one field at a
time, and verify a seat without its sheet: an earlier review did, 1,201 committed tries in
23 s, every one in the audit log and the chain still intact. After this many misses of a
version the same person is refused; another person verifies it, or it is rejected and keyed
again (a new version, whose tries start afresh). A file's desk and the server (migration 41)
apply the same number.
"""

from __future__ import annotations

REKEY_MISMATCHES_ALLOWED = 3


def rekeys_used_up(failed: int) -> bool:
    """Whether a person who has failed `failed` re-keys of a version may not try again."""
    return failed >= REKEY_MISMATCHES_ALLOWED


def rekey_tries_left(failed: int) -> int:
    return max(0, REKEY_MISMATCHES_ALLOWED - failed)
