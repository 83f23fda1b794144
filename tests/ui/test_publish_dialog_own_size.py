"""A watch folder's size of its own (1280x720, set in the settings file, as `export`'s
--size takes any) is kept by the Publishing dialog: it showed the first size listed, and
an OK given to change the folder published every graphic at HD from then on."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from resultsdesk.desk.publishing import PublishSettings
from resultsdesk.ui.app import application
from resultsdesk.ui.publish_dialog import PublishDialog


def test_a_size_of_its_own_is_kept_through_the_dialog(qtbot, tmp_path):
    application()
    before = PublishSettings(Path(tmp_path), size="1280x720")
    dialog = PublishDialog(before)
    qtbot.addWidget(dialog)
    assert dialog.size_box.currentData() == "1280x720"
    assert "1280x720" in dialog.size_box.currentText()
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.settings().size == "1280x720"


def test_a_listed_size_adds_nothing(qtbot, tmp_path):
    application()
    dialog = PublishDialog(PublishSettings(Path(tmp_path)))
    qtbot.addWidget(dialog)
    sizes = [dialog.size_box.itemData(i) for i in range(dialog.size_box.count())]
    assert not any("as set" in dialog.size_box.itemText(i)
                   for i in range(dialog.size_box.count())) and len(sizes) == len(set(sizes))
