"""The command line on a PostgreSQL server: the issue's "done means" (init on a server, the
README's 2024 night, the same `summary --json` as on a file, byte for byte once keys are
sorted), and every kind of command with --db postgresql://..., signing in to the server.
"""

from __future__ import annotations

import contextlib
import io
import json

import pytest
from helpers.desk_target import (
    server_fixture,  # noqa: F401  (fixture)
    )
from helpers.locations import GE2024, GE2024_SEATS, NOTIONAL

from resultsdesk import cli

HENDON = "E14001279"
VOTES = ["--vote", "Green=2667", "--vote", "LD=1966", "--vote", "SDP=139", "--vote",
         "Con=12000", "--vote", "WPB=1518", "--vote", "RUK=3038", "--vote", "Lab=18000",
         "--vote", "REU=233", "--invalid", "50"]


@pytest.fixture(autouse=True)
def _no_passwords_in_env(monkeypatch):
    for name in ("RESULTSDESK_PASSWORD", "RESULTSDESK_NEW_PASSWORD", "PGPASSWORD"):
        monkeypatch.delenv(name, raising=False)


def run(argv: list[str], monkeypatch, password: str | None = None,
        new_password: str | None = None) -> tuple[int, str, str]:
    with monkeypatch.context() as mp:
        if password is not None:
            mp.setenv("RESULTSDESK_PASSWORD", password)
        if new_password is not None:
            mp.setenv("RESULTSDESK_NEW_PASSWORD", new_password)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(argv)
    return code, out.getvalue(), err.getvalue()


def ok(result: tuple[int, str, str]) -> str:
    code, out, err = result
    assert (code, err) == (0, ""), err
    return out


def refused(result: tuple[int, str, str], *fragments: str) -> str:
    code, _out, err = result
    lines = err.strip().splitlines()
    assert code == 1 and len(lines) == 1 and lines[0].startswith("resultsdesk: error: "), err
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def night(db: str, monkeypatch) -> dict:
    """The README's 2024 night on `db` through the command line: the summary and exports."""
    ok(run(["import", "results", str(GE2024), "--db", db, "--constituencies",
            str(GE2024_SEATS)], monkeypatch))
    ok(run(["import", "baseline", str(NOTIONAL), "--db", db], monkeypatch))
    return json.loads(ok(run(["summary", "--db", db, "--json"], monkeypatch)))


def test_the_2024_night_gives_the_same_summary_on_a_server(pg_cluster, tmp_path, monkeypatch):
    name = "UK general election 2024"
    local = str(tmp_path / "night.db")
    server = pg_cluster.superuser_url("rd_cli_night")
    ok(run(["init", "--db", local, "--name", name], monkeypatch))
    said = ok(run(["init", "--db", server, "--name", name], monkeypatch))
    assert "created and prepared for ResultsDesk: schema" in said
    assert "users add NAME --role admin" in said
    on_file, on_server = night(local, monkeypatch), night(server, monkeypatch)
    assert json.dumps(on_server, sort_keys=True, ensure_ascii=False, indent=2) == \
        json.dumps(on_file, sort_keys=True, ensure_ascii=False, indent=2)
    assert on_server["declared"] == 650 and on_server["seats"]["Lab"] == 411
    assert ok(run(["summary", "--db", server], monkeypatch)) == \
        ok(run(["summary", "--db", local], monkeypatch))

    # the exports read the same verified results, to the byte
    for db, out in ((local, tmp_path / "file.csv"), (server, tmp_path / "server.csv")):
        ok(run(["export", "results", "--db", db, "--out", str(out)], monkeypatch))
    for part in ("", "-constituencies"):  # by candidate, by constituency
        assert (tmp_path / f"file{part}.csv").read_bytes() == \
            (tmp_path / f"server{part}.csv").read_bytes()
    # init again: nothing to do but check the grants
    assert "already at schema" in ok(run(["init", "--db", server, "--name", name],
                                         monkeypatch))
    assert "audit chain intact" in ok(run(["audit", "--check", "--db", server], monkeypatch))


