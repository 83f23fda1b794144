"""Python calls of the server's write functions, one each, with the desk's argument names.

Each call is one statement: on an autocommit connection it is its own transaction (the
function's work and its audit entry land together or not at all); inside `conn.transaction()`
or `errors.retrying` it joins that transaction. Refusals arrive as psycopg errors whose
`sqlstate` is one of `errors.DESK_SQLSTATES`, with the desk's message in `errors.message`.
The acting user is whoever the connection signed in as: no call takes a user name.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

CHANNEL = "resultsdesk"  # every write function NOTIFYs it with the change number
# Python lists travel as arrays of the smallest fitting type: say which the function takes.
_CASTS = {"votes": "::integer[]", "overrides": "::text[]", "order": "::text[]",
          "expected": "::text[]"}


def _named(args: dict[str, Any]) -> str:
    return ", ".join(f"p_{name} => %({name})s{_CASTS.get(name, '')}" for name in args)


def _call(conn: psycopg.Connection, function: str, **args: Any) -> Any:
    """SELECT resultsdesk.function(p_name => value, ...) and return the single value."""
    row = conn.execute(f"SELECT resultsdesk.{function}({_named(args)})", args).fetchone()
    return row[0] if row else None


@dataclass(frozen=True, slots=True)
class Saved:
    """A new version's number and the seat as the save left it (`sheet`: rows shaped as
    store.declarations reads them, see `seat_rows`)."""

    version: int
    sheet: SeatRows


@dataclass(frozen=True, slots=True)
class SeatRows:
    """The seat after a change, as the server's function read it in the same transaction:
    its constituencies row and its versions, each with `votes` by candidate id and
    `overrides` as a list (what `store.declarations.versions` returns on either store)."""

    constituency: dict[str, Any]
    versions: list[dict[str, Any]]


def seat_rows(sheet: dict[str, Any] | None) -> SeatRows | None:
    """The server's `rd_sheet` JSON as the read modules' rows (JSON keys are text)."""
    if sheet is None:
        return None
    versions = []
    for row in sheet["versions"]:
        row = dict(row)
        row["votes"] = {int(k): v for k, v in row["votes"].items()}
        row["overrides"] = json.loads(row["overrides"] or "[]")
        versions.append(row)
    return SeatRows(sheet["constituency"], versions)


def _saved(conn: psycopg.Connection, function: str, **args: Any) -> Saved:
    """A save function's (version, sheet), in the one statement that saves. No count
    expected is sent as none at all: the same to the function, and a call a server
    short of migration 37 still takes (while `prepare` upgrades it)."""
    if args.get("expected_count", 0) is None:
        del args["expected_count"]
    row = conn.execute(f"SELECT version, sheet FROM resultsdesk.{function}({_named(args)})",
                       args).fetchone()
    return Saved(row[0], seat_rows(row[1]))


def _ints(values: Sequence[int] | None) -> list[int] | None:
    return None if values is None else [int(v) for v in values]


def scram_verifier(conn: psycopg.Connection, user: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier of a password, made here by libpq: the server stores it
    as it is, so the password itself never travels or appears in any server log."""
    return conn.pgconn.encrypt_password(password.encode(), user.encode(),
                                        b"scram-sha-256").decode()


def declare(conn: psycopg.Connection, seat: str, votes: Sequence[int], invalid: int | None, *,
            total_as_read: int | None = None, electorate: int | None = None,
            expected_version: int | None = None, overrides: Sequence[str] = (),
            tie_winner: int | None = None, note: str | None = None, source: str = "desk",
            declared_at: str | None = None, expected_count: int | None = None) -> int:
    """Figures (ballot order) as a provisional declaration; returns the new version.
    `expected_count`: the seat's count they were typed for, refused (RD001) if a recount
    was called since (migration 37)."""
    return declare_saved(conn, seat, votes, invalid, total_as_read=total_as_read,
                         electorate=electorate, expected_version=expected_version,
                         overrides=overrides, tie_winner=tie_winner, note=note,
                         source=source, declared_at=declared_at,
                         expected_count=expected_count).version


