"""A name made by hand in sqlite3 into what no read can take (a blob, bytes that are not
UTF-8): the night's first read stopped on an error of no kind the store knows, and the app
left with a traceback, no box. Judged as every failure is (`desk.failures`), it is said in
the box as the file's damage, naming the value and the restore hint."""

from __future__ import annotations

import pytest
from helpers.tampering import by_hand

from resultsdesk.ui import app as uiapp
from resultsdesk.ui import messages
from resultsdesk.ui.app import application

_A_CANDIDATE = "(SELECT min(candidate_id) FROM declaration_votes)"
NAMES = {
    "a candidate's name made a blob": (
        f"UPDATE candidates SET first_name = X'ff' WHERE id = {_A_CANDIDATE}",
        "candidates.first_name holds X'FF'"),
    "a candidate's name not UTF-8": (
        f"UPDATE candidates SET surname = CAST(X'ff626f62' AS TEXT) WHERE id = {_A_CANDIDATE}",
        "not UTF-8"),
    "a seat's name made a blob": ("UPDATE constituencies SET name = X'00ff' WHERE id = 3",
                                  "constituencies.name holds X'00FF'"),
}


@pytest.mark.parametrize("change", NAMES)
def test_the_box_says_the_file_is_damaged(qtbot, night_db, monkeypatch, change):
    statement, said = NAMES[change]
    by_hand(night_db, statement).close()
    application()
    boxes: list[tuple] = []
    monkeypatch.setattr(messages, "tell", lambda *args, **_: boxes.append(args))
    monkeypatch.setattr(uiapp, "_who_is_at_the_desk", lambda desk, user: "alice")
    assert uiapp.open_window(night_db, user="alice") is None  # no window, and no traceback
    (_, title, text, icon), = boxes
    assert title == "ResultsDesk"
    assert icon == "critical" and "is damaged" in text, text
    assert said in text and "audit --check" in text and "restore" in text, text
