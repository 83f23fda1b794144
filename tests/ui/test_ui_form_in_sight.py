"""Where the declaration form sends the operator to fix something, the field is in sight and
ready to be typed over, and the form stays on a small screen as warnings and messages appear.

Found in review: a save blocked in the field the operator was already in left its text
unselected, so the figure retyped was appended to the old one (`19001` became `1900119002`,
which then spent a re-key try); an error added under a long ballot squeezed the scroll area
and left the field with the focus below its foot; and a 13-candidate seat with two warnings
grew the dialog to 860 pixels on a 768-pixel screen, its Save button below the screen's edge.
And Tab down that ballot on a laptop left the field with the focus cut at the area's foot: the
scroll aimed at the line edit's text cursor, not its box.
"""

from __future__ import annotations

import pytest
from helpers.form_dialogs import shown_form
from helpers.seats import CLEAN, HENDON, HENDON_2024
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QWidget

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui.declaration_form import DeclarationDialog, Mode
from resultsdesk.ui.sizing import window_frame

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
RICHMOND = "E14001444"  # Richmond and Northallerton: 13 candidates, the most of any 2024 seat
# Richmond's figures typed in review: a clear winner, so no warning
RICHMOND_FIGURES = (5000, 120, 300, 2500, 800, 30000, 18000, 700, 400, 6000, 200, 900, 100)
# A zero and a tie for first place: two warnings
RICHMOND_WARNED = (0, 120, 300, 2500, 800, 9000, 9000, 700, 400, 600, 200, 900, 100)


def _open(qtbot, store, seat: str, user: str = "alice",
          mode: Mode = Mode.ENTER) -> DeclarationDialog:
    return shown_form(qtbot, store, seat, user, mode)


def _key_in_order(qtbot, values) -> None:
    """Each figure into the field with the focus, then Enter, as a desk keys a sheet."""
    for value in values:
        qtbot.keyClicks(QApplication.focusWidget(), str(value))
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)


def _small_screen(monkeypatch, width: int, height: int) -> QRect:
    """The screen's size as a laptop's (the offscreen one is 800 x 800, a real X server's
    its own), centred on the real one: Qt places a dialog by the real screen (in C++, which
    the patch does not reach), centred on it, so a laptop's screen at the real one's corner
    would leave a dialog that fits it on screen but outside it."""
    small = QRect(0, 0, width, height)
    small.moveCenter(QApplication.primaryScreen().availableGeometry().center())
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: small)
    return small


def _in_viewport(field: QWidget) -> bool:
    """`field` wholly inside the ballot's scroll area's viewport (not cut at its edge)."""
    area = field.window().form.ballot_area
    viewport = area.viewport()
    shown = QRect(field.mapTo(viewport, field.rect().topLeft()), field.size())
    return viewport.rect().contains(shown)


def _on_screen(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())


def _whole_in_sight(field: QWidget, screen: QRect) -> None:
    """`field` wholly inside the ballot's viewport and on the screen, or where it is."""
    viewport = field.window().form.ballot_area.viewport()
    assert _in_viewport(field), (f"{field.objectName()} at "
                                 f"{field.mapTo(viewport, field.rect().topLeft())} "
                                 f"(+{field.height()}) is cut by the viewport {viewport.rect()}")
    assert screen.contains(_on_screen(field)), field.objectName()


# The room a laptop's screen leaves a window: the whole of it (where the ballot fits, or
# nearly), and less the panels a desktop keeps there; below 720 the ballot scrolls a lot.
LAPTOPS = {"1366x768": (1366, 768), "1366x768 under a 24px top bar": (1366, 744),
           "1366x768 over a 40px taskbar": (1366, 728), "1280x720": (1280, 720),
           "1366x768 less 64px of panels": (1366, 704)}


@pytest.mark.parametrize("mode", [Mode.ENTER, Mode.REKEY], ids=["entry", "re-key"])
@pytest.mark.parametrize("size", LAPTOPS.values(), ids=LAPTOPS.keys())
def test_tab_through_a_13_candidate_ballot_shows_every_field_whole(qtbot, nominations_db,
                                                                  monkeypatch, size, mode):
    """Tab from the first candidate's votes to the total as read out, and Shift+Tab back:
    each field the focus reaches is wholly in the ballot's viewport, box and ring (an
    empty field's text cursor in sight was taken for the field, and the last rows' lower
    edge was left under the area's foot), and back at the top the column titles show;
    from the total, the running totals and the Save (Verify) button are in sight."""
    screen = _small_screen(monkeypatch, *size)
    with Store(nominations_db) as store:
        user = "alice"
        if mode is Mode.REKEY:  # alice's entry, re-keyed blind by bob
            dk.declare(store, RICHMOND, Figures(list(RICHMOND_FIGURES), 150), user="alice",
                       expected_version=0)
            user = "bob"
        dialog = _open(qtbot, store, RICHMOND, user=user, mode=mode)
        form = dialog.form
        assert len(form.vote_edits) == 13
        for field in form.fields:  # down, Tab by Tab
            qtbot.waitUntil(lambda f=field: QApplication.focusWidget() is f)
            qtbot.waitUntil(lambda f=field: _whole_in_sight(f, screen))
            if field is not form.total_edit:
                qtbot.keyClick(field, Qt.Key.Key_Tab)
        for widget in (form.live_label, form.save_button):  # below the ballot, in sight
            assert widget.visibleRegion().boundingRect() == widget.rect(), widget.objectName()
            assert screen.contains(_on_screen(widget)), widget.objectName()
        qtbot.keyClick(form.total_edit, Qt.Key.Key_Backtab, SHIFT)
        for field in form.fields[-2::-1]:  # and back up, Shift+Tab by Shift+Tab
            qtbot.waitUntil(lambda f=field: QApplication.focusWidget() is f)
            qtbot.waitUntil(lambda f=field: _whole_in_sight(f, screen))
            if field is not form.vote_edits[0]:
                qtbot.keyClick(field, Qt.Key.Key_Backtab, SHIFT)
        # at the first candidate again, the column titles above it are in sight too
        assert form.ballot_area.verticalScrollBar().value() == 0


