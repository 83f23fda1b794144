"""What the benchmark modules share: a figure's dict, interleaved timing against an anchor,
fresh settings folders for child processes, and the bundled 2024 night.

Every module listed in `run_all.MODULES` exposes `measure(quick: bool = False) -> list[dict]`
whose dicts are made by `figure()`: the value, the anchor measured in the same run, and
their ratio.
"""

from __future__ import annotations

import atexit
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # a module run as a script measures this checkout's code
    sys.path.insert(0, str(ROOT))


def figure(measure: str, value: float, unit: str, anchor: str, anchor_value: float | None,
           goal: str) -> dict:
    """One row of the table: `value` and `anchor_value` in the same unit."""
    ratio = value / anchor_value if anchor_value else float("nan")
    return {"measure": measure, "value": round(value, 4), "unit": unit, "anchor": anchor,
            "anchor_value": round(anchor_value, 4) if anchor_value is not None else None,
            "ratio": round(ratio, 3), "goal": goal}


def interleaved(subject: Callable[[], object], anchor: Callable[[], object],
                pairs: int) -> tuple[float, float, float]:
    """Median process seconds (this process's CPU time, steadier than wall time on a shared
    machine) of `subject` and of `anchor`, run in alternation (anchor first) so both see the
    same load, and the subject's median wall seconds; one untimed warm-up of each first."""
    anchor()
    subject()
    a, s, wall = [], [], []
    for _ in range(pairs):
        for fn, out in ((anchor, a), (subject, s)):
            start, cpu = time.perf_counter(), time.process_time()
            fn()
            out.append(time.process_time() - cpu)
            if fn is subject:
                wall.append(time.perf_counter() - start)
    return statistics.median(s), statistics.median(a), statistics.median(wall)


def fresh_env(folder: str | Path) -> dict[str, str]:
    """The environment of a child process with its own empty settings and data folders
    (QSettings and platformdirs read XDG_*), running this checkout's code, headless."""
    folder = Path(folder)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(folder / "config"), "XDG_DATA_HOME": str(folder / "data"),
           "XDG_CACHE_HOME": str(folder / "cache"),
           # Bytecode cached as an installed app has it (pip compiles on install), in a
           # folder of this run (the checkout stays clean); the warm-up runs fill it.
           "PYTHONPYCACHEPREFIX": str(shared_folder() / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_seconds(argv: list[str], env: dict[str, str]) -> float:
    """Process time (user + system CPU seconds) of one child process, spawn to exit:
    what the start-up goals compare, and much steadier than wall time on a shared machine."""
    return run_times(argv, env)[1]


def run_times(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, process seconds) of one child process, spawn to exit."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    _err = child.stderr.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    child.stderr.close()
    if child.returncode:
        raise subprocess.CalledProcessError(child.returncode, argv, stderr=_err)
    return wall, usage.ru_utime + usage.ru_stime


_SHARED: tempfile.TemporaryDirectory | None = None


def shared_folder() -> Path:
    """A temporary folder for the whole run (the 2024 night, the bytecode cache), removed
    when the process ends."""
    global _SHARED
    if _SHARED is None:
        _SHARED = tempfile.TemporaryDirectory(prefix="resultsdesk-bench-run-")
        atexit.register(_SHARED.cleanup)
    return Path(_SHARED.name)


def night_2024(folder: str | Path | None = None, *, with_results: bool = True) -> Path:
    """The bundled 2024 election (results and baseline) in a new file under `folder` (by
    default a folder shared by every module of this run, so it is built once), built in a
    child process so this one stays as light as it was."""
    folder = shared_folder() if folder is None else Path(folder)
    path = Path(folder) / ("night-2024.db" if with_results else "nominations-2024.db")
    if not path.exists():
        subprocess.run([sys.executable, "-c",
                        "import sys; from resultsdesk.desk.election import "
                        "build_bundled_election as b; b(sys.argv[1], with_results="
                        f"{with_results})", str(path)],
                       env=fresh_env(folder), check=True)
    return path


def temp_folder() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="resultsdesk-bench-")
