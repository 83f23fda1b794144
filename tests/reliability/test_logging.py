"""The desk's log: a rotating file in the data folder with what the desk did and every
error; never a password; Help > Open log folder shows it."""

from __future__ import annotations

import logging
import os
import re
import sqlite3
from pathlib import Path

from helpers.cli import run_cli
from helpers.seats import CLEAN, HENDON, PARTIES

from resultsdesk import cli, logs
from resultsdesk.paths import log_dir
from resultsdesk.store.database import BUSY_TIMEOUT_ENV


def log_text() -> str:
    return (log_dir() / logs.LOG_NAME).read_text(encoding="utf-8")


def test_the_log_lives_in_the_data_folder_and_rotates(tmp_path):
    assert run_cli("summary", "--db", tmp_path / "none.db")[0] == 1
    expected = Path(os.environ["XDG_DATA_HOME"]) / "ResultsDesk" / "logs" / "resultsdesk.log"
    assert logs.log_file() == expected.resolve() and expected.is_file()
    handler = next(h for h in logging.getLogger("resultsdesk").handlers
                   if isinstance(h, logs.DeskLogHandler))
    assert (handler.maxBytes, handler.backupCount) == (logs.MAX_BYTES, logs.BACKUP_COUNT)
    handler.maxBytes = 2_000
    try:
        for i in range(40):
            logging.getLogger("resultsdesk.test").info("line %d of a long night", i)
    finally:
        handler.maxBytes = logs.MAX_BYTES
    assert (expected.parent / "resultsdesk.log.1").is_file()


def test_what_the_desk_did_is_logged(nominations_db, tmp_path):
    votes = [f"--vote={p}={n}" for p, n in zip(PARTIES, CLEAN, strict=True)]
    seat = ["--db", nominations_db, "--constituency", HENDON]
    assert run_cli("declare", *seat, "--user", "alice", *votes, "--invalid", "120")[0] == 0
    assert run_cli("verify", *seat, "--user", "bob", *votes, "--invalid", "120")[0] == 0
    assert run_cli("export", "results", "--db", nominations_db, "--out",
                   tmp_path / "r.csv")[0] == 0
    assert run_cli("audit", "--db", nominations_db, "--out", tmp_path / "a.json")[0] == 0
    assert run_cli("backup", "--db", nominations_db, "--out", tmp_path / "b.db")[0] == 0
    text = log_text()
    for line in (f"resultsdesk.cli: ResultsDesk {cli.__version__}: declare --db {nominations_db}",
                 f"opened {nominations_db}",
                 f"{nominations_db.name}: declare constituency {HENDON} by alice",
                 f"{nominations_db.name}: verify constituency {HENDON} by bob",
                 f"exported 1 verified results to {tmp_path / 'r.csv'}",
                 f"exported 5 audit entries to {tmp_path / 'a.json'}",
                 f"backed up {nominations_db} to {tmp_path / 'b.db'}"):
        assert line in text, line
    assert "18000" not in text and "12000" not in text  # figures stay in the audit log


def test_a_bulk_import_is_one_line_per_action(nominations_db):
    from helpers.locations import GE2024

    assert run_cli("import", "results", GE2024, "--db", nominations_db)[0] == 0
    text = log_text()
    assert f"{nominations_db.name}: import declaration x650 by import" in text
    assert text.count("import declaration") == 1


