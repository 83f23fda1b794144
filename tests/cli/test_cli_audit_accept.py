"""`resultsdesk audit --accept-rewrite --reason TEXT --user NAME`: the log accepted as it
stands once a check found gone the newest entry this PC saw (`desk.audit_accept`; the
rule itself in tests/desk/test_audit_accept.py). Exit 0 accepted, printing the check after
as `--check` does; 1 refused (not an admin, nothing gone), one error line; 2 options that
never go together, or a blank reason, before anything is opened or a password asked."""

from __future__ import annotations

import pytest
from helpers.audit_rewrite import add_accounts, taken_back_overnight
from helpers.cli import assert_one_error_line, run, usage_refused

from resultsdesk.desk.audit_memory import recall, remember
from resultsdesk.store import Store

REASON = "the 02:00 copy put back after the disk failed; checked with the returning officer"


def _entries(path) -> int:
    with Store(path) as store:
        return store.scalar("SELECT count(*) FROM audit_log")


@pytest.fixture
def swapped(nominations_db, tmp_path):
    add_accounts(nominations_db)
    seen = taken_back_overnight(nominations_db, tmp_path)
    return nominations_db, seen


def test_an_admin_accepts_the_log_and_the_check_is_intact_after(capsys, monkeypatch, swapped):
    path, seen = swapped
    code, out, _ = run(capsys, "audit", "--db", path, "--check")
    assert code == 1 and f"entry {seen.head_id} (" in out  # what the banner says too
    before = _entries(path)
    monkeypatch.setenv("RESULTSDESK_PASSWORD", "root-password")
    code, out, err = run(capsys, "audit", "--db", path, "--accept-rewrite", "--reason", REASON,
                         "--user", "root")
    assert (code, err) == (0, ""), err
    lines = out.splitlines()
    head = before + 2  # root's sign-in, then the acceptance
    assert lines == [f"Accepted the audit log as it stands: entry {head} records it, with the "
                     "reason given.", f"audit chain intact: {head} entries", lines[2]]
    assert lines[2].startswith("head hash: ") and f"(entry {head}, " in lines[2]
    with Store(path) as store:
        assert recall(store).head_id == head
    code, out, _ = run(capsys, "audit", "--db", path, "--check")
    assert code == 0 and out.startswith(f"audit chain intact: {head} entries")
    code, out, _ = run(capsys, "audit", "--db", path)
    assert (f"root accepted the audit log as it stands, to entry {head - 1} (hash "
            in out.splitlines()[-1])
    assert out.splitlines()[-1].endswith(f"; reason: “{REASON}”")


def test_a_desk_account_is_refused_with_exit_1(capsys, monkeypatch, swapped):
    path, _ = swapped
    monkeypatch.setenv("RESULTSDESK_PASSWORD", "alice-password")
    before = _entries(path)
    code, out, err = run(capsys, "audit", "--db", path, "--accept-rewrite", "--reason", REASON,
                         "--user", "alice")
    assert_one_error_line(code, out, err, "alice is a desk account and cannot accept a "
                          "rewritten audit log as it stands: that needs an admin account")
    assert _entries(path) == before + 1  # her sign-in, recorded as every sign-in is
    assert run(capsys, "audit", "--db", path, "--check")[0] == 1  # still said


def test_nothing_gone_is_refused_with_exit_1(capsys, nominations_db):
    code, out, err = run(capsys, "audit", "--db", nominations_db, "--accept-rewrite",
                         "--reason", REASON, "--user", "alice")
    assert_one_error_line(code, out, err, "Nothing to accept: this PC keeps no newest entry")


@pytest.mark.parametrize(("options", "said"), [
    (["--accept-rewrite", "--user", "root"], "--accept-rewrite needs --reason TEXT"),
    (["--accept-rewrite", "--reason", "  ", "--user", "root"],
     "argument --reason: say why the log is accepted as it stands"),
    (["--reason", REASON], "--reason goes with --accept-rewrite"),
    (["--check", "--reason", REASON], "--reason goes with --accept-rewrite"),
    (["--check", "--accept-rewrite", "--reason", REASON],
     "argument --accept-rewrite: not allowed with argument --check"),
    (["--accept-rewrite", "--reason", REASON, "--anchor", "0" * 64],
     "--anchor goes with --check"),
])
def test_options_that_never_go_together_are_usage_errors(capsys, swapped, options, said):
    path, _ = swapped
    before = _entries(path)
    line = usage_refused(capsys, "audit", "--db", path, *options)
    assert said in line, line
    assert _entries(path) == before  # nobody even signed in


def test_check_on_another_pc_says_the_acceptance_and_exits_0(capsys, monkeypatch, swapped,
                                                            tmp_path):
    """`audit --check` on a PC that saw the same entry gone prints who accepted the log as
    it stands, and why, before the check's line: exit 0."""
    path, seen = swapped
    monkeypatch.setenv("RESULTSDESK_PASSWORD", "root-password")
    assert run(capsys, "audit", "--db", path, "--accept-rewrite", "--reason", REASON,
               "--user", "root")[0] == 0
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "laptop"))  # the other PC's memory
    with Store(path) as store:
        remember(store, seen)
    code, out, err = run(capsys, "audit", "--db", path, "--check")
    lines = out.splitlines()
    assert (code, err) == (0, "")
    assert lines[0].startswith("root accepted the audit log as it stands at ")
    assert lines[0].endswith(f"without entry {seen.head_id} (hash {seen.head_hash[:16]}…), "
                             "the newest this PC last saw; "
                             f"reason: “{REASON}”")
    assert lines[1].startswith("audit chain intact: ")


def test_an_acceptance_never_explains_away_a_published_anchor(capsys, monkeypatch, swapped,
                                                             tmp_path):
    """The laptop published the head it saw (`--anchor`), the same it kept: the log
    accepted without that entry, `--check --anchor` on the laptop still fails, as it
    "fails unless that hash is still in the chain" (an acceptance, a reason given, is no
    entry put back, and one forged with the log would silence every anchor so)."""
    path, seen = swapped
    monkeypatch.setenv("RESULTSDESK_PASSWORD", "root-password")
    assert run(capsys, "audit", "--db", path, "--accept-rewrite", "--reason", REASON,
               "--user", "root")[0] == 0
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "laptop"))
    with Store(path) as store:
        remember(store, seen)
    code, out, _ = run(capsys, "audit", "--db", path, "--check", "--anchor", seen.head_hash)
    assert code == 1, out
    assert "audit chain BROKEN" in out and f"entry {seen.head_id} (" in out