def test_declare_verify_history_and_audit_on_a_server(server, monkeypatch, tmp_path):
    t, db = server, str(server.target)

    def as_user(short, *argv):
        return run([*argv, "--db", db, "--user", t.name(short)], monkeypatch,
                   password=t.passwords[short])

    said = ok(as_user("alice", "declare", "--constituency", HENDON, *VOTES))
    assert f"saved as PROVISIONAL by {t.name('alice')}" in said
    # an export checks the record it was drawn from, as any account may (bob is blind to
    # alice's figures awaiting his re-key): intact, nothing said
    for short in ("bob", "eve"):
        ok(as_user(short, "export", "seats", "--out", str(tmp_path / f"{short}.json")))
    refused(as_user("alice", "verify", "--constituency", HENDON, *VOTES),
            "cannot verify them: a second person must")
    refused(as_user("eve", "declare", "--constituency", HENDON, *VOTES), "editor account")
    refused(run(["verify", "--constituency", HENDON, *VOTES, "--db", db, "--user",
                 t.name("bob")], monkeypatch, password="not bob's"),
            f"sign-in to postgresql://{t.name('bob')}@127.0.0.1", "failed")
    said = ok(as_user("bob", "verify", "--constituency", HENDON, *VOTES))
    assert f"VERIFIED by {t.name('bob')} (entered by {t.name('alice')})" in said

    history = json.loads(ok(run(["history", "--db", db, "--user", t.name("eve"),
                                 "--constituency", HENDON, "--json"], monkeypatch,
                                password=t.passwords["eve"])))
    assert [(v["status"], v["entered_by"], v["verified_by"]) for v in history["versions"]] \
        == [("verified", t.name("alice"), t.name("bob"))]
    out = ok(run(["audit", "--check", "--db", db, "--user", t.name("eve")], monkeypatch,
                 password=t.passwords["eve"]))
    assert out.startswith("audit chain intact: ") and "head hash: " in out
    ok(run(["audit", "--db", db, "--user", t.name("eve"), "--out", str(tmp_path / "a.json")],
           monkeypatch, password=t.passwords["eve"]))
    assert json.loads((tmp_path / "a.json").read_text())[-1]["action"] == "verify"
    refused(run(["summary", "--db", db, "--user", t.name("eve")], monkeypatch),
            "no password given: set RESULTSDESK_PASSWORD")


def test_a_server_turning_connections_away_is_one_line_not_a_refused_sign_in(server,
                                                                            monkeypatch):
    """The DBA's CONNECTION LIMIT on the account reached (or the server full, or starting
    up): one line saying to try again in a moment, exit 1. It said "sign-in ... failed",
    as for a wrong password, and sent the desk looking for the wrong cure."""
    import psycopg

    t, alice = server, server.name("alice")
    with psycopg.connect(str(t.admin_target), autocommit=True) as admin:
        admin.execute(f'ALTER ROLE "{alice}" CONNECTION LIMIT 0')
    line = refused(run(["declare", "--constituency", HENDON, *VOTES, "--db", str(t.target),
                        "--user", alice], monkeypatch, password=t.passwords["alice"]),
                   "cannot reach the server", "just now", "try again in a moment")
    assert "sign-in" not in line and "failed" not in line


def test_a_command_run_again_after_its_reply_was_lost_saves_nothing_twice(server, pg_cluster,
                                                                          monkeypatch):
    """The network drops between the server's commit and its reply: `declare` and `verify`
    say "saved whole or not at all" and exit 1, and the desk runs the same command again.
    That saved alice's entry a second time (version 2 over version 1, both hers, the same
    figures, two audit entries), and told bob his verification found "nothing awaiting
    verification", exit 1, when it had counted. Now the repeat finds its own save and
    says it is done, once."""
    import psycopg
    from helpers.pg_proxy import LossyRelay

    t, relay = server, LossyRelay(pg_cluster.port)
    url = f"postgresql://127.0.0.1:{relay.port}/{str(server.target).rsplit('/', 1)[1]}"

    def twice(short: str, command: str, function: str) -> str:
        argv = [command, "--constituency", HENDON, *VOTES, "--db", url, "--user",
                t.name(short)]
        relay.lose_reply_to(function)
        refused(run(argv, monkeypatch, password=t.passwords[short]),
                "saved whole or not at all")
        return ok(run(argv, monkeypatch, password=t.passwords[short]))

    def audited(action: str) -> int:
        with psycopg.connect(str(t.admin_target), autocommit=True) as admin:
            return admin.execute("SELECT count(*) FROM resultsdesk.audit_log WHERE action "
                                 "= %s", (action,)).fetchone()[0]

    try:
        said = twice("alice", "declare", "resultsdesk.declare")
        assert said.startswith(f"Hendon: version 1 (first count) saved as PROVISIONAL by "
                               f"{t.name('alice')}")
        said = twice("bob", "verify", "resultsdesk.verify")
        assert said.startswith(f"Hendon: version 1 VERIFIED by {t.name('bob')}")
    finally:
        relay.close()
    assert (audited("declare"), audited("verify")) == (1, 1)


