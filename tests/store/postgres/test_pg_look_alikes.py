"""Look-alikes NFKC changes, on the server (migration 15): four eyes on PostgreSQL
(`rd_same_user`, whoever calls it) treats a name holding a character of Unicode's
confusables data and the name holding its ASCII twin as one person, as the desk's
identity.same_person does; the server used to decompose names with NFKD before mapping
look-alikes, which turned the Greek lunate sigma `ϲ` (a twin of `c`) into a final sigma."""

from __future__ import annotations

import psycopg
import pytest
from helpers.names import FORMERLY_MISSED, name_and_look_alike
from helpers.pg_election import NOMINATIONS, SEAT
from hypothesis import HealthCheck, example, given, settings

from resultsdesk.domain.identity import same_person
from resultsdesk.store.postgres import SCHEMA_VERSION, calls, errors, prepare


def test_a_lunate_sigma_account_cannot_verify_carols_entry(pg_cluster, monkeypatch):
    """An account `ϲarol` that a server before migration 13 let an admin make beside carol
    (add_user refuses it since: not NFKC-normal): once `prepare` has upgraded the server,
    it cannot verify or reject carol's entry, called straight through SQL; nor can
    `Ϲarol`; `darol` still can."""
    from resultsdesk.store.postgres import preparation as module

    shipped = module.migrations()
    database = "rd_lunate_12"
    admin_url = pg_cluster.superuser_url(database)
    monkeypatch.setattr(module, "migrations", lambda: shipped[:12])
    prepare(admin_url, "Before")
    carol, other = f"{database}_carol", f"{database}_darol"
    twins = [f"{database}_\u03f2arol", f"{database}_\u03f9arol"]
    with psycopg.connect(admin_url, autocommit=True) as admin:
        calls.import_candidates(admin, "n.csv", NOMINATIONS)
        for name in (carol, *twins, other):
            calls.add_user(admin, name, "desk", "pw")
    with psycopg.connect(pg_cluster.url(carol, "pw", database), autocommit=True) as conn:
        calls.declare(conn, SEAT, [20_000, 15_000, 5_000], 120)
    monkeypatch.setattr(module, "migrations", lambda: shipped)
    assert prepare(admin_url, "Before").version_after == SCHEMA_VERSION
    for twin in twins:
        assert same_person(carol, twin)
        with psycopg.connect(pg_cluster.url(twin, "pw", database), autocommit=True) as conn:
            with pytest.raises(psycopg.Error,
                               check=lambda e: e.sqlstate == errors.FOUR_EYES) as no:
                conn.execute("SELECT verified FROM resultsdesk.verify(p_seat => %s, "
                             "p_votes => %s::integer[], p_invalid => %s)",
                             (SEAT, [20_000, 15_000, 5_000], 120))
            assert errors.message(no.value).startswith(f"{carol} entered the figures of ")
            with pytest.raises(psycopg.Error, check=lambda e: e.sqlstate == errors.FOUR_EYES):
                calls.reject(conn, SEAT, "looks wrong")
    with psycopg.connect(pg_cluster.url(other, "pw", database), autocommit=True) as conn:
        assert calls.verify(conn, SEAT, [20_000, 15_000, 5_000], 120).verified


def test_the_server_sees_every_look_alike_nfkc_used_to_hide(pg_election):
    """Each character that NFKC changed into something else before its look-alike was
    mapped: the same person as its ASCII twin on the server, alone and inside a name, as
    on the desk."""
    conn = pg_election.admin()
    pairs = [(f"{a}{char}{b}", f"{a}{proto}{b}") for char, proto in FORMERLY_MISSED.items()
             for a, b in (("Ab", "cd"), ("", "xy"), ("XY", ""))]
    pairs += [("carol", "\u03f2arol"), ("CAROL", "\u03f9AROL"), ("fam", "\u017fam")]
    server = conn.execute(
        "SELECT resultsdesk.rd_same_user(a, b) FROM unnest(%s::text[], %s::text[]) "
        "WITH ORDINALITY AS t(a, b, i) ORDER BY i",
        ([a for a, _ in pairs], [b for _, b in pairs])).fetchall()
    assert [a for a, (same,) in zip(pairs, server, strict=True) if not same] == []
    assert all(same_person(a, b) for a, b in pairs)


def test_the_server_takes_the_look_alikes_the_data_gets_wrong_as_the_desk_does(pg_election):
    """The palochka as an `l`, the inverted exclamation mark as an `i` and the font's
    twins (`identity._PROTOTYPE_FIXES`, `_MISSING_TWINS`), on the server too: `prepare`
    fills its tables of characters from the desk's (`character_skeletons`,
    `character_prototypes`)."""
    conn = pg_election.admin()
    pairs = [("alice", "a\u04cfice"), ("Alice", "A\u04cfICE"), ("alice", "al\u00a1ce"),
             ("\u0427ek", "\ua78dek"), ("x\u03c9y", "x\u0461y"),  # font twins, joined
             ("alice", "aiice"), ("a\u04cfice", "aiice"), ("Ali", "All")]
    server = conn.execute(
        "SELECT resultsdesk.rd_same_user(a, b) FROM unnest(%s::text[], %s::text[]) "
        "WITH ORDINALITY AS t(a, b, i) ORDER BY i",
        ([a for a, _ in pairs], [b for _, b in pairs])).fetchall()
    assert [same for (same,) in server] == [True] * 5 + [False] * 3
    assert [same_person(a, b) for a, b in pairs] == [same for (same,) in server]


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(name_and_look_alike())
@example(("carol", "\u03f2arol"))
def test_the_server_takes_a_name_with_a_look_alike_swapped_in_for_the_same_person(
        pg_election, pair):
    """For a sample of names and any one character swapped for a look-alike the
    confusables data lists: the server's four eyes says the same person, as the desk."""
    name, twin = pair
    with psycopg.connect(pg_election.admin_url) as conn:
        server = conn.execute("SELECT resultsdesk.rd_same_user(%s, %s), "
                              "resultsdesk.rd_same_user(%s, %s)",
                              (name, twin, twin, name)).fetchone()
    assert server == (True, True)
    assert same_person(name, twin)
