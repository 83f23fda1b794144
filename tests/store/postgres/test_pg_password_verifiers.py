"""A desk account with psql-level access sends set_password a "verifier" PostgreSQL cannot
read as one: the server must refuse it, not keep it as a password sent in plain text
(migration 31's promise, README "Team desk": the server refuses anything but a verifier)."""

from __future__ import annotations

import base64

import psycopg
import pytest

from resultsdesk.store.postgres import calls

KEY = base64.b64encode(b"k" * 32).decode()  # a stored or server key's shape: 32 bytes


@pytest.mark.parametrize("salt", [
    "A" * 25,  # 25 letters: no whole number of base64 groups
    "A" * 23 + "==",  # padded, but 25 long
    "A" * 24 + "A=",  # a group of two letters and one '='
    "A" * 26 + "=",  # one '=' after two letters of the last group
])
def test_a_verifier_postgres_reads_as_plain_text_is_refused(pg_election, salt):
    """The salt passed migration 31's pattern (base64 letters, up to two '=' at the end), but
    PostgreSQL decodes it before taking a verifier as one, fails, and took the whole text as
    the password in plain text: bob signed in with it. Refused now (migration 72), his
    password unchanged; libpq's verifier, and a salt padded as base64 pads it, are taken."""
    bob, name = pg_election.connect("bob"), pg_election.user("bob")
    text = f"SCRAM-SHA-256$4096:{salt}${KEY}:{KEY}"
    with pytest.raises(psycopg.Error) as refused:
        bob.execute("SELECT resultsdesk.set_password(%s, %s)", (name, text))
    assert refused.value.sqlstate == "RD003"
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(pg_election.cluster.url(name, text, pg_election.database)).close()
    psycopg.connect(pg_election.url("bob")).close()
    for whole in ("A" * 24, "A" * 26 + "==", "A" * 27 + "="):  # 18, 20 and 20 bytes
        bob.execute("SELECT resultsdesk.set_password(%s, %s)",
                    (name, f"SCRAM-SHA-256$4096:{whole}${KEY}:{KEY}"))
    calls.set_password(bob, name, "new password")
    psycopg.connect(pg_election.cluster.url(name, "new password", pg_election.database)).close()
