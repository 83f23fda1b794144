"""File > Chamber order in a desk's large font (16 pt). Its one line of instructions ("Left of
the chamber at the top, right at the bottom. Drag to reorder, or move the chosen party with
Ctrl+Up and Ctrl+Down.") was never wrapped, so the dialog meant to open 360 pixels wide
opened as wide as that line: 769 pixels at 9 pt, 1,329 at 16 pt, past a 1024-pixel laptop's
edge with its OK and Cancel. The words wrap now, read whole, in the dialog's own width: as
wide as its longest party's line, not as its instructions' one line."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from resultsdesk.domain.model import Party
from resultsdesk.ui.app import application
from resultsdesk.ui.party_order import PartyOrderDialog


@pytest.mark.parametrize("font_points", [9, 16], indirect=True)
def test_the_chamber_orders_instructions_wrap_within_its_width(qtbot, font_points):
    application()
    parties = [Party(a, name, "#888888", political_order=i) for i, (a, name) in enumerate((
        ("Lab", "Labour"), ("SDLP", "Social Democratic and Labour Party"), ("Con", "Conservative"),
        ("TUV", "Traditional Unionist Voice"), ("Spk", "Speaker")))]
    dialog = PartyOrderDialog(parties)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    intro = next(label for label in dialog.findChildren(QLabel)
                 if label.text().startswith("Left of the chamber"))
    room = dialog.screen().availableGeometry()
    assert dialog.width() <= room.width()
    assert dialog.width() < intro.fontMetrics().horizontalAdvance(intro.text())  # not one line
    # every line of it in sight: as tall as its words take at its width
    assert intro.height() >= intro.heightForWidth(intro.width())
    assert intro.width() <= dialog.width()
    # and every party's line whole: the list no narrower than its longest
    view = dialog.list
    assert view.viewport().width() >= view.sizeHintForColumn(0), (view.viewport().width(),
                                                                   view.sizeHintForColumn(0))
