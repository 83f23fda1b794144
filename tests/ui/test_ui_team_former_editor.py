"""An editor made a desk account mid-night (to help verify) is not offered the re-key of
figures keyed while it was an editor: the save would refuse it whatever is typed
(migration 71), so the window says so before a whole sheet is keyed blind, as it does for
an author's own entry; a seat keyed after the change opens as for anyone."""

from __future__ import annotations

from helpers.desk_target import server_fixture  # noqa: F401  (fixture)
from helpers.seats import CLEAN, HENDON
from helpers.team_window import team_window
from PySide6.QtWidgets import QMessageBox

from resultsdesk.desk import accounts as acc
from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.ui.form_checks import Mode


def test_a_former_editor_is_told_before_keying_a_sheet_it_read(qtbot, server, monkeypatch):
    t = server
    dk.declare(t.open("alice"), HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    eve = team_window(qtbot, t, "eve")  # an editor: her window shows alice's figures
    acc.change_role(t.open("ann"), t.name("eve"), "desk", admin=t.name("ann"))
    qtbot.waitUntil(lambda: eve.account.role == "desk")
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))

    assert eve.open_form(HENDON, Mode.REKEY) is None  # no blank sheet to key for nothing
    assert eve.active_dialog is None
    assert len(told) == 1 and (
        f"{t.name('eve')} was an editor account while figures of Hendon awaited "
        "verification") in told[0], told

    dk.verify(t.open("bob"), HENDON, user=t.name("bob"), votes=CLEAN, invalid=50)
    dk.correct(t.open("alice"), HENDON, Figures((CLEAN[0] + 1, *CLEAN[1:]), 50),
               reason="RO restated", user=t.name("alice"))
    dialog = eve.open_form(HENDON, Mode.REKEY)  # keyed after the change: hers to verify
    assert dialog is not None and dialog.form.mode is Mode.REKEY
    assert len(told) == 1
