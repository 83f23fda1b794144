"""What the frozen app (the PyInstaller bundle, packaging/) puts right as it starts, before
anything else runs: what PyInstaller's bootloader and run-time hooks set for the bundle's own
use but that must not outlast start-up. Called first by packaging/launcher.py, in the app and
in its publishing process (the same executable); does nothing when not frozen."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from .paths import user_cache_dir

LIBRARY_PATH = "LD_LIBRARY_PATH"


def prepare_frozen_start() -> None:
    if not getattr(sys, "frozen", False):
        return
    restore_library_path()
    keep_matplotlib_cache()


def restore_library_path() -> None:
    """LD_LIBRARY_PATH as the PC had it. The bootloader puts the bundle's `_internal/` first
    in it (its libraries: glib, libstdc++, OpenSSL, Qt...), and every program the app starts
    inherited that: Help > Open log folder and About's link run xdg-open, whose file manager
    or browser then loaded the bundle's older libraries instead of its own, and on a PC newer
    than the build machine failed to start ("symbol lookup error"), nothing said in the app.
    The app's own loading is not changed: the loader reads the variable once, as the process
    starts. The publishing process, the bundle itself, is given it again by its bootloader."""
    original = os.environ.pop(f"{LIBRARY_PATH}_ORIG", None)
    if original is not None:
        os.environ[LIBRARY_PATH] = original
    else:
        os.environ.pop(LIBRARY_PATH, None)


def keep_matplotlib_cache() -> None:
    """matplotlib's folder (its font list) in the user's cache folder, kept between starts,
    as matplotlib keeps it in ~/.cache/matplotlib from source. PyInstaller's run-time hook
    sets MPLCONFIGDIR to a new temporary folder at every start (for one-file bundles, whose
    fonts move each run; ours is a folder whose fonts stay put), so every start of the app,
    and of its publishing process, scanned every font on the PC again (0.35 s with a few
    dozen; a PC with a font library logs "building the font cache" every time), and a
    killed app left the folder in /tmp. Before anything imports matplotlib."""
    folder = user_cache_dir() / "matplotlib"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # a read-only or odd home: the hook's temporary folder, as before
    if not os.access(folder, os.W_OK):
        return
    made = os.environ.get("MPLCONFIGDIR")
    os.environ["MPLCONFIGDIR"] = str(folder)
    if made:
        with contextlib.suppress(OSError):
            Path(made).rmdir()  # the hook's, still empty: nothing has imported matplotlib