def test_a_withdraw_or_recount_run_again_after_its_reply_was_lost_says_it_was_saved(
        server, pg_cluster, monkeypatch):
    """`withdraw` and `recount` whose reply the network lost, run again: they said "Hendon
    has no provisional entry to withdraw" and "recount 1 is already under way", exit 1,
    leaving the desk to guess whether the first run had counted. Now each says it was
    saved, with when, exit 0, and nothing is recorded twice."""
    import psycopg
    from helpers.pg_proxy import LossyRelay

    t, relay = server, LossyRelay(pg_cluster.port)
    url = f"postgresql://127.0.0.1:{relay.port}/{str(server.target).rsplit('/', 1)[1]}"

    def twice(argv: list[str], function: str) -> str:
        argv = [*argv, "--constituency", HENDON, "--db", url, "--user", t.name("alice")]
        relay.lose_reply_to(function)
        line = refused(run(argv, monkeypatch, password=t.passwords["alice"]),
                       "saved whole or not at all")
        # one line in the desk's words, naming the server; libpq's three are for the log
        assert f"lost the connection to the server for postgresql://{alice}@127.0.0.1:" \
            f"{relay.port}/" in line and "(the connection was cut); the change" in line
        assert "abnormally" not in line and "\n" not in line.strip()
        return ok(run(argv, monkeypatch, password=t.passwords["alice"]))

    def audited(action: str) -> int:
        with psycopg.connect(str(t.admin_target), autocommit=True) as admin:
            return admin.execute("SELECT count(*) FROM resultsdesk.audit_log WHERE action "
                                 "= %s", (action,)).fetchone()[0]

    alice = t.name("alice")
    try:
        ok(run(["declare", "--constituency", HENDON, *VOTES, "--db", url, "--user",
                t.name("alice")], monkeypatch, password=t.passwords["alice"]))
        said = twice(["withdraw"], "resultsdesk.withdraw")
        assert said.startswith("Your withdrawal of Hendon was saved (version 1, at ")
        said = twice(["recount"], "resultsdesk.mark_recount")
        assert said.startswith("Your recount call of Hendon was saved (at ")
        assert "RECOUNT UNDER WAY; the next figures entered are recount 1." in said
    finally:
        relay.close()
    assert (audited("withdraw"), audited("recount under way")) == (1, 1)


def test_backups_on_a_server_are_the_servers(server, monkeypatch, tmp_path):
    db = str(server.target)
    for argv in (["backup", "--db", db, "--out", str(tmp_path / "b.db")],
                 ["restore", str(tmp_path / "b.db"), "--db", db]):
        code, out, err = run(argv, monkeypatch, password=server.passwords["ann"])
        assert code == 1 and out == ""
        assert "Backups of a PostgreSQL desk are the server's job" in err
        assert "pg_dump -Fc" in err and "pg_dumpall --roles-only" in err and "pg_restore" in err
    assert not (tmp_path / "b.db").exists()


