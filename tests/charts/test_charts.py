"""Charts: seats, hemicycle and vote share, drawn headless from plain data.

The nights here are built by hand: a full 2024-like night (HoC Library figures, changes
against the notional 2019 result), a half-declared one with provisional seats, and a tiny
five-seat election.
"""

from __future__ import annotations

import csv
import itertools
import os
import subprocess
import sys

import numpy as np
import pytest
from helpers.texts import drawn_texts
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure

from resultsdesk.charts import (
    BROADCAST,
    DARK,
    LIGHT,
    HemicycleChart,
    SeatChart,
    VoteShareChart,
    seat_geometry,
    text_contrast,
)
from resultsdesk.charts.data import (
    HemicycleBlock,
    HemicycleData,
    PartyBar,
    SeatChartData,
    ShareBar,
    VoteShareData,
)
from resultsdesk.domain.others import name_parties
from resultsdesk.domain.parties import political_rank
from resultsdesk.paths import data_file

THEMES = [LIGHT, DARK, BROADCAST]
SIZES = [(1366, 768), (1920, 1080), (1280, 720)]

# 2024: seats, change against notional 2019, votes, share change (points)
GE2024 = {
    "Lab": ("Labour", 411, +209, 9_708_716, +1.6),
    "Con": ("Conservative", 121, -251, 6_828_925, -19.9),
    "LD": ("Liberal Democrat", 72, +64, 3_519_199, +0.7),
    "SNP": ("Scottish National Party", 9, -39, 724_758, -1.4),
    "SF": ("Sinn Féin", 7, 0, 210_891, +0.1),
    "Ind": ("Independent", 6, +6, 564_243, +1.6),
    "RUK": ("Reform UK", 5, +5, 4_117_221, +12.3),
    "DUP": ("Democratic Unionist Party", 5, -3, 172_058, -0.2),
    "Green": ("Green", 4, +3, 1_943_265, +4.1),
    "PC": ("Plaid Cymru", 4, +2, 194_811, +0.2),
    "SDLP": ("Social Democratic and Labour Party", 2, 0, 86_861, -0.1),
    "Spk": ("Speaker", 1, 0, 25_238, 0.0),
    "APNI": ("Alliance", 1, 0, 117_191, -0.1),
    "TUV": ("Traditional Unionist Voice", 1, +1, 48_685, +0.2),
    "UUP": ("Ulster Unionist Party", 1, +1, 94_779, 0.0),
}
COLOURS = {  # from resources/data/party-colours-uk-parliament.csv; Ind and Spk as the desk
    "Lab": "#d50000", "Con": "#0063ba", "LD": "#fc7d0b", "SNP": "#fff685", "SF": "#02665f",
    "RUK": "#12b6cf", "DUP": "#d46a4c", "Green": "#78b82a", "PC": "#348837",
    "SDLP": "#4ea268", "APNI": "#cdaf2d", "TUV": "#0c3a6a", "UUP": "#a1cdf0",
    "Ind": "#a6a6a6", "Spk": "#3c3c3c",
}
TOTAL_VOTES = 28_809_340


def political(parties):
    return sorted(parties, key=lambda p: (political_rank(p), p))


def seat_names(party: str, n: int) -> tuple[str, ...]:
    names = [f"{party} seat {i:03d}" for i in range(n)]
    if party == "Lab" and n:
        names[min(n - 1, 137)] = "Hendon"
    return tuple(sorted(names))


def seat_data(fraction: float = 1.0, provisional: float = 0.0, show: bool | None = None,
              max_parties: int = 8) -> SeatChartData:
    bars = []
    for p, (name, seats, change, _votes, _pts) in GE2024.items():
        verified = round(seats * fraction)
        prov = round(seats * provisional)
        bars.append(PartyBar(p, name, COLOURS[p], verified, prov,
                             round(change * fraction)))
    declared = sum(b.seats for b in bars)
    prov_total = sum(b.provisional for b in bars)
    return SeatChartData(tuple(bars), 650, 326, declared, prov_total,
                         show_provisional=bool(prov_total) if show is None else show,
                         named=named_2024(max_parties), title="Seats",
                         subtitle="General election 2024")


def named_2024(n: int):
    """Who the one rule (`domain.others`) names on the 2024 night, `n` at most."""
    return name_parties({p: (seats, votes) for p, (_n, seats, _c, votes, _p) in GE2024.items()},
                        n)


