"""The wheel (`pip install .`, not editable): the resources/ folder ships inside it as the
package resultsdesk._resources, where resultsdesk/paths.py looks for it once installed.

pyproject.toml names its packages rather than searching the folders for them: a search
(packages.find) never sees a package that package-dir maps from another folder, and the
wheel once went without resources/ (every start: "resources folder is missing"). The list is
checked against the folders on every run; the wheel itself is built with the bundle
(RESULTSDESK_PACKAGING=1), since building needs setuptools from the package index.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from helpers.locations import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]
RESOURCES = ROOT / "resources"


def _folders(top: Path, package: str) -> set[str]:
    """`package` and a dotted name for every folder under `top` (caches and hidden ones
    aside)."""
    names = {package}
    for path in top.rglob("*"):
        rel = path.relative_to(top)
        if path.is_dir() and not any(p == "__pycache__" or p.startswith(".") for p in rel.parts):
            names.add(".".join((package, *rel.parts)))
    return names


def test_the_packages_named_are_the_folders():
    """A new subpackage left off the list would be missing from the wheel (and an installed
    app would fail at its first import); resources/ is resultsdesk._resources."""
    assert SETUPTOOLS["package-dir"]["resultsdesk._resources"] == "resources"
    wanted = _folders(ROOT / "resultsdesk", "resultsdesk") | _folders(RESOURCES,
                                                                      "resultsdesk._resources")
    assert set(SETUPTOOLS["packages"]) == wanted
    assert SETUPTOOLS["package-data"]["resultsdesk._resources"] == ["**/*"]


@pytest.mark.packaging
@pytest.mark.skipif(os.environ.get("RESULTSDESK_PACKAGING") != "1",
                    reason="builds the wheel (setuptools from the index): RESULTSDESK_PACKAGING=1")
def test_the_wheel_carries_the_resources_and_finds_them(tmp_path):
    source = tmp_path / "src"  # a copy: pip builds in the tree (build/, *.egg-info)
    source.mkdir()
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, source / name)
    for name in ("resultsdesk", "resources"):
        shutil.copytree(ROOT / name, source / name, ignore=skip)
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                            "-w", str(tmp_path / "wheel"), str(source)],
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = (tmp_path / "wheel").glob("resultsdesk-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    for path in RESOURCES.rglob("*"):
        if path.is_file():
            rel = path.relative_to(RESOURCES)
            assert (site / "resultsdesk" / "_resources" / rel).read_bytes() == path.read_bytes()
    # paths.py as installed: no checkout beside it, so only the wheel's copy can be found.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONHOME", "VIRTUAL_ENV")}
    env["PYTHONPATH"] = str(site)
    found = subprocess.run([sys.executable, "-S", "-c",
                            "from resultsdesk.paths import resources_dir; print(resources_dir())"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert found.returncode == 0, found.stderr
    assert Path(found.stdout.strip()) == site / "resultsdesk" / "_resources"
