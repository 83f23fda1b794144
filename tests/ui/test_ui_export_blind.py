"""File > Export graphic… is blind too: a desk user who could verify an entry awaiting
verification must not read its figures in the export's preview or the file it saves.

Before: the dialog read the night for everyone, so bob, signed in to re-key alice's Hendon
(Lab by 15, recount range), chose the Hendon result card and had its majority, every
candidate's votes and the PROVISIONAL badge in the preview and in the card he saved: the
blind re-key could be typed from it. His own window hides them (tests/ui/
test_ui_blind_verification.py); the dialog now draws the night as the window's viewer may
see it, and the author (and editors) still get the figures."""

from __future__ import annotations

import json

import pytest
from helpers.export_keys import opened_export_dialog
from helpers.seats import HENDON, HENDON_2024
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.store import Store


@pytest.fixture
def alice_keyed_hendon(nominations_db):
    """alice has keyed Hendon's 2024 figures (Lab by 15); nobody has verified them."""
    with Store(nominations_db) as store:
        dk.declare(store, HENDON, Figures(HENDON_2024, 187), user="alice",
                   overrides=WARNING_CODES)
    return nominations_db


def _saved_card(qtbot, window, out) -> dict:
    """Ctrl+Shift+E, the result card, Hendon typed into the constituency, the file typed
    into its field and Enter: the card's data as the dialog saves it."""
    dialog = opened_export_dialog(qtbot, window)
    qtbot.keyClicks(dialog.kind, "Result card")
    assert dialog.kind.currentData() == "card"
    dialog.constituency.setFocus()
    qtbot.waitUntil(dialog.constituency.hasFocus)
    dialog.constituency.lineEdit().selectAll()
    qtbot.keyClicks(dialog.constituency, f"Hendon ({HENDON})")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.constituency.currentData() == HENDON
    dialog.path.setFocus()
    qtbot.waitUntil(dialog.path.hasFocus)
    dialog.path.selectAll()
    qtbot.keyClicks(dialog.path, str(out))
    qtbot.keyClick(dialog.path, Qt.Key.Key_Return)  # Enter in the path saves
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Saved"), timeout=20_000)
    return json.loads(out.read_text(encoding="utf-8"))


def test_a_verifier_exports_none_of_the_pending_figures(qtbot, main_window,
                                                        alice_keyed_hendon, tmp_path):
    window = main_window(alice_keyed_hendon, user="bob")
    assert window.night.seats[HENDON].shown is None  # his window hides them
    card = _saved_card(qtbot, window, tmp_path / "card.json")
    assert card["majority"] is None and card["majority_pct"] is None
    assert card["recount_range"] is False
    assert all(c.get("votes") in (None, 0) for c in card["candidates"]), card["candidates"]


def test_the_author_still_exports_her_own_entry(qtbot, main_window, alice_keyed_hendon,
                                               tmp_path):
    window = main_window(alice_keyed_hendon, user="alice")
    card = _saved_card(qtbot, window, tmp_path / "card.json")
    assert card["majority"] == 15 and card["provisional"] is True
    assert card["recount_range"] is True
