"""The audit check on a file whose bytes were changed by hand so that a value is no longer
what SQLite or ResultsDesk ever write: text that is not UTF-8 (`CAST(X'80ff' AS TEXT)` in
sqlite3, or one byte changed with a hex editor inside an accented name), a blob where a
name belongs, or AUTOINCREMENT's counter made text. Before, `resultsdesk audit --check`
stopped on each with "unexpected error: … This is a bug in ResultsDesk", and one such
account name made every account go unchecked: a desk account made admin by hand, beside an
account whose name was no longer UTF-8, checked "intact".
"""

from __future__ import annotations

import json

import pytest
from helpers.accounts import FAST
from helpers.cli import run
from helpers.seats import CLEAN, HENDON
from helpers.tampering import by_hand, check, raw

from resultsdesk.desk import accounts as acc
from resultsdesk.desk import declarations as dk
from resultsdesk.desk.audit import check_audit_chain
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store

NOT_UTF8 = "CAST(X'80ff' AS TEXT)"


def _night(path) -> int:
    """root (admin), carol and bob (desk); carol's Hendon verified by bob. The newest
    entry's id."""
    with Store(path) as store:
        acc.add_account(store, "root", "admin", "root-password", admin=None, kdf=FAST)
        for name in ("carol", "bob"):
            acc.add_account(store, name, "desk", f"{name}-password", admin="root", kdf=FAST)
        dk.declare(store, HENDON, user="carol", figures=Figures(CLEAN, 1))
        dk.verify(store, HENDON, user="bob", votes=CLEAN, invalid=1)
    assert check(path).intact
    (last,) = raw(path).execute("SELECT max(id) FROM audit_log").fetchone()
    return last


def _by_hand(path, *statements: str) -> None:
    by_hand(path, *statements).close()


def _checked(capsys, path) -> str:
    """`audit --check`'s output: broken (exit 1), said as a check, never a bug's words."""
    code, out, err = run(capsys, "audit", "--db", path, "--check")
    assert "unexpected error" not in err and "Traceback" not in err, err
    assert code == 1, out
    assert out.startswith("audit chain BROKEN"), out
    return out.splitlines()[0]


@pytest.mark.parametrize("column", ["at", "user", "details", "hash"])
def test_an_entry_whose_text_is_not_utf8_is_named(capsys, nominations_db, column):
    last = _night(nominations_db)
    _by_hand(nominations_db, f"UPDATE audit_log SET {column} = {NOT_UTF8} WHERE id = {last}")
    assert f"at entry {last}" in _checked(capsys, nominations_db)


@pytest.mark.parametrize("statement", [
    f"UPDATE declarations SET entered_by = {NOT_UTF8}",
    f"UPDATE declarations SET verified_by = {NOT_UTF8}",
    f"UPDATE election SET name = {NOT_UTF8}",
    f"UPDATE constituencies SET name = {NOT_UTF8} WHERE code = '{HENDON}'"])
def test_figures_or_names_whose_text_is_not_utf8_are_found(capsys, nominations_db, statement):
    _night(nominations_db)
    _by_hand(nominations_db, statement)
    _checked(capsys, nominations_db)


@pytest.mark.parametrize("junk", [NOT_UTF8, "X'80ff'"], ids=["not UTF-8", "a blob"])
def test_an_account_whose_name_is_not_text_hides_no_other_account(capsys, nominations_db,
                                                                  junk):
    _night(nominations_db)
    _by_hand(nominations_db, "UPDATE accounts SET role = 'admin' WHERE name = 'carol'",
             f"UPDATE accounts SET name = {junk} WHERE name = 'bob'")
    line = _checked(capsys, nominations_db)
    assert "account" in line


def test_the_check_on_the_desks_own_connection_finds_such_an_account_too(nominations_db):
    """The check an admin's acceptance of the log runs (`audit_accept`) is on the desk's
    own connection, not the check's forensic one: an account name that is not UTF-8 there
    stopped it on sqlite3's "Could not decode" (it was left unchecked before)."""
    _night(nominations_db)
    _by_hand(nominations_db, f"UPDATE accounts SET name = {NOT_UTF8} WHERE name = 'bob'")
    with Store(nominations_db) as store:
        found = check_audit_chain(store)
    assert not found.intact and "account" in found.summary()


