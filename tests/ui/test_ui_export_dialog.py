"""File > Export graphic… by keyboard alone: Tab reaches every control of the dialog, top to
bottom as they are laid out (the "Choose…" link for the file was no Tab stop: a presenter
without a mouse could not pick where the graphic goes), and each stop shows its focus."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget

from resultsdesk.ui.style import FOCUS_COLOUR

SHIFT = Qt.KeyboardModifier.ShiftModifier


def _ringed(widget: QWidget) -> bool:
    """The focus ring's colour along the widget's left edge."""
    image = widget.grab().toImage()
    target = QColor(FOCUS_COLOUR)
    return any(image.pixelColor(x, image.height() // 2) == target for x in range(3))


def _name(widget: QWidget) -> str:
    return widget.objectName() or str(getattr(widget, "text", str)())


def _press(qtbot, key=Qt.Key.Key_Tab, modifiers=Qt.KeyboardModifier.NoModifier) -> QWidget:
    qtbot.keyClick(QApplication.focusWidget(), key, modifiers)
    return QApplication.focusWidget()


def test_tab_reaches_every_control_of_the_export_dialog_in_order(main_window, qtbot,
                                                                  night_db):
    win = main_window(night_db, user="presenter")
    dialog = win.export_graphic("card")  # a card: the constituency is a stop too
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.kind.setFocus()
    qtbot.waitUntil(dialog.kind.hasFocus)
    # a custom size (the last size), so its field is a stop too
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.size_box.hasFocus()
    qtbot.keyClick(dialog.size_box, Qt.Key.Key_End)
    assert dialog.size_box.currentData() == "custom" and dialog.custom_size.isEnabled()
    dialog.kind.setFocus()
    qtbot.waitUntil(dialog.kind.hasFocus)

    choose = next(w for w in dialog.findChildren(QWidget)
                  if "Choose" in str(getattr(w, "text", str)()).replace("&", ""))
    box = dialog.findChild(QDialogButtonBox)
    buttons = [b for b in box.buttons() if b.isVisible()]
    buttons.sort(key=lambda b: b.mapTo(dialog, b.rect().topLeft()).x())
    expected = [dialog.constituency, dialog.size_box, dialog.custom_size, dialog.theme,
                dialog.transparent, dialog.title, dialog.path, choose, *buttons, dialog.kind]
    stops = []
    for _ in expected:
        now = _press(qtbot)
        stops.append(now)
        qtbot.waitUntil(lambda w=now: _ringed(w), timeout=2000)  # the focus shows
    assert [_name(w) for w in stops] == [_name(w) for w in expected]
    back = [_press(qtbot, Qt.Key.Key_Backtab, SHIFT) for _ in expected]  # and back up
    assert back == list(reversed([dialog.kind, *expected[:-1]]))


def test_space_on_choose_picks_the_file(main_window, qtbot, night_db, tmp_path, monkeypatch):
    from resultsdesk.ui import export_dialog

    chosen = str(tmp_path / "hendon.svg")
    monkeypatch.setattr(export_dialog.QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (chosen, "")))
    win = main_window(night_db, user="presenter")
    dialog = win.export_graphic("seats")
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.path.setFocus()
    qtbot.waitUntil(dialog.path.hasFocus)
    choose = _press(qtbot)
    qtbot.keyClick(choose, Qt.Key.Key_Space)
    assert dialog.path.text() == chosen


def test_the_dialog_names_every_page_it_saves_and_leaves_no_preview_behind(
        main_window, qtbot, night_db, tmp_path):
    """A recount watch longer than one picture goes on recounts-2.png: the dialog must say
    so, as the command does ("Saved recounts.png" alone, and page 2 never airs). Closing it
    removes its previews (a full-size picture per preview, left in the temporary folder for
    every export of the night)."""
    win = main_window(night_db, user="presenter")
    dialog = win.export_graphic("recounts")
    qtbot.waitUntil(dialog.isVisible)
    dialog.size_box.setFocus()
    qtbot.keyClick(dialog.size_box, Qt.Key.Key_End)  # "Custom…"
    assert dialog.size_box.currentData() == "custom"
    dialog.custom_size.setFocus()
    # the 2024 watch needs two pages here (its 13 seats fit one at 1280x720; broadcast
    # type, smaller at this height since it shrinks to the light theme's floor in pixels,
    # fits them at 1280x400 too)
    qtbot.keyClicks(dialog.custom_size, "1280x320")
    qtbot.keyClick(dialog.custom_size, Qt.Key.Key_Tab)  # done with it (Enter would save)
    qtbot.waitUntil(lambda: "(page 1 of 2)" in dialog.message.text(), timeout=20_000)
    previews = dialog._preview_file.parent
    assert (previews / "p-2.png").exists()
    out = tmp_path / "recounts.png"
    dialog.path.setFocus()
    dialog.path.selectAll()
    qtbot.keyClicks(dialog.path, str(out))
    qtbot.keyClick(dialog.path, Qt.Key.Key_Return)  # Enter in the path saves
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Saved"), timeout=20_000)
    assert dialog.message.text() == f"Saved {out}, {tmp_path / 'recounts-2.png'}"
    assert (tmp_path / "recounts-2.png").exists()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Close
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert not previews.exists()


def test_the_custom_size_field_is_a_stop_only_once_custom_is_chosen(main_window, qtbot,
                                                                    night_db):
    """It opened enabled beside "HD 1920×1080": Tab stopped in it and a size typed there
    was ignored (the export went out at HD), until the size list was changed once."""
    win = main_window(night_db, user="presenter")
    dialog = win.export_graphic("seats")
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.size_box.setFocus()
    qtbot.waitUntil(dialog.size_box.hasFocus)
    assert dialog.size_box.currentData() == "hd"
    assert _press(qtbot) is dialog.theme  # past the custom size: not in use
    assert not dialog.custom_size.isEnabled()
    dialog.size_box.setFocus()
    qtbot.keyClick(dialog.size_box, Qt.Key.Key_End)  # "Custom…"
    assert _press(qtbot) is dialog.custom_size



def test_the_dialogs_keep_qts_size(main_window, qtbot, night_db):
    """A combo box named `size` hid QWidget.size(): `dialog.size()` raised "QComboBox object
    is not callable" (a reviewer's script found it; any code asking a dialog its size)."""
    from PySide6.QtCore import QSize

    from resultsdesk.ui.publish_dialog import PublishDialog

    win = main_window(night_db, user="presenter")
    export = win.export_graphic("seats")
    qtbot.waitUntil(export.isVisible)
    publish = PublishDialog(None)
    qtbot.addWidget(publish)
    for dialog in (export, publish):
        assert isinstance(dialog.size(), QSize)


