"""Desk preferences kept with QSettings: the open desk's last name, thresholds, backups, charts
(and the key of View > Theme, which themes.py keeps).

There is no verification setting: the app verifies only by blind re-key (issue 10: a version
awaiting verification is never shown to someone who could verify it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QDialog

from ..desk.schedule import BackupPolicy
from ..domain import tally
from ..domain.others import DEFAULT_NAMED, MAX_NAMED
from ..domain.records import record, replace

if TYPE_CHECKING:
    from PySide6.QtWidgets import QFormLayout, QSpinBox, QWidget

USER_KEY = "desk/user"
OLD_MODE_KEY = "desk/verificationMode"  # an earlier version's "check" mode: removed
RECOUNT_VOTES_KEY = "desk/recountVotes"
RECOUNT_PCT_KEY = "desk/recountPct"
CHART_PROVISIONAL_KEY = "charts/showProvisional"
CHART_MAX_PARTIES_KEY = "charts/maxParties"
UNDECLARED_KEY = "charts/undeclaredSeats"
BACKUP_MINUTES_KEY = "backup/everyMinutes"
BACKUP_VERIFICATIONS_KEY = "backup/everyVerifications"
BACKUP_KEEP_KEY = "backup/keep"
IDLE_LOCK_KEY = "desk/idleLockMinutes"  # File > Lock by itself after this long idle (0: never)
THEME_KEY = "view/theme"  # View > Theme: light, dark or system (ui/themes.py)


_BACKUP = BackupPolicy()  # its defaults are the desk's

# What each figure may be: the dialog's boxes offer these, and a hand-edited settings file's
# figure outside them is read within them (99999999999999999999 failed the dialog as it
# opened: no spin box holds it), and 'nan', which no range holds, as the default.
RANGES = {RECOUNT_VOTES_KEY: (0, 100_000), RECOUNT_PCT_KEY: (0, 100),
          BACKUP_MINUTES_KEY: (0, 1440), BACKUP_VERIFICATIONS_KEY: (0, 10_000),
          BACKUP_KEEP_KEY: (1, 1000), CHART_MAX_PARTIES_KEY: (2, MAX_NAMED),
          IDLE_LOCK_KEY: (0, 1440)}
# Long enough not to lock someone reading a chart, short enough that a desk left for a
# coffee or at the end of a shift is locked before the next person sits down at it.
DEFAULT_IDLE_LOCK_MINUTES = 10


@record
class DeskPreferences:
    recount_votes: int = tally.DEFAULT_RECOUNT_VOTES
    recount_pct: float = tally.DEFAULT_RECOUNT_PCT
    backup_minutes: int = _BACKUP.every_minutes  # 0: off
    backup_verifications: int = _BACKUP.every_verifications  # 0: off
    backup_keep: int = _BACKUP.keep
    show_provisional: bool = False  # charts: provisional seats drawn lighter, hatched
    max_parties: int = DEFAULT_NAMED  # parties named on every graphic; the rest: "Others"
    undeclared: str = "middle"  # hemicycle: undeclared seats in the "middle" or at the "end"
    idle_lock_minutes: int = DEFAULT_IDLE_LOCK_MINUTES  # 0: never (ui/window_lock.py)

    @property
    def thresholds(self) -> tally.RecountThresholds:
        return tally.RecountThresholds(self.recount_votes, self.recount_pct)

    def backup_policy(self) -> BackupPolicy:
        return BackupPolicy(self.backup_minutes, self.backup_verifications, self.backup_keep)


def saved_text(settings: QSettings, key: str, default: str = "") -> str:
    """Saved `key` as text, as the app wrote it. A settings file edited by hand gives other
    things back: a value with a comma left unquoted ("seats,card", "dark, light") is read
    by Qt's INI format as a list (joined again here, as it was written), one such as
    "@Rect(0 0 9 9)" as that type (the default). Passed on as they came, a list failed
    the app's start (View > Theme) and every File > Export graphic (its size, its folder),
    and turned the watch folder's list of graphics into names of none."""
    value = settings.value(key, default)
    if isinstance(value, list):
        return ",".join(str(part).strip() for part in value)
    return value if isinstance(value, str) else default


