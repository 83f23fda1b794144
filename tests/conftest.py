"""What every layer's tests share: Qt drawing offscreen (set before anything imports it),
user folders of their own, the real 2024 night and nominations (and the 2019 night) built once
per session, as is desk_target's small election on a file (helpers.desk_target), private
Qt settings, and the hypothesis profiles.

Each layer's folder (domain/, store/, io/, charts/, desk/, ui/, cli/, ...) has a conftest.py
with the fixtures of that layer alone; constants and helpers that tests import live in
tests/helpers/ (never `from conftest import ...`: there is one conftest per folder).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

import shutil
from pathlib import Path

import pytest
from helpers.desk_target import DeskTarget, sqlite_target
from helpers.key_target import install as install_key_target
from helpers.patient_waits import install as install_patient_waits
from helpers.pg_cluster import pg_cluster  # noqa: F401  (fixture: throw-away PostgreSQL)
from helpers.pg_election import pg_election  # noqa: F401  (fixture: a prepared election)
from hypothesis import settings

from resultsdesk.desk.election import build_bundled_election, init_election
from resultsdesk.desk.imports import import_baseline, import_results
from resultsdesk.paths import CONSTITUENCIES_2019, ELECTION_2017, ELECTION_2019, data_file
from resultsdesk.store import Store, odd_values

# Hypothesis profiles, chosen with HYPOTHESIS_PROFILE (default "dev"). No deadline in any: on
# a machine shared by several runs a slow example is load, not a bug, and must not flake.
settings.register_profile("dev", deadline=None)
# CI: the same examples every run, so a red build is reproducible and never a new draw.
settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
# A long search before a release, for every test that does not set its own max_examples.
settings.register_profile("thorough", deadline=None, max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

# Two test processes share the machine's cores (`-n 2`): no Qt wait fails in under 30 s.
install_patient_waits()
# A key pressed on no widget fails its test rather than aborting the test process.
install_key_target()


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Tests never touch the real user's data folder or Qt settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("HOME", str(home))
    # Each test's own files looked at after an unexplained failure, not an earlier test's
    # (a file made damaged by hand there would say a later test's bug was damage).
    monkeypatch.setattr(odd_values, "_OPENED", [])


@pytest.fixture(scope="session")
def _night_2024(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("night") / "night-2024.db"
    build_bundled_election(path, with_results=True)
    return path


@pytest.fixture(scope="session")
def _nominations_2024(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("nominations") / "nominations-2024.db"
    build_bundled_election(path, with_results=False)
    return path


@pytest.fixture(scope="session")
def _night_2019(tmp_path_factory) -> Path:
    """The 2019 night (2010-2019 boundaries) with 2017 as its baseline, built once."""
    path = tmp_path_factory.mktemp("ge2019") / "ge2019.db"
    store = init_election(path, "UK general election 2019")
    try:
        import_results(store, data_file(ELECTION_2019),
                       constituencies=data_file(CONSTITUENCIES_2019))
        import_baseline(store, data_file(ELECTION_2017), name="GE2017")
    finally:
        store.close()
    return path


@pytest.fixture(scope="session")
def _sqlite_desk_target(tmp_path_factory) -> DeskTarget:
    """helpers.desk_target's small election on a file (accounts, a few seats nominated),
    made once: `desk_target` gives each test a copy of it."""
    return sqlite_target(tmp_path_factory.mktemp("desk-target"))


def _copy(src: Path, dest_dir: Path) -> Path:
    dest = dest_dir / src.name
    shutil.copyfile(src, dest)
    return dest


@pytest.fixture
def night_db(_night_2024, tmp_path) -> Path:
    """A private copy of the full 2024 night: every seat verified, notional 2019 baseline."""
    return _copy(_night_2024, tmp_path)


@pytest.fixture
def nominations_db(_nominations_2024, tmp_path) -> Path:
    """A private copy of the 2024 election before any declaration: nominations and baseline."""
    return _copy(_nominations_2024, tmp_path)


@pytest.fixture
def night_store(night_db):
    with Store(night_db) as store:
        yield store


@pytest.fixture
def nominations_store(nominations_db):
    with Store(nominations_db) as store:
        yield store


@pytest.fixture
def night_2019_store(_night_2019, tmp_path):
    """A copy of the 2019 night of the test's own, open."""
    with Store(_copy(_night_2019, tmp_path)) as store:
        yield store


@pytest.fixture
def qt_settings(tmp_path):
    """QSettings in a private folder, empty: no test sees another's (or the user's) choices."""
    from PySide6.QtCore import QSettings

    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings().clear()
