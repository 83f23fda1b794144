"""A hand-edited settings file's figure outside what Preferences offers is read within its
range, as the number of parties named always was (tests/cli/test_cli_parties_limit.py), and
'nan' as the default: 99999999999999999999 recount votes (or backups kept) failed File >
Preferences as it opened (OverflowError: no spin box holds it), and a percentage of 'nan'
put no seat on the recount watch by its share of the vote."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from resultsdesk.domain import tally
from resultsdesk.ui.app import application
from resultsdesk.ui.preferences import (
    BACKUP_KEEP_KEY,
    BACKUP_MINUTES_KEY,
    RECOUNT_PCT_KEY,
    RECOUNT_VOTES_KEY,
    PreferencesDialog,
    load_preferences,
)


def _edited(**values: str) -> None:
    settings = QSettings()
    for key, value in values.items():
        settings.setValue(key, value)


def test_figures_out_of_range_are_read_within_it(qtbot):
    application()
    _edited(**{RECOUNT_VOTES_KEY: "99999999999999999999", BACKUP_KEEP_KEY: "3000000000",
               BACKUP_MINUTES_KEY: "-5", RECOUNT_PCT_KEY: "1e400"})
    prefs = load_preferences()
    assert (prefs.recount_votes, prefs.backup_keep, prefs.backup_minutes, prefs.recount_pct) \
        == (100_000, 1000, 0, 100.0)
    dialog = PreferencesDialog(prefs)
    qtbot.addWidget(dialog)
    assert dialog.preferences() == prefs


def test_a_percentage_that_is_no_number_is_the_default(qtbot):
    _edited(**{RECOUNT_PCT_KEY: "nan"})
    assert load_preferences().recount_pct == tally.DEFAULT_RECOUNT_PCT
