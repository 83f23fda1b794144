"""packaging/launcher.py, the frozen app's entry point, run without a build (every test run),
as the bundle's executable runs it: after PyInstaller's bootloader and run-time hooks.

- The bootloader puts the bundle's `_internal/` first in LD_LIBRARY_PATH (its original in
  LD_LIBRARY_PATH_ORIG): every program the app starts (xdg-open for Help > Open log folder,
  then a file manager) loaded the bundle's libraries instead of its own.
- PyInstaller's matplotlib hook points MPLCONFIGDIR at a new temporary folder at every start
  (meant for one-file bundles): each start scanned every font on the PC again, and a killed
  app left the folder behind in /tmp.

Both put right before freeze_support, so the publishing process (the same executable) starts
with them too.
"""

from __future__ import annotations

import multiprocessing
import os
import runpy
import sys
from pathlib import Path

import pytest
from helpers.locations import ROOT

import resultsdesk.cli
from resultsdesk.frozen import prepare_frozen_start
from resultsdesk.paths import user_cache_dir

LAUNCHER = ROOT / "packaging" / "launcher.py"
WATCHED = ("MPLCONFIGDIR", "LD_LIBRARY_PATH", "LD_LIBRARY_PATH_ORIG")


def _run_frozen_launcher(monkeypatch, tmp_path: Path, **env: str) -> tuple[dict, Path]:
    """Run launcher.py as the frozen executable would, with the environment PyInstaller
    left (`env`, and the hook's temporary MPLCONFIGDIR); returns what freeze_support and
    main saw of WATCHED."""
    hook_dir = tmp_path / "tmp_pyinstaller_hook"
    hook_dir.mkdir()
    for name in WATCHED:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MPLCONFIGDIR", str(hook_dir))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    seen: dict[str, dict] = {}

    def freeze_support() -> None:
        seen["freeze_support"] = {name: os.environ.get(name) for name in WATCHED}

    def main() -> int:
        seen["main"] = {name: os.environ.get(name) for name in WATCHED}
        return 0

    monkeypatch.setattr(multiprocessing, "freeze_support", freeze_support)
    monkeypatch.setattr(resultsdesk.cli, "main", main)
    with pytest.raises(SystemExit) as stopped:
        runpy.run_path(str(LAUNCHER), run_name="__main__")
    assert stopped.value.code == 0
    assert seen["main"] == seen["freeze_support"]
    return seen["freeze_support"], hook_dir


def test_frozen_matplotlib_cache_is_kept_between_starts(monkeypatch, tmp_path):
    seen, hook_dir = _run_frozen_launcher(monkeypatch, tmp_path)
    kept = user_cache_dir() / "matplotlib"
    assert seen["MPLCONFIGDIR"] == str(kept)
    assert kept.is_dir()
    assert not hook_dir.exists(), "the hook's empty temporary folder is left behind"


def test_unwritable_cache_folder_keeps_the_hooks_folder(monkeypatch, tmp_path):
    """A cache folder that cannot be made (a file in its place): matplotlib works in the
    hook's temporary folder, as before, rather than failing to start."""
    cache_home = tmp_path / "cache-is-a-file"
    cache_home.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    seen, hook_dir = _run_frozen_launcher(monkeypatch, tmp_path)
    assert seen["MPLCONFIGDIR"] == str(hook_dir)
    assert hook_dir.is_dir()


def test_programs_the_app_starts_get_the_pcs_library_path(monkeypatch, tmp_path):
    """None before: the bootloader's own path goes, leaving none."""
    seen, _ = _run_frozen_launcher(monkeypatch, tmp_path,
                                   LD_LIBRARY_PATH="/opt/resultsdesk/_internal")
    assert seen["LD_LIBRARY_PATH"] is None and seen["LD_LIBRARY_PATH_ORIG"] is None


def test_the_pcs_own_library_path_is_given_back(monkeypatch, tmp_path):
    seen, _ = _run_frozen_launcher(monkeypatch, tmp_path,
                                   LD_LIBRARY_PATH="/opt/resultsdesk/_internal:/opt/vendor/lib",
                                   LD_LIBRARY_PATH_ORIG="/opt/vendor/lib")
    assert seen["LD_LIBRARY_PATH"] == "/opt/vendor/lib"
    assert seen["LD_LIBRARY_PATH_ORIG"] is None


def test_from_source_nothing_changes(monkeypatch, tmp_path):
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "mine"))
    monkeypatch.setenv("LD_LIBRARY_PATH", "/opt/vendor/lib")
    prepare_frozen_start()
    assert os.environ["MPLCONFIGDIR"] == str(tmp_path / "mine")
    assert os.environ["LD_LIBRARY_PATH"] == "/opt/vendor/lib"
