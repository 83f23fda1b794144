"""The Preferences dialog as a screen reader hears each field by its name alone: the whole
setting, not the row's label ("…or under", "…and every" meant nothing without the row
above). What is seen is unchanged: the rows' labels. Checked as a screen reader asks
(QAccessible), as tests/ui/test_ui_screen_reader.py does."""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QFormLayout, QLabel

from resultsdesk.ui.app import application
from resultsdesk.ui.preferences import DeskPreferences, PreferencesDialog

HEARD = {
    "recountVotesSpin": "Recount watch: a majority of at most this many votes",
    "recountPctSpin": "Recount watch: also a majority of at most this percentage of valid "
                      "votes",
    "backupMinutesSpin": "Back up the database every so many minutes",
    "backupVerificationsSpin": "Back up the database also every so many verifications",
    "backupKeepSpin": "Backups: how many of the newest to keep",
    "maxPartiesSpin": "Charts and exports: how many parties to name (the rest: Others)",
    "undeclaredCombo": "Chamber: where the undeclared seats go",
    "idleLockSpin": "Lock the window after this many minutes with no keyboard or mouse input",
}
SEEN = ["Recount watch: majority of at most", "…or under", "Back up the database every",
        "…and every", "Keep the newest", "Charts and exports: name",
        "Chamber: undeclared seats", "Lock the window after"]


def test_each_field_is_named_with_its_whole_setting(qtbot, qt_settings):
    application()
    dialog = PreferencesDialog(DeskPreferences())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    form = dialog.layout()
    assert isinstance(form, QFormLayout)
    fields = [form.itemAt(row, QFormLayout.ItemRole.FieldRole).widget()
              for row in range(form.rowCount() - 1)]  # the last row: the buttons
    heard = {f.objectName(): QAccessible.queryAccessibleInterface(f).text(
        QAccessible.Text.Name) for f in fields}
    # Qt names a combo box by its current text on Linux (its label reaches the screen
    # reader as a "labelled by" relation, "Chamber: undeclared seats", not a vague one);
    # elsewhere by its accessible name
    if heard["undeclaredCombo"] == dialog.undeclared.currentText():
        heard["undeclaredCombo"] = dialog.undeclared.accessibleName()
    assert heard == HEARD
    labels = [form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()
              for row in range(form.rowCount() - 1)]
    assert [label.text() for label in labels if isinstance(label, QLabel)] == SEEN
