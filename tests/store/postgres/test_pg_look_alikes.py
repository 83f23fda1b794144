"""Look-alikes NFKC changes, on the server (migration 15): four eyes on PostgreSQL
(`rd_same_user`, whoever calls it) treats a name holding a character of Unicode's
confusables data and the name holding its ASCII twin as one person, as the desk's
identity.same_person does; the server used to decompose names with NFKD before mapping
look-alikes, which turned the Greek lunate sigma `ϲ` (a twin of `c`) into a final sigma."""

from __future__ import annotations

import unicodedata

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


# A letter whose look-alike is a letter and a mark (the African hooked capital B is a `b`
# with a reversed comma above, U+0314), followed by a mark drawn below: in a name written
# with that look-alike the mark below comes first (canonical order), and the desk's
# skeleton, decomposed again after mapping, puts it first too; the server's kept the
# mapped mark where the letter was, so the two names were two people to it alone.
HOOKED_B, TWIN_OF_HOOKED_B = "\u0181\u0323ello", "\u1e05\u0314ello"  # Ɓ̣ello, ḅ̔ello


def _marks_after_mapped_letters() -> list[str]:
    """Names with each letter whose skeleton ends in a mark drawn above or below, followed
    by a mark of each lower combining class, as the desk would take them."""
    from resultsdesk.domain import identity

    letters = [char for char, shape, _ in identity.character_skeletons()
               if shape and unicodedata.combining(shape[-1]) > 1
               and not unicodedata.combining(char)]
    marks = {unicodedata.combining(chr(c)): chr(c) for c in range(0x300, 0x370)}
    return [f"x{letter}{mark}y" for letter in letters for ccc, mark in marks.items()
            if 0 < ccc < unicodedata.combining(identity.skeleton(letter)[-1])]


def test_the_server_puts_a_mapped_letters_marks_in_order_as_the_desk_does(pg_election):
    """The server's skeleton of a name is the desk's (`identity.skeleton` of its key) when
    a look-alike brings a mark that a mark after it goes before (migration 61)."""
    from resultsdesk.domain.identity import name_key, skeleton

    names = _marks_after_mapped_letters()
    assert len(names) > 100
    server = pg_election.admin().execute(
        "SELECT resultsdesk.rd_name_skeleton(n) FROM unnest(%s::text[]) "
        "WITH ORDINALITY AS t(n, i) ORDER BY i", (names,)).fetchall()
    assert [n for n, (s,) in zip(names, server, strict=True)
            if s != skeleton(name_key(n))] == []


def test_an_account_with_a_mapped_letters_marks_reordered_cannot_verify(pg_cluster,
                                                                        monkeypatch):
    """`Ɓ̣ello` and `ḅ̔ello` are one person to the desk; a server before migration 61 let an
    admin make both (add_user called straight) and let either verify the other's entry.
    Once upgraded, it refuses that verification and a third such account."""
    from resultsdesk.store.postgres import preparation as module

    assert same_person(HOOKED_B, TWIN_OF_HOOKED_B)
    shipped = module.migrations()
    database = "rd_marks_60"
    admin_url = pg_cluster.superuser_url(database)
    monkeypatch.setattr(module, "migrations", lambda: shipped[:60])
    prepare(admin_url, "Before")
    first, twin = f"{database}_{HOOKED_B}", f"{database}_{TWIN_OF_HOOKED_B}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        calls.import_candidates(admin, "n.csv", NOMINATIONS)
        for name in (first, twin):
            calls.add_user(admin, name, "desk", "pw")
    with psycopg.connect(pg_cluster.url(first, "pw", database), autocommit=True) as conn:
        calls.declare(conn, SEAT, [20_000, 15_000, 5_000], 120)
    monkeypatch.setattr(module, "migrations", lambda: shipped)
    assert prepare(admin_url, "Before").version_after == SCHEMA_VERSION
    with (psycopg.connect(pg_cluster.url(twin, "pw", database), autocommit=True) as conn,
          pytest.raises(psycopg.Error, check=lambda e: e.sqlstate == errors.FOUR_EYES)):
        calls.verify(conn, SEAT, [20_000, 15_000, 5_000], 120)


def test_the_server_refuses_an_account_with_a_mapped_letters_marks_reordered(pg_election):
    """add_user, called straight by an admin, refuses `ḅ̔ello` beside `Ɓ̣ello` (and the
    other way round), as the desk does (migration 61)."""
    ann = pg_election.connect("ann")
    for name, twin in ((HOOKED_B, TWIN_OF_HOOKED_B), (TWIN_OF_HOOKED_B + "2", HOOKED_B + "2")):
        calls.add_user(ann, pg_election.user(name), "desk", "a password")
        with pytest.raises(psycopg.Error, check=lambda e: e.sqlstate == errors.DESK_RULE) as no:
            calls.add_user(ann, pg_election.user(twin), "desk", "a password")
        assert "looks the same as the existing account" in errors.message(no.value)
