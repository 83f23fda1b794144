"""A candidate named in a script no font on the machine draws goes on a graphic as boxes.
The command line said so (`desk.graphics.UndrawnText`); the window said nothing: File >
Export graphic showed "Saved card.png" in green, and the watch folder's publish "Published
3 files" (its log alone kept the warning), while the card went to air with boxes for a name.

The name is Chinese with a character of CJK Extension G (U+30EDE, biáng) in each word,
which no common font has (Noto Sans CJK neither): the same words on any machine."""

from __future__ import annotations

from threading import Event

import pytest
from helpers.export_keys import opened_export_dialog
from helpers.seats import CLEAN, HENDON, LAB
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from resultsdesk.desk import declarations as dk
from resultsdesk.desk import publish_process
from resultsdesk.desk.publishing import PublishSettings
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.publisher import save_publish_settings
from resultsdesk.ui.style import message_colour

BOXES = "card: no font on this machine draws \U00030ede明, 王\U00030ede: on the graphic as boxes"


@pytest.fixture
def chinese_winner(nominations_db):
    """Hendon won by Labour's candidate, named 王𰻞明 as a file of nominations could give it
    (first name 𰻞明, surname 王𰻞), verified."""
    with Store(nominations_db) as store:
        seat = store.scalar("SELECT id FROM constituencies WHERE code = ?", (HENDON,))
        with store.write():
            store._conn.execute(
                "UPDATE candidates SET first_name = ?, surname = ? "
                "WHERE constituency_id = ? AND ballot_order = ?",
                ("\U00030ede明", "王\U00030ede", seat, LAB + 1))
        dk.declare(store, HENDON, Figures(CLEAN, 50), user="alice")
        assert dk.verify(store, HENDON, user="bob", votes=CLEAN, invalid=50).verified
    return nominations_db


def _hendons_card_chosen(qtbot, window):
    """Export graphic opened, Result card and Hendon chosen by typing, Tab to move on."""
    dialog = opened_export_dialog(qtbot, window)
    qtbot.keyClicks(dialog.kind, "Result card")
    dialog.constituency.setFocus()
    qtbot.waitUntil(dialog.constituency.hasFocus)
    dialog.constituency.lineEdit().selectAll()
    qtbot.keyClicks(dialog.constituency, f"Hendon ({HENDON})")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    return dialog


def test_export_graphic_says_which_words_went_on_the_card_as_boxes(
        qtbot, main_window, chinese_winner, tmp_path, said):
    window = main_window(chinese_winner, user="presenter")
    dialog = _hendons_card_chosen(qtbot, window)
    assert (dialog.kind.currentData(), dialog.constituency.currentData()) == ("card", HENDON)
    # the preview says it already, before anything is saved
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Preview")
                    and BOXES in dialog.message.text(), timeout=30_000)
    out = tmp_path / "hendon.png"
    dialog.path.setFocus()
    qtbot.waitUntil(dialog.path.hasFocus)
    dialog.path.selectAll()
    qtbot.keyClicks(dialog.path, str(out))
    qtbot.keyClick(dialog.path, Qt.Key.Key_Return)  # Enter in the path saves
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Saved"), timeout=30_000)
    assert dialog.message.text() == f"Saved {out}\nWarning: {BOXES}"
    assert message_colour(True) in dialog.message.styleSheet()  # red, not a green "Saved"
    assert (dialog.message.text(), True) in said  # and told a screen reader at once
    assert out.exists()


@pytest.mark.parametrize("where", ["process", "thread"])
def test_a_publish_says_in_the_status_bar_which_words_went_to_air_as_boxes(
        qtbot, main_window, chinese_winner, tmp_path, monkeypatch, said, where):
    """Drawn by the publishing process (a file's election), or on a worker thread of the
    app (a server's, or with no process): the window says it either way."""
    if where == "thread":  # as after the process could not start: published in this one
        gone = Event()
        gone.set()
        monkeypatch.setattr(publish_process, "_in_process", gone)
    folder = tmp_path / "watch"
    folder.mkdir()
    save_publish_settings(PublishSettings(folder, kinds=("seats", "card")))
    window: MainWindow = main_window(chinese_winner, user="editor")
    with qtbot.waitSignal(window.publisher.published, timeout=60_000) as done:
        window.publisher.enqueue(HENDON)
    assert done.args[2] == [BOXES]  # the card's words alone; png and svg alike: once
    message = window.statusBar().currentMessage()
    assert message == f"PUBLISHED WITH BOXES: {BOXES}. Published 3 files to {folder}."
    assert window.statusBar().alert  # in red, as an alarm
    assert [s for s in said if BOXES in s[0]] == [(message, True)]
    # the next publish draws the same name: shown again, not said over and over
    with qtbot.waitSignal(window.publisher.published, timeout=60_000):
        window.publisher.enqueue(None)
    assert window.statusBar().currentMessage() == message
    assert len([s for s in said if BOXES in s[0]]) == 1


def test_the_preview_says_the_boxes_once_as_they_appear_and_not_its_size(
        qtbot, main_window, chinese_winner, said):
    """The preview of Hendon's card warned in red, under the picture, that its winner's name
    goes on it as boxes: someone listening heard it only once the card was saved (into the
    watch folder: on air). Now the warning is said as the preview shows it, politely, once;
    the preview's size, new at every choice, is not (it is not news, and each choice is
    said as it is made); another size of the same card, the same boxes, is not news either."""
    window = main_window(chinese_winner, user="presenter")  # (its audit banner said too)
    dialog = _hendons_card_chosen(qtbot, window)
    qtbot.waitUntil(lambda: BOXES in dialog.message.text(), timeout=30_000)
    assert [s for s in said if BOXES in s[0]] == [(f"Warning: {BOXES}", False)]
    first = dialog.message.text()
    dialog.size_box.setFocus()
    qtbot.waitUntil(dialog.size_box.hasFocus)
    qtbot.keyClick(dialog.size_box, Qt.Key.Key_Down)  # another size: a new preview
    qtbot.waitUntil(lambda: dialog.message.text() != first and BOXES in dialog.message.text(),
                    timeout=30_000)
    assert [s for s in said if BOXES in s[0]] == [(f"Warning: {BOXES}", False)]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Close
    qtbot.waitUntil(lambda: not dialog.isVisible())
