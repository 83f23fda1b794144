"""prepare() takes a role of the new election's name only when ResultsDesk made it for that
database: an admin of one election made the account `<next>_owner`, disabled it (a role
that cannot log in, which prepare() took as its own) and enabled it again once the server's
administrator had prepared `<next>`, signing in as the new election's owner."""

from __future__ import annotations

import psycopg
import pytest

from resultsdesk.store.postgres import PrepareError, calls, prepare
from resultsdesk.store.postgres.preparation import RoleNames, role_mark


def _database_exists(cluster, name: str) -> bool:
    with psycopg.connect(cluster.superuser_url(), autocommit=True) as su:
        return su.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                          (name,)).fetchone() is not None


@pytest.mark.parametrize("part", ["owner", "accounts", "admin"])
def test_a_disabled_account_is_not_taken_as_the_next_elections_role(pg_election, pg_cluster,
                                                                    part):
    following = f"{pg_election.database}_next_{part}"
    planted = getattr(RoleNames.for_database(following), part)
    with pg_election.connect("ann") as ann:
        calls.add_user(ann, planted, "desk", "ann knows this one")
        calls.disable_user(ann, planted)
    with pytest.raises(PrepareError) as refused:
        prepare(pg_cluster.superuser_url(following), "The next election")
    message = str(refused.value)
    assert f"A role named {planted} already exists" in message
    assert "did not make it for" in message and "\n" not in message
    assert not _database_exists(pg_cluster, following)
    with pg_election.connect("ann") as ann:  # and the account is still only an account
        calls.enable_user(ann, planted)
    with psycopg.connect(pg_cluster.superuser_url(), autocommit=True) as su:
        assert su.execute("SELECT pg_has_role(%s, 'pg_signal_backend', 'MEMBER')",
                          (planted,)).fetchone() == (False,)


def test_prepared_roles_carry_their_mark_and_prepare_runs_again(pg_election, pg_cluster):
    roles = RoleNames.for_database(pg_election.database)
    with psycopg.connect(pg_cluster.superuser_url(), autocommit=True) as su:
        marks = dict(su.execute(
            "SELECT rolname, shobj_description(oid, 'pg_authid') FROM pg_roles "
            "WHERE rolname = ANY(%s)", ([roles.owner, roles.accounts, roles.desk],)))
    assert marks == {roles.owner: role_mark(pg_election.database, "owner"),
                     roles.accounts: role_mark(pg_election.database, "accounts"),
                     roles.desk: role_mark(pg_election.database, "desk")}
    assert prepare(pg_election.admin_url, "Test election").version_before > 0


def test_an_election_prepared_before_the_mark_is_upgraded_and_marked(pg_election,
                                                                     pg_cluster):
    """Roles a ResultsDesk made before the mark carry none: their database's owner being
    their owner role says they are the election's."""
    roles = RoleNames.for_database(pg_election.database)
    with psycopg.connect(pg_cluster.superuser_url(), autocommit=True) as su:
        for name in (roles.owner, roles.admin):
            su.execute(psycopg.sql.SQL("COMMENT ON ROLE {} IS NULL").format(
                psycopg.sql.Identifier(name)))
    prepare(pg_election.admin_url, "Test election")
    with psycopg.connect(pg_cluster.superuser_url(), autocommit=True) as su:
        assert su.execute("SELECT shobj_description(oid, 'pg_authid') FROM pg_roles "
                          "WHERE rolname = %s", (roles.admin,)).fetchone() == (
            role_mark(pg_election.database, "admin"),)


def test_a_marked_role_with_a_password_is_refused(pg_cluster):
    """A superuser preparing reads whether a role has a password: none of ours has one."""
    database = "rd_marked_but_not_ours"
    owner = RoleNames.for_database(database).owner
    with psycopg.connect(pg_cluster.superuser_url(), autocommit=True) as su:
        su.execute(psycopg.sql.SQL("CREATE ROLE {} NOLOGIN PASSWORD 'x' ").format(
            psycopg.sql.Identifier(owner)))
        su.execute(psycopg.sql.SQL("COMMENT ON ROLE {} IS {}").format(
            psycopg.sql.Identifier(owner), psycopg.sql.Literal(role_mark(database, "owner"))))
    with pytest.raises(PrepareError, match=f"A role named {owner} already exists"):
        prepare(pg_cluster.superuser_url(database), "x")
    assert not _database_exists(pg_cluster, database)
