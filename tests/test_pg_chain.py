"""The audit chain the server computes is the one domain/audit_chain.py defines, byte for
byte: canonical JSON, entry hashes and the figures seals, recomputed here in Python."""

from __future__ import annotations

import hashlib
import threading

import psycopg
import pytest
from helpers.pg_election import AWKWARD_SURNAME, SEAT, TIE_SEAT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from psycopg.types.json import Jsonb

from resultsdesk.domain.audit_chain import (
    GENESIS_HASH,
    SEAL_DIGEST,
    SEAL_ID,
    DeclarationFigures,
    canonical_json,
    details_value,
    entry_hash,
    figures_digest,
)
from resultsdesk.store.postgres import calls, prepare

_text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"),
                max_size=12)
_json = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | _text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_text, inner, max_size=4),
    max_leaves=16)


@pytest.fixture(scope="module")
def owner_conn(pg_cluster):
    prepare(pg_cluster.superuser_url("rd_canonical"), "Canonical JSON")
    with psycopg.connect(pg_cluster.superuser_url("rd_canonical"), autocommit=True) as conn:
        yield conn


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=_json)
def test_server_canonical_json_is_pythons(owner_conn, value):
    text, digest = owner_conn.execute(
        "SELECT c, resultsdesk.rd_sha256_hex(c) FROM resultsdesk.rd_canonical(%s) AS c",
        (Jsonb(value),)).fetchone()
    assert text.encode() == canonical_json(value)
    assert digest == hashlib.sha256(canonical_json(value)).hexdigest()


def test_awkward_strings_escape_as_python_does(owner_conn):
    value = {"é": 1, "e": [AWKWARD_SURNAME, "\b\f\n\r\t\"\\/", "\x00".replace("\x00", "\x1b")],
             "Z": None, "a": True, "\U0001f600": -0}
    text = owner_conn.execute("SELECT resultsdesk.rd_canonical(%s)", (Jsonb(value),)
                              ).fetchone()[0]
    assert text.encode() == canonical_json(value)
    assert "\\u0001\\u001f" in text and "\\u001b" in text and "\u2028" in text
    with pytest.raises(psycopg.Error, match="whole numbers only"):
        owner_conn.execute("SELECT resultsdesk.rd_canonical('{\"x\": 1.5}')")


def _figures(conn: psycopg.Connection) -> dict[int, DeclarationFigures]:
    votes: dict[int, list[tuple[int, int, int]]] = {}
    for did, cid, pid, n in conn.execute(
            "SELECT v.declaration_id, v.candidate_id, c.party_id, v.votes "
            "FROM resultsdesk.declaration_votes v "
            "LEFT JOIN resultsdesk.candidates c ON c.id = v.candidate_id"):
        votes.setdefault(did, []).append((cid, pid, n))
    out = {}
    for r in conn.execute(
            "SELECT d.id, k.code, d.version, d.kind, d.count_number, d.invalid_votes, "
            "d.electorate, d.total_as_read, d.tie_winner_candidate_id, d.declared_at, "
            "d.entered_by, d.entered_at, d.source, d.reason, d.overrides "
            "FROM resultsdesk.declarations d "
            "JOIN resultsdesk.constituencies k ON k.id = d.constituency_id"):
        out[r[0]] = DeclarationFigures(
            declaration_id=r[0], constituency=r[1], version=r[2], kind=r[3], count_number=r[4],
            votes=tuple(votes.get(r[0], ())), invalid_votes=r[5], electorate=r[6],
            total_as_read=r[7], tie_winner_candidate_id=r[8], declared_at=r[9],
            entered_by=r[10], entered_at=r[11], source=r[12], reason=r[13],
            overrides=tuple(details_value(r[14])))
    return out


