"""The PyInstaller bundle (packaging/): built once, then run like a user would.

Skipped unless RESULTSDESK_PACKAGING=1, because a build takes a while (see packaging/README.md):
    RESULTSDESK_PACKAGING=1 python3 -m pytest -m packaging tests/packaging/test_packaging.py
An existing dist/resultsdesk/ is reused when it is newer than every source it is built from;
RESULTSDESK_PACKAGING_REBUILD=1 forces a build. The demo's screenshot is kept in
build/packaging-check/demo.png.
"""

from __future__ import annotations

import configparser
import csv
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.desk_target import trimmed
from helpers.distributions import normalised
from helpers.locations import ROOT

from resultsdesk import __version__
from resultsdesk.desk.graphics import KINDS as GRAPHIC_KINDS

BUNDLE = ROOT / "dist" / "resultsdesk"
EXE = BUNDLE / "resultsdesk"
INTERNAL = BUNDLE / "_internal"
DATA = ROOT / "resources" / "data"
SHOT = ROOT / "build" / "packaging-check" / "demo.png"
BUILD_INPUTS = ("resultsdesk", "resources", "LICENSE", "pyproject.toml", "packaging/launcher.py",
                "packaging/resultsdesk.spec", "packaging/build.sh", "packaging/install-desktop.sh",
                "packaging/THIRD-PARTY.md", "packaging/licenses")
# The environment the run started in (read at collection, before any fixture): where the real
# user's folders are.
STARTED_IN = dict(os.environ)
REAL_LOG = (Path(STARTED_IN.get("XDG_DATA_HOME")
                 or Path(STARTED_IN.get("HOME", "~")).expanduser() / ".local" / "share")
            / "ResultsDesk" / "logs" / "resultsdesk.log")
# What it held before this run: only what is written after counts (runs before the fix, or
# a desk's own use, left lines naming folders a later run may use again).
REAL_LOG_SIZE = REAL_LOG.stat().st_size if REAL_LOG.is_file() else 0
USER_DIRS = {"XDG_DATA_HOME": "data", "XDG_CONFIG_HOME": "config", "XDG_CACHE_HOME": "cache"}

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.skipif(os.environ.get("RESULTSDESK_PACKAGING") != "1",
                       reason="builds the PyInstaller bundle: set RESULTSDESK_PACKAGING=1"),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux bundle"),
]


def _newest_input() -> float:
    newest = 0.0
    for name in BUILD_INPUTS:
        path = ROOT / name
        files = [path] if path.is_file() else path.rglob("*")
        for f in files:
            if f.is_file() and "__pycache__" not in f.parts:
                newest = max(newest, f.stat().st_mtime)
    return newest


def _bundle_is_fresh() -> bool:
    if os.environ.get("RESULTSDESK_PACKAGING_REBUILD") == "1":
        return False
    marker = BUNDLE / "share" / "applications" / "resultsdesk.desktop"  # build.sh's last step
    return EXE.is_file() and marker.is_file() and EXE.stat().st_mtime > _newest_input()


@pytest.fixture(scope="module", autouse=True)
def _module_user_dirs(tmp_path_factory) -> Iterator[Path]:
    """Throw-away user folders for this module's own fixtures too: they run the bundle (the
    night's `init` and imports) before the suite's per-test `_isolated_user_dirs` applies,
    and wrote to the real user's log."""
    home = tmp_path_factory.mktemp("bundle-user")
    with pytest.MonkeyPatch.context() as mp:
        for var, folder in USER_DIRS.items():
            mp.setenv(var, str(home / folder))
        yield home


@pytest.fixture(scope="module")
def bundle() -> Path:
    if not _bundle_is_fresh():
        env = dict(os.environ, PYTHON=sys.executable)
        result = subprocess.run(["bash", str(ROOT / "packaging" / "build.sh")], cwd=ROOT,
                                env=env, capture_output=True, text=True, timeout=1800)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]
    assert EXE.is_file()
    return EXE


