"""The command line's tests, mostly in this process (helpers.cli.run / run_cli, so
monkeypatches apply) and some as real processes (helpers.cli.run_process).

The declaration commands (test_cli_declare_verify.py and its neighbours): every refusal a user
can cause exits 1 with one `resultsdesk: error:` line, no traceback, and leaves the database
exactly as it was (helpers.cli.assert_one_error_line). Tests taking `team` run each command
signed in as its person (helpers.cli.run_as), on a file and on a server
(`--db postgresql://...`)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_passwords_in_env(monkeypatch):
    """A password in the tester's environment never signs a test in: each test sets its own."""
    monkeypatch.delenv("RESULTSDESK_PASSWORD", raising=False)
    monkeypatch.delenv("RESULTSDESK_NEW_PASSWORD", raising=False)