def hemicycle_data(fraction: float = 1.0, provisional: float = 0.0,
                   undeclared: str = "middle", total: int = 650) -> HemicycleData:
    blocks = []
    for p in political(GE2024):
        seats = GE2024[p][1]
        verified = round(seats * fraction)
        prov = round(seats * provisional)
        names = seat_names(p, verified + prov)
        if verified:
            blocks.append(HemicycleBlock(p, COLOURS[p], names[:verified]))
        if prov:
            blocks.append(HemicycleBlock(p, COLOURS[p], names[verified:], provisional=True))
    declared = sum(len(b.constituencies) for b in blocks)
    return HemicycleData(tuple(blocks), total, total // 2 + 1, declared, undeclared,
                         subtitle="General election 2024")


def share_data(fraction: float = 1.0, max_parties: int = 8) -> VoteShareData:
    bars = [ShareBar(p, name, COLOURS[p], votes, round(100 * votes / TOTAL_VOTES, 1), pts)
            for p, (name, _s, _c, votes, pts) in GE2024.items()]
    return VoteShareData(tuple(bars), round(TOTAL_VOTES * fraction), round(650 * fraction),
                         650, named=named_2024(max_parties), subtitle="General election 2024")


def tiny() -> tuple[SeatChartData, HemicycleData, VoteShareData]:
    seats = SeatChartData((PartyBar("Lab", "Labour", COLOURS["Lab"], 2, 0, +1),
                           PartyBar("SNP", "Scottish National Party", COLOURS["SNP"], 1, 0, -1),
                           PartyBar("Con", "Conservative", COLOURS["Con"], 1, 0, 0)),
                          5, 3, 4, title="Seats", subtitle="Tiny council by-elections")
    chamber = HemicycleData((HemicycleBlock("Lab", COLOURS["Lab"], ("North", "South")),
                             HemicycleBlock("SNP", COLOURS["SNP"], ("East",)),
                             HemicycleBlock("Con", COLOURS["Con"], ("West",))),
                            5, 3, 4, subtitle="Tiny council by-elections")
    shares = VoteShareData((ShareBar("Lab", "Labour", COLOURS["Lab"], 1200, 48.0, +6.0),
                            ShareBar("SNP", "SNP", COLOURS["SNP"], 800, 32.0, -2.5),
                            ShareBar("Con", "Conservative", COLOURS["Con"], 500, 20.0, -3.5)),
                           2500, 4, 5, subtitle="Tiny council by-elections")
    return seats, chamber, shares


def draw(chart, size=(1366, 768), dpi=100):
    fig = chart.figure
    fig.set_dpi(dpi)
    fig.set_size_inches(size[0] / dpi, size[1] / dpi)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return canvas.get_renderer()


def text_problems(chart, size) -> list[str]:
    renderer = draw(chart, size)
    fig = chart.figure
    canvas = fig.bbox
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in drawn_texts(chart.figure)]
    problems = []
    for text, bb in boxes:
        if not (bb.x0 >= canvas.x0 - 0.5 and bb.y0 >= canvas.y0 - 0.5
                and bb.x1 <= canvas.x1 + 0.5 and bb.y1 <= canvas.y1 + 0.5):
            problems.append(f"{text!r} leaves the canvas: {bb.bounds}")
    for (ta, a), (tb, b) in itertools.combinations(boxes, 2):
        if a.x0 < b.x1 - 0.5 and b.x0 < a.x1 - 0.5 and a.y0 < b.y1 - 0.5 and b.y0 < a.y1 - 0.5:
            problems.append(f"{ta!r} overlaps {tb!r}")
    return problems


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


# -- seat chart -----------------------------------------------------------------------------------

def tick_texts(ax, axis="x"):
    labels = (ax.xaxis if axis == "x" else ax.yaxis).get_majorticklabels()
    return [t.get_text() for t in labels]


def party_texts(chart):
    """The party names under the seat chart's bars (plain texts, not axis ticks)."""
    return [t.get_text() for t in chart.party_labels if t.get_text()]


def all_texts(fig):
    return [t.get_text() for t in drawn_texts(fig)]


