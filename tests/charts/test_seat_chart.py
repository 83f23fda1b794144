"""The seat chart, drawn headless from the nights of helpers.chart_nights: bars in seat order
with Others folded by the one naming rule, labels and changes, provisional seats only when
shown, updates in place.
"""

from __future__ import annotations

from helpers.chart_nights import COLOURS, all_texts, draw, seat_data
from matplotlib.colors import to_rgba

from resultsdesk.charts import LIGHT, SeatChart
from resultsdesk.charts.data import HemicycleBlock, PartyBar, SeatChartData
from resultsdesk.domain.others import NamedParties, Standing
from resultsdesk.domain.records import replace


def tick_texts(ax, axis="x"):
    labels = (ax.xaxis if axis == "x" else ax.yaxis).get_majorticklabels()
    return [t.get_text() for t in labels]


def party_texts(chart):
    """The party names under the seat chart's bars (plain texts, not axis ticks)."""
    return [t.get_text() for t in chart.party_labels if t.get_text()]


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


def test_seat_chart_with_nothing_declared_says_so():
    """No bars: the words, as the other charts say them, not an axis stub and a majority
    rule floating beside it; the first seat brings the rule back."""
    chart = SeatChart()
    chart.update(SeatChartData((), 650, 326, 0))
    draw(chart)
    assert "0 of 650 declared" in all_texts(chart.figure)
    assert "No seats declared yet" in all_texts(chart.figure)
    assert "326 for a majority" not in all_texts(chart.figure)
    ax = chart.ax
    assert not any(a.get_visible() for a in (chart.majority_rule, chart.majority_vrule,
                                              ax.spines["bottom"], ax.spines["left"]))
    chart.update(seat_data(fraction=0.02))
    draw(chart)
    assert "326 for a majority" in all_texts(chart.figure)
    assert "No seats declared yet" not in all_texts(chart.figure)
    assert chart.majority_rule.get_visible() and chart.ax.spines["bottom"].get_visible()


def test_every_bars_figures_are_one_size():
    """A dock's seat chart with provisional seats: the leader's "84 + 15", wrapped and
    shrunk to its bar's spacing, was the smallest figure on the chart beside a large "3".
    Every value takes the size the widest needs, every change too, never over the value."""
    chart = SeatChart()
    chart.update(seat_data(fraction=0.2, provisional=0.04))
    draw(chart, (470, 419))
    shown = len(chart.bars)
    values = {v.get_fontsize() for v in chart.value_labels[:shown]}
    changes = {c.get_fontsize() for c in chart.change_labels[:shown]}
    assert len(values) == 1 and len(changes) == 1, (values, changes)
    assert changes.pop() <= values.pop()


def test_no_others_line_while_no_folded_party_has_a_seat():
    # Early in the night the small parties standing have no seat yet: no Others bar is
    # drawn, and a line under the chart saying "Others: 14 parties" left the viewer
    # looking for one.
    early = seat_data(max_parties=8)
    named = NamedParties(early.named.named,
                         tuple(Standing(s.party, 0, s.votes) for s in early.named.others))
    bars = tuple(PartyBar(b.party, b.name, b.colour, b.seats if b.party in
                          {s.party for s in named.named} else 0, 0, 0) for b in early.bars)
    chart = SeatChart()
    chart.update(SeatChartData(bars, 650, 326, sum(b.seats for b in bars), named=named))
    draw(chart)
    assert "Others" not in [b.party for b in chart.bars]
    assert not chart.footer.note.get_visible()
    assert not any(t.startswith("Others") for t in all_texts(chart.figure))


def test_the_chamber_says_who_others_are_only_once_they_have_a_seat():
    from helpers.chart_nights import hemicycle_data

    from resultsdesk.charts import HemicycleChart
    from resultsdesk.domain.others import name_parties

    early = hemicycle_data(fraction=0.05)  # Lab, Con, LD... a few seats each; SDLP none yet
    seats = {}
    for block in early.blocks:
        seats[block.party] = seats.get(block.party, 0) + len(block.constituencies)
    small = {"SDLP": (0, 86_861), "APNI": (0, 117_191)}  # standing, without a seat yet
    named = name_parties({**{p: (n, 1_000_000) for p, n in seats.items()}, **small},
                         len(seats))
    chart = HemicycleChart()
    chart.update(replace(early, named=named))
    draw(chart)
    assert {s.party for s in named.others} == set(small)
    assert not chart.footer.note.get_visible()
    # ... and says so once one of them holds one, under the Others chip it explains
    won = replace(early, named=named, blocks=(*early.blocks, HemicycleBlock(
        "SDLP", COLOURS["SDLP"], ("Foyle",))), declared=early.declared + 1)
    named = name_parties({**{p: (n, 1_000_000) for p, n in seats.items()},
                          **small, "SDLP": (1, 86_861)}, len(seats))
    chart.update(replace(won, named=named))
    draw(chart)
    assert chart.footer.note.get_visible()
    assert chart.footer.note.get_text().startswith("Others: SDLP 1")
