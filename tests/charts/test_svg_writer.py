"""The SVG writer of exports (`charts._svg`): matplotlib's own output, but for markers
styled once per group and glyph layouts kept between files."""

from __future__ import annotations

import re

from helpers.svg import placed_uses
from matplotlib import rc_context
from matplotlib.figure import Figure
from matplotlib.markers import MarkerStyle

from resultsdesk.charts.export import SVG_BACKEND


def save(fig: Figure, path, backend: str) -> str:
    with rc_context({"svg.fonttype": "path", "svg.hashsalt": "test"}):
        fig.savefig(path, format="svg", metadata={"Date": None}, backend=backend)
    return path.read_text(encoding="utf-8")


def texts() -> Figure:
    fig = Figure(figsize=(6, 3), dpi=100)
    fig.text(0.1, 0.9, "Ynys Môn · Hendon — 48.2%", fontsize=14, fontweight="bold")
    fig.text(0.1, 0.7, "turned", rotation=30, color="#d50000", alpha=0.6)
    fig.text(0.1, 0.5, "two\nlines", fontfamily="DejaVu Serif", ha="center")
    fig.text(0.5, 0.5, r"$\Delta$ share $x^2$", fontsize=9)
    fig.text(0.5, 0.3, "chip", bbox={"boxstyle": "round", "facecolor": "#0063ba"}, url="#x")
    fig.text(0.5, 0.1, "   ")
    return fig


def test_text_is_written_as_matplotlib_writes_it_first_time_and_after(tmp_path):
    stock = save(texts(), tmp_path / "stock.svg", "svg")
    first = save(texts(), tmp_path / "first.svg", SVG_BACKEND)
    again = save(texts(), tmp_path / "again.svg", SVG_BACKEND)
    assert first == stock and again == stock


def markers() -> Figure:
    fig = Figure(figsize=(6, 3), dpi=100)
    ax = fig.add_axes((0.1, 0.1, 0.8, 0.8))
    ax.set_axis_off()
    ax.plot([1, 2, 3], [1, 2, 1], "o", color="#d50000", mec="#222222", mew=1.5)
    ax.plot([1, 2, 3], [2, 1, 2], "s", mfc="none", mec="#0063ba", alpha=0.5)
    ax.plot([1.5, 2.5], [1.5, 1.5], ls="none", marker=MarkerStyle("^", joinstyle="miter"),
            color="#fff685", mec="k", mew=0.7)
    ax.plot([1.2], [1.2], "D", color="#4ea268", url="https://example.org")
    return fig


def test_markers_are_drawn_as_matplotlib_draws_them_each_defined_once(tmp_path):
    ours = tmp_path / "ours.svg"
    text = save(markers(), ours, SVG_BACKEND)
    save(markers(), tmp_path / "stock.svg", "svg")
    assert placed_uses(ours) == placed_uses(tmp_path / "stock.svg")
    uses = re.findall(r"<use [^>]*>", text)
    assert len(uses) == 9 and not [u for u in uses if "style=" in u]
    assert len(re.findall(r'<path id="m', text)) == 4  # a shape each


def test_the_bundle_is_told_of_the_writer_matplotlib_loads_by_name():
    """matplotlib imports the SVG writer from the backend's name at export time, so
    PyInstaller cannot see it: the spec must name it (else `export ... .svg` fails in the
    bundle with ModuleNotFoundError)."""
    from pathlib import Path

    spec = Path(__file__).parents[2] / "packaging" / "resultsdesk.spec"
    module = SVG_BACKEND.removeprefix("module://")
    assert f'"{module}"' in spec.read_text(encoding="utf-8")

