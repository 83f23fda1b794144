"""`export` from a database whose record no longer matches its audit log: written all the
same (the desk may need it on air), and said in one line on stderr, as the window's red
banner says it. A script exporting for air had been told nothing."""

from __future__ import annotations

import pytest
from helpers.cli import run_cli
from helpers.tampering import drop_triggers, put_back_triggers, raw


def _tamper(db) -> None:
    conn = raw(db)
    saved = drop_triggers(conn)
    conn.execute("UPDATE audit_log SET user = 'mallory' WHERE id = 3")
    put_back_triggers(conn, saved)
    conn.close()


@pytest.mark.parametrize(("kind", "out"), [("results", "results.csv"),
                                           ("seats", "seats.json"), ("all", "graphics")])
def test_an_export_of_a_changed_record_says_so(night_db, tmp_path, kind, out):
    if kind != "all":  # (every graphic twice would take the time of a dozen tests)
        code, _out, err = run_cli("export", kind, "--db", night_db, "--out", tmp_path / out)
        assert code == 0 and err == ""  # intact: nothing said
    _tamper(night_db)
    code, printed, err = run_cli("export", kind, "--db", night_db, "--out", tmp_path / out)
    assert code == 0 and "Wrote" in printed
    assert err.startswith("resultsdesk: warning: exported all the same; the database's "
                          "audit chain BROKEN at entry 3")
    assert len(err.splitlines()) == 1


def test_an_export_whose_check_cannot_run_is_written_and_said(night_db, tmp_path,
                                                              monkeypatch):
    """The check after the export failing (a server refusing a second connection, a file
    that cannot be opened again) made a written export exit 1, as if it had failed."""
    import resultsdesk.desk.audit as audit

    def refused(_desk):
        raise OSError("too many connections")

    monkeypatch.setattr(audit, "check_desk", refused)
    out = tmp_path / "seats.json"
    code, printed, err = run_cli("export", "seats", "--db", night_db, "--out", out)
    assert code == 0 and out.exists() and "Wrote" in printed
    assert err == ("resultsdesk: warning: exported all the same; the database's audit chain "
                   "could not be checked (too many connections)\n")
