"""The audit chain the server computes is the one domain/audit_chain.py defines, byte for
byte: canonical JSON, entry hashes and the figures seals, recomputed here in Python."""

from __future__ import annotations

import hashlib
import threading

import psycopg
import pytest
from helpers.pg_chain import check_chain
from helpers.pg_election import AWKWARD_SURNAME, SEAT, TIE_SEAT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from psycopg.types.json import Jsonb

from resultsdesk.domain.audit_chain import canonical_json
from resultsdesk.store.postgres import calls, errors, prepare

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
    # Alice keyed the tied figures, still unverified: only she may record the lot (017).
    calls.decide_tie(alice, TIE_SEAT, winner_id=_candidate_ids(bob, TIE_SEAT)[0],
                     note="RO drew")
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
    verified = bob.execute("SELECT verified_by, source FROM declarations d JOIN "
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
                # retried as every client retries a transient failure (PgStore.call): a
                # note that waited for the lock past the second of the entry before it is
                # refused (40001) to be stamped again, so no entry's time runs backwards
                # (migration 41)
                errors.retrying(conn, lambda c, i=i: calls.audit_note(
                    c, "note", "election", f"{n}-{i}", {"i": i}), transaction=False)
        except BaseException as exc:  # reported below, not lost in the thread
            failures.append(exc)

    workers = [threading.Thread(target=notes, args=(c, n)) for n, c in enumerate(conns)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=60)
    assert failures == []
    assert check_chain(conns[0]) == before + 100
    times = [at for (at,) in conns[0].execute("SELECT at FROM audit_log ORDER BY id")]
    assert times == sorted(times)
