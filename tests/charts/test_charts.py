"""Charts: what the seat chart, hemicycle and vote share have in common, drawn headless from
plain data (helpers.chart_nights): party colours and themes, no pyplot, Qt or database in the
charts package, and no text clipped or overlapping on any night, theme or screen size. Each
chart's own tests are in test_seat_chart.py, test_hemicycle_chart.py and
test_vote_share_chart.py.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys

import pytest
from helpers.chart_nights import COLOURS, draw, hemicycle_data, seat_data, share_data, tiny
from helpers.texts import layout_problems
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure

from resultsdesk.charts import (
    BROADCAST,
    DARK,
    LIGHT,
    HemicycleChart,
    SeatChart,
    VoteShareChart,
    text_contrast,
)
from resultsdesk.paths import data_file

THEMES = [LIGHT, DARK, BROADCAST]
SIZES = [(1366, 768), (1920, 1080), (1280, 720)]


def text_problems(chart, size) -> list[str]:
    return layout_problems(chart.figure, draw(chart, size))


# -- colours and theme --------------------------------------------------------------------------

def test_colours_match_the_party_colour_file():
    with open(data_file("party-colours-uk-parliament.csv"), encoding="utf-8") as fh:
        rows = {abbr: row["hex_colour"] for row in csv.DictReader(fh)
                for abbr in row["hoc_abbreviations_2019_2024"].split("|")}
    for party, colour in COLOURS.items():
        if party not in ("Ind", "Spk"):
            assert rows[party].lower() == colour


def test_text_contrast():
    assert text_contrast("#fff685") == "#000000"  # SNP yellow
    assert text_contrast("#d50000") == "#ffffff"  # Labour red
    assert text_contrast("#0c3a6a") == "#ffffff"
    assert text_contrast("#a1cdf0") == "#000000"
    assert text_contrast("#ffffff") == "#000000"
    assert text_contrast("#000000") == "#ffffff"


def test_themes_differ_and_broadcast_is_large():
    assert BROADCAST.title_size > LIGHT.title_size
    assert BROADCAST.tick_size > LIGHT.tick_size
    assert DARK.background != LIGHT.background
    for theme in THEMES:
        assert theme.font_family == "DejaVu Sans"


def test_no_pyplot_qt_or_database_in_the_charts_package():
    import ast
    import pathlib

    import resultsdesk.charts as charts

    for path in pathlib.Path(charts.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                names = ["." * node.level + (node.module or "")]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            for name in names:
                assert "pyplot" not in name and "PySide" not in name and "Qt" not in name
                assert "sqlite" not in name and "store" not in name, name
                assert not name.startswith(("..desk", "..ui", "..io", "resultsdesk.desk")), name
    code = ("import sys, resultsdesk.charts; "
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'matplotlib.pyplot', "
            "'sqlite3', 'resultsdesk.desk', 'resultsdesk.store', 'resultsdesk.ui'))]; "
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**os.environ, "MPLBACKEND": ""})
    assert result.returncode == 0, result.stdout + result.stderr


# -- layout: nothing clipped, nothing overlapping -------------------------------------------------

def nights():
    s, h, v = tiny()
    return {
        "full": (seat_data(), hemicycle_data(), share_data()),
        "half": (seat_data(fraction=0.5, provisional=0.04, show=True),
                 hemicycle_data(fraction=0.5, provisional=0.04), share_data(fraction=0.5)),
        "early": (seat_data(fraction=0.02), hemicycle_data(fraction=0.02),
                  share_data(fraction=0.02)),
        "tiny": (s, h, v),
    }


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.name)
@pytest.mark.parametrize("night", ["full", "half", "early", "tiny"])
@pytest.mark.parametrize("kind", [SeatChart, HemicycleChart, VoteShareChart],
                         ids=lambda k: k.__name__)
def test_no_text_clipped_or_overlapping(kind, night, theme):
    data = nights()[night][[SeatChart, HemicycleChart, VoteShareChart].index(kind)]
    chart = kind(theme=theme)
    chart.update(data)
    for size in SIZES:
        assert text_problems(chart, size) == [], size


@pytest.mark.parametrize("kind", [SeatChart, HemicycleChart, VoteShareChart],
                         ids=lambda k: k.__name__)
def test_theme_switch_and_save(kind, tmp_path):
    data = nights()["full"][[SeatChart, HemicycleChart, VoteShareChart].index(kind)]
    chart = kind(theme=LIGHT)
    chart.update(data)
    chart.set_theme(BROADCAST)
    assert to_rgba(chart.figure.get_facecolor()) == to_rgba(BROADCAST.background)
    size = tuple(chart.figure.get_size_inches())
    chart.save(tmp_path / "chart.png", 1920, 1080)
    assert tuple(chart.figure.get_size_inches()) == size
    head = (tmp_path / "chart.png").read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(head[16:20], "big") == 1920
    assert int.from_bytes(head[20:24], "big") == 1080


def test_chart_uses_a_given_figure():
    fig = Figure()
    chart = SeatChart(fig)
    chart.update(seat_data())
    assert chart.figure is fig and fig.axes == [chart.ax]
