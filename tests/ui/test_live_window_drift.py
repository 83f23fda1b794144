"""One main window kept open through a random night of desk work done at another desk
(helpers/live_drift.py's rules, plus File > Switch user and Preferences' recount
thresholds): after every step its results table, recount watch, national summary, strip
and charts say what the same models and charts say filled afresh from a night read afresh."""

from __future__ import annotations

import numpy as np
from helpers.live_drift import (  # noqa: F401 (drift_night_fixture: a fixture)
    PEOPLE,
    THRESHOLDS,
    DriftMachine,
    drift_night_fixture,
    run_drift,
)
from hypothesis import strategies as st
from hypothesis.stateful import invariant, rule
from PySide6.QtCore import Qt

from resultsdesk.charts.hemicycle import HemicycleChart
from resultsdesk.desk.live import NightState
from resultsdesk.desk.live_charts import timeline_data
from resultsdesk.desk.overview import rows_of
from resultsdesk.domain.records import replace
from resultsdesk.ui import constituency_model as cm
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.recount_model import RecountModel
from resultsdesk.ui.seats_model import SeatsTableModel
from resultsdesk.ui.sign_in import account_for

ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
         Qt.ItemDataRole.AccessibleTextRole)


def cells(model, roles=ROLES) -> list[tuple]:
    """Every cell's answers, row by row, as a view asks for them."""
    return [tuple(tuple(model.data(model.index(r, c), role) for role in roles)
                  for c in range(model.columnCount()))
            for r in range(model.rowCount())]


def brushes(model) -> list[tuple]:
    """Each row's background and foreground colours (the recount range's tint)."""
    out = []
    for r in range(model.rowCount()):
        row = []
        for c in range(model.columnCount()):
            for role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
                b = model.data(model.index(r, c), role)
                row.append(None if b is None else b.color().name())
        out.append(tuple(row))
    return out


def fresh_views(window: MainWindow) -> dict:
    night = NightState(window.desk, viewer=window.night.viewer)
    night.refresh()
    prefs = window.prefs
    colours = {p: party.colour for p, party in night.parties.items()}
    table = cm.ConstituencyTableModel()
    table.set_thresholds(prefs.thresholds)
    table.set_rows(rows_of(night), colours)
    watch = RecountModel()
    watch.update(night, set(night.seats), prefs.thresholds, colours)
    seats = SeatsTableModel()
    seats.set_summary(night.summary(), colours)
    return {"night": night, "table": table, "watch": watch, "seats": seats,
            "colours": colours}


def chart_data(window: MainWindow, night: NightState) -> dict:
    p = window.prefs
    named = night.named_parties(p.max_parties, provisional=p.show_provisional)
    return {
        "seats": night.seat_chart_data(show_provisional=p.show_provisional, named=named),
        "hemicycle": night.hemicycle_data(undeclared_position=p.undeclared,
                                          show_provisional=p.show_provisional, named=named),
        "shares": night.vote_share_data(named),
        "timeline": timeline_data(night, named),
    }


class WindowDrift(DriftMachine):
    def __init__(self) -> None:
        super().__init__()
        application()
        self.window = MainWindow(self.folder / "agree.db", user="alice")
        self.window.feed.stop()  # the test says when the window looks
        self.window.show()
        self.kept = self.window.night
        self.fresh_chamber = HemicycleChart()

    def teardown(self) -> None:
        self.window.close()
        self.window.deleteLater()
        super().teardown()

    @rule(who=st.sampled_from((*PEOPLE, "eve")))
    def switch_user(self, who):  # File > Switch user, the next person's name typed
        self.steps.append(f"switch to {who}")
        self.window.set_account(account_for(self.window.desk, who))

    @rule(th=st.sampled_from(THRESHOLDS), provisional=st.booleans())
    def thresholds(self, th, provisional):  # Preferences, as edit_preferences applies them
        self.steps.append(f"preferences {th} provisional={provisional}")
        w = self.window
        w.prefs = replace(w.prefs, recount_votes=th.votes, recount_pct=th.pct,
                          show_provisional=provisional)
        w.refresh_asked()
        w._update_charts()

    @invariant()
    def kept_is_fresh(self):
        w = self.window
        w.refresh_if_changed()
        f = fresh_views(w)
        night = f["night"]
        assert w.night.seats == night.seats, self.steps
        assert cells(w.model) == cells(f["table"]), self.steps
        assert brushes(w.model) == brushes(f["table"]), self.steps
        assert cells(w.recount_model) == cells(f["watch"]), self.steps
        assert brushes(w.recount_model) == brushes(f["watch"]), self.steps
        assert cells(w.seats_model) == cells(f["seats"]), self.steps
        assert w.night.strip_data() == night.strip_data(), self.steps
        assert (w.strip.toolTip() and w.strip.majority.text().endswith(
            f"{night.strip_data().majority_text}</b>")) or "&" in night.strip_data().majority_text
        want = chart_data(w, night)
        views = {"seats": w.seat_view, "hemicycle": w.hemicycle_view,
                 "shares": w.shares_view, "timeline": w.timeline_view}
        for name, view in views.items():
            view._redraw()  # what it draws when it comes on screen
            assert view._data == want[name], (self.steps, name)
        self.fresh_chamber.update(want["hemicycle"])
        assert np.array_equal(w.hemicycle_view.chart.seat_colours(),
                              self.fresh_chamber.seat_colours()), self.steps


def test_the_window_never_drifts(drift_night, qapp, qt_settings):
    run_drift(WindowDrift, drift_night, examples=15, steps=50)
