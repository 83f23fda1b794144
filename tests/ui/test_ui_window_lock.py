"""File > Lock (Ctrl+L) and the idle lock, as people at a shared desk meet them: alice walks
away signed in, her Hendon form half typed; bob, at her PC, must neither read her figures
nor save them under her name. Real key presses; the idle lock waited for, never slept on."""

from __future__ import annotations

import pytest
from helpers.desk_target import copy_target
from helpers.seats import CLEAN, HENDON
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from resultsdesk.desk import accounts as acc
from resultsdesk.desk import declarations as dk
from resultsdesk.desk.drafts import abandoned_slot, load_draft
from resultsdesk.desk.sign_in_limit import FAILED, MAX_FAILED_SIGN_INS, SIGNED_IN, WINDOW_LOCKED
from resultsdesk.domain.records import replace
from resultsdesk.store import declarations as sql
from resultsdesk.ui import window_lock
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.preferences import IDLE_LOCK_KEY, load_preferences
from resultsdesk.ui.screen_cover import ScreenCover
from resultsdesk.ui.sign_in import SignInDialog

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def on_file(_sqlite_desk_target, tmp_path):
    """The small election with accounts (ann admin, alice and bob desk), a file of its own."""
    target = copy_target(_sqlite_desk_target, tmp_path)
    yield target
    target.close()


def alice_window(qtbot, t) -> MainWindow:
    application()
    desk = t.open("alice")
    win = MainWindow(t.target, user=acc.sign_in(desk, "alice", t.passwords["alice"]), desk=desk)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(lambda: win.locker.listening)  # from the first paint
    return win


def press_on_screen(qtbot, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """A key as a keyboard gives it: to the window that has the keyboard, which hands it to
    its focused widget (a key sent straight to a widget skips the window, and the window is
    where the lock hears input)."""
    qtbot.keyClick(QGuiApplication.focusWindow(), key, modifiers)


def open_hendon_typed(qtbot, win: MainWindow, figures=CLEAN[:3]):
    """alice's Hendon form, open, the first few candidates typed (Enter between them)."""
    win.focus_search()
    qtbot.keyClicks(win.search, "Hendon")
    qtbot.keyClick(win.search, Qt.Key.Key_Return)
    form = win.active_dialog.form
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.vote_edits[0])
    for value in figures:
        qtbot.keyClicks(QApplication.focusWidget(), str(value))
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    return form


def entries(desk, action: str) -> list[dict]:
    return [e for e in sql.audit_entries(desk) if e["action"] == action]


def type_into_lock(qtbot, win: MainWindow, text: str) -> None:
    """What someone at the PC types goes where the keyboard is: the lock's password box."""
    box = win.locker.dialog.password_edit
    qtbot.waitUntil(lambda: QApplication.focusWidget() is box)
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def covered_by_lock(widget) -> bool:
    return any(c.isVisible() and c.objectName() == "lockCover" and c.geometry() == widget.rect()
               for c in widget.findChildren(ScreenCover))


def test_ctrl_l_in_the_form_locks_and_only_alices_password_unlocks(qtbot, on_file):
    t = on_file
    win = alice_window(qtbot, t)
    form = open_hendon_typed(qtbot, win)
    field = QApplication.focusWidget()
    typed = [e.text() for e in form.vote_edits]
    assert QGuiApplication.focusWindow() is form.window().windowHandle()
    press_on_screen(qtbot, Qt.Key.Key_L, CTRL)  # from the form, which is modal
    assert win.locker.locked
    dialog = win.locker.dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.password_edit)
    assert QApplication.activeModalWidget() is dialog
    assert dialog.windowModality() is Qt.WindowModality.ApplicationModal
    assert covered_by_lock(win) and covered_by_lock(win.active_dialog)
    assert len(entries(win.desk, WINDOW_LOCKED)) == 1
    # bob, at the PC: Ctrl+S goes to the lock, not to alice's form; Esc leaves it up
    with qtbot.assertNotEmitted(form.saved):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, CTRL)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert dialog.isVisible() and win.locker.locked
    # a wrong password: still locked, and counted as a failed sign-in of alice's
    failed = len(entries(win.desk, FAILED))
    type_into_lock(qtbot, win, "not her password")
    assert win.locker.locked and dialog.isVisible()
    assert "Wrong password for alice" in dialog.error_label.text()
    assert dialog.password_edit.text() == ""
    assert len(entries(win.desk, FAILED)) == failed + 1
    assert entries(win.desk, FAILED)[-1]["user"] == "alice"
    assert dk.load_sheet(win.desk, HENDON).versions == ()
    # alice back: the form as she left it, the keyboard where it was
    signed = len(entries(win.desk, SIGNED_IN))
    type_into_lock(qtbot, win, t.passwords["alice"])
    assert not win.locker.locked
    assert not covered_by_lock(win) and not covered_by_lock(win.active_dialog)
    assert win.active_dialog.form is form
    assert [e.text() for e in form.vote_edits] == typed
    assert len(entries(win.desk, SIGNED_IN)) == signed + 1
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)


