"""One desk, two stores: the declaration workflow, accounts and the audit through the desk's
own functions, on a SQLite file and on a PostgreSQL server (`desk_target`), with the same
outcomes and messages; and what only a server does: act as the signed-in account, and
refuse by its own rules what a client that skipped the desk's checks sends.
"""

from __future__ import annotations

import threading

import pytest
from helpers.desk_target import (  # noqa: F401  (fixture)
    desk_target_fixture,
    server_fixture,
)
from helpers.pg_trace import statements_sent

from resultsdesk.desk import accounts as acc
from resultsdesk.desk import declarations as dk
from resultsdesk.desk.audit import check_audit_chain
from resultsdesk.desk.backends import Entry, writes_for
from resultsdesk.desk.errors import StoreError
from resultsdesk.desk.live import NightState
from resultsdesk.desk.parties import set_political_order
from resultsdesk.desk.session import open_desk, reopen
from resultsdesk.desk.summary import national_summary
from resultsdesk.desk.visibility import EVERYONE, Viewer
from resultsdesk.domain.model import DeclarationKind, Figures, Status
from resultsdesk.domain.validation import WARNING_CODES

HENDON = "E14001279"
CON, LAB = 3, 6  # ballot positions at Hendon
CLEAN = (2667, 1966, 139, 12000, 1518, 3038, 18000, 233)  # no warning: Lab by 6,000
TIED = (100, 200, 300, 20000, 400, 500, 20000, 600)


def audit_size(desk) -> int:
    return len(dk.audit_log(desk))


def actions(desk, names: dict[str, str]) -> list[tuple[str, str]]:
    """(who, action) of Hendon's audit trail, with account names shortened back."""
    short = {v: k for k, v in names.items()}
    return [(short.get(a["user"], a["user"]), a["action"]) for a in dk.history(desk, HENDON).audit]


