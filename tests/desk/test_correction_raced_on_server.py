"""A correction on a team desk is of the verified version the desk saw, checked by the
server under its lock, not only by the desk's own read.

alice keys a correction of version 1; before anyone verifies it she presses Enter on the
seat to key it afresh, the form opened on version 2 (hers, awaiting verification) as a
correction of version 1. The desk refuses her save if version 2 was verified meanwhile
(desk/meanwhile.refuse_correction_moved_on), but on its own read, outside the server's
lock: bob's verification landing between that read and the call of the server's `correct`
adds no version, so the version expected did not catch it, and her figures went in as a
new correction of version 2, the figures now on air that she had opened the form to
replace, unnoticed. The server now takes the verified version corrected (`p_correcting`,
migration 74) and refuses it if another is verified, writing nothing; the desk says it
as its own check does.
"""

from __future__ import annotations

import pytest
from helpers.desk_state import snapshot
from helpers.desk_target import Team, server_fixture  # noqa: F401  (fixture)
from helpers.seats import CLEAN, CON, HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.backends import Entry, writes_for
from resultsdesk.domain.model import DeclarationKind, Figures

CORRECTED = list(CLEAN)
CORRECTED[CON] += 10
AGAIN = list(CLEAN)
AGAIN[CON] += 100


def _corrected(t: Team) -> None:
    """Version 1 verified (by bob), version 2 alice's correction of it, awaiting
    verification."""
    alice, bob = t.name("alice"), t.name("bob")
    dk.declare(t.alice, HENDON, Figures(CLEAN, 57), user=alice)
    dk.verify(t.bob, HENDON, user=bob, votes=CLEAN, invalid=57)
    dk.correct(t.alice, HENDON, Figures(CORRECTED, 57), user=alice, reason="Con +10")


def test_a_reopened_correction_verified_between_check_and_save_is_refused_by_the_server(
        server, monkeypatch):
    t = Team(server)
    alice, bob = t.name("alice"), t.name("bob")
    _corrected(t)
    opened = dk.load_sheet(t.alice, HENDON)  # the form: version 2, correcting version 1
    checked, before = dk.refuse_correction_moved_on, []

    def then_bob_verifies(sheet, correcting):
        checked(sheet, correcting)  # alice's desk: version 2 still awaits verification
        monkeypatch.setattr(dk, "refuse_correction_moved_on", checked)
        assert dk.verify(t.bob, HENDON, user=bob, votes=CORRECTED, invalid=57).verified
        before.append(snapshot(t.eve))

    monkeypatch.setattr(dk, "refuse_correction_moved_on", then_bob_verifies)
    with pytest.raises(dk.Conflict) as refused:
        dk.correct(t.alice, HENDON, Figures(AGAIN, 57), user=alice, reason="Con +100",
                   expected_version=opened.current_version,
                   correcting=opened.verified.version)
    said = str(refused.value)
    assert before, "bob's verification never came"  # the server refused, not the desk
    assert said.startswith(f"Hendon changed since you opened it: version 2 was verified by "
                           f"{bob} at "), said
    assert said.endswith(" meanwhile.") and "\n" not in said, said
    assert [snapshot(t.eve)] == before  # alice's call wrote nothing
    sheet = dk.load_sheet(t.eve, HENDON)
    assert (sheet.current_version, sheet.pending, sheet.verified.version) == (2, None, 2)


def test_the_servers_writes_refuse_a_correction_of_a_version_no_longer_verified(server):
    """The desk's writes called with the seat as read before bob's verification (what
    `correct` sends once its checks passed): refused, nothing written."""
    t = Team(server)
    _corrected(t)
    stale = dk.load_sheet(t.alice, HENDON)
    assert dk.verify(t.bob, HENDON, user=t.name("bob"), votes=CORRECTED, invalid=57).verified
    before = snapshot(t.eve)
    with pytest.raises(dk.Conflict, match=r"^Hendon changed since you opened it: version 2 "):
        writes_for(t.alice).correct(stale, stale.verified, Figures(AGAIN, 57), Entry(
            t.name("alice"), DeclarationKind.CORRECTION, (), "desk", reason="Con +100"))
    assert snapshot(t.eve) == before


def test_a_correction_of_the_version_still_verified_is_saved(server):
    """The check leaves the ordinary correction alone: her own entry replaced while it
    awaits verification, and a correction from the command line (no form)."""
    t = Team(server)
    alice = t.name("alice")
    _corrected(t)
    opened = dk.load_sheet(t.alice, HENDON)
    again = dk.correct(t.alice, HENDON, Figures(AGAIN, 57), user=alice, reason="Con +100",
                       expected_version=opened.current_version, correcting=1)
    assert again.version == 3
    sheet = dk.load_sheet(t.eve, HENDON)
    assert sheet.verified.version == 1 and tuple(sheet.pending.votes) == tuple(AGAIN)


def test_versions_added_between_check_and_save_were_refused_already(server, monkeypatch):
    """bob corrects and ann verifies between alice's check and her call: versions moved,
    so the version the desk sent (`p_expected_version`) refused it before migration 74."""
    t = Team(server)
    alice, bob = t.name("alice"), t.name("bob")
    dk.declare(t.alice, HENDON, Figures(CLEAN, 57), user=alice)
    dk.verify(t.bob, HENDON, user=bob, votes=CLEAN, invalid=57)
    checked = dk.refuse_correction_moved_on

    def then_bob_corrects(sheet, correcting):
        checked(sheet, correcting)
        monkeypatch.setattr(dk, "refuse_correction_moved_on", checked)
        dk.correct(t.bob, HENDON, Figures(CORRECTED, 57), user=bob, reason="Con +10")
        assert dk.verify(t.ann, HENDON, user=t.name("ann"), votes=CORRECTED,
                         invalid=57).verified

    monkeypatch.setattr(dk, "refuse_correction_moved_on", then_bob_corrects)
    with pytest.raises(dk.Conflict, match="changed by someone else since you opened it"):
        dk.correct(t.alice, HENDON, Figures(AGAIN, 57), user=alice, reason="Con +100",
                   expected_version=1, correcting=1)
    assert dk.load_sheet(t.eve, HENDON).verified.version == 2
