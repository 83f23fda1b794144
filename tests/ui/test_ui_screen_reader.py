"""The desk as a screen reader hears it, and as someone on the keyboard finds it: every table,
list and box has a name (its own, a label's buddy, or a form row's label, which on Linux
comes as a "labelled by" relation), and what changes where nobody's focus is (a red bar, the
recount alert, a form's "Not verified", a field that differs) is said in words, not only
in colour. What Qt's accessibility layer reports is what is checked, as a screen reader
asks it (QAccessible)."""

from __future__ import annotations

from helpers.accounts import FAST, shown_sign_in
from helpers.rehearsal import build
from helpers.seats import HENDON, HENDON_2024
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication

from resultsdesk.desk import accounts as acc
from resultsdesk.desk import declarations as dk
from resultsdesk.desk.audit_text import seat_trail
from resultsdesk.domain.model import Figures, Party
from resultsdesk.store import Store
from resultsdesk.ui import lot_question
from resultsdesk.ui.app import application
from resultsdesk.ui.audit_banner import AuditBanner
from resultsdesk.ui.connection_bar import ConnectionBar
from resultsdesk.ui.declaration_form import DeclarationDialog, Mode
from resultsdesk.ui.export_dialog import ExportDialog
from resultsdesk.ui.history_dialog import HistoryDialog
from resultsdesk.ui.party_order import PartyOrderDialog
from resultsdesk.ui.publish_dialog import PublishDialog
from resultsdesk.ui.rehearsal_dialog import RehearsalDialog
from resultsdesk.ui.shortcuts_dialog import ShortcutsDialog, all_shortcuts, contract_shortcuts

CTRL = Qt.KeyboardModifier.ControlModifier
SAFE = "W07000081"  # Aberafan Maesteg: Lab by 10,354
# Hendon keyed with the returning officer's 100,000 electors: no warning to tick.
VOTES = (2667, 1966, 139, 40000, 1518, 3038, 30000, 233)


def _heard(widget) -> tuple[str, str]:
    """(name, description) as Qt's accessibility layer gives them to a screen reader."""
    face = QAccessible.queryAccessibleInterface(widget)
    return (face.text(QAccessible.Text.Name), face.text(QAccessible.Text.Description))


def _labels(widget) -> list[str]:
    face = QAccessible.queryAccessibleInterface(widget)
    return [other.text(QAccessible.Text.Name)
            for other, _kind in face.relations(QAccessible.RelationFlag.Label)]


def test_every_table_in_the_window_is_named_and_the_map_zoom_labelled(qtbot, main_window,
                                                                     night_db):
    window = main_window(night_db, user="editor")
    assert _heard(window.table)[0] == "Constituency results"
    assert _heard(window.seats_table)[0] == "National summary"
    assert _heard(window.queue_table)[0] == "Verification queue"
    assert _heard(window.recount_table)[0] == "Recount watch"
    assert _labels(window.map_view.zoom) == ["Zoom:"]


def test_a_recount_alert_is_said_once_and_the_banner_says_what_it_is(qtbot, main_window,
                                                                    nominations_db, said):
    window = main_window(nominations_db, user="alice")
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, user="alice", figures=Figures(HENDON_2024, 187),
                   overrides=["recount_range"])
    window.refresh_if_changed()
    alert = "Recount range: Hendon: Lab majority 15 (provisional)"
    assert window.recount_alert.text() == alert
    assert _heard(window.recount_alert) == ("Recount alert", alert)
    # the banner and the status bar say it on screen; a screen reader hears it once
    assert said == [(alert, True)]


def test_the_connection_bar_is_heard_coming_and_going(qtbot, said):
    application()
    bar = ConnectionBar()
    qtbot.addWidget(bar)
    bar.show()
    bar.show_lost("server closed the connection unexpectedly")
    name, description = _heard(bar)
    assert name == "Server connection"
    assert description.startswith("Server unreachable: reconnecting… (since ")
    assert said == [(bar.text(), True)]
    bar.show_back()
    assert bar.isHidden()
    assert said[-1] == ("Server connection back", False)