def test_declare_four_eyes_rekey_and_verify(desk_target):
    t = desk_target
    alice, bob = t.open("alice"), t.open("bob")
    v = dk.declare(alice, HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    assert (v.version, v.status, v.entered_by) == (1, "provisional", t.name("alice"))
    assert v == dk.load_sheet(alice, HENDON).versions[-1]  # as saved, who and when
    assert national_summary(bob).declared == 0
    assert national_summary(t.open("eve"), include_provisional=True).seats == {"Lab": 1}
    # A file is read whole by whoever opens it; a server lets bob, who could verify it,
    # read nothing of alice's pending entry (its migration 12).
    blind = national_summary(bob, include_provisional=True).seats
    assert blind == ({} if t.on_server else {"Lab": 1})

    before = audit_size(bob)
    with pytest.raises(dk.FourEyesRefusal, match="cannot verify them: a second person must"):
        dk.verify(alice, HENDON, user=t.name("alice"), votes=CLEAN, invalid=50)
    assert audit_size(bob) == before  # a refusal writes nothing

    wrong = list(CLEAN)
    wrong[CON] += 1
    miss = dk.verify(bob, HENDON, user=t.name("bob"), votes=wrong, invalid=50)
    assert not miss.verified and miss.differences == (f"votes:{CON}",)
    assert miss.describe_differences() == "Ameet Jogia (Con)"
    assert national_summary(bob).declared == 0

    done = dk.verify(bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=50)
    assert done.verified and done.version.verified_by == t.name("bob")
    assert done.sheet == dk.load_sheet(alice, HENDON)  # the seat as the verification left it
    assert done.version.verification_mode == "rekey"
    counted = national_summary(alice)
    assert (counted.declared, counted.seats, counted.votes["Lab"]) == (1, {"Lab": 1}, 18000)
    assert actions(bob, t.names) == [("alice", "declare"), ("bob", "verify mismatch"),
                                     ("bob", "verify")]
    assert dk.verification_queue(bob) == []
    check = check_audit_chain(alice)
    assert check.intact, check.summary()


def test_a_verifier_sees_who_keyed_a_pending_entry_and_nothing_more(desk_target):
    """bob's window shows Hendon "provisional, entered by alice" and no figures, on a file
    (the app hides them) and on a server (his account reads none): whatever the Viewer
    asked for, a server never shows bob more than his account may read."""
    t = desk_target
    dk.declare(t.open("alice"), HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    bob = t.open("bob")
    viewers = [Viewer(t.name("bob"), sees_all_provisional=False)]
    if t.on_server:
        viewers.append(EVERYONE)
    for viewer in viewers:
        night = NightState(bob, viewer=viewer)
        night.refresh()
        seat = night.seats[HENDON]
        assert (seat.status, seat.hidden_entry_by, seat.shown) == (
            Status.PROVISIONAL, t.name("alice"), None), viewer
        assert night.summary(include_provisional=True).declared == 0


def test_a_stale_save_is_a_conflict_naming_who_changed_the_seat(desk_target):
    t = desk_target
    alice, bob = t.open("alice"), t.open("bob")
    seen = dk.load_sheet(alice, HENDON).current_version
    dk.declare(bob, HENDON, Figures(CLEAN, 50), user=t.name("bob"), expected_version=seen)
    before = audit_size(alice)
    with pytest.raises(dk.Conflict, match=f"changed by someone else.*{t.name('bob')}"):
        dk.declare(alice, HENDON, Figures(CLEAN, 60), user=t.name("alice"),
                   expected_version=seen)
    with pytest.raises(dk.Conflict):
        dk.verify(alice, HENDON, user=t.name("alice"), votes=None, expected_version=seen)
    assert audit_size(alice) == before
    assert [v.entered_by for v in dk.load_sheet(alice, HENDON).versions] == [t.name("bob")]


def test_a_conflict_over_someone_elses_pending_entry_shows_no_figures(desk_target):
    """alice's stale save meets bob's entry awaiting verification: she is told who changed
    the seat and when, not his figures (she could verify it: blind means blind), and on a
    server not the zeros her account reads in their place."""
    t = desk_target
    alice, bob = t.open("alice"), t.open("bob")
    seen = dk.load_sheet(alice, HENDON).current_version
    dk.declare(bob, HENDON, Figures(CLEAN, 50), user=t.name("bob"), expected_version=seen)
    with pytest.raises(dk.Conflict) as refused:
        dk.declare(alice, HENDON, Figures(CLEAN, 60), user=t.name("alice"),
                   expected_version=seen)
    message = str(refused.value)
    assert t.name("bob") in message and "figures hidden until verified" in message
    assert "18,000" not in message and "(Lab) 0" not in message
    # his own stale save still shows him his own figures
    with pytest.raises(dk.Conflict, match="18,000"):
        dk.declare(bob, HENDON, Figures(CLEAN, 60), user=t.name("bob"), expected_version=seen)


def test_editors_read_everything_and_enter_nothing(desk_target):
    t = desk_target
    alice, eve = t.open("alice"), t.open("eve")
    with pytest.raises(acc.RoleRefusal, match="editor account and cannot enter"):
        dk.declare(eve, HENDON, Figures(CLEAN, 50), user=t.name("eve"))
    dk.declare(alice, HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    with pytest.raises(acc.RoleRefusal):
        dk.verify(eve, HENDON, user=t.name("eve"), votes=None)
    with pytest.raises(acc.RoleRefusal, match="change the parties"):
        set_political_order(eve, ["Lab"], user=t.name("eve"))
    assert national_summary(eve, include_provisional=True).seats == {"Lab": 1}
    assert [q.code for q in dk.verification_queue(eve)] == [HENDON]


def test_lots_corrections_rejections_withdrawals_and_recounts(desk_target):
    t = desk_target
    alice, bob, ann = t.open("alice"), t.open("bob"), t.open("ann")
    jogia = dk.load_sheet(alice, HENDON).candidates[CON]
    dk.declare(alice, HENDON, Figures(TIED, 50), user=t.name("alice"), overrides=["tie"])
    with pytest.raises(dk.FourEyesRefusal):  # her figures, awaiting verification
        dk.decide_tie(bob, HENDON, user=t.name("bob"), winner_id=jogia.id, note="drawn")
    lot = dk.decide_tie(alice, HENDON, user=t.name("alice"), winner_id=jogia.id,
                        note="drawn")
    assert (lot.version, lot.kind, lot.tie_winner_id) == (2, DeclarationKind.LOT, jogia.id)
    with pytest.raises(dk.FourEyesRefusal):  # alice keyed the tied figures and the lot
        dk.verify(alice, HENDON, user=t.name("alice"), votes=None)
    assert dk.verify(ann, HENDON, user=t.name("ann"), votes=TIED, invalid=50,
                     tie_winner=jogia.id).verified
    assert national_summary(bob).seats == {"Con": 1}

    fixed = list(TIED)
    fixed[LAB] += 10
    dk.correct(alice, HENDON, Figures(fixed, 50), user=t.name("alice"),
               reason="sheet misread", overrides=WARNING_CODES)
    with pytest.raises(dk.DeskRefusal, match=r"Only .* who entered it, can withdraw"):
        dk.withdraw(bob, HENDON, user=t.name("bob"))
    dk.withdraw(alice, HENDON, user=t.name("alice"))
    dk.correct(bob, HENDON, Figures(fixed, 50), user=t.name("bob"), reason="again",
               overrides=WARNING_CODES)
    dk.reject(alice, HENDON, user=t.name("alice"), comment="ask the count")
    assert national_summary(alice).seats == {"Con": 1}  # the lot stays on air

    sheet = dk.mark_recount(bob, HENDON, user=t.name("bob"))
    assert sheet.recount_under_way and sheet.current_count == 1
    recount = dk.declare(alice, HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    assert recount.count_number == 1
    assert dk.verify(bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=50).verified
    sheet = dk.load_sheet(ann, HENDON)
    assert not sheet.recount_under_way
    assert [(v.version, v.status, v.kind) for v in sheet.versions] == [
        (1, "superseded", "declaration"), (2, "superseded", "lot"),
        (3, "withdrawn", "correction"), (4, "rejected", "correction"),
        (5, "verified", "declaration")]
    assert national_summary(ann).seats == {"Lab": 1}
    assert check_audit_chain(ann).intact


def test_the_chamber_order_is_an_admins(desk_target):
    t = desk_target
    with pytest.raises(acc.RoleRefusal):
        set_political_order(t.open("alice"), ["Con", "Lab"], user=t.name("alice"))
    with pytest.raises(dk.DeskRefusal, match="No party Nope"):
        set_political_order(t.open("ann"), ["Nope"], user=t.name("ann"))
    set_political_order(t.open("ann"), ["Con", "Lab"], user=t.name("ann"))
    parties = [r["abbreviation"] for r in t.open("eve").query(
        "SELECT abbreviation FROM parties ORDER BY political_order, abbreviation")]
    assert parties[:2] == ["Con", "Lab"]


def test_accounts_are_added_disabled_and_reset_by_an_admin(desk_target):
    t = desk_target
    ann, eve = t.open("ann"), t.open("eve")
    carol = f"{t.name('ann')[:-3]}carol" if t.on_server else "carol"
    with pytest.raises(acc.RoleRefusal, match="manage accounts"):
        acc.add_account(eve, carol, "desk", "carol password", admin=t.name("eve"))
    with pytest.raises(dk.DeskRefusal, match="same name"):
        acc.add_account(ann, t.name("alice").upper(), "desk", "another password",
                        admin=t.name("ann"))
    added = acc.add_account(ann, carol, "desk", "carol password", admin=t.name("ann"))
    assert (added.name, added.role, added.disabled) == (carol, "desk", False)
    assert carol in [a.name for a in acc.list_accounts(eve)]
    acc.disable_account(ann, carol, admin=t.name("ann"))
    assert acc.find_account(eve, carol).disabled
    with pytest.raises(dk.DeskRefusal, match="only enabled admin"):
        acc.disable_account(ann, t.name("ann"), admin=t.name("ann"))

    acc.change_password(ann, t.name("bob"), "bob's new password", by=t.name("ann"))
    entry = dk.audit_log(eve)[-1]
    # on a file, with the seal of the hash stored (a server keeps no hash: nothing to seal)
    sealed = {} if t.on_server else {"password_seal": entry["details"].get("password_seal")}
    assert (entry["action"], entry["entity_key"], entry["details"]) == \
        ("change password", t.name("bob"), {"by_admin": True, **sealed})
    assert t.on_server or len(sealed["password_seal"]) == 64
    if t.on_server:  # the server checks it at sign-in
        with open_desk(str(t.target), user=t.name("bob"),
                       password="bob's new password") as bob:
            assert acc.server_account(bob).name == t.name("bob")
        with pytest.raises(StoreError, match=r"sign-in .* failed"):
            open_desk(str(t.target), user=t.name("bob"), password=t.passwords["bob"])
    else:
        assert acc.sign_in(ann, "bob", "bob's new password").name == "bob"


# --- only on a server --------------------------------------------------------------------


def test_a_server_desk_acts_only_as_the_account_it_signed_in(server):
    t = server
    alice = t.open("alice")
    with pytest.raises(dk.DeskRefusal, match=f"signed in to the server as {t.name('alice')}"):
        dk.declare(alice, HENDON, Figures(CLEAN, 50), user=t.name("bob"))
    v = dk.declare(alice, HENDON, Figures(CLEAN, 50), user=t.name("alice").upper())
    assert v.entered_by == t.name("alice")  # the server's name for the account, not the typed
    assert acc.signed_in_name(alice, None, lambda: pytest.fail("asked for a password"),
                              acc.Permission.DECLARE) == t.name("alice")


def test_the_server_refuses_what_a_client_that_skips_the_checks_sends(server):
    """The desk's Python checks bypassed (the backend called directly, as any client could
    call the server's functions): the server refuses by its own rules, and each SQLSTATE
    arrives as the desk's own exception."""
    t = server
    alice, eve = t.open("alice"), t.open("eve")
    dk.declare(alice, HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    sheet = dk.load_sheet(alice, HENDON)
    with pytest.raises(dk.FourEyesRefusal, match="a second person must"):  # RD002
        writes_for(alice).verify(sheet, sheet.pending, t.name("alice"), votes=None,
                                 invalid=None, tie_winner=None, differences=[])
    with pytest.raises(acc.RoleRefusal):  # an editor: no EXECUTE on declare (42501)
        writes_for(eve).declare(sheet, Figures(CLEAN, 50),
                                Entry(t.name("eve"), DeclarationKind.DECLARATION))
    stale = dk.load_sheet(alice, HENDON)
    dk.declare(alice, HENDON, Figures(CLEAN, 51), user=t.name("alice"), expected_version=1)
    with pytest.raises(dk.Conflict, match="changed by someone else"):  # RD001
        writes_for(t.open("bob")).verify(stale, stale.pending, t.name("bob"), votes=None,
                                         invalid=None, tie_winner=None, differences=[])
    with pytest.raises(dk.DeskRefusal, match="cannot be saved"):  # RD003: figures in error
        writes_for(alice).declare(dk.load_sheet(alice, HENDON), Figures([0] * 8, 0), Entry(
            t.name("alice"), DeclarationKind.DECLARATION))
    assert check_audit_chain(eve).intact


def test_declare_and_verify_are_six_statements_each_on_a_server(server):
    """The shape of a round trip on a server: per action, the seat read in one snapshot
    (BEGIN with its isolation, the seat, its ballot paper, its versions with their votes,
    COMMIT) and one call of the server's function, which returns the seat as the save left
    it. No probe, no second read of the account, no read-back, no BEGIN/COMMIT around the
    call. Counted by libpq's own trace of each desk's connection."""
    t = server
    alice, bob = t.open("alice"), t.open("bob")
    for desk in (alice, bob):  # who signed in is read once per connection
        assert acc.server_account(desk).role == "desk"
    with statements_sent(alice) as declared:
        v = dk.declare(alice, HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    with statements_sent(bob) as verified:
        done = dk.verify(bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=50)
    snapshot = ["BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", "constituencies",
                "candidates", "declaration_votes", "COMMIT"]
    for sent, function in ((declared, "resultsdesk.declare("),
                           (verified, "resultsdesk.verify(")):
        assert len(sent) == 6, sent
        assert all(word in statement for word, statement in zip(snapshot, sent, strict=False))
        assert function in sent[5]
    assert (v.version, done.verified) == (1, True)


def test_a_desk_reconnects_by_itself_after_the_server_restarts(server, pg_cluster):
    t = server
    alice, bob = t.open("alice"), t.open("bob")
    dk.declare(alice, HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    pg_cluster.restart()
    # idle connections the server dropped are found out before anything is sent
    assert dk.verify(bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=50).verified
    assert national_summary(alice).seats == {"Lab": 1}
    assert check_audit_chain(alice).intact


def test_a_worker_thread_reopens_the_election_signed_in_the_same_way(desk_target):
    """A handle belongs to its thread; `reopen` gives a worker its own, as the same account
    (on a server: without asking for the password again)."""
    t = desk_target
    eve = t.open("eve")
    seen: list = []

    def work() -> None:
        with reopen(eve) as mine:
            seen.append((national_summary(mine).seats_total, acc.server_account(mine)))

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(30)
    ((seats, account),) = seen
    assert seats == 5
    assert (account.name if account else None) == (t.name("eve") if t.on_server else None)