def run(*args: str | Path, env: dict[str, str] | None = None,
        timeout: float = 300) -> subprocess.CompletedProcess:
    """The bundled executable, from a neutral folder, with no Python of ours on the path."""
    clean = {k: v for k, v in (env or os.environ).items()
             if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    result = subprocess.run([str(EXE), *map(str, args)], capture_output=True, text=True,
                            env=clean, cwd=BUNDLE.parent, timeout=timeout)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def ok(*args: str | Path) -> str:
    result = run(*args)
    assert result.returncode == 0, f"{args}: {result.stdout}{result.stderr}"
    return result.stdout


def test_version(bundle):
    assert ok("--version").strip() == f"ResultsDesk {__version__}"


def test_layout_resources_and_licences(bundle):
    for name in ("HoC-GE2024-results-by-candidate.csv", "HoC-GE2024-results-by-constituency.csv",
                 "notional-GE2019-on-2024-boundaries.csv", "party-colours-uk-parliament.csv",
                 "uk-constituencies-2024.hexjson", "uk-constituencies-2010-2019.hexjson",
                 "LICENSE-odileeds-hexmaps.txt", "SOURCES.md"):
        bundled = INTERNAL / "resources" / "data" / name
        assert bundled.read_bytes() == (DATA / name).read_bytes(), name
    assert (INTERNAL / "resources" / "icons" / "resultsdesk.svg").is_file()
    licence = (ROOT / "LICENSE").read_text()
    assert "MIT License" in licence and "ResultsDesk contributors" in licence
    assert (BUNDLE / "LICENSE").read_text() == licence
    assert (INTERNAL / "LICENSE").read_text() == licence
    assert "Open Parliament Licence" in (BUNDLE / "SOURCES.md").read_text()
    assert "LGPL" in (BUNDLE / "THIRD-PARTY.md").read_text()
    share = BUNDLE / "share"
    assert (share / "applications" / "resultsdesk.desktop").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / "resultsdesk.svg").is_file()
    mpl_data = INTERNAL / "matplotlib" / "mpl-data"
    assert (mpl_data / "matplotlibrc").is_file()
    assert (mpl_data / "fonts" / "ttf" / "DejaVuSans.ttf").is_file()


def test_every_bundled_package_is_named_with_its_licence(bundle):
    """Every third-party package in the executable's archive is a distribution named in
    THIRD-PARTY.md whose *.dist-info/ (its licence files) is in the bundle; Qt's LGPL-3.0
    and the GPL-3.0 are in licenses/. psycopg, tzdata and typing_extensions were bundled
    unnamed, certifi (MPL-2.0) unwanted, and most licences were not there."""
    from importlib.metadata import packages_distributions

    from PyInstaller.archive.readers import CArchiveReader

    archive = CArchiveReader(str(EXE)).open_embedded_archive("PYZ.pyz")
    tops = {name.split(".")[0] for name in archive.toc} - set(sys.stdlib_module_names)
    owners = packages_distributions()
    dists = {normalised(d) for top in tops for d in owners.get(top, ())} - {"resultsdesk"}
    assert {"psycopg", "pyside6-essentials", "matplotlib"} <= dists, dists
    text = normalised((BUNDLE / "THIRD-PARTY.md").read_text(encoding="utf-8"))
    unnamed = sorted(d for d in dists if not re.search(rf"(?<![\w-]){re.escape(d)}(?![\w-])", text))
    assert not unnamed, f"bundled but not named in THIRD-PARTY.md: {unnamed}"
    infos = {normalised(p.name.removesuffix(".dist-info").rsplit("-", 1)[0])
             for p in INTERNAL.glob("*.dist-info")}
    assert not dists - infos, f"bundled without their licence files: {sorted(dists - infos)}"
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (BUNDLE / "licenses" / "LGPL-3.0.txt").read_text()
    assert "GNU GENERAL PUBLIC LICENSE" in (BUNDLE / "licenses" / "GPL-3.0.txt").read_text()