def test_seat_chart_orders_by_seats_and_folds_into_others():
    chart = SeatChart()
    chart.update(seat_data(max_parties=8))
    parties = [b.party for b in chart.bars]
    # DUP and RUK tie on 5 seats: RUK's votes name it first; the rule names 8 parties
    assert parties == ["Lab", "Con", "LD", "SNP", "SF", "Ind", "RUK", "DUP", "Others"]
    heights = [r.get_height() for r in chart.bar_patches]
    assert heights == [411, 121, 72, 9, 7, 6, 5, 5, 4 + 4 + 2 + 1 + 1 + 1 + 1]
    assert party_texts(chart) == parties
    others = chart.bar_patches[-1]
    assert to_rgba(others.get_facecolor()) == to_rgba(LIGHT.others)
    assert to_rgba(chart.bar_patches[0].get_facecolor()) == to_rgba(COLOURS["Lab"])
    # Others' change is the folded parties' changes: Green +3, PC +2, TUV +1, UUP +1
    assert chart.change_labels[-1].get_text() == "+7"
    # ... and a line over the footer says who they are, most seats first
    draw(chart)
    assert chart.footer.note.get_text().startswith("Others: Green 4, PC 4, SDLP 2")


def test_seat_chart_with_room_for_every_party_has_no_others():
    chart = SeatChart()
    chart.update(seat_data(max_parties=20))
    assert len(chart.bars) == 15
    assert "Others" not in [b.party for b in chart.bars]
    seats = [b.seats for b in chart.bars]
    assert seats == sorted(seats, reverse=True)


def test_seat_chart_labels():
    chart = SeatChart()
    chart.update(seat_data())
    renderer = draw(chart)
    assert renderer is not None
    texts = all_texts(chart.figure)
    assert "326 for a majority" in texts
    assert "650 of 650 declared" in texts
    assert "Seats" in texts and "General election 2024" in texts
    changes = [c.get_text() for c in chart.change_labels]
    assert changes[:3] == ["+209", "\u2212251", "+64"]
    assert "\u00b10" in changes  # SF: no change
    assert not any("-" in c for c in changes)  # a minus sign, never a hyphen
    assert [v.get_text() for v in chart.value_labels][:3] == ["411", "121", "72"]
    assert chart.majority_rule.get_ydata()[0] == 326
    assert chart.ax.get_ylim()[1] > 411  # room above the tallest bar and its labels


def test_seat_chart_y_axis_reaches_the_majority_early_in_the_night():
    chart = SeatChart()
    chart.update(seat_data(fraction=0.05))
    draw(chart)
    assert chart.ax.get_ylim()[1] > 326 * 1.05


def test_provisional_seats_only_when_shown():
    chart = SeatChart()
    chart.update(seat_data(fraction=0.5, provisional=0.05, show=False))
    assert chart.provisional_patches == []
    assert not any("provisional" in t for t in all_texts(chart.figure))
    assert chart.value_labels[0].get_text() == "206"

    chart.update(seat_data(fraction=0.5, provisional=0.05, show=True))
    draw(chart)
    assert len(chart.provisional_patches) == len(chart.bar_patches) == 9  # 8 named, Others
    lab = chart.provisional_patches[0]
    assert lab.get_visible() and lab.get_y() == 206 and lab.get_height() == 21
    assert lab.get_hatch() and to_rgba(lab.get_facecolor()) != to_rgba(COLOURS["Lab"])
    assert chart.value_labels[0].get_text() == "206 + 21"
    data = seat_data(fraction=0.5, provisional=0.05, show=True)
    assert f"{data.declared} of 650 declared + {data.provisional_declared} provisional" \
        in all_texts(chart.figure)


def test_update_in_place_keeps_axes_and_patches():
    chart = SeatChart()
    chart.update(seat_data(fraction=0.5))
    draw(chart)
    ax = chart.ax
    patches = list(ax.patches)
    rebuilds = chart.rebuilds
    chart.update(seat_data(fraction=0.8))
    assert chart.ax is ax
    assert list(ax.patches) == patches and len(ax.patches) == len(patches)
    assert chart.rebuilds == rebuilds
    assert chart.bar_patches[0].get_height() == round(411 * 0.8)
    assert chart.value_labels[0].get_text() == str(round(411 * 0.8))
    draw(chart)
    # A different number of bars is a new shape: rebuilt.
    chart.update(seat_data(max_parties=20))
    assert chart.rebuilds == rebuilds + 1
    assert len(chart.bar_patches) == 15


def test_seat_chart_with_nothing_declared_draws():
    chart = SeatChart()
    chart.update(SeatChartData((), 650, 326, 0))
    draw(chart)
    assert "0 of 650 declared" in all_texts(chart.figure)
    assert "326 for a majority" in all_texts(chart.figure)


# -- hemicycle ------------------------------------------------------------------------------------

