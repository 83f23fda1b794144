"""The red banner's way out once it has been looked into: a log whose newest entry this PC
saw is gone (a file swapped overnight for an older copy) was said at every opening for
good. An admin accepts the log as it stands from the banner, the reason typed and recorded
in the log (`desk.audit_accept`); anyone else is told to ask an admin."""

from __future__ import annotations

from helpers.audit_rewrite import add_accounts, taken_back_overnight
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton

from resultsdesk.desk.audit_accept import accept_rewritten_log
from resultsdesk.desk.audit_memory import remember
from resultsdesk.desk.audit_text import trail_lines
from resultsdesk.store import Store
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow

REASON = "copy from 02:00 put back after the disk failed"


def _morning(qtbot, db, user: str) -> MainWindow:
    application()
    win = MainWindow(db, user=user)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.waitUntil(lambda: win.audit.result is not None, timeout=10_000)
    assert win.audit.result.seen_gone and win.audit_banner.isVisible()
    return win


def test_an_admin_accepts_the_log_from_the_banner_and_it_reads_intact(qtbot, nominations_db,
                                                                       tmp_path):
    add_accounts(nominations_db)
    seen = taken_back_overnight(nominations_db, tmp_path)
    win = _morning(qtbot, nominations_db, "root")
    button = win.audit_banner.findChild(QPushButton, "acceptAuditLog")
    assert button.isVisible() and button.text() == "Accept the log as it stands…"
    assert "accept the log as it stands (the button)" in win.audit_banner.text()
    button.setFocus(Qt.FocusReason.TabFocusReason)  # a button like any: Tab reaches it
    qtbot.keyClick(button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: win.audit.accept_dialog is not None
                    and win.audit.accept_dialog.isVisible())
    box = win.audit.accept_dialog.findChild(QLineEdit)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is box)  # typed into at once
    qtbot.keyClicks(box, REASON)
    qtbot.keyClick(box, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: win.audit_banner.isHidden())
    assert win.audit.result.intact
    assert win.audit_label.text().startswith("Audit chain intact · head ")
    assert win.statusBar().currentMessage().startswith("Accepted the audit log as it stands:")
    with Store(nominations_db) as store:
        last = trail_lines(store)[-1].text
    assert last.startswith("root accepted the audit log as it stands, to entry ")
    assert f"with entry {seen.head_id} (hash {seen.head_hash[:16]}…)" in last
    assert last.endswith(f"reason: “{REASON}”")
    win.audit.result = None  # and the next check, anchored at the acceptance, agrees
    win.audit.start(win.db_path, win.desk, quietly=True)
    qtbot.waitUntil(lambda: win.audit.result is not None, timeout=10_000)
    assert win.audit.result.intact and win.audit_banner.isHidden()


def test_a_desk_account_is_told_to_ask_an_admin(qtbot, nominations_db, tmp_path):
    add_accounts(nominations_db)
    taken_back_overnight(nominations_db, tmp_path)
    win = _morning(qtbot, nominations_db, "alice")
    assert win.audit_banner.findChild(QPushButton, "acceptAuditLog").isHidden()
    assert win.audit_banner.text().endswith(
        "Once it is explained, ask an admin to accept the log as it stands (this banner's "
        "button, or 'resultsdesk audit --accept-rewrite'), with the reason: it is recorded "
        "in the log.")


def test_another_pc_opened_after_the_acceptance_says_it_once_in_red_not_broken(
        qtbot, nominations_db, tmp_path, monkeypatch):
    """The log accepted at one PC; a laptop that saw the same newest entry opens the night:
    no red banner, the label says the log was accepted as it stands, and the status bar
    says by whom and why, in red (figures that were on air may be gone)."""
    add_accounts(nominations_db)
    seen = taken_back_overnight(nominations_db, tmp_path)
    with Store(nominations_db) as store:
        accept_rewritten_log(store, "root", REASON)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "laptop"))  # the laptop's memory
    with Store(nominations_db) as store:
        remember(store, seen)
    application()
    win = MainWindow(nominations_db, user="alice")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.audit.result is not None, timeout=10_000)
    check = win.audit.result
    assert check.intact and check.accepted.startswith("root accepted the audit log as it ")
    assert win.audit_banner.isHidden()
    assert win.audit_label.text().startswith("Audit chain intact · accepted as it stands · ")
    assert check.accepted in win.audit_label.toolTip()
    assert win.statusBar().currentMessage() == f"AUDIT LOG ACCEPTED AS IT STANDS: {check.accepted}"
