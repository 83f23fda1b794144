"""Blind verification: while an entry awaits its second person, nobody who could verify it
sees its figures anywhere in their window (table, strip, recount watch, charts, history),
so the re-key is typed from the sheet, not copied from the screen. Its author does."""

from __future__ import annotations

import pytest
from helpers.switch_user import answer_name_when_asked
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QInputDialog,
    QLabel,
    QMessageBox,
)

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.audit_text import history_trail
from resultsdesk.desk.drafts import Draft, save_draft
from resultsdesk.desk.visibility import Viewer, blind_history
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui import lot_question
from resultsdesk.ui.app import application
from resultsdesk.ui.declaration_form import Mode
from resultsdesk.ui.history_dialog import HistoryDialog
from resultsdesk.ui.lot_question import CHOOSE
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.preferences import PreferencesDialog, save_preferences

BASILDON = "Basildon and Billericay"  # 2024: Con (Richard Holden) by 20 after recounts


@pytest.fixture
def alice_entered(nominations_db, night_db):
    """alice has keyed Basildon and Billericay's real 2024 figures; nobody verified them."""
    with Store(night_db) as night:
        real = dk.load_sheet(night, BASILDON).verified
    with Store(nominations_db) as desk:
        dk.declare(desk, BASILDON, user="alice", figures=Figures(real.votes, real.invalid_votes),
                   overrides=["recount_range"])
    return nominations_db


def _window(qtbot, db, user: str) -> MainWindow:
    application()
    win = MainWindow(db, user=user)
    qtbot.addWidget(win)
    win.show()
    win.refresh()
    return win


def _everything_shown(win: MainWindow) -> str:
    """Every text the window shows: labels, and every cell of every table model."""
    texts = [label.text() for label in win.findChildren(QLabel)]
    for model in (win.model, win.recount_model, win.seats_model, win.queue_model):
        for r in range(model.rowCount()):
            for c in range(model.columnCount()):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.data(model.index(r, c), role)
                    if value is not None:
                        texts.append(str(value))
    return "\n".join(texts)


def test_a_verifier_sees_none_of_the_pending_figures(qtbot, alice_entered):
    win = _window(qtbot, alice_entered, "bob")
    seat = next(s for s in win.night.seats.values() if s.name == BASILDON)
    # The table says something awaits verification, and nothing of what it says.
    row = win.model.row_at(win.model._index[seat.code])
    assert row.status.value == "provisional"
    assert (row.winner_party, row.winner_name, row.majority, row.turnout) == (None,) * 4
    shown = _everything_shown(win)
    assert "Holden" not in shown and "majority 20" not in shown.lower()
    # Not in the recount watch, the strip, the charts' provisional seats or the summary.
    assert win.recount_model.rowCount() == 0
    assert win.night.strip_data().provisional == 0
    assert win.night.summary(include_provisional=True).declared == 0
    assert win.night.seat_chart_data(show_provisional=True).provisional_declared == 0
    assert not win.recount_alert.isVisible()
    # The queue still tells bob there is something for him to verify, and by whom.
    assert win.queue_model.rowCount() == 1 and "alice" in shown


def test_the_verifiers_history_hides_the_entry_but_says_who_and_when(qtbot, alice_entered):
    with Store(alice_entered) as store:
        history = dk.history(store, BASILDON)
        figures = [f"{n:,}" for n in history.sheet.pending.votes]
        shown, hidden = blind_history(history, Viewer("bob", sees_all_provisional=False))
        trail = history_trail(store, shown)
        assert "Holden" in " ".join(line.text for line in history_trail(store, history))
    assert hidden is not None and hidden.entered_by == "alice"
    assert shown.sheet.versions == ()
    assert "Holden" not in repr(shown.audit)
    trail_text = " ".join(line.text for line in trail)
    assert "alice declared version 1 of Basildon and Billericay" in trail_text
    assert "figures hidden until verified" in trail_text and "Holden" not in trail_text
    dialog = HistoryDialog(shown, trail, hidden=hidden)
    qtbot.addWidget(dialog)
    text = "\n".join(w.text() for w in dialog.findChildren(QLabel))
    assert "entered by <b>alice</b>" in text and "hidden until it is verified" in text
    table = dialog.findChild(object, "versionsTable")
    cells = [table.item(r, c).text() for r in range(table.rowCount())
             for c in range(table.columnCount()) if table.item(r, c)]
    assert not set(figures) & set(cells)
    # The author's own history shows them.
    mine, none = blind_history(history, Viewer("Alice ", sees_all_provisional=False))
    assert none is None and mine.sheet.pending is not None