def test_the_audit_banner_says_what_it_is_and_is_heard(qtbot, said):
    class Broken:
        intact = False
        seen_gone = False  # (an entry changed: nothing an admin may accept as it stands)

        def summary(self) -> str:
            return "entry 12 was changed"

    application()
    banner = AuditBanner(None)
    qtbot.addWidget(banner)
    banner.show_check(Broken())
    name, description = _heard(banner)
    assert name == "Audit alert"
    assert description.startswith("The audit record does not match this database: entry 12")
    assert said == [(banner.text(), True)]


def test_a_failure_in_the_status_bar_is_heard(qtbot, main_window, nominations_db, said):
    window = main_window(nominations_db, user="alice")
    window.alarm("BACKUP FAILED: the disk is full", 5000)
    assert said == [("BACKUP FAILED: the disk is full", True)]


def test_a_re_key_that_differs_is_said_and_so_is_each_field_that_does(qtbot, nominations_db,
                                                                      said):
    application()
    with Store(nominations_db) as store:
        dk.declare(store, HENDON, user="alice", figures=Figures(list(VOTES), 100, None, 100_000))
        dialog = DeclarationDialog(store, HENDON, user="bob", mode=Mode.REKEY)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        form = dialog.form
        qtbot.waitUntil(lambda: QApplication.focusWidget() is form.vote_edits[0])
        # The returning officer's electorate, re-keyed as alice keyed it (above the ballot
        # paper: Shift+Tab there, Enter back to the first candidate).
        qtbot.keyClick(form.vote_edits[0], Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        qtbot.keyClick(form.electorate_edit, Qt.Key.Key_A, CTRL)
        qtbot.keyClicks(form.electorate_edit, "100000")
        qtbot.keyClick(form.electorate_edit, Qt.Key.Key_Return)
        for value in (VOTES[0] + 10, *VOTES[1:]):
            qtbot.keyClicks(QApplication.focusWidget(), f"{value}")
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        qtbot.keyClicks(form.invalid_edit, "100")
        qtbot.keyClick(form.invalid_edit, Qt.Key.Key_S, CTRL)
        assert form.message_label.text().startswith("Not verified")
        assert said == [(form.message_label.text(), True)]
        first = form.vote_edits[0]
        assert QApplication.focusWidget() is first
        assert _heard(first) == ("Votes for Gabrielle Bailey, Green",
                                 "Differs from the entry being verified: re-key it")
        assert _heard(form.vote_edits[1])[1] == ""
        qtbot.keyClick(first, Qt.Key.Key_Backspace)  # re-keying it: no longer flagged
        assert _heard(first)[1] == ""


def test_the_lot_row_is_named(qtbot, nominations_db):
    application()
    with Store(nominations_db) as store:
        dialog = DeclarationDialog(store, HENDON, user="alice", mode=Mode.ENTER)
        qtbot.addWidget(dialog)
        form = dialog.form
        assert _labels(form.tie_combo) == ["Winner drawn by lot:"]
        assert _heard(form.tie_note)[0] == "How the lot was drawn"


def test_the_export_and_publishing_boxes_are_named(qtbot, night_db):
    application()
    export = ExportDialog(night_db, [(HENDON, "Hendon")])
    qtbot.addWidget(export)
    assert _labels(export.size_box) == ["Size:"]
    # the seat list is typed into: its box, which holds the focus, is named as the list
    assert _heard(export.constituency.lineEdit())[0] == "Constituency"
    assert _heard(export.custom_size)[0] == "Custom size (width x height)"
    assert _heard(export.path)[0] == "File (.png, .svg, .pdf; .json: data):"
    assert _heard(export.preview)[0] == "Preview"
    publish = PublishDialog(None)
    qtbot.addWidget(publish)
    assert _heard(publish.folder)[0] == "Watch folder:"


def test_the_history_and_shortcut_lists_are_named(qtbot, main_window, nominations_db):
    window = main_window(nominations_db, user="alice")
    with Store(nominations_db) as store:
        dk.declare(store, HENDON, user="alice", figures=Figures(HENDON_2024, 187),
                   overrides=["recount_range"])
        history = HistoryDialog(dk.history(store, HENDON), seat_trail(store, HENDON))
    qtbot.addWidget(history)
    assert _heard(history.trail_table)[0] == "Audit trail"
    assert _heard(history.findChild(type(history.trail_table), "versionsTable"))[0] == \
        "Versions"
    shortcuts = ShortcutsDialog(all_shortcuts(window), window)
    qtbot.addWidget(shortcuts)
    assert _heard(shortcuts.tree)[0] == "Keyboard shortcuts"


def test_a_row_in_recount_range_says_so_not_only_in_red(qtbot, main_window, night_db):
    """The results table tints a close seat's row red; a screen reader reading its cells
    hears "In recount range" too."""
    window = main_window(night_db, user="editor")
    window.activateWindow()  # as a window manager does (offscreen Qt does too; bare X does not)
    qtbot.waitUntil(window.isActiveWindow)
    table = window.table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)

    def heard_at(code: str) -> tuple[str, str]:
        source = window.model.index(window.model._index[code], 0)
        table.setCurrentIndex(window.proxy.mapFromSource(source))
        cell = QAccessible.queryAccessibleInterface(table).focusChild()
        return (cell.text(QAccessible.Text.Name), cell.text(QAccessible.Text.Description))

    assert heard_at(HENDON) == ("Hendon", "In recount range")
    assert heard_at(SAFE) == ("Aberafan Maesteg", "")