def declare_saved(conn: psycopg.Connection, seat: str, votes: Sequence[int],
                  invalid: int | None, *, total_as_read: int | None = None,
                  electorate: int | None = None, expected_version: int | None = None,
                  overrides: Sequence[str] = (), tie_winner: int | None = None,
                  note: str | None = None, source: str = "desk",
                  declared_at: str | None = None, expected_count: int | None = None) -> Saved:
    """`declare`, with the seat as the save left it."""
    return _saved(conn, "declare", seat=seat, votes=_ints(votes), invalid=invalid,
                  total_as_read=total_as_read, electorate=electorate,
                  expected_version=expected_version, overrides=list(overrides),
                  tie_winner=tie_winner, note=note, source=source, declared_at=declared_at,
                  expected_count=expected_count)


def correct(conn: psycopg.Connection, seat: str, votes: Sequence[int], invalid: int | None, *,
            reason: str, expected_version: int | None = None, overrides: Sequence[str] = (),
            tie_winner: int | None = None, total_as_read: int | None = None,
            electorate: int | None = None, source: str = "desk",
            expected_count: int | None = None, correcting: int | None = None) -> int:
    """A new version of a verified result, awaiting verification; returns its version.
    `expected_count`: as for `declare`. `correcting`: the verified version the figures
    correct, refused (RD001) if the seat has another verified now (migration 74; None: no
    check, and not sent)."""
    return correct_saved(conn, seat, votes, invalid, reason=reason,
                         expected_version=expected_version, overrides=overrides,
                         tie_winner=tie_winner, total_as_read=total_as_read,
                         electorate=electorate, source=source,
                         expected_count=expected_count, correcting=correcting).version


def correct_saved(conn: psycopg.Connection, seat: str, votes: Sequence[int],
                  invalid: int | None, *, reason: str, expected_version: int | None = None,
                  overrides: Sequence[str] = (), tie_winner: int | None = None,
                  total_as_read: int | None = None, electorate: int | None = None,
                  source: str = "desk", expected_count: int | None = None,
                  correcting: int | None = None) -> Saved:
    """`correct`, with the seat as the save left it."""
    args: dict[str, Any] = {"correcting": correcting} if correcting is not None else {}
    return _saved(conn, "correct", seat=seat, votes=_ints(votes), invalid=invalid,
                  reason=reason, expected_version=expected_version, overrides=list(overrides),
                  tie_winner=tie_winner, total_as_read=total_as_read, electorate=electorate,
                  source=source, expected_count=expected_count, **args)


@dataclass(frozen=True, slots=True)
class VerifyOutcome:
    verified: bool
    version: int
    differences: tuple[str, ...]  # "votes:<i>", "invalid", "tie_winner"
    # the seat once verified (None after a mismatch); not part of the verdict's equality
    sheet: SeatRows | None = field(default=None, compare=False)


def verify(conn: psycopg.Connection, seat: str, votes: Sequence[int] | None = None,
           invalid: int | None = None, *, expected_version: int | None = None,
           tie_winner: int | None = None, electorate: int | None = None) -> VerifyOutcome:
    """Blind re-key of the pending version: every candidate's votes, the rejected ballots
    and the electorate (None: the one the form starts from, migration 36), typed again. A
    mismatch is recorded by the server and returned, not raised; without votes the server
    verifies nothing (RD003, its migration 11)."""
    row = conn.execute(
        "SELECT verified, version, differences, sheet FROM resultsdesk.verify(p_seat => %s, "
        "p_votes => %s::integer[], p_invalid => %s, p_expected_version => %s, "
        "p_tie_winner => %s, p_electorate => %s)",
        (seat, _ints(votes), invalid, expected_version, tie_winner, electorate)).fetchone()
    return VerifyOutcome(row[0], row[1], tuple(row[2] or ()), seat_rows(row[3]))


def reject(conn: psycopg.Connection, seat: str, comment: str, *,
           expected_version: int | None = None) -> int:
    return _call(conn, "reject", seat=seat, comment=comment, expected_version=expected_version)