@pytest.mark.parametrize("n", [1, 2, 9, 650, 10_000])
def test_geometry_places_every_seat_once(n):
    g = seat_geometry(n)
    assert g.xy.shape == (n, 2)
    assert len({(round(x, 9), round(y, 9)) for x, y in g.xy}) == n
    assert np.all(np.diff(g.angle) <= 1e-12)  # left to right
    assert g.xy[:, 1].min() >= 0 and g.xy[:, 0].min() >= 0 and g.xy[:, 0].max() <= 2
    assert seat_geometry(n) is g  # cached


@pytest.mark.parametrize("n", [1, 2, 9, 650, 10_000])
def test_hemicycle_draws_one_dot_per_seat(n):
    parties = [("Lab", n // 2), ("Con", n // 4)]
    blocks = tuple(HemicycleBlock(p, COLOURS[p], tuple(f"{p} {i}" for i in range(k)))
                   for p, k in parties if k)
    data = HemicycleData(blocks, n, n // 2 + 1, sum(k for _p, k in parties))
    chart = HemicycleChart()
    chart.update(data)
    draw(chart, (1366, 768))
    assert len(chart.dots.get_offsets()) == n
    assert len(chart.seat_colours()) == n
    assert len(chart.seat_owners) == n
    assert chart.seat_owners.count("Lab") == n // 2
    assert chart.seat_owners.count(None) == n - n // 2 - n // 4


def runs(owners):
    return [k for k, _ in itertools.groupby(owners)]


@pytest.mark.parametrize("undeclared", ["middle", "end"])
def test_hemicycle_parties_contiguous_and_undeclared_placed(undeclared):
    chart = HemicycleChart()
    chart.update(hemicycle_data(fraction=0.5, provisional=0.05, undeclared=undeclared))
    owners = chart.seat_owners
    sequence = runs(owners)
    assert len(sequence) == len(set(sequence))  # each party (and the gap) one run
    assert sequence.count(None) == 1
    parties = [p for p in sequence if p is not None]
    assert parties == political(parties)  # the political order, left to right
    gap = [i for i, p in enumerate(owners) if p is None]
    if undeclared == "end":
        assert gap == list(range(650 - len(gap), 650))
    else:
        assert gap[0] > 0 and gap[-1] < 649
        # left-of-centre parties fill from the left, the rest from the right
        assert owners[0] == "SF" and owners[-1] == "RUK"
        assert owners[gap[0] - 1] == "LD" and owners[gap[-1] + 1] == "Ind"
    faces = chart.seat_colours()
    edges = chart.dots.get_edgecolors()
    for i in gap:
        assert faces[i][3] == 0  # no fill
        assert edges[i][3] > 0  # but an outline
    assert all(faces[i][3] == 1 for i, p in enumerate(owners) if p is not None)


def test_hemicycle_colours_and_provisional_lighter():
    chart = HemicycleChart()
    chart.update(hemicycle_data(fraction=0.5, provisional=0.05))
    faces = chart.seat_colours()
    lab = [i for i, p in enumerate(chart.seat_owners) if p == "Lab"]
    verified = [i for i in lab if np.allclose(faces[i], to_rgba(COLOURS["Lab"]))]
    lighter = [i for i in lab if not np.allclose(faces[i], to_rgba(COLOURS["Lab"]))]
    assert len(verified) == 206 and len(lighter) == 21
    assert max(verified) < min(lighter)  # Lab's provisional seats sit next to the gap
    assert all(faces[i][0] > to_rgba(COLOURS["Lab"])[0] - 1e-9 for i in lighter)
    assert all(sum(faces[i][:3]) > sum(to_rgba(COLOURS["Lab"])[:3]) for i in lighter)
    for party in ("Con", "SNP", "Green"):
        idx = [i for i, p in enumerate(chart.seat_owners) if p == party]
        assert any(np.allclose(faces[i], to_rgba(COLOURS[party])) for i in idx)


def test_full_hemicycle():
    chart = HemicycleChart()
    chart.update(hemicycle_data())
    owners = chart.seat_owners
    assert None not in owners
    assert {p: owners.count(p) for p in GE2024} == {p: v[1] for p, v in GE2024.items()}
    assert chart.majority_index == 325
    draw(chart)
    texts = all_texts(chart.figure)
    assert "411" in texts and "121" in texts  # the two largest, in the middle
    assert "326" in texts  # the majority marker
    assert "650 of 650 declared" in texts
    assert "Lab 411" in texts  # legend


def test_seat_at_finds_a_known_seat():
    chart = HemicycleChart()
    chart.update(hemicycle_data())
    i = chart.seat_owners.index("Lab") + list(seat_names("Lab", 411)).index("Hendon")
    x, y = chart.geometry.xy[i]
    r = chart.geometry.seat_radius
    assert chart.seat_at(x, y) == ("Lab", "Hendon")
    assert chart.seat_at(x + r * 0.5, y - r * 0.5) == ("Lab", "Hendon")
    assert chart.tooltip_at(x, y) == "Lab: 411 seats \u00b7 Hendon"
    assert chart.seat_at(1.0, 0.1) is None  # the empty middle
    assert chart.seat_at(5.0, 5.0) is None
    con = chart.seat_owners.index("Con")
    party, seat = chart.seat_at(*chart.geometry.xy[con])
    assert party == "Con" and seat.startswith("Con seat")


def test_seat_at_on_undeclared_and_provisional_seats():
    chart = HemicycleChart()
    chart.update(hemicycle_data(fraction=0.5, provisional=0.05))
    gap = chart.seat_owners.index(None)
    assert chart.seat_at(*chart.geometry.xy[gap]) is None
    assert chart.tooltip_at(*chart.geometry.xy[gap]).startswith("Not yet declared: ")
    lab = max(i for i, p in enumerate(chart.seat_owners) if p == "Lab")
    assert chart.tooltip_at(*chart.geometry.xy[lab]).endswith("(provisional)")


def test_hemicycle_updates_in_place():
    chart = HemicycleChart()
    chart.update(hemicycle_data(fraction=0.3))
    draw(chart)
    dots, ax, rebuilds = chart.dots, chart.ax, chart.rebuilds
    chart.update(hemicycle_data(fraction=0.6))
    assert chart.dots is dots and chart.ax is ax and chart.rebuilds == rebuilds
    assert chart.seat_owners.count(None) == 650 - sum(round(v[1] * 0.6)
                                                      for v in GE2024.values())
    draw(chart)
    chart.update(hemicycle_data(fraction=0.5, total=600))
    assert chart.rebuilds == rebuilds + 1 and len(chart.dots.get_offsets()) == 600


def test_hemicycle_early_night_sides():
    """With one party declared it sits on its own side, not at the far end of the other."""
    chart = HemicycleChart()
    chart.update(HemicycleData((HemicycleBlock("Lab", COLOURS["Lab"], ("A", "B")),), 650,
                               326, 2))
    assert chart.seat_owners[:2] == ["Lab", "Lab"]
    chart.update(HemicycleData((HemicycleBlock("Con", COLOURS["Con"], ("C",)),), 650, 326, 1))
    assert chart.seat_owners[-1] == "Con"


# -- vote share -----------------------------------------------------------------------------------

def test_vote_share_labels():
    chart = VoteShareChart()
    chart.update(share_data())
    parties = [b.party for b in chart.bars]
    # the 8 parties the one rule names (most seats, then votes), by share; Green's four seats
    # fold it into Others at 8 (the default, 10, names it)
    assert parties == ["Lab", "Con", "RUK", "LD", "SNP", "Ind", "SF", "DUP", "Others"]
    assert [t.get_text() for t in chart.party_labels] == parties
    assert not chart.ax.yaxis.get_visible()  # plain texts, not ticks (laid out once)
    values = [v.get_text() for v in chart.value_labels]
    assert values[:2] == ["33.7%", "23.7%"]
    changes = [c.get_text() for c in chart.change_labels]
    assert changes[:3] == ["+1.6 pts", "\u221219.9 pts", "+12.3 pts"]
    assert [r.get_width() for r in chart.bar_patches][:2] == [33.7, 23.7]
    assert to_rgba(chart.bar_patches[2].get_facecolor()) == to_rgba(COLOURS["RUK"])
    others = next(b for b in chart.bars if b.party == "Others")
    assert others.votes == sum(v[3] for p, v in GE2024.items()
                               if p not in parties)
    draw(chart)
    assert "28,809,340 votes in 650 of 650 seats" in all_texts(chart.figure)


def test_vote_share_updates_in_place():
    chart = VoteShareChart()
    chart.update(share_data())
    draw(chart)
    rects, rebuilds = list(chart.ax.patches), chart.rebuilds
    bars = tuple(ShareBar(b.party, b.name, b.colour, b.votes, b.share + 1, b.change)
                 for b in share_data().bars)
    chart.update(VoteShareData(bars, TOTAL_VOTES, 650, 650, named=named_2024(8)))
    assert list(chart.ax.patches) == rects and chart.rebuilds == rebuilds
    assert chart.bar_patches[0].get_width() == pytest.approx(34.7)
    assert chart.value_labels[0].get_text() == "34.7%"


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