def test_the_rehearsal_bar_and_read_outs_are_named(qtbot, main_window, tmp_path):
    db = build(tmp_path / "practise.db", mode="practise", speed=3600, until="23:32")
    window = main_window(db, user="alice")
    assert _labels(window.rehearsal_jump) == [" Jump to "]
    assert _labels(window.rehearsal_speed) == [" Speed "]
    assert _heard(window.readout_panel.list)[0] == "Read-outs"


def test_the_chamber_order_can_be_changed_by_keyboard(qtbot):
    """Dragging was the only way: a keyboard user could not move a party at all."""
    application()
    parties = [Party(a, a, "#888888", political_order=i) for i, a in enumerate(("Lab", "LD",
                                                                                "Con"))]
    dialog = PartyOrderDialog(parties)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    dialog.list.setFocus()
    qtbot.waitUntil(dialog.list.hasFocus)
    assert _heard(dialog.list)[0] == "Chamber order"
    qtbot.keyClick(dialog.list, Qt.Key.Key_Down)  # LD chosen
    qtbot.keyClick(dialog.list, Qt.Key.Key_Down, CTRL)
    assert dialog.order() == ["Lab", "Con", "LD"]
    qtbot.keyClick(dialog.list, Qt.Key.Key_Up, CTRL)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Up, CTRL)
    assert dialog.order() == ["LD", "Lab", "Con"]
    assert dialog.list.currentItem().text().startswith("LD")
    listed = [(s.group, s.keys) for s in contract_shortcuts()]
    assert ("Chamber order", "Ctrl+Up") in listed and ("Chamber order", "Ctrl+Down") in listed


def test_a_refused_sign_in_is_said(qtbot, nominations_db, said):
    with Store(nominations_db) as store:
        acc.add_account(store, "root", "admin", "root-password", admin=None, kdf=FAST)
        acc.add_account(store, "carol", "desk", "carol-password", admin="root", kdf=FAST)
        dialog = shown_sign_in(qtbot, store)
        qtbot.keyClicks(dialog.name_edit, "carol")
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.password_edit, "not-her-password")
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
        assert dialog.password_edit.hasFocus()
        assert said == [(dialog.error_label.text(), True)]
        assert said[0][0].startswith("Sign-in failed for carol")


