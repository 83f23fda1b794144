"""What a desk typing at 3 a.m. meets as a dialog opens: File > Preferences' first box
typed over, as Tab would have it (the cursor stood before "100 votes": "50" made 50,100 votes,
every seat on the recount watch, saved by Enter), and Qt's own file dialog (File > Open
database, File > Import) ringed on every stop, as the app's dialogs are: its tool buttons
(Back, Parent folder, New folder, the two views) and its list of places showed no focus."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QListView, QToolButton, QWidget

from resultsdesk.ui.app import application
from resultsdesk.ui.preferences import PreferencesDialog, load_preferences
from resultsdesk.ui.style import colours


def _ring_in(image: QImage, box: QRect | None = None) -> bool:
    """Whether the theme's focus colour is drawn anywhere in `box` of `image`."""
    box = box or image.rect()
    target = QColor(colours().focus)
    return any(image.pixelColor(x, y) == target
               for y in range(box.top(), box.bottom() + 1)
               for x in range(box.left(), box.right() + 1))


def _shown(qtbot, dialog: QWidget) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


def test_preferences_first_figure_is_typed_over(qtbot):
    application()
    dialog = PreferencesDialog(load_preferences())
    _shown(qtbot, dialog)
    qtbot.waitUntil(dialog.votes.hasFocus)
    assert dialog.votes.value() == 100
    qtbot.keyClicks(dialog.votes, "50")
    assert dialog.votes.value() == 50


def test_every_stop_of_the_file_dialog_shows_the_focus(qtbot, theme, tmp_path: Path):
    application()
    dialog = QFileDialog(None, "Open election database", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    _shown(qtbot, dialog)
    stops = [dialog.findChild(QToolButton, name)
             for name in ("toParentButton", "newFolderButton", "listModeButton",
                          "detailModeButton")]
    stops.append(dialog.findChild(QListView, "sidebar"))
    assert all(stops)
    ringed: dict[str, bool] = {}
    for _ in range(20):  # Tab round the dialog (real key presses)
        now = QApplication.focusWidget()
        if now in stops:
            ringed[now.objectName()] = _ring_in(now.grab().toImage())
        qtbot.keyClick(now, Qt.Key.Key_Tab)
    assert ringed == {stop.objectName(): True for stop in stops}