def test_a_save_blocked_in_the_field_being_typed_in_selects_its_figure(qtbot,
                                                                        nominations_db):
    """bob's re-key differs on the electorate; he retypes it wrong (under the ballots
    cast, so the save is blocked there, where he already is), then right: the right figure
    replaces the wrong one and verifies, rather than making `1900171,234`."""
    with Store(nominations_db) as store:
        entering = _open(qtbot, store, HENDON)
        entry = entering.form
        qtbot.keyClick(entry.vote_edits[0], Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        qtbot.waitUntil(entry.electorate_edit.hasFocus)  # its figure selected on the way in
        qtbot.keyClicks(entry.electorate_edit, "71,234")
        qtbot.keyClick(entry.electorate_edit, Qt.Key.Key_Return)
        _key_in_order(qtbot, [*CLEAN, 50])
        with qtbot.waitSignal(entry.saved):
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, CTRL)

        rekey = _open(qtbot, store, HENDON, user="bob", mode=Mode.REKEY)
        form = rekey.form
        _key_in_order(qtbot, CLEAN)
        qtbot.keyClicks(form.invalid_edit, "50")
        qtbot.keyClick(form.invalid_edit, Qt.Key.Key_S, CTRL)
        qtbot.waitUntil(lambda: "Not verified" in form.message_label.text())
        assert form.electorate_edit.hasFocus()
        qtbot.keyClicks(form.electorate_edit, "19001")
        assert form.electorate_edit.text() == "19001"
        qtbot.keyClick(form.electorate_edit, Qt.Key.Key_S, CTRL)
        qtbot.waitUntil(lambda: form.message_label.text().startswith("Cannot save yet"))
        assert form.electorate_edit.hasFocus()
        qtbot.keyClicks(form.electorate_edit, "71,234")
        assert form.electorate_edit.text() == "71,234"  # was "1900171,234"
        with qtbot.waitSignal(form.saved) as saved:
            qtbot.keyClick(form.electorate_edit, Qt.Key.Key_S, CTRL)
        assert saved.args[0].electorate == 71_234


def test_an_error_in_the_field_with_the_focus_keeps_it_in_sight(qtbot, nominations_db,
                                                               monkeypatch):
    """A wrong total as read out at the foot of a 13-candidate ballot on a 1280 x 720
    laptop: the error and "Cannot save yet" squeeze the ballot, and the total field, where
    the focus stays, is scrolled back into sight rather than cut at the area's foot."""
    _small_screen(monkeypatch, 1280, 720)
    with Store(nominations_db) as store:
        dialog = _open(qtbot, store, RICHMOND)
        form = dialog.form
        assert form.ballot_area.squeezed  # the ballot scrolls on this screen
        _key_in_order(qtbot, [*RICHMOND_FIGURES, 150])
        qtbot.waitUntil(form.total_edit.hasFocus)
        qtbot.keyClicks(form.total_edit, "1")
        qtbot.keyClick(form.total_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: form.message_label.text().startswith("Cannot save yet"))
        assert form.total_edit.hasFocus()
        qtbot.waitUntil(lambda: _in_viewport(form.total_edit))
        # and the figure is ready to be typed over, as in any field a save sends you to
        assert form.total_edit.selectedText() == "1"


@pytest.mark.parametrize(("seat", "figures", "size"), [
    (RICHMOND, (*RICHMOND_WARNED, 150, ""), (1366, 768)),
    (HENDON, (*HENDON_2024, 187, ""), (800, 600)),
], ids=["13 candidates, two warnings, 1366x768", "Hendon, one warning, 800x600"])
def test_warnings_never_grow_the_form_past_the_screen(qtbot, nominations_db, monkeypatch,
                                                      seat, figures, size):
    """The figures keyed and Enter in the last field: the warnings and "Cannot save yet"
    appear, the dialog stays within the screen (the ballot scrolls instead), and its Save
    button and message are in sight."""
    small = _small_screen(monkeypatch, *size)
    with Store(nominations_db) as store:
        dialog = _open(qtbot, store, seat)
        form = dialog.form
        _key_in_order(qtbot, figures)
        qtbot.waitUntil(lambda: form.message_label.text().startswith("Cannot save yet"))
        assert any(box.isVisible() for box in form.override_boxes.values())
        qtbot.waitUntil(lambda: dialog.height() + window_frame(dialog) <= small.height())
        save = form.save_button
        for widget in (save, form.message_label, form.live_label):
            assert small.contains(_on_screen(widget)), widget.objectName()
            assert widget.visibleRegion().boundingRect() == widget.rect()
        assert form.ballot_area.squeezed