def test_a_refused_rehearsal_and_export_are_said(qtbot, night_db, tmp_path, said):
    application()
    rehearsal = RehearsalDialog(tmp_path / "rehearsal.db")
    qtbot.addWidget(rehearsal)
    rehearsal.show()
    rehearsal.own_files.setFocus()
    qtbot.keyClick(rehearsal.own_files, Qt.Key.Key_Space)  # the files, none chosen
    qtbot.keyClick(rehearsal.own_files, Qt.Key.Key_Return)
    assert rehearsal.isVisible() and rehearsal.message.text()
    assert said == [(rehearsal.message.text(), True)]
    export = ExportDialog(night_db, [(HENDON, "Hendon")])
    qtbot.addWidget(export)
    export.show()
    export.path.setFocus()
    qtbot.keyClick(export.path, Qt.Key.Key_End)
    qtbot.keyClicks(export.path, ".txt")
    qtbot.keyClick(export.path, Qt.Key.Key_Return)
    assert said[-1] == ("The file must end in .png, .svg or .pdf (or .json for the data).", True)


def test_a_column_header_of_signs_is_heard_in_words(qtbot, main_window, night_db):
    """A screen reader says a column's header as the focus moves into it: the tables'
    "Maj %", "Turnout ±", "+/−" and the watch's bare "%" are said in words; the others as
    they are shown."""
    window = main_window(night_db, user="editor")

    def headers(view) -> list[str]:
        face = QAccessible.queryAccessibleInterface(view)
        cells = (face.child(i) for i in range(view.model().columnCount() + 1))  # corner first
        return [cell.text(QAccessible.Text.Name) for cell in cells
                if cell.role() == QAccessible.Role.ColumnHeader]

    share = "Majority as a share of valid votes"
    assert headers(window.table) == [
        "Constituency", "Code", "Nation", "Region", "Status", "Winner", "Majority", share,
        "Turnout", "Turnout change from the baseline, in points", "Result", "Swing",
        "Declared"]
    assert headers(window.recount_table) == ["Constituency", "Majority", share, "Winner",
                                             "Runner-up"]
    assert headers(window.seats_table) == ["Party", "Seats",
                                           "Seats gained or lost since the baseline",
                                           "Votes", "Share"]
    assert window.model.headerData(7, Qt.Orientation.Horizontal) == "Maj %"  # as shown


def test_a_recount_under_way_on_the_watch_is_heard_not_only_seen_in_red(qtbot, main_window,
                                                                         night_db):
    """Hendon (Lab by 15, verified), then a recount called: it heads the Recount watch, its
    row in red and bold, and on screen its cells read "Hendon 15 0.04% Lab Con" as any close
    seat's do (the tooltip alone says "RECOUNT UNDER WAY"). A screen reader reading the
    row's cells hears that the recount is under way; a close seat with none, nothing more."""
    with Store(night_db) as store:
        dk.mark_recount(store, HENDON, user="editor", under_way=True)
    window = main_window(night_db, user="editor")
    window.recount_dock.raise_()
    table = window.recount_table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)

    def heard_at(row: int) -> tuple[str, str]:
        table.setCurrentIndex(table.model().index(row, table.model().columnCount() - 1))
        cell = QAccessible.queryAccessibleInterface(table).focusChild()
        return (cell.text(QAccessible.Text.Name), cell.text(QAccessible.Text.Description))

    assert window.recount_model.row_at(0).code == HENDON
    assert window.recount_model.row_at(0).majority == 15  # shown: no "recount" in its place
    assert heard_at(0) == ("Con", "Recount under way")
    assert window.recount_model.row_at(1).recount_under_way is False
    assert heard_at(1)[1] == ""


