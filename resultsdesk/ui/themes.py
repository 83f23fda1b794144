"""View > Theme: light, dark, high contrast, or the system's (Qt's colour scheme and contrast
hints), for the whole application: the Qt palette (Fusion style), the style sheet with the
focus rings, the colours of `style.colours()`, and (through `AppTheme.changed`) every chart
on screen.

The choice is kept in QSettings (`preferences.THEME_KEY`); "system" follows the desktop while
the app runs: high contrast when it asks for more contrast (Windows' High Contrast, GNOME's
and KDE's: `QStyleHints.accessibility().contrastPreference()` and its
`contrastPreferenceChanged` signal), otherwise `QStyleHints.colorScheme()` and its
`colorSchemeChanged` signal. The platform's own high-contrast palette is not used: Fusion
with this palette and style sheet draws every control the same on every platform.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from ..charts.theme import DARK, HIGH_CONTRAST, LIGHT, Theme
from .preferences import THEME_KEY
from .style import UI_THEMES, UiColours, app_style_sheet, colours, use_colours

# What View > Theme offers, in menu order: (setting, menu text, action's object name).
THEME_CHOICES = (("light", "&Light", "themeLightAction"),
                 ("dark", "&Dark", "themeDarkAction"),
                 ("high-contrast", "&High contrast", "themeHighContrastAction"),
                 ("system", "&System (follow the desktop)", "themeSystemAction"))
DEFAULT_CHOICE = "system"
# the charts' on-screen themes (high contrast is not an export's: charts.theme.THEMES)
CHART_THEMES: dict[str, Theme] = {t.name: t for t in (LIGHT, DARK, HIGH_CONTRAST)}

_ROLES = {  # palette role -> UiColours field
    QPalette.ColorRole.Window: "window", QPalette.ColorRole.WindowText: "text",
    QPalette.ColorRole.Base: "base", QPalette.ColorRole.AlternateBase: "alternate_base",
    QPalette.ColorRole.Text: "text", QPalette.ColorRole.Button: "button",
    QPalette.ColorRole.ButtonText: "text", QPalette.ColorRole.BrightText: "alert",
    QPalette.ColorRole.Highlight: "highlight",
    QPalette.ColorRole.HighlightedText: "highlighted_text", QPalette.ColorRole.Link: "link",
    QPalette.ColorRole.LinkVisited: "link", QPalette.ColorRole.ToolTipBase: "tooltip",
    QPalette.ColorRole.ToolTipText: "text", QPalette.ColorRole.PlaceholderText: "placeholder",
    QPalette.ColorRole.Light: "button_hover", QPalette.ColorRole.Midlight: "button_hover",
    QPalette.ColorRole.Mid: "border", QPalette.ColorRole.Dark: "disabled_border",
    QPalette.ColorRole.Shadow: "disabled_border",
}
_DISABLED = (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
             QPalette.ColorRole.ButtonText)


def palette_for(c: UiColours) -> QPalette:
    """The Qt palette of theme `c` (every role set, so nothing of the platform's shows)."""
    palette = QPalette()
    for role, field in _ROLES.items():
        palette.setColor(role, QColor(getattr(c, field)))
    for role in _DISABLED:
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(c.disabled))
    return palette


def normalise(choice: object) -> str:
    """A saved choice, or the default for anything else (a hand-edited settings file)."""
    names = {name for name, _, _ in THEME_CHOICES}
    return choice if isinstance(choice, str) and choice in names else DEFAULT_CHOICE


class AppTheme(QObject):
    """The application's theme; one per QApplication (`app_theme()`)."""

    changed = Signal(str)  # the theme now drawn: "light", "dark" or "high-contrast"

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName("appTheme")
        self._app = app
        self.choice = DEFAULT_CHOICE
        self.applied: str | None = None
        hints = app.styleHints()
        self._system = hints.colorScheme()
        hints.colorSchemeChanged.connect(self._system_changed)
        self._contrast = False  # the desktop asks for more contrast
        # (Qt 6.10 on: before it, no such hint, and System follows the scheme alone)
        accessibility = getattr(hints, "accessibility", lambda: None)()
        if accessibility is not None:
            self._contrast_changed(accessibility.contrastPreference())
            accessibility.contrastPreferenceChanged.connect(self._contrast_changed)

    @property
    def name(self) -> str:
        """What is drawn for the choice: "system" resolves by the desktop's contrast
        preference first (a high-contrast desktop may call itself dark or light), then its
        scheme."""
        if self.choice == "system":
            if self._contrast:
                return "high-contrast"
            return "dark" if self._system == Qt.ColorScheme.Dark else "light"
        return self.choice

    def chart_theme(self) -> Theme:
        return CHART_THEMES[self.name]

    def load(self) -> None:
        """The choice saved in QSettings (a new window, the app starting)."""
        self.choose(normalise(QSettings().value(THEME_KEY, DEFAULT_CHOICE)), save=False)

    def choose(self, choice: str, *, save: bool = True) -> None:
        """View > Theme: apply `choice` ("light", "dark", "high-contrast", "system") and
        remember it."""
        self.choice = normalise(choice)
        if save:
            QSettings().setValue(THEME_KEY, self.choice)
        self._apply()

    def _system_changed(self, scheme: Qt.ColorScheme) -> None:
        self._system = scheme
        if self.choice == "system":
            self._apply()

    def _contrast_changed(self, preference: Qt.ContrastPreference) -> None:
        self._contrast = preference == Qt.ContrastPreference.HighContrast
        if self.choice == "system" and self.applied is not None:  # (not while made)
            self._apply()

    def _apply(self) -> None:
        name = self.name
        if name == self.applied and colours().name == name:
            return
        ui = UI_THEMES[name]
        use_colours(ui)
        self._app.setPalette(palette_for(ui))
        self._app.setStyleSheet(app_style_sheet(ui))
        self.applied = name
        self.changed.emit(name)


def app_theme(app: QApplication | None = None) -> AppTheme:
    """The running application's theme (created, Fusion style, on first use)."""
    app = app or QApplication.instance()
    theme = app.findChild(AppTheme, "appTheme")
    if theme is None:
        # Fusion draws every control from the palette, so light and dark look alike on every
        # platform (a native style may ignore a dark palette).
        app.setStyle("Fusion")
        theme = AppTheme(app)
    return theme