def test_the_author_and_editors_see_the_entry(qtbot, alice_entered):
    win = _window(qtbot, alice_entered, "alice")
    seat = next(s for s in win.night.seats.values() if s.name == BASILDON)
    row = win.model.row_at(win.model._index[seat.code])
    assert (row.winner_party, row.majority) == ("Con", 20)
    assert win.recount_model.rowCount() == 1
    # Switching to someone who could verify it hides it at once.
    win.user = "bob"
    win.night.set_viewer(win.viewer())
    win.refresh()
    row = win.model.row_at(win.model._index[seat.code])
    assert (row.winner_party, row.majority) == (None, None)
    assert win.recount_model.rowCount() == 0
    # An editor (sees every provisional figure) sees it.
    win.night.set_viewer(Viewer("ed", sees_all_provisional=True))
    win.refresh()
    assert win.model.row_at(win.model._index[seat.code]).majority == 20


def test_the_app_verifies_only_by_blind_rekey(qtbot, alice_entered):
    """No "check" mode: even with an earlier version's setting left behind, the verifier's
    form is empty and typed, and Preferences offer no other way."""
    application()
    QSettings().setValue("desk/verificationMode", "check")
    win = _window(qtbot, alice_entered, "bob")
    code = next(s.code for s in win.night.seats.values() if s.name == BASILDON)
    win.select_code(code)
    qtbot.keyClick(win.table, Qt.Key.Key_Return)  # Enter on the seat: verify it
    form = win.active_dialog.form
    assert form.mode is Mode.REKEY
    assert all(e.text() == "" and not e.isReadOnly() for e in form.vote_edits)
    assert "type every figure again" in form.state_label.text()
    win.active_dialog.discard()
    assert {m.value for m in Mode} == {"enter", "correct", "rekey"}
    dialog = PreferencesDialog(win.prefs, win)
    qtbot.addWidget(dialog)
    assert dialog.findChild(QComboBox, "verificationModeCombo") is None
    save_preferences(dialog.preferences())
    assert not QSettings().contains("desk/verificationMode")  # the old setting is gone


def test_a_check_mode_draft_is_never_handed_to_a_verifier(qtbot, alice_entered, monkeypatch):
    """An earlier version's "check" form held the entry's figures; its crash draft is
    dropped, not restored into a re-key."""
    win = _window(qtbot, alice_entered, "bob")
    sheet = dk.load_sheet(win.desk, BASILDON)
    figures = {f"votes_{i}": str(v) for i, v in enumerate(sheet.pending.votes)}
    save_draft(win.draft_file(), Draft(sheet.code, "check", sheet.current_version, figures))
    monkeypatch.setattr(MainWindow, "ask_to_restore", lambda *a: pytest.fail("offered"))
    assert win.offer_draft() is None
    assert not win.draft_file().exists() and win.active_dialog is None


def _switch_user_by_keyboard(qtbot, win: MainWindow, name: str) -> None:
    """Ctrl+Shift+U in the window, then `name` typed in the box it opens."""
    answer_name_when_asked(name)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_U,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: win.user == name)