def test_wrong_passwords_lock_the_name_out_and_the_window_stays_locked(qtbot, on_file):
    t = on_file
    win = alice_window(qtbot, t)
    qtbot.keyClick(win.search, Qt.Key.Key_L, CTRL)
    assert win.locker.locked
    qtbot.waitUntil(lambda: QApplication.focusWidget() is win.locker.dialog.password_edit)
    for n in range(MAX_FAILED_SIGN_INS):
        type_into_lock(qtbot, win, f"guess {n}")
    type_into_lock(qtbot, win, t.passwords["alice"])  # now refused, unchecked
    assert win.locker.locked
    assert "Too many failed sign-ins for alice" in win.locker.dialog.error_label.text()


def test_a_wrong_password_says_so_without_squeezing_the_lines_above(qtbot, on_file):
    """The red line is word-wrapped: the layout's least size left its height out, and the
    two lines of the box's intro were squeezed into less than they need, their words cut."""
    win = alice_window(qtbot, on_file)
    qtbot.keyClick(win.search, Qt.Key.Key_L, CTRL)
    type_into_lock(qtbot, win, "wrong")
    dialog = win.locker.dialog
    qtbot.waitUntil(dialog.error_label.isVisible)
    intro, error = dialog.intro, dialog.error_label
    assert intro.height() >= intro.sizeHint().height()
    assert error.height() >= error.heightForWidth(error.width())


def test_switch_user_from_the_lock_closes_alices_form_and_keeps_her_draft(qtbot, on_file):
    t = on_file
    win = alice_window(qtbot, t)
    form = open_hendon_typed(qtbot, win)
    press_on_screen(qtbot, Qt.Key.Key_L, CTRL)
    dialog = win.locker.dialog

    seen_covered: list[bool] = []

    def signs_in(name: str) -> None:  # once Switch user's sign-in is up (its own loop)
        sign_in = QApplication.activeModalWidget()
        if not isinstance(sign_in, SignInDialog):
            QTimer.singleShot(10, QApplication.instance(), lambda: signs_in(name))
            return
        seen_covered.append(covered_by_lock(win) and (
            win.active_dialog is None or covered_by_lock(win.active_dialog)))
        qtbot.keyClicks(sign_in.name_edit, name)
        qtbot.keyClicks(sign_in.password_edit, t.passwords[name])
        qtbot.keyClick(sign_in.password_edit, Qt.Key.Key_Return)

    QTimer.singleShot(0, QApplication.instance(), lambda: signs_in("bob"))
    qtbot.keyClick(dialog.switch_button, Qt.Key.Key_Space)
    assert seen_covered == [True]  # alice's window and form hidden while bob signs in
    assert win.user == "bob" and not win.locker.locked
    assert win.active_dialog is None  # alice's form: closed, never bob's to read or save
    assert not form.isVisible()
    assert dk.load_sheet(win.desk, HENDON).versions == ()
    folder, where = win._draft_place()
    slot = abandoned_slot(folder, where, "alice")  # offered to her when she signs in again
    assert slot is not None
    assert load_draft(slot.path).fields == {"votes_0": "2667", "votes_1": "1966",
                                            "votes_2": "139"}
    slot.release()
    assert abandoned_slot(folder, where, "bob") is None
    # bob locks in turn; alice, back, signs in from his lock: her figures are offered to her
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is win.windowHandle())  # his keys
    press_on_screen(qtbot, Qt.Key.Key_L, CTRL)
    seen_covered.clear()
    QTimer.singleShot(0, QApplication.instance(), lambda: signs_in("alice"))
    qtbot.keyClick(win.locker.dialog.switch_button, Qt.Key.Key_Space)
    assert win.user == "alice"
    asked: list[str] = []

    def restore_when_asked() -> None:  # the question runs its own loop: answered from it
        question = QApplication.activeModalWidget()
        if not isinstance(question, QMessageBox):
            QTimer.singleShot(10, QApplication.instance(), restore_when_asked)
            return
        asked.append(f"{question.objectName()}: {question.text()}")
        qtbot.keyClick(question, Qt.Key.Key_Return)  # restore

    QTimer.singleShot(0, QApplication.instance(), restore_when_asked)
    qtbot.waitUntil(lambda: win.active_dialog is not None)
    # said as it was: bob took the PC; not "when ResultsDesk closed unexpectedly"
    assert asked == ["restoreDraftQuestion: alice was typing figures for Hendon when someone "
                     "else signed in at this PC. Restore them?"]
    assert [e.text() for e in win.active_dialog.form.vote_edits[:3]] == ["2667", "1966", "139"]


