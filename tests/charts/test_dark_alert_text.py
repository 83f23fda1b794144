"""The alert colour is text on the dark theme too: a rehearsal's "REHEARSAL · not live
results" footer, a card's majority in recount range, the recount watch's badges. The dark
charts kept the light theme's #c8102e, 2.8:1 on charcoal (WCAG asks 4.5:1 of text), the
REHEARSAL footer the faintest line of every rehearsal dock at 3 a.m., and a RECOUNT badge
beside a Labour banner the same red as it (1.07:1)."""

from __future__ import annotations

import pytest
from helpers import rehearsal as helper
from helpers.chart_nights import DOCK, draw
from helpers.texts import drawn_texts
from matplotlib.colors import to_hex

from resultsdesk.charts.theme import MIN_TEXT_CONTRAST, contrast_ratio
from resultsdesk.desk import graphics
from resultsdesk.store import Store

LABOUR = "#d50000"
_watch_2019, watch_db = helper._watch_2019, helper.watch_db  # a 2019 rehearsal's file


def _alert_texts(chart) -> list:
    alert = to_hex(chart.theme.alert)
    return [t for t in drawn_texts(chart.figure) if to_hex(t.get_color()) == alert]


@pytest.mark.parametrize("kind", ["seats", "hemicycle", "timeline"])
def test_a_rehearsal_footer_reads_on_the_dark_theme(watch_db, kind):
    with Store(watch_db) as store:
        night = graphics.night_state(store)
        chart = graphics.chart_for(kind, night, store, theme="dark")
        draw(chart, DOCK)
    texts = _alert_texts(chart)
    assert any("REHEARSAL" in t.get_text() for t in texts), [t.get_text() for t in texts]
    for t in texts:
        ratio = contrast_ratio(t.get_color(), chart.theme.background)
        assert ratio >= MIN_TEXT_CONTRAST, (t.get_text(), round(ratio, 2))


def test_a_close_majority_and_its_badge_read_on_the_dark_theme(early_store):
    night = graphics.night_state(early_store)
    chart = graphics.chart_for("card", night, early_store, constituency="Hendon",
                               theme="dark")
    draw(chart, (1920, 1080))
    texts = _alert_texts(chart)
    assert any(t.get_text() == "15" for t in texts), [t.get_text() for t in texts]
    for t in texts:
        ratio = contrast_ratio(t.get_color(), chart.theme.background)
        assert ratio >= MIN_TEXT_CONTRAST, (t.get_text(), round(ratio, 2))
    # the RECOUNT badge stands beside the winner's banner: not Labour's red again
    assert contrast_ratio(chart.theme.alert, LABOUR) >= 1.5
