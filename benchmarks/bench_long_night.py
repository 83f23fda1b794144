"""Memory over a long night: the real main window driven through rounds of a desk's work,
its resident memory after the first round against after the last.

    python benchmarks/bench_long_night.py [--quick] [--rounds 40]

A child process (fresh settings and data folders) opens the window on a synthetic 650-seat
night, half verified, in the benchmark layout (three charts on screen), and each round:
one seat declared and verified from a second connection and the window updated; the
declaration form opened on the next seat awaiting and closed; Export graphic opened, its
preview rendered on a worker, closed; Keyboard shortcuts opened and closed. Its RSS
(`VmRSS`) is read after the first round, the anchor, and after the last: what a desk's
window keeps per round is the growth. Before the window's closed dialogs were freed and
the thread pool let its jobs go, 20 rounds took it from 227 to 404 MB.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import figure, fresh_env, temp_folder  # noqa: E402

SEATS = 650


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def _round(app, window, views, other, code: str, next_code: str, rng) -> None:
    from bench_views import declare_and_verify, settle
    from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool

    from resultsdesk.ui.form_checks import Mode

    canvases = [v.canvas for v in views]
    declare_and_verify(other, code, rng)
    window.refresh_if_changed()
    settle(app, canvases)
    form = window.open_form(next_code, Mode.ENTER)
    app.processEvents()
    form.reject()  # nothing typed: closes at once, as Esc does
    export = window.export_graphic("seats")
    QThreadPool.globalInstance().waitForDone(120_000)  # its preview rendered
    app.processEvents()
    export.reject()
    window.show_shortcuts().reject()
    for _ in range(3):
        app.processEvents()
    # What the app's running event loop does between two events: the objects handed to
    # deleteLater deleted (processEvents outside a loop leaves them all pending).
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def child(rounds: int) -> dict:
    import random

    from bench_views import half_declared, open_window

    from resultsdesk.store import Store

    folder = Path(tempfile.mkdtemp(prefix="resultsdesk-bench-night-"))
    db = half_declared(folder, SEATS)
    app, window, views = open_window(db)
    rng = random.Random(3)
    with Store(db) as other:
        awaiting = [r["code"] for r in other.query(
            "SELECT code FROM constituencies k WHERE NOT EXISTS (SELECT 1 FROM "
            "declarations d WHERE d.constituency_id = k.id) ORDER BY code")]
        first = last = 0.0
        for i in range(rounds):
            _round(app, window, views, other, awaiting[2 * i], awaiting[2 * i + 1], rng)
            if i == 0:
                first = rss_mb()
        last = rss_mb()
    from PySide6.QtCore import QObject

    return {"first": first, "last": last, "rounds": rounds,
            "children": len(window.findChildren(QObject))}


def measure(quick: bool = False, rounds: int | None = None) -> list[dict]:
    rounds = rounds or (8 if quick else 40)
    with temp_folder() as tmp:
        done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child",
                               str(rounds)], env=fresh_env(tmp), capture_output=True,
                              text=True, check=True)
    got = json.loads(done.stdout.strip().splitlines()[-1])
    per_round = (got["last"] - got["first"]) / max(rounds - 1, 1)
    return [figure(f"RSS of the window after {rounds} rounds of a desk's work, 650 seats "
                   f"({per_round:.2f} MB kept a round)", got["last"], "MB",
                   "its RSS after the first round", got["first"],
                   "\u2264 1.1\u00d7 (a round keeps nothing)")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--rounds", type=int)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child)))
        return
    for row in measure(args.quick, args.rounds):
        print(f"{row['measure']}: {row['value']:.1f} MB ({row['anchor']}: "
              f"{row['anchor_value']:.1f} MB, \u00d7{row['ratio']:.2f}; goal {row['goal']})")


if __name__ == "__main__":
    main()
