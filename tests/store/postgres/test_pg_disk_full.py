"""The server's disk full at 3 a.m.: a save whose audit entry (or figures) the server
cannot write for want of space fails with "could not extend file ...: No space left on
device" (SQLSTATE 53100), and the server rolls it all back. That went up as psycopg's own
error: the command line said "unexpected error: DiskFull ... This is a bug in
ResultsDesk" with the server's CONTEXT lines, a window's save a traceback. Now it is one
line of the desk's: the server's disk is full, nothing was saved; and the same save, once
the administrator has made room, is saved once."""

from __future__ import annotations

import psycopg
import pytest
from helpers.desk_target import server_fixture  # noqa: F401  (fixture)
from helpers.seats import CLEAN, HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.errors import Cause, KnownError
from resultsdesk.domain.model import Figures
from resultsdesk.store.postgres.errors import explain_locked

# The server's own failure, raised where it would come from: writing the audit entry.
FAILING = """
CREATE FUNCTION resultsdesk.test_no_room() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '{message}' USING ERRCODE = '{errcode}';
END $$;
CREATE TRIGGER test_no_room BEFORE INSERT ON resultsdesk.audit_log
    FOR EACH ROW EXECUTE FUNCTION resultsdesk.test_no_room();
"""
NO_ROOM = FAILING.format(
    message='could not extend file "base/16389/16576": No space left on device',
    errcode="disk_full")
TIME_LIMIT = FAILING.format(message="canceling statement due to statement timeout",
                            errcode="query_canceled")
# A wait for a lock that ran out after the try was counted (a DBA's CREATE INDEX on the
# audit log, say, holding it past the busy timeout).
LOCK_WAIT = FAILING.format(message="canceling statement due to lock timeout",
                           errcode="lock_not_available")
ROOM_AGAIN = ("DROP TRIGGER test_no_room ON resultsdesk.audit_log; "
              "DROP FUNCTION resultsdesk.test_no_room()")


def _as_dba_script(t, script: str) -> None:
    with psycopg.connect(str(t.admin_target), autocommit=True) as conn:
        conn.execute(script)


def test_a_save_on_a_full_server_disk_is_one_line_and_saved_once_when_there_is_room(server):
    t = server
    alice = t.open("alice")
    _as_dba_script(t, NO_ROOM)
    with pytest.raises(KnownError) as refused:
        dk.declare(alice, HENDON, Figures(CLEAN, 50), user=t.name("alice"), retry=True)
    said = str(refused.value)
    assert refused.value.cause is Cause.DISK_FULL
    assert "disk is full" in said and "nothing was saved" in said, said
    assert "\n" not in said and "CONTEXT" not in said, said
    assert dk.load_sheet(alice, HENDON).pending is None

    _as_dba_script(t, ROOM_AGAIN)
    dk.declare(alice, HENDON, Figures(CLEAN, 50), user=t.name("alice"), retry=True)
    assert dk.load_sheet(t.open("eve"), HENDON).pending.version == 1


@pytest.mark.parametrize("error", [psycopg.errors.DiskFull, psycopg.errors.OutOfMemory,
                                   psycopg.errors.InsufficientResources])
def test_the_server_short_of_resources_is_said_in_the_desks_words(error):
    said = explain_locked(error("could not extend file"), "postgresql://alice@db/ge", 10)
    assert said is not None and "nothing was saved" in str(said)
    assert said.cause is (Cause.DISK_FULL if error is psycopg.errors.DiskFull else Cause.LOCKED)


@pytest.mark.parametrize(("failing", "cause"), [(NO_ROOM, Cause.DISK_FULL),
                                              (TIME_LIMIT, Cause.LOCKED),
                                              (LOCK_WAIT, Cause.LOCKED)])
def test_a_verification_the_full_disk_stopped_says_it_may_count_as_a_try(server, failing,
                                                                         cause):
    """The server counts a verification rolled back as a try taken back (it cannot tell one
    from a try undone to learn the figures: migration 29), a full disk's too, one a time
    limit cancelled, and one whose wait for a lock ran out (said as locked, "try again in a
    moment", and nothing more: the next, his right figures, compared nothing). bob was told
    "try again once it has" room, did so four times, and had used every try at the version:
    another person had to verify it. Now he is told that the try may have counted; the next,
    once there is room, compares nothing, as after any try taken back, and the one after
    verifies."""
    t = server
    dk.declare(t.open("alice"), HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    bob = t.open("bob")
    _as_dba_script(t, failing)
    with pytest.raises(KnownError) as refused:
        dk.verify(bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=50, retry=True)
    said = str(refused.value)
    assert refused.value.cause is cause
    assert "nothing was saved" in said and said.endswith(
        "This try may count as one of yours at this version, as one taken back does."), said
    assert "\n" not in said, said

    _as_dba_script(t, ROOM_AGAIN)
    first = dk.verify(bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=50, retry=True)
    assert not first.verified and first.taken_back == 1
    again = dk.verify(bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=50, retry=True)
    assert again.verified
