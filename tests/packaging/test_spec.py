"""packaging/resultsdesk.spec read without building: what it hands PyInstaller's Analysis.

Runs in every test run (no RESULTSDESK_PACKAGING needed; it only needs PyInstaller, the
`package` extra, for the spec's hook helpers). The spec is executed with PyInstaller's build
steps (Analysis, PYZ, EXE, COLLECT) replaced by recorders, so nothing is built; the checks
are on what a build would be given. PyInstaller follows `import` statements, even those
inside functions, but never opens the files a module reads beside itself: those must be
named in the spec's datas, or the bundle lacks them while every build and every headless
check still passes.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any

import pytest
from helpers.locations import ROOT

SPEC = ROOT / "packaging" / "resultsdesk.spec"
PACKAGE = ROOT / "resultsdesk"
# Files in the package that nothing reads at run time (documentation for developers).
NOT_READ_AT_RUN_TIME = (".md",)


class _Recorder:
    """Stands in for one of PyInstaller's build steps: keeps what it was given."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.args = args
        self.kwargs = kwargs
        self.binaries: list = []
        self.datas: list = []
        self.pure: list = []
        self.scripts: list = []


@pytest.fixture(scope="module")
def analysis(tmp_path_factory) -> _Recorder:
    pytest.importorskip("PyInstaller", reason="the spec's hook helpers: pip install -e .[package]")
    recorded: dict[str, _Recorder] = {}

    def analysis_step(*args: Any, **kwargs: Any) -> _Recorder:
        recorded["analysis"] = _Recorder(*args, **kwargs)
        return recorded["analysis"]

    namespace = {"__name__": "__main__", "SPECPATH": str(SPEC.parent),
                 "DISTPATH": str(tmp_path_factory.mktemp("dist")),
                 "Analysis": analysis_step, "PYZ": _Recorder, "EXE": _Recorder,
                 "COLLECT": _Recorder}
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return recorded["analysis"]


def _bundled_as(datas: list[tuple[str, str]], source: Path) -> PurePosixPath | None:
    """Where `source` lands in the bundle (relative to sys._MEIPASS), by the spec's datas
    (each a source file or folder and the folder it goes to); None if no entry takes it."""
    for src, dest in datas:
        src_path = Path(src).resolve()
        if source == src_path:
            return PurePosixPath(dest) / source.name
        if src_path.is_dir() and source.is_relative_to(src_path):
            return PurePosixPath(dest) / source.relative_to(src_path).as_posix()
    return None


def test_every_file_the_package_reads_beside_its_modules_is_bundled(analysis):
    """E.g. the PostgreSQL store's migrations (store/postgres/sql/*.sql, read with
    importlib.resources by `init --db postgresql://...`): each must land at its place in
    the package, where importlib.resources looks for it in the bundle."""
    datas = analysis.kwargs["datas"]
    wanted = [p.resolve() for p in PACKAGE.rglob("*")
              if p.is_file() and p.suffix not in (".py", ".pyc", *NOT_READ_AT_RUN_TIME)
              and "__pycache__" not in p.parts]
    assert wanted, "the package holds no data files: is PACKAGE right?"
    missing = {}
    for path in wanted:
        expected = PurePosixPath(path.relative_to(ROOT.resolve()).as_posix())
        got = _bundled_as(datas, path)
        if got != expected:
            missing[str(expected)] = str(got)
    assert not missing, f"package data not bundled where the code looks (file: bundled as): " \
                        f"{missing}"


def _imported_names() -> dict[str, str]:
    """Every module the package imports anywhere (inside functions too, where PyInstaller
    also looks), with one file that does: `from X import Y` counts X and X.Y."""
    import ast

    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            else:
                continue
            for name in names:
                found.setdefault(name, str(path.relative_to(ROOT)))
    return found


def test_nothing_the_package_imports_is_excluded(analysis):
    """A module left out on purpose (`excludes`: unused Qt modules, pandas, yaml...) that the
    app comes to import, even lazily inside a function, would be a ModuleNotFoundError in
    the bundle only, on the first use of what needs it."""
    excludes = analysis.kwargs["excludes"]
    clashes = {name: where for name, where in _imported_names().items()
               if any(name == ex or name.startswith(f"{ex}.") for ex in excludes)}
    assert not clashes, f"imported by the package but excluded by the spec: {clashes}"


def test_the_charts_loaded_by_name_are_hidden_imports(analysis):
    """The charts package loads each chart's module by name on first use
    (`charts.__getattr__`, `import_module`): the spec must name every one."""
    from resultsdesk import charts

    hidden = set(analysis.kwargs["hiddenimports"])
    wanted = {f"resultsdesk.charts.{module}" for module in charts._WHERE.values()}
    assert wanted <= hidden, sorted(wanted - hidden)


def test_the_time_zone_database_is_bundled(analysis):
    """zoneinfo reads "Europe/London" from the PC's zone files or, where there are none (a
    minimal container, Windows), from the `tzdata` package, which it imports only then:
    PyInstaller never sees that import, and a bundle without it could not start there."""
    tzdata = pytest.importorskip("tzdata")
    assert "tzdata" in analysis.kwargs["hiddenimports"]
    london = (Path(tzdata.__file__).parent / "zoneinfo" / "Europe" / "London").resolve()
    assert _bundled_as(analysis.kwargs["datas"], london) \
        == PurePosixPath("tzdata/zoneinfo/Europe/London")


def test_every_bundled_distribution_brings_its_licence_files(analysis):
    """Each distribution the app runs with has its *.dist-info/ (its LICENSE: MIT and BSD
    ask for their notice in every copy; Pillow's covers the libraries in pillow.libs/) in
    the spec's datas. Only six did: the licences of Pillow, fontTools, kiwisolver,
    contourpy, RapidFuzz, platformdirs, pyparsing... were nowhere in the bundle."""
    pytest.importorskip("packaging.requirements")
    from helpers.distributions import normalised, runtime_distributions

    bundled = {normalised(PurePosixPath(dest).name.removesuffix(".dist-info").rsplit("-", 1)[0])
               for _, dest in analysis.kwargs["datas"] if dest.endswith(".dist-info")}
    missing = sorted(runtime_distributions() - bundled)
    assert not missing, f"no *.dist-info (licence files) in the spec's datas for: {missing}"