def _number(settings: QSettings, key: str, default, kind):
    try:
        value = kind(settings.value(key, default))
    except (TypeError, ValueError):  # a hand-edited settings file
        return default
    if value != value:  # 'nan'
        return default
    low, high = RANGES[key]
    return min(high, max(low, value))


def load_preferences() -> DeskPreferences:
    s = QSettings()
    d = DeskPreferences()
    return DeskPreferences(
        _number(s, RECOUNT_VOTES_KEY, d.recount_votes, int),
        _number(s, RECOUNT_PCT_KEY, d.recount_pct, float),
        _number(s, BACKUP_MINUTES_KEY, d.backup_minutes, int),
        _number(s, BACKUP_VERIFICATIONS_KEY, d.backup_verifications, int),
        _number(s, BACKUP_KEEP_KEY, d.backup_keep, int),
        str(s.value(CHART_PROVISIONAL_KEY, "false")).lower() == "true",
        _number(s, CHART_MAX_PARTIES_KEY, d.max_parties, int),
        "end" if s.value(UNDECLARED_KEY, "middle") == "end" else "middle",
        _number(s, IDLE_LOCK_KEY, d.idle_lock_minutes, int),
    )


# Each preference's key, and the value written for it.
_SAVED = (("recount_votes", RECOUNT_VOTES_KEY, int), ("recount_pct", RECOUNT_PCT_KEY, float),
          ("backup_minutes", BACKUP_MINUTES_KEY, int),
          ("backup_verifications", BACKUP_VERIFICATIONS_KEY, int),
          ("backup_keep", BACKUP_KEEP_KEY, int),
          ("show_provisional", CHART_PROVISIONAL_KEY, lambda v: "true" if v else "false"),
          ("max_parties", CHART_MAX_PARTIES_KEY, int), ("undeclared", UNDECLARED_KEY, str),
          ("idle_lock_minutes", IDLE_LOCK_KEY, int))


def save_preferences(prefs: DeskPreferences, since: DeskPreferences | None = None) -> None:
    """`prefs` saved; with `since` (what the change was made from), only what differs from
    it. The PC's windows share one settings file: a window saving its whole copy put back
    what another window had saved since it read its own (the parties the watch folder's
    graphics name, read from here at each publish; the backups)."""
    s = QSettings()
    s.remove(OLD_MODE_KEY)
    for field, key, written in _SAVED:
        value = getattr(prefs, field)
        if since is None or getattr(since, field) != value:
            s.setValue(key, written(value))


def preferences_for(shown: DeskPreferences) -> DeskPreferences:
    """What File > Preferences opens on in a window showing `shown`: what is saved now
    (another window may have saved since this one read them), with this window's own View
    > Show provisional seats, which the dialog does not offer."""
    return replace(load_preferences(), show_provisional=shown.show_provisional)


def saved_user() -> str:
    return saved_text(QSettings(), USER_KEY).strip()


def remember_user(name: str) -> None:
    QSettings().setValue(USER_KEY, name.strip())


def _row(form: QFormLayout, label: str, field: QWidget, heard: str) -> None:
    """A row of the form: `label` as seen, and the field's name as a screen reader says
    it, the whole setting (heard alone, a row's label such as "…or under", which leans on
    the row above, says nothing)."""
    form.addRow(label, field)
    field.setAccessibleName(heard)


