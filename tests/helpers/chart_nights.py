"""The nights the chart tests draw, built by hand from plain data: the full 2024 night
(HoC Library figures, changes against the notional 2019 result) as seat_data, hemicycle_data
and share_data (a fraction of it declared, some provisional), and a tiny five-seat election;
draw renders a chart headless, all_texts lists what it shows."""

from __future__ import annotations

from matplotlib.backends.backend_agg import FigureCanvasAgg

from helpers.texts import drawn_texts
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


# A chart dock as a desk first sees it: the window's first-run dock width (470 px, in
# ui.window_layout) in a 1920 x 1080 window, at the charts' 100 dpi; the map's canvas is
# the dock less its zoom bar.
DOCK = (470, 596)
MAP_DOCK = (470, 562)
# The smallest a chart is given on screen: a window of 796 x 796 with the three chart docks
# side by side (each chart's canvas at 320 x 343), and the canvas's own minimum (320 x 220,
# ui.chart_view), reached with docks stacked.
SMALL_DOCK = (320, 343)
MIN_CANVAS = (320, 220)


def draw(chart, size=(1366, 768), dpi=100):
    fig = chart.figure
    fig.set_dpi(dpi)
    fig.set_size_inches(size[0] / dpi, size[1] / dpi)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return canvas.get_renderer()


def all_texts(fig):
    return [t.get_text() for t in drawn_texts(fig)]
