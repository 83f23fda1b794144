"""A verification in flight when an admin makes its verifier an editor (found by a race
attack on the team desk): bob's window still knew him as desk staff, so the desk's own check
passed and his call waited for the server's lock, held by the admin's change; the server
then refused it, rightly, in words no desk writes: "bob is a editor account, so cannot
enter, verify or correct declarations: that needs desk or admin account." (migration 59)."""

from __future__ import annotations

import threading

import psycopg
from helpers.desk_target import server_fixture  # noqa: F401  (fixture)
from helpers.seats import CLEAN, HENDON

from resultsdesk.desk import accounts as acc
from resultsdesk.desk import declarations as dk
from resultsdesk.desk.audit import check_audit_chain
from resultsdesk.domain.model import DeclarationStatus, Figures
from resultsdesk.store.postgres import calls


def _wait_until_blocked(observer: psycopg.Connection, pid: int) -> None:
    """Bounded wait (server-side) until backend `pid` waits on a lock."""
    for _ in range(1000):
        waiting = observer.execute(
            "SELECT wait_event_type = 'Lock' FROM pg_stat_activity, pg_sleep(0.01) "
            "WHERE pid = %s", (pid,)).fetchone()
        if waiting and waiting[0]:
            return
    raise AssertionError(f"backend {pid} never waited for the lock")


def test_a_verifier_made_an_editor_meanwhile_is_told_so_plainly(server):
    alice, bob = server.open("alice"), server.open("bob")
    dk.declare(alice, HENDON, Figures(CLEAN, 50), user=server.name("alice"))
    with psycopg.connect(server.admin_target) as admin:  # ann's change, not yet committed
        calls.set_user_role(admin, server.name("bob"), "editor")
        outcome: list[BaseException | dk.VerifyResult] = []

        def bob_verifies() -> None:
            try:
                outcome.append(dk.verify(bob, HENDON, user=server.name("bob"),
                                         votes=CLEAN, invalid=50))
            except BaseException as exc:  # looked at below
                outcome.append(exc)

        worker = threading.Thread(target=bob_verifies)
        worker.start()
        with psycopg.connect(server.admin_target, autocommit=True) as observer:
            _wait_until_blocked(observer, bob._pg.info.backend_pid)
        admin.commit()
    worker.join(timeout=60)
    assert len(outcome) == 1 and isinstance(outcome[0], acc.RoleRefusal), outcome
    said = str(outcome[0])
    assert said == (f"{server.name('bob')} is an editor account, so cannot enter, verify or "
                    "correct declarations: that needs a desk or an admin account.")
    eve = server.open("eve")
    assert [v.status for v in dk.load_sheet(eve, HENDON).versions] == [
        DeclarationStatus.PROVISIONAL]
    check = check_audit_chain(eve)
    assert check.intact, check.summary()
