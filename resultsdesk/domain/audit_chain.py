"""The audit log's hash chain, as pure rules any store (SQLite today, PostgreSQL later) must
compute byte for byte the same way.

Canonical form: JSON with keys sorted by Unicode code point, no whitespace (separators ","
and ":"), non-ASCII characters written as themselves (not \\u escapes), UTF-8 encoded; only
strings, integers, booleans, null, lists and objects appear (never floats). SHA-256 of that,
as 64 lower-case hex digits.

- An entry's hash covers its id, time, user, action, entity, entity key, details (the parsed
  JSON value of the stored text) and the hash of the entry before it; the first entry chains
  to GENESIS_HASH. Changing, removing or inserting an entry breaks every link after it.
- An entry that creates (or verifies) a declaration version records, in its details, the
  digest of that version's figures (`figures_digest`): so the chain also covers the figures
  in `declarations` and `declaration_votes`, which live outside the log.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

GENESIS_HASH = "0" * 64

# The keys an audit entry's details use to seal a declaration's figures.
SEAL_ID = "declaration_id"
SEAL_DIGEST = "figures_sha256"
# The key a file's verifying entry records the version's verification time under (a
# server's entry is stamped by the same clock reading as the change, so needs none).
VERIFIED_AT = "verified_at"
# The entries that say who verified a version: a verification, and an import of figures
# already verified (a results file, a rehearsal's delivery).
VOUCHING_ACTIONS = ("verify", "import declaration")
# The entry the schema migration writes to seal figures that existed before the chain did.
CHAIN_STARTED = "audit chain started"
# The entry an import writes for the known electorates it changes (desk/import_electorates,
# and migration 55 on a server).
ELECTORATES_CHANGED = "change electorates"
# The entry by which an admin accepts the log as it stands, after a check found gone from
# it the newest entry a PC had seen (desk/audit_accept).
LOG_ACCEPTED = "accept rewritten log"
# The key under which a file's import entry records what every figure is read as on air,
# as the import leaves it: the parties by id ([abbreviation, name, colour]) and digests of
# the seats with their ballot papers and of the baseline (`store.audit_chain.roll`). A
# seal names candidates and parties by id only; these tables change only by an import.
ROLL = "roll"


def json_encoder(*, separators: tuple[str, str], allow_nan: bool) -> Callable[[Any], str]:
    """`json.dumps(value, sort_keys=True, ensure_ascii=False, separators=..., allow_nan=...)`
    as a function made once. `json.dumps` with options builds a new encoder, and the C
    encoder inside it, on every call: a third of the time of encoding an audit entry (an
    import encodes 2,600). This is that C encoder, made once and called as
    `JSONEncoder.encode` calls it, so the text is the same to the byte; where there is no C
    encoder (or its arguments differ), `JSONEncoder.encode`, made once."""
    encoder = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=separators,
                               allow_nan=allow_nan)
    make = getattr(json.encoder, "c_make_encoder", None)
    try:
        # No markers (the circular-reference check): a value of ours never contains itself.
        chunks = make(None, encoder.default, json.encoder.encode_basestring, None,
                      encoder.key_separator, encoder.item_separator, True, False, allow_nan)
    except TypeError:  # None, or another signature
        return encoder.encode
    join = "".join
    # A top-level str is encoded by JSONEncoder.encode's own shortcut; the same text.
    return lambda value: join(chunks(value, 0)) if type(value) is not str \
        else encoder.encode(value)


_CANONICAL = json_encoder(separators=(",", ":"), allow_nan=False)


def canonical_json(value: Any) -> bytes:
    return _CANONICAL(value).encode("utf-8")


def sha256_hex(value: Any) -> str:
    # Imported here: OpenSSL loads on the first seal, never for a command that only reads.
    import hashlib

    return hashlib.sha256(canonical_json(value)).hexdigest()


def details_value(text: str | None) -> Any:
    """The details column as hashed: its parsed JSON, or the text itself if it is not JSON
    (so even a damaged entry has one well-defined hash)."""
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def entry_hash(*, id: int, at: str, user: str, action: str, entity: str, entity_key: str,
               details: Any, prev_hash: str) -> str:
    """The hash of one audit entry; `details` is the parsed value (see `details_value`)."""
    return sha256_hex({"id": id, "at": at, "user": user, "action": action, "entity": entity,
                       "entity_key": entity_key, "details": details, "prev_hash": prev_hash})


@dataclass(frozen=True, slots=True)
class DeclarationFigures:
    """What a declaration version says, as saved: everything but its workflow state
    (status, who verified it and when, how, and the reviewer's note may change later)."""

    declaration_id: int
    constituency: str  # GSS code
    version: int
    kind: str
    count_number: int
    votes: tuple[tuple[int, int, int], ...]  # (candidate id, the candidate's party id, votes)
    invalid_votes: int | None
    electorate: int | None
    total_as_read: int | None
    tie_winner_candidate_id: int | None
    declared_at: str | None
    entered_by: str
    entered_at: str
    source: str
    reason: str | None
    overrides: Sequence[str]

    def canonical(self) -> dict[str, Any]:
        return {
            "declaration_id": self.declaration_id, "constituency": self.constituency,
            "version": self.version, "kind": self.kind, "count_number": self.count_number,
            "votes": [list(v) for v in sorted(self.votes)],
            "invalid_votes": self.invalid_votes, "electorate": self.electorate,
            "total_as_read": self.total_as_read,
            "tie_winner_candidate_id": self.tie_winner_candidate_id,
            "declared_at": self.declared_at, "entered_by": self.entered_by,
            "entered_at": self.entered_at, "source": self.source, "reason": self.reason,
            "overrides": list(self.overrides),
        }


def figures_digest(figures: DeclarationFigures) -> str:
    return sha256_hex(figures.canonical())


def seal(figures: DeclarationFigures) -> dict[str, Any]:
    """What an audit entry's details carry to bind it to a version's figures."""
    return {SEAL_ID: figures.declaration_id, SEAL_DIGEST: figures_digest(figures)}


# An account's stored credential on a file (`desk.passwords.hash_fields`), by column, in
# the order its seal digests them.
CREDENTIAL_COLUMNS = ("kdf", "kdf_n", "kdf_r", "kdf_p", "salt", "password_hash")
PASSWORD_SEAL = "password_seal"  # the entry's detail that seals it


def credential_seal(fields: dict[str, Any]) -> str:
    """A digest of an account's stored credential, for the audit entry that set it: the
    check finds a hash copied into the file by hand (someone's own password given to bob's
    account, to verify as bob) no longer the one the entry sealed. Of a salted KDF hash, so
    it tells nothing of the password, nor lets one be tried against it."""
    return sha256_hex([f.hex() if isinstance(f, bytes) else f
                       for f in (fields[name] for name in CREDENTIAL_COLUMNS)])