def withdraw(conn: psycopg.Connection, seat: str, *, expected_version: int | None = None) -> int:
    return _call(conn, "withdraw", seat=seat, expected_version=expected_version)


def mark_recount(conn: psycopg.Connection, seat: str, *, under_way: bool = True,
                 expected_version: int | None = None, replacing: int | None = None) -> int:
    """Returns the seat's count number afterwards. `replacing`: the version awaiting
    verification the recount was asked as stopping, refused (RD001) if it awaits
    verification no more (migration 64; None: no check, and not sent)."""
    args: dict[str, Any] = {"replacing": replacing} if replacing is not None else {}
    return _call(conn, "mark_recount", seat=seat, under_way=under_way,
                 expected_version=expected_version, **args)


def decide_tie(conn: psycopg.Connection, seat: str, *, winner_id: int, note: str,
               expected_version: int | None = None) -> int:
    return _call(conn, "decide_tie", seat=seat, winner=winner_id, note=note,
                 expected_version=expected_version)


def set_political_order(conn: psycopg.Connection, order: Sequence[str], *,
                        expected: Sequence[str] | None = None) -> int:
    """`expected`: the whole order the change was made on, `RD001` if it changed since
    (None: no check)."""
    return _call(conn, "set_political_order", order=list(order),
                 expected=None if expected is None else list(expected))


def import_candidates(conn: psycopg.Connection, file: str, data: dict[str, Any]) -> dict:
    """Nominations: {"parties", "constituencies", "candidates", "electorates"} (see
    sql/005_admin.sql for each record's fields)."""
    return _call(conn, "import_candidates", file=file, data=Jsonb(data))


def import_results(conn: psycopg.Connection, file: str, data: dict[str, Any]) -> dict:
    """Nominations as import_candidates plus "declarations" recorded as verified."""
    return _call(conn, "import_results", file=file, data=Jsonb(data))


def import_baseline(conn: psycopg.Connection, file: str, name: str,
                    data: dict[str, Any]) -> dict:
    return _call(conn, "import_baseline", file=file, name=name, data=Jsonb(data))


def add_user(conn: psycopg.Connection, name: str, role: str, password: str) -> None:
    """A login role in the election's group for `role` (desk, editor or admin)."""
    _call(conn, "add_user", name=name, role=role,
          password_verifier=scram_verifier(conn, name, password))


def disable_user(conn: psycopg.Connection, name: str) -> None:
    _call(conn, "disable_user", name=name)


def enable_user(conn: psycopg.Connection, name: str) -> None:
    _call(conn, "enable_user", name=name)


def set_user_role(conn: psycopg.Connection, name: str, role: str) -> None:
    """Move the login role to the election's group for `role` (desk, editor or admin)."""
    _call(conn, "set_user_role", name=name, role=role)


def set_password(conn: psycopg.Connection, name: str, password: str) -> int | None:
    """The account's sessions the server ended with the change (all of them, or, when the
    account changes its own, all but this one: migration 65); None when the server may not
    end sessions (its accounts role lacks pg_signal_backend)."""
    return _call(conn, "set_password", name=name,
                 password_verifier=scram_verifier(conn, name, password))


def audit_note(conn: psycopg.Connection, action: str, entity: str = "election", key: str = "",
               details: dict[str, Any] | None = None) -> int:
    """An export, publication, backup or note, in the audit chain; returns the entry id."""
    return _call(conn, "audit_note", action=action, entity=entity, key=key,
                 details=Jsonb(details or {}))


def accept_rewritten_log(conn: psycopg.Connection, details: dict[str, Any]) -> int:
    """An admin's acceptance of the audit log as it stands (`desk/audit_accept`), the
    server checking it names the newest entry now and an entry gone (migration 62);
    returns the entry id."""
    return _call(conn, "accept_rewritten_log", details=Jsonb(details))


def change_seq(conn: psycopg.Connection) -> int:
    """The change number now: live views ask for the seats with change_seq above theirs."""
    return conn.execute("SELECT seq FROM resultsdesk.change_counter WHERE id = 1").fetchone()[0]
