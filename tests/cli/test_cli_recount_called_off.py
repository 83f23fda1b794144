"""The command line and a recount called off or called under it.

- `recount --ended` puts the seat back at the count before the recount (nothing of the
  recount was keyed): `declare` then saves the first count, not "recount 1" with no
  recount under way.
- `declare` or `correct` refused because a recount was called while the command saved
  (on a server, in the instant between the desk's check and the server's: the server
  compares the count under its lock) read "recount 1 was called since you opened it":
  nothing was opened on the command line. The command's own words now; the window's are
  unchanged (tests/desk/test_recount_called_off_counts.py).
- `verify` run again after a verification landed (the command always retries) is not
  reported verified when it names another winner drawn by lot.
"""

from __future__ import annotations

from types import SimpleNamespace

from helpers.cli import assert_one_error_line, run_as
from helpers.cli_declarations import votes
from helpers.desk_target import (  # noqa: F401  (fixtures)
    desk_target_fixture,
    server_fixture,
    team_fixture,
)
from helpers.seats import CLEAN, HENDON, TIED

from resultsdesk.desk import declarations as dk
from resultsdesk.store.postgres import calls

COMMAND = ("Hendon: recount 1 was called while this command was saving figures for the "
           "first count, so nothing was saved: run it again only with the figures of the "
           "count the seat is at now (resultsdesk history shows it).")


def test_declare_after_a_recount_called_off_saves_the_first_count(team, capsys,
                                                                  monkeypatch):
    def as_(short, *args):
        return run_as(capsys, monkeypatch, team, short, *args, "--constituency", HENDON)

    assert as_("alice", "declare", *votes(CLEAN), "--invalid", "120")[0] == 0
    assert as_("ann", "recount")[0] == 0
    code, out, _ = as_("ann", "recount", "--ended")
    assert code == 0 and out == "Hendon: recount called off.\n"
    code, out, _ = as_("alice", "declare", *votes(CLEAN), "--invalid", "121")
    assert code == 0 and "version 2 (first count) saved as PROVISIONAL" in out


def _recount_called_before(monkeypatch, save: str, desk, user: str) -> list[bool]:
    """Another desk calls a recount right before the command's `save` reaches the server."""
    original = getattr(calls, save)
    raced: list[bool] = []

    def racing(conn, *args, **kwargs):
        if not raced:
            raced.append(True)
            dk.mark_recount(desk, HENDON, user=user)
        return original(conn, *args, **kwargs)

    monkeypatch.setattr(calls, save, racing)
    return raced


def test_declare_refused_for_a_recount_called_meanwhile_says_so_in_a_command_s_words(
        server, capsys, monkeypatch):
    raced = _recount_called_before(monkeypatch, "declare_saved", server.open("bob"),
                                   server.name("bob"))
    result = run_as(capsys, monkeypatch, SimpleNamespace(target=server), "alice", "declare",
                    *votes(CLEAN),
                    "--invalid", "120", "--constituency", HENDON)
    assert raced
    assert_one_error_line(*result, COMMAND)
    assert "opened" not in result[2]
    assert dk.load_sheet(server.open("eve"), HENDON).versions == ()


def test_correct_refused_for_a_recount_called_meanwhile_says_so_in_a_command_s_words(
        server, capsys, monkeypatch):
    def as_(short, *args):
        return run_as(capsys, monkeypatch, SimpleNamespace(target=server), short, *args,
                      "--constituency", HENDON)

    assert as_("alice", "declare", *votes(CLEAN), "--invalid", "120")[0] == 0
    assert as_("bob", "verify", *votes(CLEAN), "--invalid", "120")[0] == 0
    raced = _recount_called_before(monkeypatch, "correct_saved", server.open("bob"),
                                   server.name("bob"))
    result = as_("alice", "correct", *votes(CLEAN), "--invalid", "121", "--reason", "misread")
    assert raced
    assert_one_error_line(*result, COMMAND)


def test_verify_run_again_with_another_lot_winner_is_not_reported_verified(team, capsys,
                                                                            monkeypatch):
    def as_(short, *args):
        return run_as(capsys, monkeypatch, team, short, *args, "--constituency", HENDON)

    assert as_("alice", "declare", *votes(TIED), "--invalid", "50", "--override", "tie")[0] == 0
    assert as_("bob", "verify", *votes(TIED), "--invalid", "50")[0] == 0
    assert as_("alice", "lot", "--winner", "Con", "--note", "drawn")[0] == 0
    assert as_("bob", "verify", *votes(TIED), "--invalid", "50", "--winner", "Con")[0] == 0
    assert_one_error_line(*as_("bob", "verify", *votes(TIED), "--invalid", "50",
                               "--winner", "Lab"), "Hendon has nothing awaiting verification")
    code, out, _ = as_("bob", "verify", *votes(TIED), "--invalid", "50", "--winner", "Con")
    assert code == 0 and "VERIFIED" in out


def test_recount_2_called_off_says_it_was_and_that_recount_1_is_under_way(team, capsys,
                                                                          monkeypatch):
    """Recount 2 called over recount 1's count before anyone verified it, then called off:
    the seat goes back into recount 1, under way. `recount --ended` printed only "Hendon:
    RECOUNT UNDER WAY; the next figures entered are recount 1.", which read as if the
    call-off had not been taken; it says both."""
    def as_(short, *args):
        return run_as(capsys, monkeypatch, team, short, *args, "--constituency", HENDON)

    assert as_("alice", "declare", *votes(CLEAN), "--invalid", "120")[0] == 0
    assert as_("bob", "verify", *votes(CLEAN), "--invalid", "120")[0] == 0
    assert as_("ann", "recount")[0] == 0
    assert as_("alice", "declare", *votes(CLEAN), "--invalid", "121")[0] == 0
    assert as_("ann", "recount")[0] == 0  # recount 2: recount 1's count no longer counts
    code, out, _ = as_("ann", "recount", "--ended")
    assert code == 0 and out == ("Hendon: recount 2 called off; RECOUNT UNDER WAY; the next "
                                 "figures entered are recount 1.\n")
