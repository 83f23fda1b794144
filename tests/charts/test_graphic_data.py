"""One "Others" on every graphic, the data beside every picture, the gains graphic, contrast
and close results: drawn from the real 2024 night.

The named set is the one rule's (`domain.others`), worked out once by the desk; each kind's
JSON (`desk.graphic_data.graphic_json`) says who is named and who "Others" are, and the
party names in each picture's texts must be exactly the JSON's.
"""

from __future__ import annotations

import json
import re

import pytest
from helpers.cli import usage_refused
from helpers.party_votes import declare_by_party
from helpers.texts import drawn_texts
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.colors import to_rgba

from resultsdesk import cli
from resultsdesk.charts import THEMES, HemicycleChart, ResultCardChart
from resultsdesk.charts.data import (
    HemicycleBlock,
    HemicycleData,
    PartyBar,
    SeatChartData,
    ShareBar,
    SummaryData,
    SummaryParty,
    VoteShareData,
)
from resultsdesk.charts.export import at_size, render
from resultsdesk.charts.theme import (
    BROADCAST,
    LIGHT,
    MIN_GRAPHIC_CONTRAST,
    contrast_ratio,
    needs_outline,
    text_contrast,
)
from resultsdesk.desk import declarations as dk
from resultsdesk.desk import graphics
from resultsdesk.desk.graphic_data import graphic_json
from resultsdesk.desk.publishing import PublishSettings, publish
from resultsdesk.domain.others import OTHERS, name_parties

PARTY_KINDS = ("seats", "hemicycle", "shares", "summary", "gains")
CLOSE = "Basildon and Billericay"  # Con hold by 20 votes
SHAPES = ("hd", "square", "vertical")


def draw_at(chart, size) -> None:
    """Lay the chart out and draw it as an export at `size` would."""
    with at_size(chart, size):
        chart.figure.canvas.draw()


def picture_parties(chart, size, known: set[str]) -> set[str]:
    """Party abbreviations (and "Others") in the texts the picture draws at `size`, leaving
    out the line that lists who "Others" are."""
    fig = chart.figure
    with at_size(chart, size):
        fig.canvas.draw()
        texts = [t.get_text() for t in drawn_texts(fig) if t is not chart.footer.note]
    words = {w for s in texts for w in re.split(r"[\s,:·→]+", s)}
    return words & (known | {OTHERS})


@pytest.fixture(scope="module")
def night(_night_2024):
    from resultsdesk.store import Store

    with Store(_night_2024) as store:
        yield store, graphics.night_state(store)


def test_the_named_set_is_the_same_in_every_kind_shape_and_theme(night):
    """From the JSON of every kind x shape x theme: one named set, one "Others"; and the
    parties each party graphic draws at that shape are the JSON's."""
    store, live = night
    known = set(live.parties)
    expected = None
    for kind in graphics.KINDS:
        for shape in SHAPES:
            for theme in THEMES:
                data = graphic_json(kind, live, store, constituency=CLOSE, size=shape,
                                    theme=theme)
                sets = ([s["party"] for s in data["named"]],
                        [s["party"] for s in data["others"]])
                expected = expected or sets
                assert sets == expected, (kind, shape, theme)
                if kind in PARTY_KINDS and theme == "broadcast":
                    chart = graphics.chart_for(kind, live, store, theme=theme)
                    shown = {p["party"] for p in data["parties"]} if "parties" in data \
                        else {f[side] for f in data["flows"] for side in ("from", "to")}
                    assert picture_parties(chart, shape, known) == shown, (kind, shape)
                    assert shown <= set(expected[0]) | {OTHERS}
    named, others = expected
    assert named == ["Lab", "Con", "LD", "SNP", "SF", "Ind", "RUK", "DUP", "Green", "PC"]
    assert others[:5] == ["SDLP", "APNI", "UUP", "TUV", "Spk"]


