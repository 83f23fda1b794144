"""Close results arriving one after another keep each other on the recount banner. In 2024
Hendon was won by 15, Poole by 18, Basildon and Billericay by 20: verified a second apart
(another desk's, heard through the live feed, or one keyed here), the banner and the status
bar said only the last, Hendon's and Poole's alerts replaced before anyone could read them,
and nothing said how many had come. Now each joins the banner while the last is still news
(its display time restarting), the banner counts them, and each is said to a screen reader.
"""

from __future__ import annotations

import pytest
from helpers.seats import HENDON_2024
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.store import Store
from resultsdesk.ui import window_live

CLOSE = ("Hendon", "Poole", "Basildon and Billericay", "North West Cambridgeshire")
HENDON = "Hendon: Lab majority 15 (verified)"
POOLE = "Poole: Lab majority 18 (verified)"
BASILDON = "Basildon and Billericay: Con majority 20 (verified)"
NW_CAMBS = "North West Cambridgeshire: Lab majority 39 (verified)"
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def results(night_db) -> dict:
    """The four closest seats of 2024 as verified that night."""
    with Store(night_db) as night:
        return {name: dk.load_sheet(night, name).verified for name in CLOSE}


def _verified_elsewhere(db, name: str, result) -> None:
    """Another desk declares the seat and a second person verifies it."""
    with Store(db) as store:
        dk.declare(store, name, Figures(result.votes, result.invalid_votes), user="alice",
                   overrides=WARNING_CODES)
        dk.verify(store, name, user="bob", votes=result.votes, invalid=result.invalid_votes)


def _alerts(window) -> list[str]:
    heard: list[str] = []
    window.close_result_alert.connect(heard.append)
    return heard


def test_close_seats_verified_a_second_apart_all_stay_on_the_banner(qtbot, main_window,
                                                                    nominations_db,
                                                                    results, said):
    window = main_window(nominations_db, user="eve")
    alerts = _alerts(window)
    for n, name in enumerate(CLOSE[:3], start=1):
        _verified_elsewhere(nominations_db, name, results[name])
        qtbot.waitUntil(lambda n=n: len(alerts) == n)  # the live feed heard it
    banner = f"Recount range, 3 seats: {HENDON}; {POOLE}; {BASILDON}"
    assert window.recount_alert.isVisible()
    assert window.recount_alert.text() == banner
    assert window.statusBar().currentMessage() == banner  # in red, hovered: whole
    assert window.statusBar().toolTip() == banner
    # each announced as it came, with how many the banner holds (a second announcement
    # cuts the first short)
    assert said == [(f"Recount range: {HENDON}", True),
                    (f"Recount range: {POOLE}. 2 seats on the recount alert", True),
                    (f"Recount range: {BASILDON}. 3 seats on the recount alert", True)]
    assert alerts == [f"Recount range: {s}" for s in (HENDON, POOLE, BASILDON)]

    # a fourth: three named on the banner, the rest counted (the watch below lists them)
    _verified_elsewhere(nominations_db, CLOSE[3], results[CLOSE[3]])
    qtbot.waitUntil(lambda: len(alerts) == 4)
    assert window.recount_alert.text() == (f"Recount range, 4 seats: {HENDON}; {POOLE}; "
                                           f"{BASILDON}; +1 more in the Recount watch")
    assert window.statusBar().toolTip() == (f"Recount range, 4 seats: {HENDON}; {POOLE}; "
                                            f"{BASILDON}; {NW_CAMBS}")
    assert window.recount_model.rowCount() == 4


def test_a_close_seat_keyed_here_joins_one_another_desk_verified(qtbot, main_window,
                                                                 nominations_db, results):
    """Poole verified at another desk; a second later carol keys Hendon here, Lab by 15:
    the "saved" line and the banner name both."""
    window = main_window(nominations_db, user="carol")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    alerts = _alerts(window)
    _verified_elsewhere(nominations_db, "Poole", results["Poole"])
    qtbot.waitUntil(lambda: len(alerts) == 1)
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(window.search, "Hendon")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.active_dialog is not None
                    and window.active_dialog.isVisible())
    form = window.active_dialog.form
    window.active_dialog.activateWindow()  # as a window manager does (offscreen Qt does not)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.vote_edits[0])
    for figure in (*HENDON_2024, 190):
        qtbot.keyClicks(QApplication.focusWidget(), str(figure))
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, CTRL)  # in recount range:
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QCheckBox))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)  # ticked to accept it
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: window.active_dialog is None)
    banner = f"Recount range, 2 seats: Hendon: Lab majority 15 (provisional); {POOLE}"
    assert window.recount_alert.text() == banner
    assert window.statusBar().currentMessage() == (f"Hendon: version 1 is now provisional. "
                                                   f"{banner}")


def test_a_close_seat_after_the_display_time_starts_a_banner_of_its_own(
        qtbot, main_window, nominations_db, results, monkeypatch):
    """Once the last close result has had its time (the status bar's red ALERT_MS), the
    banner still says it, for whoever comes back to the desk; the next one replaces it."""
    monkeypatch.setattr(window_live, "ALERT_MS", 300)
    window = main_window(nominations_db, user="eve")
    alerts = _alerts(window)
    _verified_elsewhere(nominations_db, "Hendon", results["Hendon"])
    qtbot.waitUntil(lambda: len(alerts) == 1)
    qtbot.waitUntil(lambda: not window.alert_time.isActive())
    assert window.recount_alert.text() == f"Recount range: {HENDON}"
    _verified_elsewhere(nominations_db, "Poole", results["Poole"])
    qtbot.waitUntil(lambda: len(alerts) == 2)
    assert window.recount_alert.text() == f"Recount range: {POOLE}"


def test_a_seat_no_longer_close_does_not_join_the_next_ones_news(qtbot, main_window,
                                                                 nominations_db, results,
                                                                 said):
    """Hendon on the banner; in one refresh a correction verified takes it out of recount
    range and Poole is verified. Poole's alert stays red in the
    status bar and is said as one seat: the gathering took Hendon in first, said "2 seats
    on the recount alert", and then, taking Hendon down, wiped the status bar of Poole."""
    window = main_window(nominations_db, user="eve")
    alerts = _alerts(window)
    _verified_elsewhere(nominations_db, "Hendon", results["Hendon"])
    qtbot.waitUntil(lambda: len(alerts) == 1)
    window.feed._timer.stop()  # both changes read by one refresh
    hendon = results["Hendon"]
    votes = list(hendon.votes)
    votes[votes.index(max(votes))] += 5_000
    with Store(nominations_db) as store:
        dk.correct(store, "Hendon", Figures(votes, hendon.invalid_votes), user="alice",
                   reason="misread", overrides=WARNING_CODES)
        dk.verify(store, "Hendon", user="bob", votes=votes, invalid=hendon.invalid_votes)
    _verified_elsewhere(nominations_db, "Poole", results["Poole"])
    window.refresh_if_changed()
    assert alerts[-1] == f"Recount range: {POOLE}"
    assert window.recount_alert.text() == f"Recount range: {POOLE}"
    assert window.statusBar().currentMessage() == f"Recount range: {POOLE}"
    assert said[-1] == (f"Recount range: {POOLE}", True)
