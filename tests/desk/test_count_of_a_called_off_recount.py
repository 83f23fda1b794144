"""A recount's count left verifiable by an older ResultsDesk. Before a recount whose count
awaited verification could no longer be called off (desk: `refuse_end_of_recount`; server:
migration 37), calling it off left that count awaiting verification, with no recount under
way: verified, it went on air for a recount the desk had said was not going ahead. Files
and servers made then still hold such a count.

The state, exactly: the seat's newest version awaits verification, a count of recount N
(a declaration keyed while recount N was under way, or a lot drawn on one by its keyer),
no recount is under way, and the seat's audit log has "recount ended" for count N after
the entry that recorded those figures. The sheet alone cannot tell it from figures keyed
after a recount called off (which the older version also labelled "recount N", and which
are the result to verify): only the order of the audit entries can, so that is the rule.

`verify` refuses it now, in one line saying what to do: reject it, or mark a recount under
way if one is going ahead (which makes it nothing to verify). The older version's state is
written here as it wrote it (`_called_off_the_old_way`: the recount ended, its count left
alone). Every test runs on a file and on a server (`team`); the server's own refusal,
whatever the client checked, is tests/store/postgres/test_pg_called_off_count.py."""

from __future__ import annotations

import psycopg
import pytest
from helpers.desk_state import row, seat_figures, snapshot
from helpers.desk_target import desk_target_fixture, team_fixture  # noqa: F401  (fixtures)
from helpers.seats import CLEAN, CON, HENDON, LAB, TIED

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import declarations as sql

RECOUNT = list(CLEAN)
RECOUNT[LAB] -= 500


def _called_off_the_old_way(t) -> None:
    """What calling the recount off wrote before it was refused with a count of it pending:
    no recount under way, the count left where it was, "recount ended" for that count."""
    if not t.target.on_server:
        sheet = dk.load_sheet(t.ann, HENDON)
        with t.ann.write():
            sql.set_recount(t.ann, sheet.id, False)
            t.ann.audit(t.name("ann"), "recount ended", "constituency", HENDON,
                        {"count": sheet.current_count})
        return
    with psycopg.connect(str(t.target.admin_target)) as conn:
        conn.execute("SET LOCAL search_path = resultsdesk, pg_temp")
        count = conn.execute("UPDATE constituencies SET recount_under_way = 0 WHERE code = %s "
                             "RETURNING current_count", (HENDON,)).fetchone()[0]
        conn.execute("SELECT rd_audit('recount ended', 'constituency', %s, "
                     "jsonb_build_object('count', %s::integer))", (HENDON, count))


def _refused_line(t, keyed: dk.Version, ended_at: str) -> str:
    return (f"Hendon: version {keyed.version} holds recount 1's figures, keyed before "
            f"recount 1 was called off (at {dk.local_time(ended_at)}), so it is not to be "
            "verified: reject it, or mark a recount under way if one is going ahead.")


def _ended_at(t) -> str:
    return next(a["at"] for a in reversed(dk.history(t.eve, HENDON).audit)
                if a["action"] == "recount ended")


def test_a_count_of_a_recount_called_off_by_an_older_version_is_not_verified(team):
    """Hendon verified, recount 1 called, alice keys its count, and the recount was called
    off the old way: bob's re-key of those figures verified them and put them on air.
    Refused, nothing written; rejected, nothing is left and the first count stays."""
    t = team
    dk.declare(t.alice, HENDON, Figures(CLEAN, 120), user=t.name("alice"))
    dk.verify(t.bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=120)
    dk.mark_recount(t.ann, HENDON, user=t.name("ann"))
    keyed = dk.declare(t.alice, HENDON, Figures(RECOUNT, 120), user=t.name("alice"))
    _called_off_the_old_way(t)
    before = snapshot(t.bob)
    with pytest.raises(dk.DeskRefusal) as refused:
        dk.verify(t.bob, HENDON, user=t.name("bob"), votes=RECOUNT, invalid=120)
    assert str(refused.value) == _refused_line(t, keyed, _ended_at(t))
    assert snapshot(t.bob) == before and seat_figures(t.bob) == tuple(CLEAN)

    dk.reject(t.bob, HENDON, user=t.name("bob"), comment="recount was called off")
    assert dk.load_sheet(t.eve, HENDON).pending is None
    assert seat_figures(t.bob) == tuple(CLEAN) and not row(t.bob).recount_under_way


