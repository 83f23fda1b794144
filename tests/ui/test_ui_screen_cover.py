"""File > Switch user asks over a covered window: bob, come to re-key Hendon blind, read
alice's provisional "Hendon (prov.) 15 · Lab · Con" in the recount watch behind the
prompt. The cover is over all of the window (docks too) while the question is open, and
gone afterwards, whether the question is answered or cancelled."""

from __future__ import annotations

from helpers.seats import HENDON, HENDON_2024
from PySide6.QtWidgets import QWidget

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui import main_window as mw


def _cover(window) -> QWidget | None:
    found = [w for w in window.findChildren(QWidget, "screenCover") if w.isVisible()]
    return found[0] if found else None


def test_the_window_is_covered_while_the_next_person_says_who(main_window, nominations_db,
                                                              monkeypatch):
    with Store(nominations_db) as store:
        dk.declare(store, HENDON, user="alice", figures=Figures(HENDON_2024, 50),
                   overrides=["recount_range"])
    window = main_window(nominations_db, user="alice")
    window.recount_dock.show()
    seen: list[tuple] = []

    def ask(parent, desk, *, current=""):
        cover = _cover(window)
        top = window.childAt(window.recount_dock.geometry().center())  # what shows there
        seen.append((cover is not None and cover.geometry() == window.rect(),
                     top is not None and (top is cover or cover.isAncestorOf(top))))
        return None  # cancelled: alice stays

    monkeypatch.setattr(mw, "ask_identity", ask)
    window.switch_user()
    assert seen == [(True, True)]
    assert _cover(window) is None and window.user == "alice"