def test_users_are_server_login_roles(server, monkeypatch):
    t, db = server, str(server.target)
    carol = t.name("ann").removesuffix("ann") + "carol"
    admin = ["--db", db, "--admin", t.name("ann")]
    said = ok(run(["users", "add", carol, "--role", "desk", *admin], monkeypatch,
                  password=t.passwords["ann"], new_password="carol's first"))
    assert f"Added desk account {carol}." in said
    listed = ok(run(["users", "list", "--db", db, "--user", carol], monkeypatch,
                    password="carol's first"))
    assert carol in listed and t.name("eve") in listed
    refused(run(["users", "add", carol + "2", "--role", "desk", "--db", db, "--admin",
                 t.name("alice")], monkeypatch, password=t.passwords["alice"],
                new_password="whatever it is"), "cannot manage accounts")
    # carol changes her own password, signing in to the server with the old one
    ok(run(["users", "password", carol, "--db", db], monkeypatch, password="carol's first",
           new_password="carol's second"))
    refused(run(["summary", "--db", db, "--user", carol], monkeypatch,
                password="carol's first"), "wrong name or password, or the account is disabled")
    ok(run(["summary", "--db", db, "--user", carol], monkeypatch, password="carol's second"))
    ok(run(["users", "disable", carol, *admin], monkeypatch, password=t.passwords["ann"]))
    refused(run(["summary", "--db", db, "--user", carol], monkeypatch,
                password="carol's second"), "sign-in", "failed")


def test_history_on_a_server_hides_what_it_cannot_show(server, monkeypatch):
    """Bob (desk) reading Hendon's history while Alice's entry awaits verification: the
    server hides its figures from him, and the command printed the zeros his account reads
    in their place ("Gabrielle Bailey (Green) 0; …", votes {name: 0} in --json). It says
    who entered it and when, figures hidden, as the window's History does; Eve (editor)
    reads the figures."""
    t, db = server, str(server.target)

    def history(short, *extra):
        return ok(run(["history", "--db", db, "--user", t.name(short), "--constituency",
                       HENDON, *extra], monkeypatch, password=t.passwords[short]))

    ok(run(["declare", "--constituency", HENDON, *VOTES, "--db", db, "--user",
            t.name("alice")], monkeypatch, password=t.passwords["alice"]))
    text = history("bob")
    assert f"v1 PROVISIONAL declaration First count  entered by {t.name('alice')}" in text
    assert "figures hidden until verified" in text
    assert " 0;" not in text and "(Green) 0" not in text, text
    as_json = json.loads(history("bob", "--json"))
    assert as_json["versions"] == []
    assert as_json["hidden_version"]["version"] == 1
    assert as_json["hidden_version"]["entered_by"] == t.name("alice")
    shown = json.loads(history("eve", "--json"))
    assert "hidden_version" not in shown
    assert any(n > 0 for n in shown["versions"][0]["votes"].values())


