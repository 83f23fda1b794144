"""A settings file edited by hand, with a value Qt's INI format reads as something other
than text: a comma left unquoted ("dark,light", "1920,1080") is read as a list. The app
starts, File > Export graphic opens and the watch folder's graphics are the ones named: a
list as View > Theme failed the app's start itself (`application()`: unhashable type
'list'), one as the export's size or folder failed File > Export graphic every time
(QLineEdit.setText(list)), and "seats,card" unquoted published no graphic at all (read as
"['seats'" and " 'card']")."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from resultsdesk.ui.app import application
from resultsdesk.ui.themes import app_theme


def _hand_edited(text: str) -> None:
    """The settings file as typed in an editor, read again by the app."""
    application()
    settings = QSettings()
    settings.sync()
    path = Path(settings.fileName())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    QSettings().sync()  # (Qt reads a file changed on disk again)


def test_a_theme_read_as_a_list_starts_the_app_in_the_default_theme(qtbot):
    _hand_edited("[view]\ntheme=dark,light\n")
    assert isinstance(QSettings().value("view/theme"), list)
    application()  # as the app starts: raised TypeError
    assert app_theme().choice == "system"


def test_an_export_size_and_folder_read_as_lists_open_the_dialog(qtbot, main_window,
                                                               night_db, tmp_path):
    win = main_window(night_db, user="alice")
    folder = tmp_path / "Graphics,night"  # a folder whose name has a comma, unquoted
    _hand_edited(f"[export]\nsize=custom\ncustomSize=1920,1080\nfolder={folder}\n")
    dialog = win.export_graphic("seats")
    assert dialog.custom_size.text() == "1920,1080"
    assert dialog.path.text() == str(folder / "seats.png")
    dialog.close()


def test_graphics_listed_without_quotes_are_the_ones_published(qtbot, tmp_path):
    from resultsdesk.ui.publisher import load_publish_settings

    _hand_edited(f"[publish]\nfolder={tmp_path}\nkinds=seats, card\n")
    assert load_publish_settings().kinds == ("seats", "card")