def test_the_idle_lock_fires_after_the_set_time(qtbot, on_file, monkeypatch):
    monkeypatch.setattr(window_lock, "MS_PER_MINUTE", 30)  # a "minute" of 30 ms
    QSettings().setValue(IDLE_LOCK_KEY, 1)
    win = alice_window(qtbot, on_file)
    assert win.prefs.idle_lock_minutes == 1
    qtbot.waitUntil(lambda: win.locker.locked, timeout=5_000)
    assert covered_by_lock(win)
    assert entries(win.desk, WINDOW_LOCKED)[-1]["details"] == {"idle_minutes": 1}


def test_the_idle_lock_waits_while_someone_types(qtbot, on_file, monkeypatch):
    monkeypatch.setattr(window_lock, "MS_PER_MINUTE", 40)  # idle after 0.04 s of its clock
    QSettings().setValue(IDLE_LOCK_KEY, 0)  # (off until the test's clock is in place)
    win = alice_window(qtbot, on_file)
    now = [100.0]
    win.locker.clock = lambda: now[0]  # the time as the test says it: no timed assertion
    win.prefs = replace(win.prefs, idle_lock_minutes=1)  # as Preferences' OK applies it
    win.locker.apply_preferences()
    for _ in range(4):
        press_on_screen(qtbot, Qt.Key.Key_H)  # a key, 0.03 s after the last
        now[0] += 0.03
        with qtbot.waitSignal(win.locker.idle_looked, timeout=5_000):
            pass
        assert not win.locker.locked
    now[0] += 0.02  # 0.05 s since the last key
    qtbot.waitUntil(lambda: win.locker.locked, timeout=5_000)


def test_no_idle_lock_at_zero_minutes(qtbot, on_file):
    QSettings().setValue(IDLE_LOCK_KEY, 0)
    win = alice_window(qtbot, on_file)
    assert not win.locker.timer.isActive()
    win.locker.clock = lambda: 1e9
    win.locker._look_at_idle()
    assert not win.locker.locked


def test_the_idle_preference_is_read_within_its_range(qt_settings):
    QSettings().setValue(IDLE_LOCK_KEY, "99999999999999999999")
    assert load_preferences().idle_lock_minutes == 1440
    QSettings().setValue(IDLE_LOCK_KEY, "nan")
    assert load_preferences().idle_lock_minutes == 10