@pytest.mark.parametrize("kind", graphics.KINDS)
def test_json_numbers_are_the_chart_data(night, kind):
    store, live = night
    chart = graphics.chart_for(kind, live, store, constituency=CLOSE)
    data = graphic_json(kind, live, store, constituency=CLOSE)
    assert json.loads(json.dumps(data)) == data  # plain JSON values only
    assert data["kind"] == kind and data["title"] and data["footer"]["status"].endswith(
        "650 of 650 declared")
    assert data["footer"] == {"source": chart.footer_source(), "status": chart.footer_status()}
    body = chart.data.to_json()
    for key, value in body.items():
        # the Others colour is the theme's, filled in beside the picture (a folded party's
        # hexes on the map too: tests/charts/test_map_data_key.py)
        if key in ("parties", "flows") or (kind, key) == ("map", "seats"):
            for row, drawn in zip(data[key], value, strict=True):
                assert {k: v for k, v in row.items() if not k.endswith("colour")} == \
                    {k: v for k, v in drawn.items() if not k.endswith("colour")}
        else:
            assert data[key] == value
    if kind == "seats":
        assert [(p["party"], p["seats"], p["change"]) for p in data["parties"]] == \
            [(b.party, b.seats, b.change) for b in chart.bars]
        assert data["parties"][-1] == {"party": OTHERS, "name": "Other parties",
                                       "colour": LIGHT.others, "seats": 6, "provisional": 0,
                                       "change": 2}
    if kind == "shares":
        assert [(p["party"], p["votes"]) for p in data["parties"]] == \
            [(b.party, b.votes) for b in chart.bars]
    if kind == "hemicycle":
        assert len(data["seats"]) == 650 and data["seats"][0]["constituency"]
    if kind == "card":
        assert data["majority"] == 20 and data["recount_range"] is True
        assert [c["votes"] for c in data["candidates"]][:2] == [12_905, 12_885]
    if kind == "recounts":
        assert any(s["constituency"] == CLOSE and s["majority"] == 20 for s in data["seats"])


def test_gains_for_2024_largest_flows_first(night, tmp_path):
    store, live = night
    chart = graphics.chart_for("gains", live, store, theme="broadcast")
    top = [(f.from_party, f.to_party, f.seats) for f in chart.flows[:3]]
    assert top == [("Con", "Lab", 182), ("Con", "LD", 60), ("SNP", "Lab", 36)]
    seats = [f.seats for f in chart.flows]
    assert seats == sorted(seats, reverse=True)
    # a party not named is "Others" on either side: DUP lost three seats to them
    assert ("DUP", OTHERS, 3) in [(f.from_party, f.to_party, f.seats) for f in chart.flows]
    render(chart, tmp_path / "gains.png", "hd")
    texts = [t.get_text() for t in drawn_texts(chart.figure)]
    assert "182" in texts and "60" in texts and "36" in texts
    out = tmp_path / "gains.json"
    assert cli.main(["export", "gains", "--db", str(store.path), "--out", str(out)]) == 0
    flows = json.loads(out.read_text(encoding="utf-8"))["flows"]
    assert [(f["from"], f["to"], f["seats"]) for f in flows[:3]] == top


def test_a_change_between_two_folded_parties_is_named_by_them(night):
    """Seven named, the DUP is folded: its three losses in Northern Ireland, each to a folded
    party, were one row "Others → Others 3", read on air as if no seat had changed hands.
    Such a change is named by its parties, in their colours; the rest still fold."""
    store, live = night
    named = live.named_parties(7)
    assert not named.is_named("DUP") and not named.is_named("TUV")
    data = graphics.gains_data(live, named)
    rows = [(f.from_party, f.to_party, f.seats) for f in data.flows]
    assert (OTHERS, OTHERS) not in [r[:2] for r in rows]
    within = [("DUP", "APNI", 1), ("DUP", "TUV", 1), ("DUP", "UUP", 1)]
    assert [r for r, f in zip(rows, data.flows, strict=True) if f.within_others] == within
    tuv = next(f for f in data.flows if f.to_party == "TUV")
    assert (tuv.from_colour, tuv.to_colour) == (live.colour("DUP"), live.colour("TUV"))
    # Alliance, named in DUP → APNI, is named beside a named party too (not "Others → Ind")
    assert ("APNI", "Ind", 1) in rows and (OTHERS, "Ind", 1) not in rows
    # a folded party the graphic does not name is still "Others": Con → Green, Con → PC
    assert ("Con", OTHERS, 4) in rows
    assert sum(f.seats for f in data.flows) == data.changed == 303
    # the JSON beside the picture: the same rows, keys as before plus `within_others`
    flows = graphic_json("gains", live, store, parties=7)["flows"]
    assert {"from": "DUP", "to": "TUV", "seats": 1, "from_colour": live.colour("DUP"),
            "to_colour": live.colour("TUV"), "within_others": True} in flows
    assert [(f["from"], f["to"]) for f in flows] == [r[:2] for r in rows]


@pytest.mark.parametrize("n", range(1, 16))
def test_a_party_is_named_or_in_others_never_both(night, n):
    """With 5 named, Alliance (folded) was named in "APNI → Ind" and "DUP → APNI" while the
    Independents it lost to were in "Lab → Others 6" and named in "APNI → Ind"; with 6,
    Alliance was in "Others → Ind" and named in "DUP → APNI": one party in two places on
    one graphic. Every change is in the row of its parties as the graphic shows them: by
    name if it names them anywhere, else "Others"."""
    store, live = night
    data = graphic_json("gains", live, store, parties=n)
    rows = {(f["from"], f["to"]): f["seats"] for f in data["flows"]}
    shown = {p for pair in rows for p in pair} - {OTHERS}
    expected: dict[tuple[str, str], int] = {}
    for change in live.summary().changes:
        pair = tuple(p if p in shown else OTHERS for p in (change["from"], change["to"]))
        expected[pair] = expected.get(pair, 0) + change["seats"]
    assert rows == expected
    assert sum(rows.values()) == data["changed"] == 303


