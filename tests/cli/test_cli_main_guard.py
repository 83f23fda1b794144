"""`python -m resultsdesk.cli` is a way in as `python -m resultsdesk` is. The watch folder's
publishing process (desk.publish_process, "spawn") imports the main module of the process
that starts it, as `__mp_main__`: an unguarded `sys.exit(main())` there ran the command
line again inside the publishing process (found by a soak of the app started from a
script without the guard: the publishing child opened a second window and sign-in)."""

from __future__ import annotations

import runpy

import resultsdesk.cli as cli


def test_the_cli_main_module_imported_by_a_spawned_process_runs_nothing(monkeypatch):
    called: list[tuple] = []
    monkeypatch.setattr(cli, "main", lambda *args: called.append(args) or 0)
    runpy.run_module("resultsdesk.cli.__main__", run_name="__mp_main__")
    assert called == []
