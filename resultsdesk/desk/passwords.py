"""Passwords of a file desk's accounts: only salted scrypt hashes are kept, checked in
constant time; what a new password must be. (A server keeps its own SCRAM verifiers.)"""

from __future__ import annotations

import os
import unicodedata

from ..domain.identity import name_key
from ..domain.records import record
from .errors import DeskRefusal

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 1024


@record
class KdfParams:
    """scrypt's cost: n (CPU/memory), r (block size), p (parallelism). The default is
    OWASP's minimum for scrypt (about 32 MiB and a few tenths of a second per sign-in)."""

    n: int = 2 ** 15
    r: int = 8
    p: int = 3


DEFAULT_KDF = KdfParams()
_SALT_BYTES = 16
_HASH_BYTES = 32
_UNTYPABLE = frozenset({"Cc", "Zl", "Zp"})  # control characters, line and paragraph breaks


def _password_bytes(password: str) -> bytes:
    # NFC: the same password typed with a composed or a decomposed accent is the same.
    return unicodedata.normalize("NFC", password).encode("utf-8")


def _length(password: str) -> int:
    """A password's length as it is hashed (NFC), so its composed and decomposed spellings
    are as long as each other: measured as typed, a long one set composed did not sign in
    typed decomposed (twice the code points), and four decomposed accents made 8."""
    return len(unicodedata.normalize("NFC", password))


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    import hashlib  # here: OpenSSL loads for a sign-in, not for every command

    return hashlib.scrypt(_password_bytes(password), salt=salt, n=n, r=r, p=p,
                          maxmem=256 * r * (n + p + 2), dklen=_HASH_BYTES)


def hash_fields(password: str, kdf: KdfParams) -> dict:
    salt = os.urandom(_SALT_BYTES)
    return {"kdf": "scrypt", "kdf_n": kdf.n, "kdf_r": kdf.r, "kdf_p": kdf.p, "salt": salt,
            "password_hash": _scrypt(password, salt, kdf.n, kdf.r, kdf.p)}


def password_matches(row: dict | None, password: str) -> bool:
    """Whether `password` is the one `row` (an account's) holds the hash of; with no row,
    False, in the time a wrong password takes (an unknown or disabled account must not
    answer sooner)."""
    row = _DUMMY if row is None else row
    if _length(password) > MAX_PASSWORD_LENGTH:
        return False
    try:
        computed = _scrypt(password, row["salt"], row["kdf_n"], row["kdf_r"], row["kdf_p"])
    except (ValueError, TypeError, MemoryError):  # parameters damaged in the file
        return False
    import hmac

    return hmac.compare_digest(computed, bytes(row["password_hash"]))


# Compared against when the name is unknown or disabled, so that takes as long as a wrong
# password.
_DUMMY = {"salt": b"\0" * _SALT_BYTES, "kdf_n": DEFAULT_KDF.n, "kdf_r": DEFAULT_KDF.r,
          "kdf_p": DEFAULT_KDF.p, "password_hash": b"\0" * _HASH_BYTES}


def check_new_password(password: str, name: str) -> None:
    try:
        password.encode("utf-8")
    except UnicodeEncodeError:  # bytes that are no text, from a non-UTF-8 environment
        raise DeskRefusal("A password must be text: this one holds bytes that are not "
                          "UTF-8. Set it from a UTF-8 terminal.") from None
    if any(unicodedata.category(c) in _UNTYPABLE for c in password):
        # Such a password could come only from RESULTSDESK_NEW_PASSWORD (a file read whole
        # keeps its last line's end) and could never be typed again: Enter or Tab in the
        # sign-in box, the end of the line at the terminal's prompt.
        raise DeskRefusal("A password cannot hold a line break, tab or other control "
                          "character: nobody could type it at the sign-in.")
    length = _length(password)
    if length < MIN_PASSWORD_LENGTH:
        raise DeskRefusal(f"A password needs at least {MIN_PASSWORD_LENGTH} characters.")
    if length > MAX_PASSWORD_LENGTH:
        raise DeskRefusal(f"A password can be at most {MAX_PASSWORD_LENGTH} characters.")
    if name_key(password) == name_key(name):
        raise DeskRefusal("A password cannot be the account's name.")