def test_over_a_first_count_nobody_verified_and_a_recount_called_again(team):
    """No verified result: the count would have been the seat's first result on air.
    Marking a recount under way (it is going ahead after all) makes it nothing to
    verify, and the new recount's count is verified as any."""
    t = team
    dk.declare(t.alice, HENDON, Figures(CLEAN, 120), user=t.name("alice"))
    dk.mark_recount(t.ann, HENDON, user=t.name("ann"))
    keyed = dk.declare(t.alice, HENDON, Figures(RECOUNT, 120), user=t.name("alice"))
    _called_off_the_old_way(t)
    with pytest.raises(dk.DeskRefusal) as refused:
        dk.verify(t.bob, HENDON, user=t.name("bob"), votes=RECOUNT, invalid=120)
    assert str(refused.value) == _refused_line(t, keyed, _ended_at(t))
    assert dk.load_sheet(t.eve, HENDON).verified is None

    sheet = dk.mark_recount(t.ann, HENDON, user=t.name("ann"))
    assert sheet.recount_under_way and sheet.pending is None
    dk.declare(t.alice, HENDON, Figures(RECOUNT, 120), user=t.name("alice"))
    assert dk.verify(t.bob, HENDON, user=t.name("bob"), votes=RECOUNT, invalid=120).verified


def test_a_lot_drawn_on_such_a_count_is_not_verified_either(team):
    """alice draws the returning officer's lot on her own stuck tied count: the lot holds
    those figures, so verifying it would put them on air just the same."""
    t = team
    dk.declare(t.alice, HENDON, Figures(CLEAN, 120), user=t.name("alice"))
    dk.verify(t.bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=120)
    dk.mark_recount(t.ann, HENDON, user=t.name("ann"))
    dk.declare(t.alice, HENDON, Figures(TIED, 120), user=t.name("alice"), overrides=["tie"])
    _called_off_the_old_way(t)
    lab = dk.load_sheet(t.alice, HENDON).candidates[LAB].id
    lot = dk.decide_tie(t.alice, HENDON, user=t.name("alice"), winner_id=lab, note="drawn")
    with pytest.raises(dk.DeskRefusal) as refused:
        dk.verify(t.bob, HENDON, user=t.name("bob"), votes=TIED, invalid=120, tie_winner=lab)
    assert str(refused.value) == _refused_line(t, lot, _ended_at(t))


def test_figures_keyed_after_the_old_call_off_are_verified(team):
    """What the older version left and is the result to verify: figures keyed after a
    recount over a first count nobody verified was called off (labelled "recount 1" by
    it), a correction, a lot on the verified count, a recount's count verified as usual."""
    t = team
    dk.declare(t.alice, HENDON, Figures(CLEAN, 120), user=t.name("alice"))
    dk.mark_recount(t.ann, HENDON, user=t.name("ann"))
    _called_off_the_old_way(t)
    dk.declare(t.alice, HENDON, Figures(TIED, 120), user=t.name("alice"), overrides=["tie"])
    assert dk.verify(t.bob, HENDON, user=t.name("bob"), votes=TIED, invalid=120).verified

    con = dk.load_sheet(t.alice, HENDON).candidates[CON].id
    dk.mark_recount(t.ann, HENDON, user=t.name("ann"))
    dk.mark_recount(t.ann, HENDON, user=t.name("ann"), under_way=False)
    dk.decide_tie(t.alice, HENDON, user=t.name("alice"), winner_id=con, note="drawn")
    assert dk.verify(t.bob, HENDON, user=t.name("bob"), votes=TIED, invalid=120,
                     tie_winner=con).verified

    dk.mark_recount(t.ann, HENDON, user=t.name("ann"))
    dk.mark_recount(t.ann, HENDON, user=t.name("ann"), under_way=False)
    dk.correct(t.alice, HENDON, Figures(CLEAN, 120), user=t.name("alice"), reason="misread")
    assert dk.verify(t.bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=120).verified

    dk.mark_recount(t.ann, HENDON, user=t.name("ann"))
    dk.declare(t.alice, HENDON, Figures(RECOUNT, 120), user=t.name("alice"))
    assert dk.verify(t.bob, HENDON, user=t.name("bob"), votes=RECOUNT, invalid=120).verified
    assert seat_figures(t.bob) == tuple(RECOUNT) and not row(t.bob).recount_under_way