def test_switching_to_the_verifier_takes_down_the_authors_close_result_alert(
        qtbot, nominations_db, night_db):
    """alice's own close entry raises the recount alert in her window ("majority 20
    (provisional)"); bob, signing in at that window to verify it, must not read its majority
    in the banner or the status bar. A verified close result stays announced."""
    win = _window(qtbot, nominations_db, "alice")
    with Store(night_db) as night:
        real = dk.load_sheet(night, BASILDON).verified
        hendon = dk.load_sheet(night, "Hendon").verified
    with Store(nominations_db) as desk:
        dk.declare(desk, BASILDON, user="alice", figures=Figures(real.votes, real.invalid_votes),
                   overrides=["recount_range"])
    win.refresh_if_changed()
    assert "majority 20 (provisional)" in win.recount_alert.text()
    assert "majority 20" in win.statusBar().currentMessage()

    _switch_user_by_keyboard(qtbot, win, "bob")
    assert not win.recount_alert.isVisible()
    assert "majority 20" not in win.statusBar().currentMessage()

    # A close result everyone may see is still announced to whoever comes next.
    with Store(nominations_db) as desk:
        dk.declare(desk, "Hendon", user="carol",
                   figures=Figures(hendon.votes, hendon.invalid_votes),
                   overrides=["recount_range"])
        dk.verify(desk, "Hendon", user="dave", votes=hendon.votes,
                  invalid=hendon.invalid_votes)
    win.refresh_if_changed()
    assert win.recount_alert.text() == "Recount range: Hendon: Lab majority 15 (verified)"
    _switch_user_by_keyboard(qtbot, win, "erin")
    assert win.recount_alert.isVisible()
    assert win.recount_alert.text() == "Recount range: Hendon: Lab majority 15 (verified)"


def test_decide_tie_on_someone_elses_unverified_tie_lists_nothing(qtbot, nominations_db,
                                                                   monkeypatch):
    """Declaration > Decide tie by lot on alice's tie awaiting verification: bob is told the
    desk's refusal before any list of tied candidates (which would say something of her
    figures); alice gets the list of the two tied and records the draw."""
    hendon, tied = "E14001279", [100, 200, 300, 20000, 400, 500, 20000, 600]
    with Store(nominations_db) as desk:
        dk.declare(desk, hendon, user="alice", figures=Figures(tied, 50), overrides=["tie"])
    warned: list[str] = []
    listed: list[list[str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    monkeypatch.setattr(QInputDialog, "getItem",
                        lambda _p, _t, _l, names, *a: (listed.append(names), names[1], True)[1:])
    monkeypatch.setattr(lot_question, "ask_note", lambda *a, **k: "drawn from a hat")
    bob = _window(qtbot, nominations_db, "bob")
    bob.select_code(hendon)
    bob.findChild(QAction, "lotAction").trigger()
    assert warned == ["alice entered the figures of version 1 of Hendon, awaiting "
                      "verification: only alice can record a lot on them until a second "
                      "person verifies them; after that anyone can."]
    assert listed == []
    alice = _window(qtbot, nominations_db, "alice")
    alice.select_code(hendon)
    alice.findChild(QAction, "lotAction").trigger()
    assert listed == [[CHOOSE, "Ameet Jogia (Con)", "David Pinto-Duschinsky (Lab)"]]
    assert len(warned) == 1
    with Store(nominations_db) as desk:
        lot = dk.load_sheet(desk, hendon).latest
    assert (lot.kind, lot.entered_by, lot.note) == ("lot", "alice", "drawn from a hat")


def test_the_rekey_form_shows_the_enterer_name_as_typed_not_as_markup(qtbot, nominations_db,
                                                                        night_db):
    """The form's state line is rich text: an enterer named `<i>al</i>` (a name the desk
    accepts) must read as typed for the verifier, not turn into markup that could hide or
    restyle who entered it."""
    with Store(night_db) as night:
        real = dk.load_sheet(night, BASILDON).verified
    with Store(nominations_db) as desk:
        dk.declare(desk, BASILDON, user="<i>al</i>",
                   figures=Figures(real.votes, real.invalid_votes), overrides=["recount_range"])
    win = _window(qtbot, nominations_db, "bob")
    code = next(s.code for s in win.night.seats.values() if s.name == BASILDON)
    win.select_code(code)
    qtbot.keyClick(win.table, Qt.Key.Key_Return)  # Enter on the seat: verify it
    form = win.active_dialog.form
    assert form.mode is Mode.REKEY
    assert "entered by <b>&lt;i&gt;al&lt;/i&gt;</b>" in form.state_label.text()
    win.active_dialog.discard()
