"""Two windows on one PC share its Preferences (one settings file: a rehearsal's window
beside the live night's, or the app started twice). Each window's File > Preferences opens
on what is saved now, so saving there changes only what was changed there: it opened on the
window's own copy, read when that window opened, and its OK wrote every figure of that copy
back, silently putting back what the other window had set since (the parties the watch
folder's graphics name and the recount watch they draw, which are read from the settings at
each publish, and the backups)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from resultsdesk.ui.preferences import PreferencesDialog, load_preferences


def _typed(qtbot, box, text: str):
    """Preferences' `exec`: `text` typed over `box`'s figure, then OK."""

    def exec_(dialog: PreferencesDialog) -> bool:
        spin = getattr(dialog, box)
        spin.setFocus()
        spin.selectAll()
        qtbot.keyClicks(spin, text)
        qtbot.keyClick(spin, Qt.Key.Key_Tab)
        exec_.shown = dialog.preferences()
        return True

    return exec_


def test_preferences_saved_in_one_window_are_kept_by_the_other(qtbot, main_window, night_db,
                                                              monkeypatch):
    first = main_window(night_db, user="alice")
    second = main_window(night_db, user="bob")  # opened with the same preferences
    monkeypatch.setattr(PreferencesDialog, "exec", _typed(qtbot, "max_parties", "6"))
    first.edit_preferences()
    assert load_preferences().max_parties == 6
    backups = _typed(qtbot, "backup_minutes", "5")
    monkeypatch.setattr(PreferencesDialog, "exec", backups)
    second.edit_preferences()  # only the backups changed there
    assert backups.shown.max_parties == 6  # the dialog showed what the first one saved
    saved = load_preferences()
    assert (saved.backup_minutes, saved.max_parties) == (5, 6)
    assert second.prefs == saved
