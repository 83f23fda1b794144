"""`audit --check --anchor HASH` with a hash cut short or mistyped: one refusal line (bad
input, exit 1, as any bad argument), never "audit chain BROKEN … rewritten" on an intact
chain; capitals and a leading "sha256:" are the same hash (tests/desk/test_audit_anchor.py:
the rule itself)."""

from __future__ import annotations

import pytest
from helpers.cli import assert_one_error_line, run

from resultsdesk.desk.audit import check_audit_chain
from resultsdesk.store import Store


def _head(db) -> str:
    with Store(db) as store:
        return check_audit_chain(store).head_hash


@pytest.mark.parametrize("cut", [lambda h: h[:12], lambda h: h[:-1], lambda h: h[:-1] + "x"],
                         ids=["shortened", "one digit short", "mistyped"])
def test_the_command_line_refuses_a_bad_anchor_rather_than_saying_broken(capsys, night_db,
                                                                         cut):
    bad = cut(_head(night_db))
    result = run(capsys, "audit", "--db", night_db, "--check", "--anchor", bad)
    assert_one_error_line(*result, f"'{bad}' is not a head hash", "nothing was checked")
    assert "BROKEN" not in result[1] + result[2]


def test_the_command_line_takes_capitals_and_a_sha256_prefix(capsys, night_db):
    head = _head(night_db)
    code, out, err = run(capsys, "audit", "--db", night_db, "--check",
                         "--anchor", f"sha256:{head.upper()}", "--anchor", head)
    assert (code, err) == (0, ""), err
    assert out.startswith("audit chain intact")
