"""A verification shows everywhere at once: table, charts, chamber, recount watch, strip."""

from __future__ import annotations

import pytest
from helpers.seats import HENDON, HENDON_2024

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui import constituency_model as cm
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow


@pytest.fixture
def window(main_window, nominations_db):
    return main_window(nominations_db, user="alice")  # keyed the entries: sees them


def _shown(window, view):
    """Bring a chart's tab to the front (hidden charts redraw when shown)."""
    dock = next(d for d in window.chart_docks if d.widget() is view)
    dock.raise_()
    dock.show()
    return view.chart


def test_a_verified_declaration_reaches_every_view(qtbot, window, nominations_db):
    assert window.seat_view.chart.bars == [] or all(b.total == 0 for b in
                                                    window.seat_view.chart.bars)
    assert window.recount_model.rowCount() == 0
    # the dock says so rather than showing an empty table (isHidden: its tab may be behind)
    assert not window.recount_empty.isHidden()
    assert window.recount_empty.text() == "No seat within recount range"
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, user="alice", figures=Figures(HENDON_2024, 187),
                   overrides=["recount_range"])
    window.refresh_if_changed()
    # provisional: in the table and the recount watch (with an alert), not yet in the seats
    row = window.model.row_at(window.model._index[HENDON])
    assert row.status.value == "provisional"
    assert window.recount_model.rowCount() == 1 and window.recount_empty.isHidden()
    assert window.recount_alert.isVisible() and "Hendon" in window.recount_alert.text()
    assert window.night.summary().seats == {}

    with Store(nominations_db) as desk:
        dk.verify(desk, HENDON, user="bob", votes=HENDON_2024, invalid=187)
    with qtbot.waitSignal(window.refreshed, timeout=5000):
        pass  # the live feed notices the other connection's commit
    row = window.model.row_at(window.model._index[HENDON])
    assert (row.status.value, row.winner_party, row.majority) == ("verified", "Lab", 15)
    assert row.result == "Lab gain from Con"
    index = window.model.index(window.model._index[HENDON], cm.MAJORITY)
    assert window.model.data(index, cm.Qt.ItemDataRole.BackgroundRole) is not None  # in range
    seats = {b.party: b.total for b in _shown(window, window.seat_view).bars}
    assert seats.get("Lab") == 1
    assert _shown(window, window.hemicycle_view).seat_owners.count("Lab") == 1
    shares = {b.party for b in _shown(window, window.shares_view).bars}
    assert "Lab" in shares and "Con" in shares
    assert window.recount_model.row_at(0).code == HENDON
    # in full, or "1/650" where the window is too narrow for it (the tooltip: in full)
    assert window.strip.declared.text().startswith("<b>1</b>")
    assert "1 of 650 declared" in window.strip.toolTip()


def test_charts_show_provisional_seats_when_asked(qtbot, window, nominations_db):
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, user="alice", figures=Figures(HENDON_2024, 187),
                   overrides=["recount_range"])
    window.refresh_if_changed()
    chamber = _shown(window, window.hemicycle_view)
    assert chamber.seat_owners.count("Lab") == 0
    window.provisional_action.setChecked(True)
    assert chamber.seat_owners.count("Lab") == 1
    assert _shown(window, window.seat_view).data.show_provisional


def test_chamber_order_is_stored_with_the_parties(qtbot, night_db):
    from resultsdesk.desk.parties import set_political_order

    application()
    win = MainWindow(night_db, user="editor")
    qtbot.addWidget(win)
    win.show()
    chamber = _shown(win, win.hemicycle_view)
    first = [b.party for b in chamber.data.blocks]
    assert first.index("Lab") < first.index("Con")
    with Store(night_db) as other:
        set_political_order(other, ["RUK", "Con", "LD", "Lab"], user="editor")
    win.refresh_if_changed()
    order = [b.party for b in win.hemicycle_view.chart.data.blocks]
    assert order[:4] == ["RUK", "Con", "LD", "Lab"]
    with Store(night_db) as other:
        assert other.query("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1")[0][
            "action"] == "set political order"


