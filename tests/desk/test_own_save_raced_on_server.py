"""One person signed in on two PCs of a team desk saves the same seat from both at the
same moment: both desks' own checks pass, and the server refuses the second under its lock.

Its refusal said "Hendon was changed by someone else since you opened it: … entered by
alice", where the desk's own check (`meanwhile.changed_since`) says a change of one's own
is one's own ("… since you opened it, by you (alice)"): at 3 a.m. "someone else" sent a
tired desk looking round the room for a colleague keying their seat. The desk now says the
server's refusal of a version added meanwhile as its own check does, read again; someone
else's change is still said to be someone else's.
"""

from __future__ import annotations

import pytest
from helpers.desk_target import Team, server_fixture  # noqa: F401  (fixture)
from helpers.seats import CLEAN, CON, HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures

CORRECTED = list(CLEAN)
CORRECTED[CON] += 10


def _between_check_and_save(monkeypatch, check: str, meanwhile) -> None:
    """`meanwhile()` runs once, right after the desk's own check `check` passed (as another
    PC's save lands between that read and the server's call)."""
    original = getattr(dk, check)

    def then(*args, **kwargs):
        original(*args, **kwargs)
        monkeypatch.setattr(dk, check, original)
        meanwhile()

    monkeypatch.setattr(dk, check, then)


def test_her_own_entry_from_her_other_pc_is_said_to_be_hers(server, monkeypatch):
    t = Team(server)
    alice = t.name("alice")
    other_pc = server.open("alice")
    _between_check_and_save(monkeypatch, "refuse_entry", lambda: dk.declare(
        other_pc, HENDON, Figures(CLEAN, 57), user=alice, expected_version=0))
    with pytest.raises(dk.Conflict) as refused:
        dk.declare(t.alice, HENDON, Figures(CLEAN, 57), user=alice, expected_version=0)
    said = str(refused.value)
    assert said.startswith(f"Hendon was changed since you opened it, by you ({alice}): "
                           "version 1"), said
    assert "someone else" not in said, said
    assert [v.version for v in dk.load_sheet(t.eve, HENDON).versions] == [1]


def test_her_own_correction_from_her_other_pc_is_said_to_be_hers(server, monkeypatch):
    t = Team(server)
    alice, bob = t.name("alice"), t.name("bob")
    dk.declare(t.alice, HENDON, Figures(CLEAN, 57), user=alice)
    dk.verify(t.bob, HENDON, user=bob, votes=CLEAN, invalid=57)
    other_pc = server.open("alice")
    _between_check_and_save(monkeypatch, "refuse_declaration", lambda: dk.correct(
        other_pc, HENDON, Figures(CORRECTED, 57), user=alice, reason="Con +10",
        expected_version=1))
    with pytest.raises(dk.Conflict) as refused:
        dk.correct(t.alice, HENDON, Figures(CORRECTED, 57), user=alice, reason="Con +10",
                   expected_version=1)
    said = str(refused.value)
    assert said.startswith(f"Hendon was changed since you opened it, by you ({alice}): "
                           "version 2"), said
    assert [v.version for v in dk.load_sheet(t.eve, HENDON).versions] == [1, 2]


def test_someone_elses_entry_is_still_someone_elses(server, monkeypatch):
    t = Team(server)
    alice, bob = t.name("alice"), t.name("bob")
    _between_check_and_save(monkeypatch, "refuse_entry", lambda: dk.declare(
        t.bob, HENDON, Figures(CLEAN, 57), user=bob, expected_version=0))
    with pytest.raises(dk.Conflict) as refused:
        dk.declare(t.alice, HENDON, Figures(CLEAN, 57), user=alice, expected_version=0)
    said = str(refused.value)
    assert said.startswith("Hendon was changed by someone else since you opened it: "
                           "version 1"), said
    assert "Con" not in said.split("version 1", 1)[1], said  # bob's figures stay blind