def test_qt_is_trimmed_to_what_the_app_uses(bundle):
    qt = INTERNAL / "PySide6" / "Qt"
    platforms = {p.name for p in (qt / "plugins" / "platforms").iterdir()}
    assert {"libqxcb.so", "libqoffscreen.so"} <= platforms
    assert not platforms & {"libqeglfs.so", "libqlinuxfb.so", "libqvnc.so"}
    assert (qt / "plugins" / "imageformats" / "libqsvg.so").is_file()
    assert (qt / "plugins" / "iconengines" / "libqsvgicon.so").is_file()
    for gone in ("sqldrivers", "qmltooling", "printsupport", "tls", "networkinformation",
                 "designer", "generic", "egldeviceintegrations"):
        assert not (qt / "plugins" / gone).exists(), gone
    modules = {p.name.split(".")[0] for p in (INTERNAL / "PySide6").glob("Qt*.so")}
    assert modules == {"QtCore", "QtGui", "QtWidgets", "QtSvg"}
    libs = " ".join(p.name for p in INTERNAL.rglob("libQt6*"))
    for unused in ("Qml", "Quick", "WebEngine", "Network", "Sql", "Pdf", "Multimedia", "3D",
                   "Charts", "Test", "PrintSupport"):
        assert f"libQt6{unused}" not in libs, unused


def test_heavy_unused_packages_are_left_out(bundle):
    present = {p.name for p in INTERNAL.iterdir()}
    for gone in ("tkinter", "_tkinter", "pandas", "scipy", "IPython", "pytest", "_pytest",
                 "hypothesis", "yaml"):
        assert not any(name == gone or name.startswith(f"{gone}.") for name in present), gone
    assert not list(INTERNAL.rglob("_tkinter*")) and not list(INTERNAL.rglob("tcl*"))
    assert not [p for p in BUNDLE.rglob("*") if p.is_symlink() and not p.exists()]