class PreferencesDialog(QDialog):
    def __init__(self, prefs: DeskPreferences, parent=None) -> None:
        from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QSpinBox

        from .decimal_box import DecimalBox, desk_figures

        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle("Preferences")
        form = QFormLayout(self)
        self.votes = QSpinBox(self)
        desk_figures(self.votes)
        self.votes.setObjectName("recountVotesSpin")
        self.votes.setRange(*RANGES[RECOUNT_VOTES_KEY])
        self.votes.setValue(prefs.recount_votes)
        self.votes.setSuffix(" votes")
        _row(form, "Recount watch: majority of at most", self.votes,
             "Recount watch: a majority of at most this many votes")
        self.pct = DecimalBox(self)  # "0.50 %" on any PC, and "0,5" typed is 0.5
        self.pct.setObjectName("recountPctSpin")
        self.pct.setRange(*RANGES[RECOUNT_PCT_KEY])
        self.pct.setDecimals(2)
        self.pct.setSingleStep(0.1)
        self.pct.setValue(prefs.recount_pct)
        self.pct.setSuffix(" % of valid votes")
        _row(form, "…or under", self.pct,
             "Recount watch: also a majority of at most this percentage of valid votes")
        self.backup_minutes = self._spin("backupMinutesSpin", BACKUP_MINUTES_KEY,
                                         prefs.backup_minutes, " minutes (0: off)")
        _row(form, "Back up the database every", self.backup_minutes,
             "Back up the database every so many minutes")
        self.backup_verifications = self._spin("backupVerificationsSpin", BACKUP_VERIFICATIONS_KEY,
                                               prefs.backup_verifications,
                                               " verifications (0: off)")
        _row(form, "…and every", self.backup_verifications,
             "Back up the database also every so many verifications")
        self.backup_keep = self._spin("backupKeepSpin", BACKUP_KEEP_KEY, prefs.backup_keep,
                                      " backups")
        _row(form, "Keep the newest", self.backup_keep, "Backups: how many of the newest to keep")
        self.max_parties = self._spin("maxPartiesSpin", CHART_MAX_PARTIES_KEY,
                                      prefs.max_parties, " parties")
        self.max_parties.setToolTip("Every chart and export names the largest parties by "
                                    "seats, then votes; the rest are \"Others\"")
        _row(form, "Charts and exports: name", self.max_parties,
             "Charts and exports: how many parties to name (the rest: Others)")
        self.undeclared = QComboBox(self)
        self.undeclared.setObjectName("undeclaredCombo")
        self.undeclared.addItem("In the middle (parties fill in from both ends)", "middle")
        self.undeclared.addItem("At the right-hand end", "end")
        self.undeclared.setCurrentIndex(self.undeclared.findData(prefs.undeclared))
        _row(form, "Chamber: undeclared seats", self.undeclared,
             "Chamber: where the undeclared seats go")
        self.idle_lock = self._spin("idleLockSpin", IDLE_LOCK_KEY, prefs.idle_lock_minutes,
                                    " minutes idle (0: never)")
        self.idle_lock.setToolTip("With no key pressed and no mouse moved in the app for "
                                  "this long, the window locks itself as File > Lock does "
                                  "(a database with accounts only)")
        _row(form, "Lock the window after", self.idle_lock,
             "Lock the window after this many minutes with no keyboard or mouse input")
        self._show_provisional = prefs.show_provisional
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        # The dialog opens with the keyboard in its first box, its figure chosen as Tab
        # chooses it: typed over, not into (the cursor stood before "100 votes", so "50"
        # made 50,100 and Enter put every seat on the recount watch).
        self.votes.selectAll()

    def _spin(self, name: str, key: str, value: int, suffix: str) -> QSpinBox:
        from PySide6.QtWidgets import QSpinBox

        from .decimal_box import desk_figures

        spin = QSpinBox(self)
        desk_figures(spin)
        spin.setObjectName(name)
        spin.setRange(*RANGES[key])
        spin.setValue(value)
        spin.setSuffix(suffix)
        return spin

    def preferences(self) -> DeskPreferences:
        return DeskPreferences(self.votes.value(), self.pct.value(),
                               self.backup_minutes.value(), self.backup_verifications.value(),
                               self.backup_keep.value(), self._show_provisional,
                               self.max_parties.value(), self.undeclared.currentData(),
                               self.idle_lock.value())
