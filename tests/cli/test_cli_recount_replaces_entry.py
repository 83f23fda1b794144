"""`resultsdesk recount` called over an entry awaiting verification says that entry no
longer counts, as Declaration > Mark recount under way asks first ("alice's entry (version
1), awaiting verification, will no longer count."). The command said only "RECOUNT UNDER
WAY; the next figures entered are recount 1.": at 3 a.m. whoever ran it (or alice, told
nothing) took her first count still to be in the queue, waiting for bob, while it was
already nothing to verify. Who keyed it and its version only: its figures stay blind."""

from __future__ import annotations

from helpers.cli import run_as
from helpers.cli_declarations import votes
from helpers.desk_target import (  # noqa: F401  (fixtures)
    desk_target_fixture,
    server_fixture,
    team_fixture,
)
from helpers.seats import CLEAN, HENDON


def test_a_recount_called_over_an_entry_says_it_no_longer_counts(team, capsys, monkeypatch):
    def as_(short, *args):
        return run_as(capsys, monkeypatch, team, short, *args, "--constituency", HENDON)

    assert as_("alice", "declare", *votes(CLEAN), "--invalid", "120")[0] == 0
    code, out, _ = as_("bob", "recount")
    alice = team.name("alice")
    assert code == 0
    assert out == (f"Hendon: {alice}'s entry (version 1), awaiting verification, no longer "
                   "counts: nothing of it is verified.\n"
                   "Hendon: RECOUNT UNDER WAY; the next figures entered are recount 1.\n")
    assert str(CLEAN[0]) not in out  # blind: who and which version, never a figure


def test_a_recount_called_over_a_verified_result_says_nothing_more(team, capsys,
                                                                   monkeypatch):
    def as_(short, *args):
        return run_as(capsys, monkeypatch, team, short, *args, "--constituency", HENDON)

    assert as_("alice", "declare", *votes(CLEAN), "--invalid", "120")[0] == 0
    assert as_("bob", "verify", *votes(CLEAN), "--invalid", "120")[0] == 0
    code, out, _ = as_("bob", "recount")
    assert (code, out) == (0, "Hendon: RECOUNT UNDER WAY; the next figures entered are "
                              "recount 1.\n")
