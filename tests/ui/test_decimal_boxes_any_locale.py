"""The boxes that take a figure with decimals (the rehearsal's speed, Preferences' recount
share) on a desk PC set up in another language: they read and show the figure as the README,
the command line and every message write it ("×0.25", "0.50 %"), and a decimal mark typed
either way is a decimal mark. Qt's own boxes follow the PC's locale and drop what that locale
calls a thousands separator wherever it stands, so on a German PC "0.25" was ×25 and "0.5" %
put every seat within 5 % on the recount watch; on a British one "0,5" was 5 %, unsaid."""

from __future__ import annotations

import pytest
from helpers.rehearsal import build
from PySide6.QtCore import QLocale
from test_ui_rehearsal_keys import _open

from resultsdesk.ui.app import application
from resultsdesk.ui.preferences import DeskPreferences, PreferencesDialog

GERMAN = QLocale(QLocale.Language.German, QLocale.Country.Germany)
BRITISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


@pytest.fixture(params=[GERMAN, BRITISH], ids=["de_DE", "en_GB"])
def pc_locale(request):
    """The PC's locale for the test (QLocale's default, as LANG sets it), put back after."""
    before = QLocale()
    QLocale.setDefault(request.param)
    yield request.param
    QLocale.setDefault(before)


def _preferences(qtbot) -> PreferencesDialog:
    application()
    dialog = PreferencesDialog(DeskPreferences())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.mark.parametrize("typed", ["0.5", "0,5"])
def test_the_recount_share_reads_a_decimal_typed_either_way(qtbot, pc_locale, typed):
    dialog = _preferences(qtbot)
    dialog.pct.setFocus()
    dialog.pct.selectAll()
    qtbot.keyClicks(dialog.pct, typed)
    dialog.pct.interpretText()
    assert dialog.pct.value() == 0.5
    assert dialog.pct.text() == "0.50 % of valid votes"


@pytest.mark.parametrize("typed", ["0.25", "0,25"])
def test_the_rehearsal_speed_reads_a_decimal_typed_either_way(qtbot, tmp_path, pc_locale,
                                                              typed):
    win = _open(qtbot, build(tmp_path / "r.db", speed=60))
    box = win.rehearsal_speed
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, typed)
    box.interpretText()
    assert box.value() == 0.25
    assert box.text() == "×0.25"


def test_a_speed_with_thousands_is_still_thousands(qtbot, tmp_path, pc_locale):
    """(The README writes the range's top as 100,000: a comma before three digits groups
    thousands, as in every figure the desk reads.)"""
    win = _open(qtbot, build(tmp_path / "r.db", speed=60))
    box = win.rehearsal_speed
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, "3,600")
    box.interpretText()
    assert (box.value(), box.text()) == (3600, "×3600")


def test_an_arabic_pc_shows_the_figures_in_the_desks_digits(qtbot):
    """(Arabic-Indic digits, "١٠٠ votes" and "٠٫٥٠ %", beside every other view's 0-9.)"""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Arabic, QLocale.Country.Egypt))
    try:
        dialog = _preferences(qtbot)
        assert (dialog.votes.text(), dialog.pct.text()) == ("100 votes",
                                                            "0.50 % of valid votes")
    finally:
        QLocale.setDefault(before)
