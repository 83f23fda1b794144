"""The server unable to use its own files: its data disk gone read-only, or a file's
permissions changed during maintenance. PostgreSQL reports "could not open file
"base/…": Permission denied" (or "Read-only file system") under SQLSTATE 42501, the code of
a privilege refused. A save was then said to be refused by the account's role: "alice is a
desk account now (an admin changed it since this desk signed in), and the server refused
this", which nobody did; and a read (`audit --check`, a window's refresh) went up as
psycopg's own error, "unexpected error ... This is a bug in ResultsDesk". Now both say, in
one line, that the server could not use its files and nothing was saved."""

from __future__ import annotations

import os
from contextlib import contextmanager

import psycopg
import pytest
from helpers.desk_target import server_fixture  # noqa: F401  (fixture)
from helpers.seats import CLEAN, HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.accounts import RoleRefusal
from resultsdesk.desk.audit import check_audit_chain
from resultsdesk.domain.errors import Cause, KnownError
from resultsdesk.domain.model import Figures


@contextmanager
def _file_unwritable(t, cluster, table: str):
    """`table`'s file on the server's disk not writable by the server (as a read-only disk
    has it) for the connections opened meanwhile: the server opens it read-write."""
    with psycopg.connect(str(t.admin_target), autocommit=True) as conn:
        path = conn.execute("SELECT pg_relation_filepath(%s)", (table,)).fetchone()[0]
    file = cluster.data / path
    mode = file.stat().st_mode
    os.chmod(file, 0o400)
    try:
        yield
    finally:
        os.chmod(file, mode)


def _said(refused: pytest.ExceptionInfo) -> str:
    said = str(refused.value)
    assert refused.value.cause is Cause.READ_ONLY, said
    assert "could not use its own files" in said and "nothing was saved" in said, said
    assert "\n" not in said, said
    return said


def test_a_save_the_servers_files_refuse_is_not_said_to_be_the_accounts_role(server,
                                                                             pg_cluster):
    t = server
    with _file_unwritable(t, pg_cluster, "resultsdesk.audit_log"):
        alice = t.open("alice")
        with pytest.raises(KnownError) as refused:
            dk.declare(alice, HENDON, Figures(CLEAN, 50), user=t.name("alice"), retry=True)
        assert not isinstance(refused.value, RoleRefusal)
        assert "admin changed" not in _said(refused)
        with pytest.raises(KnownError) as unread:
            check_audit_chain(t.open("eve"))
        _said(unread)
    alice = t.open("alice")  # a connection opened since: the file is there to use
    dk.declare(alice, HENDON, Figures(CLEAN, 50), user=t.name("alice"), retry=True)
    assert dk.load_sheet(t.open("eve"), HENDON).pending.version == 1
