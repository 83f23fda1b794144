"""A throw-away PostgreSQL cluster for the test session: initdb in a temporary folder, a free
port on 127.0.0.1 plus a unix socket in that folder, SCRAM passwords over TCP, stopped and
removed at the end.

As root (CI and the dev machines run as root; PostgreSQL refuses to) the server runs as the
`postgres` system user that Debian's package creates, with the folder given to it. The
superuser `postgres` signs in over the socket without a password (trust); every other role
needs its SCRAM password, on the socket and over TCP.

Tests skip, saying why, only when no server binaries exist (PATH, then
/usr/lib/postgresql/*/bin; RESULTSDESK_PG_BINDIR overrides both); `.ci/run` installs them.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SUPERUSER = "postgres"
START_ATTEMPTS = 3  # a free port can be taken between finding it and the server binding it
READY_DEADLINE_S = 30.0


def find_bindir() -> Path | None:
    """The folder with initdb and pg_ctl: RESULTSDESK_PG_BINDIR, PATH, or the newest
    /usr/lib/postgresql/N/bin."""
    override = os.environ.get("RESULTSDESK_PG_BINDIR")
    candidates = [Path(override)] if override else []
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        candidates.append(Path(on_path).resolve().parent)
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                      key=lambda p: int(p.split("/")[-2]) if p.split("/")[-2].isdigit() else 0,
                      reverse=True)
    candidates += [Path(p) for p in versions]
    return next((c for c in candidates if (c / "initdb").exists() and (c / "pg_ctl").exists()),
                None)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_server_user() -> list[str]:
    """The command prefix that runs a server program as a user PostgreSQL accepts."""
    if os.geteuid() != 0:
        return []
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", SUPERUSER, "--"]
    return ["su", SUPERUSER, "-s", "/bin/sh", "-c", '"$0" "$@"']


@dataclass
class PgCluster:
    bindir: Path
    root: Path
    port: int = 0

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run([*_as_server_user(), *args], capture_output=True, text=True,
                              check=check, cwd=self.root, timeout=120)

    def init(self) -> None:
        pwfile = self.root / "superuser.pw"  # SCRAM for the superuser over TCP (tests use it)
        pwfile.write_text("postgres-test\n")
        if os.geteuid() == 0:
            shutil.chown(self.root, SUPERUSER)
            shutil.chown(pwfile, SUPERUSER)
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", SUPERUSER,
                  "-E", "UTF8", "--locale=C", "--auth-local=scram-sha-256",
                  "--auth-host=scram-sha-256", f"--pwfile={pwfile}", "--no-sync")
        hba = self.data / "pg_hba.conf"
        hba.write_text(
            f"local all {SUPERUSER} trust\n"
            "local all all scram-sha-256\n"
            "host all all 127.0.0.1/32 scram-sha-256\n")

    def start(self) -> None:
        last = ""
        for _ in range(START_ATTEMPTS):
            self.port = _free_port()
            done = self._pg_ctl_start(check=False)
            if done.returncode == 0:
                self.wait_ready()
                return
            last = done.stderr + self.log_tail()
        raise RuntimeError(f"PostgreSQL did not start: {last}")

    def _pg_ctl_start(self, *, check: bool) -> subprocess.CompletedProcess:
        # fsync off (a throw-away cluster on a shared CI disk), but every commit still
        # reaches the WAL before it returns (synchronous_commit stays on), so a server
        # killed with `restart()` loses nothing committed, as on a real server.
        options = " ".join([
            f"-p {self.port}", f"-k {self.socket_dir}", "-c listen_addresses=127.0.0.1",
            "-c password_encryption=scram-sha-256", "-c fsync=off",
            "-c full_page_writes=off",
            "-c max_connections=60", "-c shared_buffers=32MB",
        ])
        return self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l",
                         str(self.root / "server.log"), "-o", options, "-w", "-t", "60",
                         "start", check=check)

    def wait_ready(self, deadline_s: float = READY_DEADLINE_S) -> None:
        """Bounded wait for the server to answer `select 1` (pg_ctl -w usually did)."""
        import psycopg

        deadline = time.monotonic() + deadline_s
        while True:
            try:
                with psycopg.connect(self.superuser_url(), connect_timeout=2) as conn:
                    conn.execute("select 1")
                    return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise

    def stop(self, mode: str = "fast") -> None:
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop",
                  check=False)

    def restart(self) -> None:
        """Kill the server (immediate stop: no shutdown checkpoint, as if it died) and start
        it again on the same port; it recovers from its WAL."""
        self.stop("immediate")
        self.resume()

    def resume(self) -> None:
        """Start a stopped server again on the same port."""
        self._pg_ctl_start(check=True)
        self.wait_ready()

    def log_tail(self, lines: int = 20) -> str:
        log = self.root / "server.log"
        return "\n".join(log.read_text().splitlines()[-lines:]) if log.exists() else ""

    def superuser_url(self, dbname: str = "postgres") -> str:
        """The superuser over the unix socket (trust): prepare() and test set-up."""
        return f"postgresql://{SUPERUSER}@/{dbname}?host={self.socket_dir}&port={self.port}"

    def url(self, user: str, password: str, dbname: str) -> str:
        """A desk's connection: TCP to 127.0.0.1, SCRAM password."""
        from urllib.parse import quote

        return (f"postgresql://{quote(user, safe='')}:{quote(password, safe='')}"
                f"@127.0.0.1:{self.port}/{dbname}")


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    """A running throw-away cluster for the whole test session."""
    bindir = find_bindir()
    if bindir is None:
        pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl) in PATH or "
                    "/usr/lib/postgresql/*/bin: install the 'postgresql' package")
    if os.geteuid() == 0:
        try:
            import pwd

            pwd.getpwnam(SUPERUSER)
        except KeyError:
            pytest.fail("running as root, PostgreSQL needs the 'postgres' system user to run "
                        "as (Debian's postgresql package creates it)")
    # As root the server user must reach the folder: /tmp, whatever TMPDIR says.
    root = Path(tempfile.mkdtemp(prefix="resultsdesk-pg-",
                                 dir="/tmp" if os.geteuid() == 0 else None))
    cluster = PgCluster(bindir, root)
    try:
        cluster.init()
        cluster.start()
        yield cluster
    finally:
        cluster.stop("immediate")
        shutil.rmtree(root, ignore_errors=True)
