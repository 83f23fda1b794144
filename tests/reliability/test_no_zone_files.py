"""A PC without the system's time zone files (a minimal Linux container, Windows, the bundle
on either) still starts: every UK time is worked out with zoneinfo's "Europe/London",
which falls back to the `tzdata` package the app depends on. Without it every command but
--version died at start-up with a traceback (ZoneInfoNotFoundError)."""

from __future__ import annotations

import json
import os

from helpers.cli import run_process


def test_summary_runs_where_the_system_has_no_zone_files(night_db, tmp_path) -> None:
    no_zones = tmp_path / "no-zoneinfo"
    no_zones.mkdir()
    env = {**os.environ, "PYTHONTZPATH": str(no_zones)}  # zoneinfo's search path: empty
    code, out, err, _ = run_process("summary", "--json", "--db", night_db, env=env)
    assert code == 0, err
    assert "Traceback" not in err
    assert json.loads(out)["declared"] == 650
