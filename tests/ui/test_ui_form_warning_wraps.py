"""A warning box on the declaration form with a long sentence ("Warning: Gabrielle Bailey has
0 votes; Clareine Enderby has 0 votes; Jane Gibson has 0 votes; Ben Rend has 0 votes. Tick to
accept (recorded with the entry)"): a check box's text is one line, so the form widened to
hold it, 1,938 pixels at 16 pt on a 1366 × 768 screen, its Save button and the warning's end
past the screen's right edge. The box's words wrap at the form's width now, the form keeping
its width; the text is the box's still (what it says, ticked by Space, its name read out)."""

from __future__ import annotations

import pytest
from helpers.form_dialogs import shown_form
from helpers.seats import HENDON
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from resultsdesk.store import Store
from resultsdesk.ui.sizing import window_frame

# Four candidates on 0 (one long warning) and Lab by 15 (recount range)
ZEROS_AND_CLOSE = (0, 0, 0, 2667, 1966, 15840, 15855, 0)


@pytest.mark.parametrize("font_points", [9, 16], indirect=True)
def test_a_long_warning_wraps_within_the_form(qtbot, nominations_db, font_points):
    with Store(nominations_db) as store:
        dialog = shown_form(qtbot, store, HENDON, "alice")
        width = dialog.width()
        for value in [*ZEROS_AND_CLOSE, 50]:
            qtbot.keyClicks(QApplication.focusWidget(), str(value))
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        box = dialog.form.override_boxes["zero_votes"]
        qtbot.waitUntil(box.isVisible)
        assert box.text().startswith("Warning: Gabrielle Bailey has 0 votes; ")
        assert box.text().endswith("Ben Rend has 0 votes. Tick to accept (recorded with the "
                                   "entry)")
        assert box.accessibleName() in ("", box.text())  # (read out as its text)
        qtbot.waitUntil(lambda: box.height() > box.fontMetrics().height() * 2 - 2
                        or box.width() >= box.fontMetrics().horizontalAdvance(box.text()))
        room = dialog.screen().availableGeometry()
        # fitted to the screen again once its layout has settled (FitsScreen)
        qtbot.waitUntil(lambda: dialog.height() + window_frame(dialog) <= room.height())
        assert dialog.width() == width  # not widened for one line of warning
        # the whole sentence on the box, in as many lines as it takes
        lines = box.height() // box.fontMetrics().lineSpacing()
        assert lines >= 1
        inside = dialog.form.rect()
        for widget in (box, dialog.form.save_button):
            corner = widget.mapTo(dialog.form, widget.rect().bottomRight())
            assert inside.contains(corner), widget.objectName()  # in sight, not past an edge
        qtbot.keyClick(box, Qt.Key.Key_Space)  # still a check box to the keyboard
        assert box.isChecked()
        dialog.form.setProperty("discard_unasked", True)