def test_file_open_listens_to_the_election_now_open(qtbot, main_window, nominations_db,
                                                    tmp_path):
    import shutil

    first = tmp_path / "first.db"
    shutil.copy(nominations_db, first)
    win = main_window(first, user="alice")
    old_feed = win.feed
    win.open_database(nominations_db)
    assert win.feed is not old_feed and win.feed.source.desk is win.desk
    assert win.connection_bar.isHidden()  # a file is never unreachable
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, user="alice", figures=Figures(HENDON_2024, 187),
                   overrides=["recount_range"])
    with qtbot.waitSignal(win.refreshed, timeout=5000):
        pass  # heard from the database now open, without being asked
    assert win.model.row_at(win.model._index[HENDON]).status.value == "provisional"


def test_file_open_takes_down_the_old_elections_recount_alert(qtbot, main_window,
                                                              nominations_db, tmp_path):
    """The banner names a close result of the election that was open; on another election
    (where that seat may be undeclared, or a rehearsal's) it would be wrong, so it goes."""
    import shutil

    first = tmp_path / "first.db"
    shutil.copy(nominations_db, first)
    win = main_window(first, user="alice")
    with Store(first) as desk:
        dk.declare(desk, HENDON, user="alice", figures=Figures(HENDON_2024, 187),
                   overrides=["recount_range"])
    win.refresh_if_changed()
    assert win.recount_alert.isVisible() and "Hendon" in win.recount_alert.text()
    assert "Hendon" in win.statusBar().currentMessage()
    win.open_database(nominations_db)  # Hendon undeclared there
    assert win.model.row_at(win.model._index[HENDON]).status.value == "awaiting"
    assert not win.recount_alert.isVisible()
    assert "Hendon" not in win.statusBar().currentMessage()


@pytest.mark.parametrize("undo", ["withdrawn by alice", "rejected by bob"])
def test_the_recount_alert_goes_when_the_close_entry_does(qtbot, window, nominations_db, undo):
    """A close provisional entry withdrawn by its author, or rejected to the desk, no longer
    has a majority: the banner and the status bar stop saying it has (the recount watch,
    already empty, agrees)."""
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, user="alice", figures=Figures(HENDON_2024, 187),
                   overrides=["recount_range"])
    window.refresh_if_changed()
    assert window.recount_alert.text() == "Recount range: Hendon: Lab majority 15 (provisional)"
    with Store(nominations_db) as desk:
        if undo.startswith("withdrawn"):
            dk.withdraw(desk, HENDON, user="alice")
        else:
            dk.reject(desk, HENDON, user="bob", comment="Lab figure misread")
    window.refresh_if_changed()
    assert window.model.row_at(window.model._index[HENDON]).status.value == "awaiting"
    assert window.recount_model.rowCount() == 0
    assert not window.recount_alert.isVisible()
    said = window.statusBar().currentMessage()
    assert "majority" not in said and "Recount range" not in said
    # rejected: its keyer (this window's alice) is told so, with the comment, instead
    assert (said.startswith("Sent back to you: Hendon: version 1 sent back by bob: "
                            "“Lab figure misread”")
            if undo.startswith("rejected") else "Hendon" not in said)


def test_a_close_result_brings_back_a_closed_recount_watch(qtbot, window, nominations_db):
    """The alert banner lives in the Recount watch dock: with the dock closed (an editor
    tidying the window), a close result said so only in the status bar, for 30 s, then
    nothing. Now the dock comes back with its banner, in front of any it shares a tab with."""
    window.recount_dock.close()
    qtbot.waitUntil(lambda: not window.recount_dock.isVisible())
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, user="alice", figures=Figures(HENDON_2024, 187),
                   overrides=["recount_range"])
    window.refresh_if_changed()
    qtbot.waitUntil(window.recount_dock.isVisible)
    assert window.recount_alert.isVisible()
    assert window.recount_alert.text() == "Recount range: Hendon: Lab majority 15 (provisional)"
