"""File > Switch user and the status bar: the person who signs in does not inherit the last
person's passing message ("Hendon: version 2 is now verified.", which reads as if they had
done it); an alarm, such as the recount alert, is the desk's, not the person's, and stays."""

from __future__ import annotations

import pytest
from helpers.seats import HENDON, HENDON_2024
from helpers.switch_user import switch_open_desk_user

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.store import Store

INVALID = 187
VERIFIED_SAID = "Hendon: version 2 is now verified."


@pytest.fixture
def window(main_window, nominations_db):
    return main_window(nominations_db, user="alice")


def test_switch_user_clears_the_last_persons_message(qtbot, window):
    window.statusBar().showMessage(VERIFIED_SAID, 8000)  # as a form closing says it
    assert switch_open_desk_user(window, "bob")
    assert window.user == "bob"
    assert window.statusBar().currentMessage() == ""


def test_switch_user_keeps_the_recount_alert(qtbot, window, nominations_db):
    with qtbot.waitSignal(window.close_result_alert, timeout=10_000) as alert:
        with Store(nominations_db) as store:  # another desk: Hendon, Lab by 15, verified
            dk.declare(store, HENDON, Figures(HENDON_2024, INVALID), user="carol",
                       overrides=WARNING_CODES)
            dk.verify(store, HENDON, user="dave", votes=HENDON_2024, invalid=INVALID)
        window.refresh_if_changed()
    assert window.statusBar().currentMessage() == alert.args[0]
    assert switch_open_desk_user(window, "bob")
    assert window.user == "bob"
    assert window.statusBar().currentMessage() == alert.args[0]  # still, and still red
    assert window.statusBar().alert
