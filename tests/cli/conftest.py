"""The command line's tests, mostly in this process (helpers.cli.run / run_cli, so
monkeypatches apply) and some as real processes (helpers.cli.run_process)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_passwords_in_env(monkeypatch):
    """A password in the tester's environment never signs a test in: each test sets its own."""
    monkeypatch.delenv("RESULTSDESK_PASSWORD", raising=False)
    monkeypatch.delenv("RESULTSDESK_NEW_PASSWORD", raising=False)