def test_environment_errors_are_logged_with_their_traceback(nominations_db, monkeypatch):
    monkeypatch.setenv(BUSY_TIMEOUT_ENV, "50")
    holder = sqlite3.connect(nominations_db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code, _, err = run_cli("recount", "--db", nominations_db, "--constituency", HENDON,
                               "--user", "ann")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 1 and "is locked by another program" in err
    text = log_text()
    assert "WARNING" in text and "is locked by another program" in text
    assert "Traceback (most recent call last)" in text
    # a refusal by a desk rule is one line, no traceback
    code, _, _ = run_cli("withdraw", "--db", nominations_db, "--constituency", HENDON,
                         "--user", "ann")
    assert code == 1
    assert log_text().count("Traceback") == text.count("Traceback")


def test_a_name_whose_bytes_are_not_utf8_is_logged_whole(tmp_path):
    """A path whose bytes are not UTF-8 (held as lone surrogates): the encoder refused it,
    and the log lost the whole line. Handed to the log's own handler (pytest's captured
    log would hold it as it is, which xdist cannot send back from its worker)."""
    assert logs.setup_logging(tmp_path) == (tmp_path / logs.LOG_NAME).resolve()
    handler = next(h for h in logging.getLogger("resultsdesk").handlers
                   if isinstance(h, logs.DeskLogHandler))
    name = os.fsdecode(b"night\xff.db")
    handler.emit(logging.makeLogRecord({"name": "resultsdesk.store", "levelno": logging.INFO,
                                        "levelname": "INFO", "msg": "opened %s",
                                        "args": (name,)}))
    handler.flush()
    # (the byte as Python holds it, \udcff: the line kept, readable as UTF-8)
    assert "opened night\\udcff.db" in (tmp_path / logs.LOG_NAME).read_text(encoding="utf-8")


def test_never_a_password(tmp_path):
    assert logs.setup_logging(tmp_path) == (tmp_path / logs.LOG_NAME).resolve()
    log = logging.getLogger("resultsdesk.accounts")
    log.info("login for ann with password=%s", "hunter2")
    log.warning("token: abc123 refused; Passphrase = 'open sesame'")
    text = (tmp_path / logs.LOG_NAME).read_text(encoding="utf-8")
    assert "hunter2" not in text and "abc123" not in text and "open" not in text
    assert "password=***" in text and "token: ***" in text and "Passphrase = ***" in text


def test_a_log_that_cannot_be_written_does_not_stop_the_desk(tmp_path, capsys):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    assert logs.setup_logging(blocker / "logs") is None
    logging.getLogger("resultsdesk.test").error("nobody will read this")
    assert capsys.readouterr().err == ""


def test_help_opens_the_log_folder(qtbot, night_db, qt_settings, monkeypatch):
    from PySide6.QtGui import QAction, QDesktopServices

    from resultsdesk.ui import about
    from resultsdesk.ui.app import application
    from resultsdesk.ui.main_window import MainWindow

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    application()
    logs.setup_logging()
    window = MainWindow(night_db, user="ann")
    qtbot.addWidget(window)
    action = window.findChild(QAction, "openLogFolderAction")
    assert action is not None and action.text() == "Open &log folder"
    assert action in window.menuBar().actions()[-1].menu().actions()  # under Help
    action.trigger()
    assert opened == [str(log_dir().resolve())]
    assert about.log_folder() == log_dir().resolve()


def test_an_unhandled_exception_in_the_app_is_logged(capsys):
    from resultsdesk.ui.app import _log_unhandled

    logs.setup_logging()
    try:
        raise ValueError("a slot went wrong")
    except ValueError as exc:
        _log_unhandled(type(exc), exc, exc.__traceback__)
    assert "unhandled exception in the app (a bug)" in log_text()
    assert "ValueError: a slot went wrong" in log_text()
    assert "a slot went wrong" in capsys.readouterr().err  # and printed, as Python would


def test_never_a_password_in_a_server_url_whatever_it_holds():
    """A password in --db's URL is left out of the log (and of what the desk shows), as
    libpq reads the URL: up to the first '@' before any '/' is the account and password,
    so one holding a '?' or a '#' (libpq takes both) is a password too. The log recorded
    `summary --db postgresql://ann:s3cret?x@...` whole."""
    from resultsdesk.desk.session import redacted

    for password in ("s3cret?x", "s3c#ret", "s?3#c"):
        url = f"postgresql://ann:{password}@127.0.0.1:1/ge2024"
        assert redacted(url) == "postgresql://ann@127.0.0.1:1/ge2024"
        assert run_cli("summary", "--db", url)[0] == 1
        assert password not in log_text()
    # A URL libpq cannot read: its words quoted the URL, or the password itself, whole.
    for password, url in (("s3cr%zzet", "postgresql://ann:s3cr%zzet@dbhost/ge2024"),
                          ("s3cret", "postgresql://ann:s3cret@[::1/ge2024")):
        for command in (["summary", "--db", url], ["init", "--db", url, "--name", "X"]):
            code, _, err = run_cli(*command)
            assert code == 1 and "Not a PostgreSQL connection URL" in err, command
            assert password not in err and password not in log_text(), command
            assert "\\n" not in err, err  # libpq's line end, once shown as \n by init


def test_never_a_password_in_a_url_query_libpq_cannot_read():
    """A password given as the URL's `?password=` with a bad %-escape: libpq's words
    ("invalid percent-encoded token: \\"...\\"") quote it whole, and only a password written
    before the '@' was left out of them: stderr and the log had the password."""
    url = "postgresql://ann@127.0.0.1:1/ge2024?password=s3cr%zzet"
    for command in (["summary", "--db", url], ["init", "--db", url, "--name", "X"]):
        code, _, err = run_cli(*command)
        assert code == 1 and "Not a PostgreSQL connection URL" in err, command
        assert "s3cr%zzet" not in err and "s3cr%zzet" not in log_text(), command


def test_never_part_of_a_password_holding_an_unescaped_at_sign():
    """A password holding an '@' written as it is (`ann:s3c@ret@dbhost`): libpq ends the
    password at the first '@' and takes the rest ("ret@dbhost") for the server's name, so
    "cannot reach the server for postgresql://ann@ret@127.0.0.1:1/ge2024" (and libpq's
    words in the log) showed the password's end to anyone reading the screen or the log."""
    url = "postgresql://ann:s3c@r3tZq9@127.0.0.1:1/ge2024"
    for command in (["summary", "--db", url], ["init", "--db", url, "--name", "X"]):
        code, _, err = run_cli(*command)
        assert code == 1, command
        assert "r3tZq9" not in err and "r3tZq9" not in log_text(), (command, err)


def test_never_part_of_a_password_holding_a_separator_written_as_it_is(tmp_path):
    """A password holding '/' written as it is (`ann:s3c/r3tZq9@dbhost`): libpq ends the
    account at the '/', takes "ann" for the server, "s3c" for its port and the rest for
    the database, so "cannot reach the server for postgresql://ann:s3c/r3tZq9@..." showed
    it. One given as `?password=s3c&r3tZq9` (libpq ends it at the '&') was quoted back as
    a parameter libpq could not read. Both are refused before they are used, asking for
    the %-escape, and never shown; one libpq reads as meant ('#', or a '/' after
    `?password=`) is not shown either: `backup` named "r3tZq9" as the database to dump."""
    from resultsdesk.desk.session import redacted

    for url, secret in (("postgresql://ann:s3c/r3tZq9@127.0.0.1:1/ge2024", ("s3c", "r3tZq9")),
                        ("postgresql://ann:12/r3tZq9@127.0.0.1:1/ge2024", ("r3tZq9",)),
                        ("postgresql://ann:s3c/x?r3tZq9@127.0.0.1:1/ge", ("s3c", "r3tZq9")),
                        ("postgresql://ann@127.0.0.1:1/ge?password=s3c&r3tZq9", ("r3tZq9",)),
                        ("postgresql://ann@127.0.0.1:1/ge?password=s3c&r3tZq9=x",
                         ("r3tZq9",)),
                        ("postgresql://ann@127.0.0.1:1/ge?password=s3c#r3tZq9", ("r3tZq9",)),
                        ("postgresql://ann@127.0.0.1:1/ge?password=s3c/r3tZq9", ("r3tZq9",))):
        assert not any(s in redacted(url) for s in secret), url
        for command in (["summary", "--db", url], ["init", "--db", url, "--name", "X"],
                        ["backup", "--db", url, "--out", tmp_path / "b.db"]):
            code, out, err = run_cli(*command)
            assert code == 1, (command, err)
            assert not any(s in out + err + log_text() for s in secret), (command, err)
            if command[0] != "backup" and not re.search("[#/]r3t", url):  # libpq's as meant
                assert "%" in err and len(err.strip().splitlines()) == 1, (command, err)