def test_cli_json_export_and_its_refusals(night_db, tmp_path, capsys):
    out = tmp_path / "seats.json"
    assert cli.main(["export", "seats", "--db", str(night_db), "--out", str(out),
                     "--parties", "3"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [p["party"] for p in data["parties"]] == ["Lab", "Con", "LD", OTHERS]
    assert data["size"] == {"width": 1920, "height": 1080} and data["theme"] == "light"
    capsys.readouterr()
    # a file type no graphic is: a usage error (exit 2), before the database is opened
    assert ".json" in usage_refused(capsys, "export", "seats", "--db", night_db, "--out",
                                    tmp_path / "seats.txt")
    assert not (tmp_path / "seats.txt").exists()


def test_the_watch_folder_writes_the_data_beside_each_picture(night_store, tmp_path):
    settings = PublishSettings(tmp_path, kinds=("seats", "card"), data=True, size="square")
    code = graphics.latest_verified_seat(graphics.night_state(night_store), night_store)
    written = {p.name for p in publish(night_store, settings, code)}
    assert written == {"seats.png", "seats.json", "card.png", "card.json", "feed.json"}
    card = json.loads((tmp_path / "card.json").read_text(encoding="utf-8"))
    assert card["kind"] == "card" and card["size"] == {"width": 1080, "height": 1080}
    plain = PublishSettings(tmp_path / "plain", kinds=("seats",))
    plain.folder.mkdir()
    assert {p.name for p in publish(night_store, plain, code)} == {"seats.png", "feed.json"}


# -- contrast ---------------------------------------------------------------------------------

def test_colours_too_close_to_the_background_are_outlined_on_every_chart(night):
    store, live = night
    speaker, tuv, snp = (live.colour(p) for p in ("Spk", "TUV", "SNP"))
    assert needs_outline(speaker, BROADCAST.background)
    assert needs_outline(tuv, BROADCAST.background)
    assert needs_outline(snp, LIGHT.background)
    assert not needs_outline(live.colour("Lab"), LIGHT.background)
    # named (folded into "Others", a party's seats are drawn in the Others colour)
    chamber = graphics.chart_for("hemicycle", live, store, theme="broadcast", parties=30)
    draw_at(chamber, "hd")
    faces, edges = chamber.dots.get_facecolors(), chamber.dots.get_edgecolors()
    widths = chamber.dots.get_linewidths()
    for party in ("Spk", "TUV"):
        i = chamber.seat_owners.index(party)
        assert tuple(faces[i]) == to_rgba(live.colour(party))
        assert contrast_ratio(edges[i][:3], BROADCAST.background) >= MIN_GRAPHIC_CONTRAST
        assert widths[i] > 0
    # a chip on the light theme: SNP yellow gets an edge that reads on white
    summary = graphics.chart_for("summary", live, store, theme="light")
    draw_at(summary, "hd")
    row = [p.party for p in summary.parties].index("SNP")
    edge = summary.chips[row].get_edgecolor()
    assert summary.chips[row].get_linewidth() > 0
    assert contrast_ratio(edge[:3], LIGHT.background) >= MIN_GRAPHIC_CONTRAST
    # text on a party chip: black or white, whichever contrasts more (WCAG)
    for i, p in enumerate(summary.parties):
        ink = summary.chip_texts[i].get_color()
        other = "#ffffff" if to_rgba(ink) == to_rgba("#000000") else "#000000"
        assert contrast_ratio(p.colour, ink) >= contrast_ratio(p.colour, other)
    assert text_contrast(snp) == "#000000" and text_contrast(live.colour("Lab")) == "#ffffff"


# -- close results and cards ------------------------------------------------------------------

def test_a_close_card_shows_the_majority_large_and_flagged(night):
    store, live = night
    card = graphics.chart_for("card", live, store, constituency=CLOSE)
    draw_at(card, "hd")
    assert "RECOUNT RANGE" in card.badges
    values = card.stats.values
    assert values[0].get_text() == "20"
    assert values[0].get_fontsize() > 1.5 * values[1].get_fontsize()
    assert to_rgba(values[0].get_color()) == to_rgba(LIGHT.alert)
    safe = graphics.chart_for("card", live, store, constituency="Hexham")
    assert "RECOUNT RANGE" not in safe.badges and safe.stats.emphasis is None


def test_after_n_recounts_and_the_chamber_hover(nominations_store):
    s = nominations_store
    declare_by_party(s, "Hendon", {"Lab": 15_855, "Con": 15_840})
    dk.mark_recount(s, "Hendon", user="carol")
    declare_by_party(s, "Hendon", {"Lab": 15_851, "Con": 15_838})
    live = graphics.night_state(s)
    card = graphics.card_data(live, s, "Hendon")
    assert card.recounts == 1 and card.recount_range
    chart = ResultCardChart()
    chart.update(card)
    assert chart.stats.details[0].get_text().endswith("after 1 recount")
    dk.mark_recount(s, "Hendon", user="carol")  # a second one called
    live.refresh()
    chamber = HemicycleChart()
    chamber.update(live.hemicycle_data())
    i = chamber.seat_owners.index("Lab")
    x, y = chamber.geometry.xy[i]
    assert chamber.tooltip_at(x, y) == "Lab: 1 seat \u00b7 Hendon \u00b7 RECOUNT under way"


def test_hover_without_a_recount_says_nothing_of_one():
    chart = HemicycleChart()
    chart.update(HemicycleData((HemicycleBlock("Lab", "#d50000", ("A", "B")),), 5, 3, 2,
                               recounts=frozenset({"B"})))
    tips = [chart.tooltip_at(*chart.geometry.xy[i]) for i in range(2)]
    assert sorted(tips) == ["Lab: 2 seats \u00b7 A",
                            "Lab: 2 seats \u00b7 B \u00b7 RECOUNT under way"]


def test_awaiting_card_lists_candidates_in_ballot_order(nominations_store):
    live = graphics.night_state(nominations_store)
    sheet = dk.load_sheet(nominations_store, "Hendon")
    chart = graphics.chart_for("card", live, nominations_store, constituency="Hendon")
    drawn = [c.name for c in chart.rows]
    assert drawn == [c.name for c in sheet.candidates]  # the ballot paper
    surnames = [n.split()[-1] for n in drawn]
    assert surnames == sorted(surnames, key=str.casefold)
    assert drawn != sorted(drawn)  # not by first name



# -- the fold, property-style: every data class folds by the one named set ------------------------

party_names = st.lists(st.sampled_from(["Lab", "Con", "LD", "SNP", "SF", "RUK", "DUP", "Green",
                                        "PC", "SDLP", "APNI", "UUP", "TUV", "Spk", "WPB"]),
                       unique=True, min_size=1, max_size=15)


@given(party_names.flatmap(lambda ps: st.tuples(
    st.just(ps), st.lists(st.integers(0, 50), min_size=len(ps), max_size=len(ps)),
    st.lists(st.integers(0, 10_000), min_size=len(ps), max_size=len(ps)))),
    st.integers(1, 12))
def test_every_party_graphic_folds_the_same_parties(standing, n):
    parties, seats, votes = standing
    named = name_parties({p: (s, v) for p, s, v in zip(parties, seats, votes, strict=True)}, n)
    total = sum(votes) or 1
    seat_bars = SeatChartData(tuple(PartyBar(p, p, "#123456", s, 0, 0) for p, s in
                                    zip(parties, seats, strict=True)), 650, 326, sum(seats),
                              named=named)
    share_bars = VoteShareData(tuple(ShareBar(p, p, "#123456", v, 100 * v / total) for p, v in
                                     zip(parties, votes, strict=True)), total, 1, 650,
                               named=named)
    rows = SummaryData(tuple(SummaryParty(p, p, "#123456", s, 0, 100 * v / total)
                             for p, s, v in zip(parties, seats, votes, strict=True)),
                       1, 650, 326, named=named)
    chamber = HemicycleData(tuple(HemicycleBlock(p, "#123456", tuple(f"{p}{i}" for i in
                                                                     range(s)))
                                  for p, s in zip(parties, seats, strict=True) if s),
                            650, 326, sum(seats), named=named)
    folded = set(named.other_names)
    for shown in ([b.party for b in seat_bars.drawn()], [b.party for b in share_bars.drawn()],
                  [r.party for r in rows.drawn()], [p for p, _n, _c in chamber.legend()]):
        assert not set(shown) & folded  # no folded party is ever drawn by name
        assert set(shown) - {OTHERS} <= set(named.names)
        assert shown.count(OTHERS) <= 1 and (OTHERS not in shown or shown[-1] == OTHERS)
    others_bar = [b for b in seat_bars.drawn() if b.party == OTHERS]
    assert sum(b.seats for b in others_bar) == sum(s.seats for s in named.others)