def test_every_bundled_library_loads(bundle):
    """The ELF files are intact (a careless strip leaves numpy's OpenBLAS unloadable, and
    numpy then goes missing without an error): dlopen each one against the bundle."""
    script = r"""
import ctypes, os, sys
bad = []
for d, _, files in os.walk(sys.argv[1]):
    for f in files:
        p = os.path.join(d, f)
        if ".so" in f and not os.path.islink(p) and "libpython" not in f:
            try:
                ctypes.CDLL(p, mode=os.RTLD_NOW | os.RTLD_LOCAL)
            except OSError as e:
                # Python's own symbols and system libraries (wayland) absent here are fine.
                if "undefined symbol" not in str(e) and "cannot open shared" not in str(e):
                    bad.append(f"{p}: {e}")
print("\n".join(bad))
sys.stdout.flush()
os._exit(0)
"""
    env = dict(os.environ, LD_LIBRARY_PATH=f"{INTERNAL}:{INTERNAL / 'PySide6' / 'Qt' / 'lib'}")
    result = subprocess.run([sys.executable, "-c", script, str(INTERNAL)], env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.stdout.strip() == "", result.stdout


@pytest.fixture(scope="module")
def night(bundle, tmp_path_factory) -> Path:
    """The 2024 night built by the bundle itself."""
    db = tmp_path_factory.mktemp("bundle-night") / "night.db"
    ok("init", "--db", db, "--name", "UK GE 2024")
    out = ok("import", "results", DATA / "HoC-GE2024-results-by-candidate.csv",
             "--constituencies", DATA / "HoC-GE2024-results-by-constituency.csv", "--db", db)
    assert "650 verified declarations" in out
    ok("import", "baseline", DATA / "notional-GE2019-on-2024-boundaries.csv", "--db", db)
    return db


def test_headless_summary(night):
    summary = json.loads(ok("summary", "--json", "--db", night))
    assert summary["declared"] == 650
    assert summary["seats"]["Lab"] == 411
    assert summary["seats"]["Con"] == 121
    assert sum(summary["seats"].values()) == 650
    text = ok("summary", "--db", night)
    assert "650 of 650 declared" in text


def test_the_night_is_not_logged_in_the_real_users_folder(night):
    """The bundle logs every command to the data folder's logs/resultsdesk.log: the night's,
    built by a module fixture, must not land in the log of whoever runs the tests."""
    written = b""
    if REAL_LOG.is_file():
        with REAL_LOG.open("rb") as log:
            log.seek(REAL_LOG_SIZE if REAL_LOG.stat().st_size >= REAL_LOG_SIZE else 0)
            written = log.read()
    assert str(night).encode() not in written, f"the night's commands were logged to {REAL_LOG}"


def test_results_export(night, tmp_path):
    out = tmp_path / "r.csv"
    ok("export", "results", "--db", night, "--out", out)
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 4515


def _graphic_kinds() -> set[str]:
    """The graphics kinds the bundle's `export --help` offers; a help text this cannot read
    is a failure (it used to skip, hiding a bundle that lost its graphics)."""
    help_text = ok("export", "--help")
    match = re.search(r"one of:\s*([\w,\s]+)", help_text)
    assert match, f"export --help lists no kinds ('one of: ...'):\n{help_text}"
    return {k.strip() for k in match.group(1).split(",")} & set(GRAPHIC_KINDS)


def test_graphics_export(night, tmp_path):
    assert _graphic_kinds() == set(GRAPHIC_KINDS)
    from PIL import Image

    ok("export", "seats", "--db", night, "--out", tmp_path / "seats.png")
    with Image.open(tmp_path / "seats.png") as im:
        assert im.format == "PNG" and im.size == (1920, 1080)
        assert len(im.convert("RGB").getcolors(1 << 16) or range(1 << 16)) > 20  # drawn
    ok("export", "hemicycle", "--db", night, "--out", tmp_path / "chamber.svg")
    assert (tmp_path / "chamber.svg").read_text().lstrip().startswith("<?xml")
    ok("export", "shares", "--db", night, "--out", tmp_path / "shares.pdf")
    assert (tmp_path / "shares.pdf").read_bytes().startswith(b"%PDF")


def test_every_graphic_exports_from_the_bundle(night, tmp_path):
    """`export all`: each chart's module is in the bundle. The charts package loads them by
    name when first asked (`charts.__getattr__`), which PyInstaller cannot see; the spec
    collects them."""
    out = tmp_path / "all"
    ok("export", "all", "--db", night, "--out", out)
    written = {p.name for p in out.iterdir()}
    for kind in GRAPHIC_KINDS:
        for suffix in (".png", ".svg", ".pdf", ".json"):
            assert f"{kind}{suffix}" in written, f"{kind}{suffix} missing: {sorted(written)}"


def test_matplotlib_font_list_is_kept_between_starts(night, tmp_path):
    """PyInstaller's hook gave matplotlib a new temporary folder at each start: every start
    scanned the PC's fonts again and a killed one left the folder behind. The launcher keeps
    it in the user's cache folder (`resultsdesk.frozen.keep_matplotlib_cache`)."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = dict(os.environ, TMPDIR=str(tmp))
    result = run("export", "seats", "--db", night, "--out", tmp_path / "seats.png", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    kept = Path(os.environ["XDG_CACHE_HOME"]) / "ResultsDesk" / "matplotlib"
    assert list(kept.glob("fontlist-*.json")), f"no font list in {kept}"
    assert not list(tmp.iterdir()), f"left in TMPDIR: {list(tmp.iterdir())}"


def test_team_desk_on_a_postgresql_server(bundle, pg_cluster, tmp_path):
    """A team desk from the bundle: `init` prepares the server's database from the
    migrations (SQL files beside store/postgres, read with importlib.resources: the bundle
    once lacked them), an account is added, and it signs in over TCP with its SCRAM password
    (psycopg's libpq, bundled) to import and read the night."""
    admin = pg_cluster.superuser_url("rd_bundle_night")
    out = ok("init", "--db", admin, "--name", "Bundle team night")
    assert "prepared for ResultsDesk" in out
    password = "bundle pässword"
    add = run("users", "add", "--role", "admin", "--db", admin, "rd_bundle_ann",
              env=dict(os.environ, RESULTSDESK_NEW_PASSWORD=password))
    assert add.returncode == 0, add.stdout + add.stderr
    ann = f"postgresql://rd_bundle_ann@127.0.0.1:{pg_cluster.port}/rd_bundle_night"
    signed_in = dict(os.environ, RESULTSDESK_PASSWORD=password)
    seats = ("W07000081", "E14001279", "S14000060")
    results = trimmed(DATA / "HoC-GE2024-results-by-candidate.csv", tmp_path / "c.csv", seats)
    places = trimmed(DATA / "HoC-GE2024-results-by-constituency.csv", tmp_path / "s.csv", seats)
    done = run("import", "results", results, "--constituencies", places, "--db", ann,
               env=signed_in)
    assert done.returncode == 0, done.stdout + done.stderr
    summary = run("summary", "--json", "--db", ann, env=signed_in)
    assert summary.returncode == 0, summary.stdout + summary.stderr
    assert json.loads(summary.stdout)["declared"] == len(seats)
    check = run("audit", "--check", "--db", ann, env=signed_in)
    assert check.returncode == 0 and "audit chain intact" in check.stdout, check.stderr


def test_demo_window_under_xvfb(bundle, tmp_path):
    if not shutil.which("xvfb-run"):
        pytest.skip("xvfb-run is not installed")
    if not (shutil.which("xdotool") or shutil.which("xwininfo")):
        pytest.skip("neither xdotool nor xwininfo is installed to find the window")
    SHOT.parent.mkdir(parents=True, exist_ok=True)
    SHOT.unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    # The caller's own cache (the charts' text memory is kept there) stays untouched: the
    # check runs the app in throw-away folders, this one too.
    callers_cache = tmp_path / "callers-cache"
    env["XDG_CACHE_HOME"] = str(callers_cache)
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24",
         str(ROOT / "packaging" / "check-gui.sh"), "--shot", str(SHOT), "--wait", "5",
         "--timeout", "90", "--", str(EXE), "demo"],
        env=env, capture_output=True, text=True, timeout=180)
    # xvfb-run may exit 5 cleaning up its own temp folder after the check passed; what
    # check-gui.sh printed is the verdict.
    assert "window-seconds=" in result.stdout, result.stdout + result.stderr
    assert not callers_cache.exists() or not any(callers_cache.rglob("*"))
    if shutil.which("import"):
        from PIL import Image

        with Image.open(SHOT) as im:
            assert im.size == (1600, 1000)
            colours = im.convert("RGB").getcolors(1 << 16)
            assert colours is None or len(colours) > 50  # a window with charts, not a blank


