"""File > Import on a team desk whose connection broke as the import was committed: the
server may have kept all of it ("saved whole or not at all"). The box said so and then
"Nothing was imported.", while every seat of the file was on air, verified; imported
again on that word, each seat got a second verified version. Now the box says the import
may have been saved and to look before importing again (an import refused before
anything was sent still says nothing was imported: tests/ui/test_ui_import_new_seats.py)."""

from __future__ import annotations

import pytest
from helpers.desk_target import server_fixture, trimmed  # noqa: F401  (fixture)
from helpers.import_menu import import_by_menu
from helpers.pg_proxy import LossyRelay
from helpers.seats import HENDON
from PySide6.QtWidgets import QMessageBox

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.accounts import server_account
from resultsdesk.desk.session import open_desk
from resultsdesk.paths import CONSTITUENCIES_2024, ELECTION_2024, data_file
from resultsdesk.store.postgres import calls
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow


@pytest.fixture
def relay(pg_cluster):
    relay = LossyRelay(pg_cluster.port)
    yield relay
    relay.close()


def _files(folder):
    return (trimmed(data_file(ELECTION_2024), folder / "results.csv", (HENDON,)),
            trimmed(data_file(CONSTITUENCIES_2024), folder / "cons.csv", (HENDON,)))


def _ann(qtbot, t, relay) -> MainWindow:
    application()
    database = str(t.target).rsplit("/", 1)[1]
    desk = open_desk(relay.url(t.name("ann"), t.passwords["ann"], database))
    win = MainWindow(desk.path, user=server_account(desk), desk=desk)
    qtbot.addWidget(win)
    win.show()
    return win


def test_an_import_whose_commit_went_unheard_is_not_said_to_have_imported_nothing(
        qtbot, server, relay, monkeypatch, tmp_path):
    t = server
    results, constituencies = _files(tmp_path)
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, *said: told.append(said))
    real = calls.import_results

    def then_the_commit_goes_unheard(conn, file, data):
        done = real(conn, file, data)
        relay.lose_reply_to("COMMIT")  # the server commits; the desk never hears it
        return done

    monkeypatch.setattr(calls, "import_results", then_the_commit_goes_unheard)
    win = _ann(qtbot, t, relay)
    import_by_menu(qtbot, win, monkeypatch, "importResults", results,
                   constituencies=constituencies)
    qtbot.waitUntil(lambda: bool(told))
    assert relay.cut.is_set()
    verified = dk.load_sheet(t.open("eve"), HENDON).verified
    assert verified is not None and verified.verified_by == t.name("ann")  # it landed
    title, text = told[0]
    assert title == "Import failed"
    assert "Nothing was imported" not in text, text
    assert "may have been saved" in text and "before importing" in text, text