def test_history_on_a_server_lists_every_version_it_hides(server, monkeypatch):
    """alice keys Hendon, bob marks a recount, alice keys the recount, bob rejects it, alice
    keys it again: bob's `history` used to print only the versions he may read (none here),
    so versions 1 and 2 vanished without a word. Now each hidden version is a line saying
    which, whose and where it stands (who rejected it and why), none of its figures; in
    --json a `hidden_versions` list, `hidden_version` (the pending one) as before. Alice and
    Eve (editor) read every figure."""
    t, db = server, str(server.target)
    comment = "Con pile miscounted"

    def as_user(short, *argv):
        return ok(run([*argv, "--db", db, "--user", t.name(short)], monkeypatch,
                      password=t.passwords[short]))

    def history(short, *extra):
        return as_user(short, "history", "--constituency", HENDON, *extra)

    recount = [v.replace("Lab=18000", "Lab=17990").replace("Con=12000", "Con=12010")
               for v in VOTES]
    as_user("alice", "declare", "--constituency", HENDON, *VOTES)
    as_user("bob", "recount", "--constituency", HENDON)
    as_user("alice", "declare", "--constituency", HENDON, *recount)
    as_user("bob", "reject", "--constituency", HENDON, "--comment", comment)
    as_user("alice", "declare", "--constituency", HENDON, *recount)
    alice, bob = t.name("alice"), t.name("bob")
    text = history("bob")
    lines = text.splitlines()
    heads = [n for n, line in enumerate(lines) if line.startswith("  v")]
    assert [lines[n].split()[:2] for n in heads] == [
        ["v1", "SUPERSEDED"], ["v2", "REJECTED"], ["v3", "PROVISIONAL"]]
    assert f"First count  entered by {alice}" in lines[heads[0]]
    assert lines[heads[0] + 1].strip() == f"figures seen only by {alice} and editors"
    assert "Recount 1" in lines[heads[1]] and f", rejected by {bob} " in lines[heads[1]]
    assert lines[heads[1] + 1].strip() == f"figures seen only by {alice} and editors"
    assert lines[heads[1] + 2].strip() == f"comment: {comment}"
    assert lines[heads[2] + 1].strip() == "figures hidden until verified"
    for figure in ("18,000", "12,000", "17,990", "12,010", " 0;", "(Green) 0"):
        assert figure not in text, figure
    raw = history("bob", "--json")
    as_json = json.loads(raw)
    assert as_json["versions"] == []
    assert as_json["hidden_version"] == {  # what scripts read, unchanged
        "version": 3, "entered_by": alice,
        "entered_at": as_json["hidden_versions"][2]["entered_at"]}
    listed = as_json["hidden_versions"]
    assert [(h["version"], h["status"], h["count"]) for h in listed] == [
        (1, "superseded", "First count"), (2, "rejected", "Recount 1"),
        (3, "provisional", "Recount 1")]
    assert (listed[1]["rejected_by"], listed[1]["comment"]) == (bob, comment)
    assert listed[0]["figures"] == f"seen only by {alice} and editors"
    assert listed[2]["figures"] == "hidden until verified"
    for figure in ("18000", "12000", "17990", "12010"):
        assert figure not in raw, figure
    for short in ("alice", "eve"):
        seen = history(short)
        assert "18,000" in seen and "17,990" in seen, short
        seen_json = json.loads(history(short, "--json"))
        assert "hidden_version" not in seen_json and seen_json["hidden_versions"] == []
        assert [v["version"] for v in seen_json["versions"]] == [1, 2, 3], short


def test_a_name_typed_with_spaces_signs_in_as_in_the_window(server, monkeypatch):
    """`--user " alice "` (pasted with its spaces) signs in to the server as the window's
    sign-in does with the same name typed, where it failed ("sign-in to postgresql://
    alice@...": the server's login names are exact)."""
    t, db = server, str(server.target)
    out = ok(run(["summary", "--db", db, "--user", f"  {t.name('eve')} "], monkeypatch,
                 password=t.passwords["eve"]))
    assert "declared" in out.lower()


def test_a_verify_after_one_cut_off_says_nothing_was_compared(server, monkeypatch):
    """bob's verify cut off before the server's answer (its transaction never committed):
    the server counts it and compares nothing at his next try, naming every field. The
    command said "your figures differ from the first entry for" every candidate, the
    rejected ballots and the electorate, of figures typed right; now it says nothing was
    compared, and the same command run again verifies."""
    import psycopg

    from resultsdesk.store.postgres import calls

    t, db = server, str(server.target)

    def as_user(short, *argv):
        return run([*argv, "--db", db, "--user", t.name(short)], monkeypatch,
                   password=t.passwords[short])

    ok(as_user("alice", "declare", "--constituency", HENDON, *VOTES))
    with psycopg.connect(db, user=t.name("bob"), password=t.passwords["bob"]) as conn:
        calls.verify(conn, HENDON, [2667, 1966, 139, 12000, 1518, 3038, 18000, 233], 50,
                     expected_version=1)
        conn.rollback()  # as a connection lost before the answer came
    code, _out, err = as_user("bob", "verify", "--constituency", HENDON, *VOTES)
    assert code == 1 and len(err.strip().splitlines()) == 1, err
    assert err.startswith("resultsdesk: Hendon: nothing was verified: 1 earlier try of yours "
                          "at this version went unanswered"), err
    assert "differ" not in err and err.rstrip().endswith("(1 try left)."), err
    said = ok(as_user("bob", "verify", "--constituency", HENDON, *VOTES))
    assert f"VERIFIED by {t.name('bob')}" in said