def test_a_graphic_saved_into_the_watch_folder_is_asked_about_first(main_window, qtbot,
                                                                    night_db, tmp_path):
    """File > Export into the watch folder put a seat's card on air under the live name
    (`card.png`, provisional figures and all) with no word: it is asked first, Enter keeps
    it out, and only "Save to air" writes it."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox

    watch = tmp_path / "watch"
    watch.mkdir()
    win = main_window(night_db, user="presenter")
    QSettings().setValue("publish/folder", str(watch))  # (Publishing's folder, as saved)
    dialog = win.export_graphic("seats")
    qtbot.waitUntil(dialog.isVisible)
    out = watch / "card.png"
    dialog.path.setFocus()
    dialog.path.selectAll()
    qtbot.keyClicks(dialog.path, str(out))
    qtbot.keyClick(dialog.path, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.findChild(QMessageBox, "exportIntoWatchFolder")
                    is not None and dialog.watch_question.isVisible())
    qtbot.keyClick(dialog.watch_question, Qt.Key.Key_Return)  # Cancel, the default
    qtbot.waitUntil(lambda: not dialog.watch_question.isVisible())
    assert dialog.message.text().startswith("Not saved") and not out.exists()
    qtbot.keyClick(dialog.path, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.watch_question.isVisible())
    save = dialog.watch_question.button(QMessageBox.StandardButton.Save)
    assert save.text() == "&Save to air"
    save.setFocus()
    qtbot.keyClick(save, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Saved"), timeout=20_000)
    assert out.exists()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)


def test_a_path_the_system_cannot_take_is_said_so(main_window, qtbot, night_db, tmp_path):
    """A path pasted with a NUL in it (no file can be named so): the save said "ValueError:
    embedded null byte. This is a bug in ResultsDesk", or, with a watch folder set, the
    check of the folder raised it out of Enter's slot and nothing was said at all."""
    from PySide6.QtCore import QSettings

    watch = tmp_path / "watch"
    watch.mkdir()
    win = main_window(night_db, user="presenter")
    dialog = win.export_graphic("seats")
    qtbot.waitUntil(dialog.isVisible)
    for folder in ("", str(watch)):
        QSettings().setValue("publish/folder", folder)  # (Publishing's folder, as saved)
        dialog.message.clear()
        dialog.path.setText(str(tmp_path / "card\0.png"))  # (pasted: no key types a NUL)
        dialog.path.setFocus()
        qtbot.keyClick(dialog.path, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.message.text() != "", timeout=20_000)
        said = dialog.message.text()
        assert "NUL" in said and "card" in said and "bug" not in said, said
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