def test_nothing_of_the_night_shows_on_the_locked_window(qtbot, on_file, tmp_path):
    win = alice_window(qtbot, on_file)
    win.resize(1200, 760)
    qtbot.keyClick(win.search, Qt.Key.Key_L, CTRL)
    image = win.grab().toImage()
    background = image.pixelColor(2, 2)
    label = win.findChild(ScreenCover, "lockCover").label
    middle = label.mapTo(win, label.rect().center()).y()
    words = range(middle - label.fontMetrics().height(), middle + label.fontMetrics().height())
    odd = [(x, y) for x in range(0, image.width(), 5) for y in range(0, image.height(), 5)
           if y not in words and image.pixelColor(x, y) != background]
    assert odd == []  # one colour, edge to edge, but for the lock's own line of words
    image.save(str(tmp_path / "locked.png"))


def test_an_open_desk_locks_by_hand_and_goes_on_without_a_password(qtbot, main_window,
                                                                   nominations_db):
    """An open desk has no passwords: File > Lock covers the window (a passer-by reads
    nothing), Enter goes on as the name typed; it never locks itself."""
    win = main_window(nominations_db, user="alice")
    win.activateWindow()
    qtbot.waitUntil(lambda: win.locker.listening)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    win.focus_search()
    qtbot.keyClick(win.search, Qt.Key.Key_L, CTRL)
    assert win.locker.locked and covered_by_lock(win)
    button = win.locker.dialog.unlock_button
    qtbot.waitUntil(lambda: QApplication.focusWidget() is button)
    qtbot.keyClick(button, Qt.Key.Key_Return)
    assert not win.locker.locked and win.user == "alice"
    assert entries(win.desk, WINDOW_LOCKED) == []  # an open desk records no sign-ins
    win.locker.clock = lambda: 1e9  # idle for ever
    win.locker._look_at_idle()
    assert not win.locker.locked


def test_the_idle_timer_stops_with_the_window(qtbot, on_file):
    win = alice_window(qtbot, on_file)
    assert win.locker.timer.isActive()  # 10 minutes by default
    win.close()
    assert not win.locker.timer.isActive()


def test_a_message_raised_while_locked_leaves_the_keyboard_in_the_lock(qtbot, on_file):
    """The night goes on under the lock: an import that ends (or fails), a rehearsal's
    note, raises its box. Shown last, it would take the keyboard: a passer-by's Enter
    answering it unseen, alice's password typed into it."""
    t = on_file
    win = alice_window(qtbot, t)
    qtbot.keyClick(win.search, Qt.Key.Key_L, CTRL)
    lock = win.locker.dialog
    seen: list[str] = []
    failure: list[BaseException] = []

    def at_the_desk() -> None:  # in the box's own loop, once it is up
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, QApplication.instance(), at_the_desk)
            return
        try:
            qtbot.waitUntil(lambda: QApplication.activeModalWidget() is lock)
            assert covered_by_lock(box)
            qtbot.waitUntil(lambda: QApplication.focusWidget() is lock.password_edit)
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # a passer-by
            assert box.isVisible() and box.clickedButton() is None
            assert lock.error_label.text() == "Type your password."
            type_into_lock(qtbot, win, t.passwords["alice"])
            assert not win.locker.locked
            seen.append("unlocked")
            qtbot.waitUntil(lambda: QApplication.activeModalWidget() is box)
        except BaseException as exc:  # (the box closed all the same: no test left hanging)
            failure.append(exc)
        box.reject()

    QTimer.singleShot(0, QApplication.instance(), at_the_desk)
    QMessageBox.question(win, "Import failed", "Try the import again?")
    if failure:
        raise failure[0]
    assert seen == ["unlocked"]  # and the box, once alice was back, hers to answer


def test_a_window_closed_before_its_first_paint_never_hears_the_app(qtbot, on_file):
    """Its first-paint call comes on a timer even so: the app's input filter then stayed on
    for a window gone, and a Ctrl+L in another window's dialog locked the app for it."""
    t = on_file
    application()
    desk = t.open("alice")
    win = MainWindow(t.target, user=acc.sign_in(desk, "alice", t.passwords["alice"]), desk=desk)
    qtbot.addWidget(win)
    win.close()
    win._first_paint_overdue()  # (its timer's call, five seconds on)
    assert not win.locker.listening