def check_chain(conn: psycopg.Connection) -> int:
    """Recompute every entry's hash and every seal in Python; returns the entry count."""
    figures = _figures(conn)
    prev, expected_id, sealed = GENESIS_HASH, 1, set()
    rows = conn.execute('SELECT id, at, "user", action, entity, entity_key, details, '
                        "prev_hash, hash FROM resultsdesk.audit_log ORDER BY id").fetchall()
    for entry_id, at, user, action, entity, key, text, link, stored in rows:
        assert (entry_id, link) == (expected_id, prev)
        details = details_value(text)
        assert entry_hash(id=entry_id, at=at, user=user, action=action, entity=entity,
                          entity_key=key, details=details, prev_hash=link) == stored
        if isinstance(details, dict) and SEAL_ID in details:
            did = details[SEAL_ID]
            assert figures_digest(figures[did]) == details[SEAL_DIGEST], (action, did)
            sealed.add(did)
        prev, expected_id = stored, expected_id + 1
    assert sealed == set(figures)  # every version's figures are sealed by some entry
    return len(rows)


def _candidate_ids(conn: psycopg.Connection, code: str) -> list[int]:
    return [r[0] for r in conn.execute(
        "SELECT c.id FROM resultsdesk.candidates c JOIN resultsdesk.constituencies k "
        "ON k.id = c.constituency_id WHERE k.code = %s ORDER BY c.ballot_order", (code,))]


def test_chain_of_a_whole_night_recomputes_in_python(pg_election):
    alice, bob, ann = (pg_election.connect(n) for n in ("alice", "bob", "ann"))
    calls.declare(alice, SEAT, [20_000, 15_000, 5_000], 120, overrides=["recount_range"],
                  note='a "note"\nwith\tcontrol \x02 characters')
    calls.verify(bob, SEAT, [1, 2, 3], 4)  # a mismatch, recorded
    calls.verify(bob, SEAT, [20_000, 15_000, 5_000], 120)
    calls.correct(alice, SEAT, [20_000, 15_000, 5_001], 120, reason="Ó'Brien's \\ typo")
    calls.reject(bob, SEAT, "comment with ünïcödé\r\n")
    calls.declare(alice, TIE_SEAT, [400, 400], 3, overrides=["tie"])
    calls.withdraw(alice, TIE_SEAT)
    calls.declare(alice, TIE_SEAT, [400, 400], 3, overrides=["tie"])
    calls.decide_tie(bob, TIE_SEAT, winner_id=_candidate_ids(bob, TIE_SEAT)[0], note="RO drew")
    calls.mark_recount(ann, TIE_SEAT)
    calls.mark_recount(ann, TIE_SEAT, under_way=False)
    calls.set_political_order(ann, ["LD", "LAB"])
    calls.audit_note(alice, "export", "election", "résultats.csv", {"rows": 3, "ok": True})
    report = calls.import_results(ann, "/tmp/results 2024.csv", {"declarations": [
        {"code": "E14000003", "votes": [300, 200], "invalid_votes": 5, "electorate": 50000,
         "declared_at": "2024-07-05T03:00:00+01:00", "overrides": ["low_turnout"],
         "names": {"日本 語": 300, "Ünïcödé Ꭰ\u200b": 200}}]})
    assert report["declarations"] == 1
    calls.import_baseline(ann, "notional.csv", "Notional 2019", {
        "rows": [{"code": SEAT, "party": "LAB", "candidate": "X", "votes": 10},
                 {"code": SEAT, "party": "CON", "candidate": "Y", "votes": 9}],
        "electorates": {SEAT: 69000}})
    assert check_chain(pg_election.connect("eve")) >= 20
    verified = bob.execute("SELECT verified_by, source FROM resultsdesk.declarations d JOIN "
                           "resultsdesk.constituencies k ON k.id = d.constituency_id WHERE "
                           "k.code = 'E14000003'").fetchall()
    assert verified == [(pg_election.user("ann"), "import")]


def test_concurrent_writers_keep_the_chain_linear(pg_election):
    conns = [pg_election.connect(n) for n in ("alice", "bob", "eve", "ann")]
    before = check_chain(conns[0])
    failures: list[BaseException] = []

    def notes(conn: psycopg.Connection, n: int) -> None:
        try:
            for i in range(25):
                calls.audit_note(conn, "note", "election", f"{n}-{i}", {"i": i})
        except BaseException as exc:  # reported below, not lost in the thread
            failures.append(exc)

    workers = [threading.Thread(target=notes, args=(c, n)) for n, c in enumerate(conns)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=60)
    assert failures == []
    assert check_chain(conns[0]) == before + 100
