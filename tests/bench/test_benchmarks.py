"""`benchmarks/run_all.py --quick` and the figures its modules give: every one measured with
its anchor and their ratio, a missing module reported as not measured, a table and a JSON
file written. No time is asserted: only that each figure is there and consistent."""

from __future__ import annotations

import json
import math
import sys

import pytest
from helpers.locations import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import run_all  # the benchmarks folder is not a package: found on sys.path

KEYS = {"measure", "value", "unit", "anchor", "anchor_value", "ratio", "goal"}
OURS = ("bench_map", "bench_import", "bench_startup", "bench_svg", "bench_rss",
        "bench_long_night")


@pytest.fixture(scope="module")
def figures() -> list[dict]:
    return run_all.collect(quick=True, modules=OURS)


def test_every_module_gives_figures_with_anchor_and_ratio(figures):
    assert {f["module"] for f in figures} == set(OURS)
    for f in figures:
        assert f["status"] == "measured", f
        assert f.keys() >= KEYS
        assert f["value"] > 0 and f["anchor_value"] > 0 and f["anchor"]
        assert math.isclose(f["ratio"], f["value"] / f["anchor_value"], rel_tol=0.01)
    measures = " ".join(f["measure"] for f in figures)
    for what in ("and the map", "import", "--version", "summary --json", "first window",
                 "lean floor", "SVG",
                 "RSS", "rounds of a desk's work"):
        assert what in measures


def test_a_module_not_there_yet_is_reported_not_measured():
    rows = run_all.collect(quick=True, modules=(("bench_not_written_yet", "nor_this"),))
    assert len(rows) == 1 and rows[0]["status"].startswith("not measured")
    assert "not measured" in run_all.table(rows)


def test_json_and_table(tmp_path, capsys, monkeypatch, figures):
    monkeypatch.setattr(run_all, "collect", lambda quick, modules: figures)
    out = tmp_path / "bench.json"
    assert run_all.main(["--quick", "--json", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["quick"] is True and report["figures"] == figures
    table = capsys.readouterr().out
    assert table.startswith("| measure |") and table.count("\n") >= len(figures) + 1
