"""The team desk against the single file: `python benchmarks/bench_team.py [--quick]
[--admin-url postgresql://ADMIN@HOST/] [--no-windows]` prints a table.

In one run, on the same synthetic elections (650 and 10,000 seats, 8 candidates each), on
a SQLite file and on a PostgreSQL server (a throw-away cluster like the tests', unless
--admin-url names a server whose administrator may create databases):
  - a declare + verify round trip through the desk (two accounts, each on its own
    connection: alice enters, bob re-keys), median per seat;
  - `summary` (national_summary) with every seat verified, median;
each as PostgreSQL / SQLite, the ratio.
Then the issue's live promise on the server: three desk processes (alice and bob entering,
carol verifying) and four windows (their three and an editor's, each a `LiveFeed` on its
own connection refreshing its `NightState`): how long after carol's verify call began
every window shows the verification (target: within 0.5 s).
Timings are wall-clock on whatever machine runs this; they are figures, never test asserts.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # its cluster

from synthetic import write_election

from resultsdesk.desk import accounts as acc
from resultsdesk.desk import declarations as dk
from resultsdesk.desk.election import init_election, prepare_server_election
from resultsdesk.desk.imports import import_candidates, import_results
from resultsdesk.desk.session import open_desk
from resultsdesk.desk.summary import national_summary
from resultsdesk.domain.model import Figures
from resultsdesk.domain.validation import WARNING_CODES

ACCOUNTS = {"alice": "desk", "bob": "desk", "carol": "desk", "eve": "editor"}
PASSWORD = "bench password"
FAST = acc.KdfParams(n=2 ** 10, r=8, p=1)


def report(what: str, sqlite: str, server: str, ratio: str = "") -> None:
    print(f"{what:<46}{sqlite:>12}{server:>12}{ratio:>9}", flush=True)


@contextmanager
def server_admin(admin_url: str | None):
    """(admin URL template with {db}, desk URL template with {db}) of a server to use."""
    if admin_url:
        base = admin_url.rstrip("/")
        host = base.split("@", 1)[-1]
        yield f"{base}/{{db}}", f"postgresql://{host}/{{db}}"
        return
    from helpers.pg_cluster import PgCluster, find_bindir

    bindir = find_bindir()
    if bindir is None:
        sys.exit("no PostgreSQL server binaries: install 'postgresql' or give --admin-url")
    root = Path(tempfile.mkdtemp(prefix="resultsdesk-bench-pg-",
                                 dir="/tmp" if os.geteuid() == 0 else None))
    cluster = PgCluster(bindir, root)
    try:
        cluster.init()
        cluster.start()
        yield (cluster.superuser_url("{db}"),
               f"postgresql://127.0.0.1:{cluster.port}/{{db}}")
    finally:
        cluster.stop("immediate")
        import shutil

        shutil.rmtree(root, ignore_errors=True)


class Election:
    """One election on one store: a handle per account."""

    def __init__(self, kind: str, target: str | Path, names: dict[str, str],
                 admin_target: str | Path = "") -> None:
        self.kind, self.target, self.names = kind, target, names
        self.admin_target = admin_target or target  # who imports: the server's administrator
        self.handles: dict[str, object] = {}

    def desk(self, short: str):
        if short not in self.handles:
            if self.kind == "sqlite":
                self.handles[short] = open_desk(self.target)
            else:
                self.handles[short] = open_desk(str(self.target), user=self.names[short],
                                                password=PASSWORD)
        return self.handles[short]

    def close(self) -> None:
        for handle in self.handles.values():
            handle.close()


def sqlite_election(folder: Path, label: str, nominations: Path) -> Election:
    path = folder / f"{label}.db"
    init_election(path, label).close()
    with open_desk(path) as desk:
        acc.add_account(desk, "admin", "admin", PASSWORD, admin=None, kdf=FAST)
        for short, role in ACCOUNTS.items():
            acc.add_account(desk, short, role, PASSWORD, admin="admin", kdf=FAST)
        import_candidates(desk, nominations, user="admin")
    return Election("sqlite", path, {short: short for short in ACCOUNTS})


def server_election(urls: tuple[str, str], label: str, nominations: Path) -> Election:
    admin_url, desk_url = (u.format(db=label) for u in urls)
    prepare_server_election(admin_url, label)
    names = {short: f"{label}_{short}" for short in ACCOUNTS}
    with open_desk(admin_url) as desk:
        for short, role in ACCOUNTS.items():
            acc.add_account(desk, names[short], role, PASSWORD, admin=None)
        import_candidates(desk, nominations)
    return Election("postgresql", desk_url, names, admin_url)


def round_trips(election: Election, codes: list[str]) -> float:
    """Median seconds of alice declaring and bob re-keying one seat."""
    alice, bob = election.desk("alice"), election.desk("bob")
    rng = random.Random(5)
    samples = []
    for code in codes:
        size = len(dk.load_sheet(alice, code).candidates)
        votes = [rng.randint(100, 9000) for _ in range(size)]
        start = time.perf_counter()
        dk.declare(alice, code, Figures(votes, 10), user=election.names["alice"],
                   overrides=WARNING_CODES)
        assert dk.verify(bob, code, user=election.names["bob"], votes=votes,
                         invalid=10).verified
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def summaries(election: Election, runs: int) -> float:
    eve = election.desk("eve")
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        national_summary(eve)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def compare(seats: int, folder: Path, urls: tuple[str, str], trips: int, runs: int) -> None:
    source = write_election(folder / f"synthetic-{seats}.csv", seats, 8)
    label = f"bench_{seats}"
    elections = [sqlite_election(folder, label, source), server_election(urls, label, source)]
    try:
        codes = [f"E{14000000 + i:08d}" for i in range(0, seats, max(1, seats // trips))][:trips]
        trip = [round_trips(e, codes) for e in elections]
        report(f"declare + verify round trip, {seats:,} seats", f"{trip[0] * 1000:.1f} ms",
               f"{trip[1] * 1000:.1f} ms", f"{trip[1] / trip[0]:.1f}x")
        for e in elections:  # every seat verified: what summary reads on a full night
            with open_desk(e.admin_target) as admin:
                import_results(admin, source, user="admin" if e.kind == "sqlite" else None)
        summary = [summaries(e, runs) for e in elections]
        report(f"summary, {seats:,} seats verified", f"{summary[0] * 1000:.0f} ms",
               f"{summary[1] * 1000:.0f} ms", f"{summary[1] / summary[0]:.1f}x")
    finally:
        for e in elections:
            e.close()


# --- three desks and an editor: every window sees a verification ---------------------------


def _sheet_votes(code: str, size: int) -> list[int]:
    """A seat's figures as its returning officer's sheet says: the same for whoever keys
    them (the enterer, and the verifier's blind re-key)."""
    sheet = random.Random(code)
    return [sheet.randint(100, 9000) for _ in range(size)]


def worker(role: str, url: str, user: str, codes: list[str], log: Path) -> None:
    """A desk process: 'enter' declares each seat in turn; 'verify' verifies what others
    entered until every seat is, logging when each verify call began and returned."""
    desk = open_desk(url, user=user, password=PASSWORD)
    rng = random.Random(hash(user) & 0xFFFF)
    print("READY", flush=True)
    sys.stdin.readline()
    entries = []
    if role == "enter":
        for code in codes:
            size = len(dk.load_sheet(desk, code).candidates)
            dk.declare(desk, code, Figures(_sheet_votes(code, size), 10),
                       user=user, overrides=WARNING_CODES)
            time.sleep(rng.uniform(0.05, 0.15))  # the next sheet is being read out
    else:
        left = set(codes)
        while left:
            for item in dk.verification_queue(desk):
                if item.code in left:
                    # A blind re-key from the returning officer's sheet (the server
                    # verifies nothing else): the figures the enterer typed.
                    size = len(dk.load_sheet(desk, item.code).candidates)
                    began = time.time()
                    dk.verify(desk, item.code, user=user, votes=_sheet_votes(item.code, size),
                              invalid=10)
                    entries.append({"code": item.code, "began": began, "done": time.time()})
                    left.discard(item.code)
            time.sleep(0.02)
    log.write_text(json.dumps(entries))
    desk.close()


def bench_windows(urls: tuple[str, str], folder: Path, seats: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    from resultsdesk.desk.changes import change_source
    from resultsdesk.desk.live import NightState
    from resultsdesk.ui.app import application
    from resultsdesk.ui.live_feed import LiveFeed

    source = write_election(folder / "windows.csv", 650, 8)
    election = server_election(urls, "bench_windows", source)
    codes = [f"E{14000000 + i:08d}" for i in range(seats)]
    application()
    seen: dict[str, dict[str, float]] = {}  # window -> seat code -> when it showed verified
    with ExitStack() as stack:
        stack.callback(election.close)
        feeds = []
        for short in ("alice", "bob", "carol", "eve"):
            night = NightState(election.desk(short))
            night.refresh()
            feed = LiveFeed(change_source(election.desk(short)))
            stack.callback(feed.stop)
            shown = seen.setdefault(short, {})

            def refresh(night=night, shown=shown) -> None:
                for code in night.refresh():
                    if night.seats[code].verified is not None and code not in shown:
                        shown[code] = time.time()
            feed.changed.connect(refresh)
            feeds.append(feed)
        procs = {}
        plan = {"alice": ("enter", codes[0::2]), "bob": ("enter", codes[1::2]),
                "carol": ("verify", codes)}
        for short, (role, mine) in plan.items():
            procs[short] = subprocess.Popen(
                [sys.executable, __file__, "--worker", role, str(election.target),
                 election.names[short], ",".join(mine), str(folder / f"{short}.json")],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        for proc in procs.values():
            assert proc.stdout.readline().strip() == "READY"
        for proc in procs.values():
            proc.stdin.write("\n")
            proc.stdin.flush()
        loop = QEventLoop()  # the windows wait on their sockets, as the app's event loop does

        def finished() -> None:
            if all(p.poll() is not None for p in procs.values()) and \
                    all(len(shown) == seats for shown in seen.values()):
                loop.quit()
        check = QTimer(loop)
        check.timeout.connect(finished)
        check.start(50)
        QTimer.singleShot(120_000, loop, loop.quit)  # a deadline, whatever happens
        loop.exec()
        verified = json.loads((folder / "carol.json").read_text())
        for feed in feeds:  # Qt objects go before the interpreter does
            feed.deleteLater()
        check.stop()
    lags = [shown[e["code"]] - e["began"] for shown in seen.values() for e in verified
            if e["code"] in shown]
    missing = sum(1 for shown in seen.values() for e in verified if e["code"] not in shown)
    lags.sort()
    within = sum(1 for lag in lags if lag <= 0.5)
    print(f"\n3 desk processes + an editor window, {len(verified)} verifications x 4 windows "
          f"(650 seats): verify call began -> window shows it verified")
    print(f"  median {statistics.median(lags) * 1000:.0f} ms, p95 "
          f"{lags[int(len(lags) * 0.95) - 1] * 1000:.0f} ms, max {lags[-1] * 1000:.0f} ms; "
          f"{within}/{len(lags)} within 0.5 s; {missing} never shown")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="650 seats only, fewer samples")
    parser.add_argument("--admin-url", help="postgresql://ADMIN@HOST[:PORT] of a server to "
                        "use (default: a throw-away cluster)")
    parser.add_argument("--no-windows", action="store_true",
                        help="skip the three-desks-and-an-editor measurement")
    parser.add_argument("--worker", nargs=5, metavar=("ROLE", "URL", "USER", "CODES", "LOG"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        role, url, user, codes, log = args.worker
        worker(role, url, user, codes.split(","), Path(log))
        return
    trips, runs = (20, 5) if args.quick else (60, 15)
    sizes = (650,) if args.quick else (650, 10_000)
    with tempfile.TemporaryDirectory() as tmp, server_admin(args.admin_url) as urls:
        folder = Path(tmp)
        report("what", "SQLite", "PostgreSQL", "ratio")
        for seats in sizes:
            compare(seats, folder, urls, trips, runs)
        if not args.no_windows:
            bench_windows(urls, folder, 40 if args.quick else 120)


if __name__ == "__main__":
    main()
