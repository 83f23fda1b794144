"""The SVG writer of exports (`charts._svg`): matplotlib's own output, but for markers
styled once per group and glyph layouts kept between files; and an export's SVG, by either
writer, sized in the pixels asked for (`export.render`)."""

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



def chamber_chart():
    from resultsdesk.charts import HemicycleChart
    from resultsdesk.charts.data import HemicycleBlock, HemicycleData

    blocks = (HemicycleBlock("Lab", "#d50000", tuple(f"L{i}" for i in range(300))),
              HemicycleBlock("Lab", "#d50000", ("p1", "p2"), provisional=True),
              HemicycleBlock("SNP", "#fff685", tuple(f"S{i}" for i in range(9))),
              HemicycleBlock("Con", "#0063ba", tuple(f"C{i}" for i in range(120))))
    chart = HemicycleChart()
    chart.update(HemicycleData(blocks, 650, 326, 431, title="The chamber"))
    return chart


def forget_kept() -> None:
    """Empty every cache an export keeps between files (a new process)."""
    from resultsdesk.charts import _glyphs, _svg

    for cache in (_svg._GlyphCache._measures, _svg._GlyphCache._glyphs,
                  _svg._GlyphCache._outlines, _svg._GlyphCache._placed, _svg._PLACED):
        cache.clear()
    _svg._placed_chars = 0
    _glyphs._HEIGHTS.clear()


def test_a_warm_export_is_a_cold_one_byte_for_byte(tmp_path):
    """What exports keep between files (glyphs, their <use>s, marker places, fonts'
    line metrics) changes nothing in the file: a new chart exported after others is the
    file a fresh process writes."""
    from resultsdesk.charts.export import render

    forget_kept()
    cold = render(chamber_chart(), tmp_path / "cold.svg", "hd").read_bytes()
    for size in ("square", "hd", "vertical"):
        render(chamber_chart(), tmp_path / f"{size}.svg", size)
    assert render(chamber_chart(), tmp_path / "warm.svg", "hd").read_bytes() == cold


def test_a_second_export_lays_no_text_out_again(tmp_path, monkeypatch):
    """A new chart's texts, laid out again (as every export does): no layout worked out
    by matplotlib (`_text.KeptText`: the writer keeps them), no font matched for line
    metrics (`_get_font_height_metrics`, from `_glyphs`), no glyph asked of FreeType;
    the same file."""
    import matplotlib.text

    from resultsdesk.charts import _glyphs
    from resultsdesk.charts.export import render

    first = render(chamber_chart(), tmp_path / "a.svg", "hd").read_bytes()
    looked: list[object] = []
    laid_out: list[str] = []
    real_font, real_layout = matplotlib.text.get_font, matplotlib.text.Text._get_layout
    monkeypatch.setattr(matplotlib.text, "get_font",
                        lambda *a, **k: looked.append(a) or real_font(*a, **k))
    monkeypatch.setattr(matplotlib.text.Text, "_get_layout",
                        lambda t, r: laid_out.append(t.get_text()) or real_layout(t, r))
    lookups = _glyphs.height_lookups
    again = render(chamber_chart(), tmp_path / "b.svg", "hd").read_bytes()
    assert again == first
    assert laid_out == [] and looked == [] and _glyphs.height_lookups == lookups
    render(chamber_chart(), tmp_path / "c.png", "hd")  # Agg lays its texts out itself
    assert "The chamber" in laid_out


def test_an_export_sets_and_puts_back_only_its_own_rcparams(tmp_path):
    """Text as paths, a fixed hash salt, fonts embedded: set for the export and put back
    as they were; another setting changed meanwhile (another thread) is left alone."""
    from matplotlib import rcParams

    from resultsdesk.charts import export
    from resultsdesk.charts._rc import rc_set

    before = {k: rcParams[k] for k in export.EXPORT_RC}
    width = rcParams["lines.linewidth"]
    try:
        with rc_set(export.EXPORT_RC):
            assert all(rcParams[k] == v for k, v in export.EXPORT_RC.items())
            rcParams["lines.linewidth"] = width + 1
        assert {k: rcParams[k] for k in export.EXPORT_RC} == before
        assert rcParams["lines.linewidth"] == width + 1
    finally:
        rcParams["lines.linewidth"] = width


def test_the_places_kept_between_files_stay_within_their_bound():
    import numpy as np

    from resultsdesk.charts import _svg

    rng = np.random.default_rng(3)
    for _ in range(60):
        _svg._places('<use x="', rng.uniform(0, 1000, (2000, 2)))
    kept = sum(len(t) + len(k[1]) for k, t in _svg._PLACED.items())
    assert kept == _svg._placed_chars <= _svg.PLACES_KEPT


def test_matplotlibs_own_writer_gives_the_pixels_too(tmp_path, monkeypatch):
    """Where our writer cannot run (a matplotlib without the private methods it builds on),
    matplotlib's writes the SVG, which sizes it in points: given the pixels asked for all
    the same, as README promises of every SVG (found by the review)."""
    from resultsdesk.charts import HemicycleChart, export
    from resultsdesk.charts.data import HemicycleBlock, HemicycleData

    chart = HemicycleChart()
    chart.update(HemicycleData((HemicycleBlock("Lab", "#e4003b", ("North", "South")),),
                               6, 4, 2))
    monkeypatch.setattr(export, "svg_backend", lambda: "svg")
    text = export.render(chart, tmp_path / "stock.svg", (640, 360)).read_text("utf-8")
    root = re.search(r"<svg [^>]*>", text).group(0)
    assert 'width="640px" height="360px"' in root and "viewBox=" in root
    assert "pt" not in root.split("viewBox")[0]
