"""`audit --check --anchor HASH` with a hash cut short or mistyped: argparse's usage error
(exit 2, as any value wrong in itself), never "audit chain BROKEN … rewritten" on an intact
chain; capitals and a leading "sha256:" are the same hash (tests/desk/test_audit_anchor.py:
the rule itself)."""

from __future__ import annotations

import pytest
from helpers.cli import run, usage_refused

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
    line = usage_refused(capsys, "audit", "--db", night_db, "--check", "--anchor", bad)
    assert f"argument --anchor: '{bad}' is not a head hash" in line
    assert "nothing was checked" in line and "BROKEN" not in line


def test_the_command_line_takes_capitals_and_a_sha256_prefix(capsys, night_db):
    head = _head(night_db)
    code, out, err = run(capsys, "audit", "--db", night_db, "--check",
                         "--anchor", f"sha256:{head.upper()}", "--anchor", head)
    assert (code, err) == (0, ""), err
    assert out.startswith("audit chain intact")