@pytest.mark.parametrize("junk", [NOT_UTF8, "X'80ff'"], ids=["not UTF-8", "a blob"])
def test_an_account_whose_name_is_not_text_is_found(capsys, nominations_db, junk):
    _night(nominations_db)
    _by_hand(nominations_db, f"UPDATE accounts SET name = {junk} WHERE name = 'bob'")
    assert "account" in _checked(capsys, nominations_db)


# A password's stored hash or salt made text that is not UTF-8 (long enough for the
# table's own checks): the seal of the credential cannot be worked out from lone
# surrogates, and the check stopped as a bug's error rather than saying so.
@pytest.mark.parametrize("column", ["password_hash", "salt"])
def test_a_credential_whose_text_is_not_utf8_is_found(capsys, nominations_db, column):
    _night(nominations_db)
    _by_hand(nominations_db, f"UPDATE accounts SET {column} = CAST(X'{'ff' * 40}' AS TEXT) "
                             "WHERE name = 'bob'")
    assert "password of account" in _checked(capsys, nominations_db)


@pytest.mark.parametrize("value", ["'35'", "'abc'", "NULL", "X'00'"])
def test_an_entry_counter_made_anything_but_a_number_is_found(capsys, nominations_db, value):
    _night(nominations_db)
    _by_hand(nominations_db, f"UPDATE sqlite_sequence SET seq = {value} "
                             "WHERE name = 'audit_log'")
    assert "ever written" in _checked(capsys, nominations_db)


# Reading the trail of such a file, rather than checking it, stopped as a bug's error: its
# details are shown as they are instead (the check above says what was changed).
@pytest.mark.parametrize("details", ["X'80ff'", NOT_UTF8, "'not json'", "'[1, 2]'"],
                         ids=["a blob", "not UTF-8", "not JSON", "not an object"])
@pytest.mark.parametrize("command", [["audit", "--out", "trail.json"], ["audit"],
                                     ["history", "--constituency", HENDON]])
def test_the_trail_of_an_entry_holding_a_blob_is_still_read(capsys, nominations_db,
                                                            tmp_path, command, details):
    last = _night(nominations_db)
    _by_hand(nominations_db, f"UPDATE audit_log SET details = {details} WHERE id = {last}")
    args = [tmp_path / a if a.endswith(".json") else a for a in command]
    code, _out, err = run(capsys, *args, "--db", nominations_db)
    assert "unexpected error" not in err, err
    if details == NOT_UTF8:  # no text to show: said in one line, where to look
        assert code == 1 and err.count("\n") == 1 and "audit --check" in err, err
        return
    assert code == 0, err
    if command[-1] == "trail.json":
        trail = json.loads((tmp_path / "trail.json").read_text(encoding="utf-8"))
        assert trail[-1]["details"] == {"unreadable": details.strip("'")} \
            if details.startswith("'") else {"unreadable": "\\x80\\xff"}


@pytest.mark.parametrize("column", ["verified_by", "verification_mode"])
@pytest.mark.parametrize("junk", ["X'80ff'", NOT_UTF8], ids=["a blob", "not UTF-8"])
def test_a_verification_whose_name_or_method_is_not_text_is_named(capsys, nominations_db,
                                                                   column, junk):
    # A blob for who verified Hendon (or how) stopped the check with "Object of type bytes
    # is not JSON serializable ... a bug in ResultsDesk", and the app's banner said nothing.
    _night(nominations_db)
    _by_hand(nominations_db, f"UPDATE declarations SET {column} = {junk} WHERE version = 1")
    line = _checked(capsys, nominations_db)
    assert "version 1 of Hendon" in line and "marked verified" in line, line


@pytest.mark.parametrize("command", [["users", "list"],
                                     ["recount", "--constituency", HENDON, "--user", "carol"]],
                         ids=["users list", "a sign-in"])
def test_an_account_name_not_utf8_is_said_as_damage_by_the_commands(capsys, monkeypatch,
                                                                    nominations_db, command):
    # bob's name's bytes changed: every sign-in (the app's too, which then never opened to
    # show its banner) and `users list` stopped on "Could not decode ... a bug".
    from helpers.cli import refused

    _night(nominations_db)
    _by_hand(nominations_db, f"UPDATE accounts SET name = {NOT_UTF8} WHERE name = 'bob'")
    monkeypatch.setenv("RESULTSDESK_PASSWORD", "carol-password")
    refused(run(capsys, *command, "--db", nominations_db), "not UTF-8", "audit --check")