def test_desktop_entry(bundle):
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(ROOT / "resources" / "resultsdesk.desktop", encoding="utf-8")
    d = entry["Desktop Entry"]
    assert d["Type"] == "Application" and d["Name"] == "ResultsDesk"
    assert d["Exec"] == "resultsdesk" and d["Icon"] == "resultsdesk"
    assert d["Categories"] == "Office;" and d["Comment"]
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(["desktop-file-validate",
                                 str(ROOT / "resources" / "resultsdesk.desktop")],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_install_desktop_into_a_scratch_home(bundle, tmp_path):
    script = BUNDLE / "install-desktop.sh"
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "XDG_DATA_HOME"}
    env["HOME"] = str(home)

    dry = subprocess.run(["bash", str(script), "--dry-run"], env=env, capture_output=True,
                         text=True, timeout=60)
    assert dry.returncode == 0, dry.stderr
    assert "would run" in dry.stdout and not any(home.iterdir())
    assert "Installed" not in dry.stdout and "nothing was installed" in dry.stdout

    done = subprocess.run(["bash", str(script)], env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    link = home / ".local" / "bin" / "resultsdesk"
    assert link.is_symlink() and link.resolve() == EXE.resolve()
    version = subprocess.run([str(link), "--version"], capture_output=True, text=True,
                             timeout=60)
    assert version.stdout.strip() == f"ResultsDesk {__version__}"
    apps = home / ".local" / "share" / "applications" / "resultsdesk.desktop"
    assert f"Exec={link}\n" in apps.read_text()
    if shutil.which("desktop-file-validate"):
        valid = subprocess.run(["desktop-file-validate", str(apps)], capture_output=True,
                               text=True)
        assert valid.returncode == 0, valid.stdout + valid.stderr
    assert (home / ".local" / "share" / "icons" / "hicolor" / "scalable" / "apps"
            / "resultsdesk.svg").is_file()

    dry_gone = subprocess.run(["bash", str(script), "--uninstall", "--dry-run"], env=env,
                              capture_output=True, text=True, timeout=60)
    assert dry_gone.returncode == 0, dry_gone.stderr
    assert link.is_symlink() and apps.is_file(), "a dry run removed the entry"
    assert "removed from the menu" not in dry_gone.stdout, dry_gone.stdout

    gone = subprocess.run(["bash", str(script), "--uninstall"], env=env, capture_output=True,
                          text=True, timeout=60)
    assert gone.returncode == 0, gone.stderr
    assert not link.exists() and not apps.exists()
    assert EXE.is_file()