def test_what_enter_in_find_answers_is_heard(qtbot, main_window, nominations_db, said):
    """Enter in Find that opens nothing answers in the status bar alone: the focus stays in
    the box, and someone listening heard nothing of "No constituency matches", nor of the
    filters cleared to open the seat named (the list under them changed unseen)."""
    window = main_window(nominations_db, user="alice")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.table, Qt.Key.Key_F, CTRL)
    qtbot.waitUntil(window.search.hasFocus)
    qtbot.keyClick(window.search, Qt.Key.Key_Return)  # nothing typed
    typed_first = window.statusBar().currentMessage()
    assert typed_first.startswith("Type a constituency's name")
    qtbot.keyClicks(window.search, "Qqqqqqqqq")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.active_dialog is None and window.search.hasFocus()
    assert window.statusBar().currentMessage() == "No constituency matches that search."
    assert said == [(typed_first, False), ("No constituency matches that search.", False)]
    window.search.clear()
    window.table.selectionModel().clearSelection()
    qtbot.keyClick(window.search, Qt.Key.Key_E, CTRL)  # 650 rows, none chosen
    assert window.active_dialog is None
    assert said[-1] == ("Choose a constituency first (Ctrl+F to find one).", False)
    window.status_filter.setFocus()
    qtbot.waitUntil(window.status_filter.hasFocus)
    qtbot.keyClick(window.status_filter, Qt.Key.Key_End)  # Verified: none yet, all hidden
    assert window.proxy.rowCount() == 0
    qtbot.keyClick(window.status_filter, Qt.Key.Key_F, CTRL)
    qtbot.waitUntil(window.search.hasFocus)
    qtbot.keyClicks(window.search, "Hendon")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    dialog = window.active_dialog
    assert dialog is not None and dialog.form.sheet.code == HENDON
    assert said[-1] == ("Filters cleared: they hid Hendon.", False)
    dialog.discard()
    qtbot.waitUntil(lambda: window.active_dialog is None)


def test_a_recount_marked_is_heard(qtbot, main_window, night_db, said):
    """Ctrl+Shift+R, the question answered: the seat goes RECOUNT, said in the status bar,
    and the focus goes back to where it was. Someone listening heard the question, then
    nothing: was it marked?"""
    window = main_window(night_db, user="alice")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.focus_search()
    qtbot.keyClicks(window.search, "Hendon")
    qtbot.keyClick(window.search, Qt.Key.Key_R, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: getattr(window, "recount_box", None) is not None
                    and QApplication.activeWindow() is window.recount_box)
    qtbot.keyClick(window.recount_box, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    with Store(night_db) as store:
        qtbot.waitUntil(lambda: dk.load_sheet(store, HENDON).recount_under_way)
    shown = window.statusBar().currentMessage()
    assert "RECOUNT UNDER WAY" in shown
    assert said == [(shown, False)]


def test_a_lot_drawn_is_heard_as_a_recount_marked_is(qtbot, main_window, nominations_db,
                                                       said, monkeypatch):
    """The sibling of a recount marked: Draw lot, its questions answered, says in the
    status bar that the lot is recorded and awaits someone else's check, and the focus goes
    back to the list, unchanged. Shown only, someone listening heard nothing of it."""
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QInputDialog

    from resultsdesk.domain.model import Figures

    tied = [100, 200, 300, 20000, 400, 500, 20000, 600]
    with Store(nominations_db) as store:
        dk.declare(store, HENDON, user="alice", figures=Figures(tied, 50), overrides=["tie"])
        dk.verify(store, HENDON, user="bob", votes=None)
    monkeypatch.setattr(QInputDialog, "getItem", lambda _p, _t, _l, names, *a: (names[1], True))
    monkeypatch.setattr(lot_question, "ask_note", lambda *a, **k: "drawn from a hat")
    window = main_window(nominations_db, user="alice")
    window.select_code(HENDON)
    window.findChild(QAction, "lotAction").trigger()
    shown = window.statusBar().currentMessage()
    assert "(lot: Ameet Jogia drawn) is now provisional" in shown
    assert (shown, False) in said
