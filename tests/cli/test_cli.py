"""The command line on the real 2024 data: the issue's "done means" facts, end to end.

The night is built once per module through the CLI itself (init, import results with the
constituency figures, import the notional baseline); each test then reads it.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.cli import run_as
from helpers.desk_target import desk_target_fixture, team_fixture  # noqa: F401  (fixtures)
from helpers.locations import GE2024, GE2024_SEATS, NOTIONAL, ROOT

from resultsdesk import __version__, cli
from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.store import repository as repo

SEATS_2024 = {"Lab": 411, "Con": 121, "LD": 72, "SNP": 9, "SF": 7, "Ind": 6, "RUK": 5, "DUP": 5,
              "Green": 4, "PC": 4, "SDLP": 2, "Spk": 1, "APNI": 1, "TUV": 1, "UUP": 1}
NOTIONAL_2019 = {"Con": 372, "Lab": 200, "SNP": 48, "DUP": 8, "LD": 8, "SF": 7, "SDLP": 2,
                 "PC": 2, "Green": 1, "Spk": 1, "APNI": 1}


def run_quietly(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(argv)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def cli_night(tmp_path_factory) -> dict:
    db = tmp_path_factory.mktemp("cli") / "night.db"
    steps = [
        ["init", "--db", str(db), "--name", "UK general election 2024"],
        ["import", "results", str(GE2024), "--db", str(db), "--constituencies",
         str(GE2024_SEATS)],
        ["import", "baseline", str(NOTIONAL), "--db", str(db)],
    ]
    outputs = []
    with pytest.MonkeyPatch.context() as mp:  # a crash log must not reach the real home
        home = db.parent / "home"
        mp.setenv("XDG_DATA_HOME", str(home / "data"))
        mp.setenv("HOME", str(home))
        for argv in steps:
            code, out, err = run_quietly(argv)
            assert (code, err) == (0, ""), (argv, err)
            outputs.append(out)
    return {"db": db, "outputs": outputs}


def summary_json(capsys, db: Path, *extra: str) -> dict:
    assert cli.main(["summary", "--db", str(db), "--json", *extra]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return json.loads(captured.out)


def one_line_error(capsys) -> str:
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("resultsdesk: error: "), err
    assert "Traceback" not in err and "unexpected" not in err
    return lines[0]


# --- building the night ----------------------------------------------------------------------


def test_building_the_night_reports_what_it_did(cli_night):
    init, results, baseline = cli_night["outputs"]
    assert init.startswith(f"Created {cli_night['db']} for 'UK general election 2024'.")
    assert results.strip().startswith(
        "Imported HoC-GE2024-results-by-candidate.csv: 650 constituencies, 4,515 candidates, "
        "650 verified declarations")
    assert baseline.strip().startswith(
        "Imported notional-GE2019-on-2024-boundaries.csv: 650 constituencies")
    with Store(cli_night["db"]) as store:
        assert store.scalar("SELECT count(*) FROM verified_declarations") == 650
        assert store.scalar("SELECT count(*) FROM constituencies WHERE electorate IS NULL") == 0
        assert repo.baseline_name(store) == "notional-GE2019-on-2024-boundaries"


# --- summary --json: the done-means facts ----------------------------------------------------


def test_summary_json_seats(capsys, cli_night):
    s = summary_json(capsys, cli_night["db"])
    assert s["election"] == "UK general election 2024"
    assert s["seats"] == SEATS_2024
    # most seats, then most votes, as the tables and graphics rank them: RUK (4.1 million
    # votes) above DUP on 5 seats each, where a name's order had DUP first
    assert list(s["seats"])[:8] == ["Lab", "Con", "LD", "SNP", "SF", "Ind", "RUK", "DUP"]
    assert s["seats_total"] == 650
    assert s["majority_line"] == 326
    assert s["declared"] == 650
    assert sum(s["seats"].values()) == 650
    assert s["ties"] == []


def test_summary_json_votes(capsys, cli_night):
    s = summary_json(capsys, cli_night["db"])
    assert s["valid_votes"] == 28_809_340
    assert sum(s["votes"].values()) == 28_809_340
    assert max(s["votes"], key=s["votes"].get) == "Lab"
    assert s["votes"]["Spk"] > 0
    assert all(isinstance(v, int) and v > 0 for v in s["votes"].values())


def test_summary_json_votes_gains_and_losses_largest_first(capsys, cli_night):
    """README: `votes`, `gains` and `losses` are listed largest first (a script taking the
    first few keys of each, as the tables do)."""
    s = summary_json(capsys, cli_night["db"])
    for key in ("votes", "gains", "losses"):
        counts = list(s[key].values())
        assert len(counts) > 2 and counts == sorted(counts, reverse=True), key
    assert next(iter(s["gains"])) == "Lab" and next(iter(s["losses"])) == "Con"


def test_summary_json_recount_watch(capsys, cli_night):
    s = summary_json(capsys, cli_night["db"])
    watch = s["recount_watch"]
    first = [(e["constituency"], e["majority"], e["winner_party"], e["runner_up_party"])
             for e in watch[:6]]
    assert first == [
        ("Hendon", 15, "Lab", "Con"),
        ("Poole", 18, "Lab", "Con"),
        ("Basildon and Billericay", 20, "Con", "Lab"),
        ("North West Cambridgeshire", 39, "Lab", "Con"),
        ("Central Devon", 61, "Con", "Lab"),
        ("Havant", 92, "Con", "Lab"),
    ]
    assert watch[0]["code"] == "E14001279"
    assert [e["majority"] for e in watch] == sorted(e["majority"] for e in watch)
    for e in watch:  # default thresholds: <= 100 votes or < 0.5 %
        assert e["majority"] <= 100 or e["majority_pct"] < 0.5


def test_summary_json_changes_against_the_notional_baseline(capsys, cli_night):
    s = summary_json(capsys, cli_night["db"])
    changes = {(c["from"], c["to"]): c["seats"] for c in s["changes"]}
    assert sum(changes.values()) == 303
    assert s["changes"][:3] == [
        {"from": "Con", "to": "Lab", "seats": 182},
        {"from": "Con", "to": "LD", "seats": 60},
        {"from": "SNP", "to": "Lab", "seats": 36},
    ]
    assert changes[("Con", "RUK")] == 5
    assert changes[("Lab", "Ind")] == 5
    assert changes[("SNP", "LD")] == 4
    assert sum(s["gains"].values()) == sum(s["losses"].values()) == 303
    assert s["declared"] - 303 == 347  # holds
    # each party's net change is its seats now minus its notional seats then
    for party in set(SEATS_2024) | set(NOTIONAL_2019):
        net = s["gains"].get(party, 0) - s["losses"].get(party, 0)
        assert net == SEATS_2024.get(party, 0) - NOTIONAL_2019.get(party, 0), party


def test_summary_json_keys_and_types(capsys, cli_night):
    s = summary_json(capsys, cli_night["db"])
    required = {"election": str, "seats_total": int, "majority_line": int, "declared": int,
                "seats": dict, "votes": dict, "gains": dict, "losses": dict,
                "recount_watch": list, "ties": list, "changes": list, "valid_votes": int}
    for key, kind in required.items():
        assert key in s, key
        assert type(s[key]) is kind, key
    for key in ("seats", "votes", "gains", "losses"):
        assert all(isinstance(k, str) and type(v) is int for k, v in s[key].items()), key
    entry_types = {"code": str, "constituency": str, "winner_party": str,
                   "runner_up_party": str, "majority": int, "majority_pct": float}
    assert s["recount_watch"]
    for entry in s["recount_watch"]:
        assert isinstance(entry, dict)
        assert set(entry) == set(entry_types)
        for key, kind in entry_types.items():
            assert type(entry[key]) is kind, (key, entry)
        assert re.fullmatch(r"[EWSN]\d{8}", entry["code"])
    for change in s["changes"]:
        assert set(change) == {"from", "to", "seats"}


def test_summary_recount_thresholds(capsys, cli_night):
    s = summary_json(capsys, cli_night["db"], "--recount-votes", "20", "--recount-pct", "0")
    assert [(e["constituency"], e["majority"]) for e in s["recount_watch"]] == [
        ("Hendon", 15), ("Poole", 18), ("Basildon and Billericay", 20)]
    assert s["seats"] == SEATS_2024  # thresholds change the watch, nothing else
    s = summary_json(capsys, cli_night["db"], "--recount-votes", "0", "--recount-pct", "0")
    assert s["recount_watch"] == []


def test_the_text_watch_writes_its_threshold_as_every_view_does(capsys, cli_night):
    """"majority of 1,000 votes or fewer", as the graphic's subtitle writes it ("1000")."""
    assert cli.main(["summary", "--db", str(cli_night["db"]), "--recount-votes", "1000"]) == 0
    assert "majority of 1,000 votes or fewer" in capsys.readouterr().out


def test_a_percentage_of_minus_zero_is_zero(capsys, cli_night):
    """`--recount-pct -0` is 0 (a float's negative zero printed "under -0% of valid votes")."""
    import math

    from resultsdesk.cli.common import percentage

    assert math.copysign(1, percentage("-0")) == 1


def test_summary_recount_percentage_only(capsys, cli_night):
    s = summary_json(capsys, cli_night["db"], "--recount-votes", "0", "--recount-pct", "0.05")
    assert s["recount_watch"]
    assert all(e["majority_pct"] < 0.05 for e in s["recount_watch"])
    assert s["recount_watch"][0]["constituency"] == "Hendon"


@pytest.mark.parametrize("argv", [["--recount-pct", "101"], ["--recount-pct", "-1"],
                                  ["--recount-votes", "-1"], ["--recount-votes", "ten"]])
def test_summary_refuses_bad_thresholds(capsys, cli_night, argv):
    with pytest.raises(SystemExit) as info:
        cli.main(["summary", "--db", str(cli_night["db"]), *argv])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "error:" in err


def test_summary_text_table(capsys, cli_night):
    assert cli.main(["summary", "--db", str(cli_night["db"])]) == 0
    out = capsys.readouterr().out
    assert out.startswith("UK general election 2024: 650 of 650 declared (326 for a majority)")
    assert re.search(r"^Lab\s+411\s+\+211\s+9,708,716\s+33\.7%$", out, re.M), out
    assert re.search(r"^Con\s+121\s+-251\s", out, re.M)
    assert re.search(r"^Total\s+650\s+28,809,340$", out, re.M)
    assert re.search(r"^\s+Hendon\s+Lab over Con\s+15\s+0\.04%$", out, re.M)
    assert "Ties awaiting" not in out


def test_summary_text_table_in_the_seat_charts_order(capsys, cli_night):
    """RUK and DUP have 5 seats each on the 2024 night: the table kept a tie in seats by
    name (DUP, then RUK), where the seat chart and the National summary dock put the one
    with more votes first. Now the same order as they."""
    assert cli.main(["summary", "--db", str(cli_night["db"])]) == 0
    parties = [line.split()[0] for line in capsys.readouterr().out.splitlines()[3:19]]
    assert parties[:10] == ["Lab", "Con", "LD", "SNP", "SF", "Ind", "RUK", "DUP", "Green", "PC"]
    assert parties[10:] == ["SDLP", "APNI", "UUP", "TUV", "Spk", "WPB"]  # 1 seat by votes


# --- provisional figures ---------------------------------------------------------------------


def test_include_provisional(capsys, monkeypatch, team):
    """`summary` with and without provisional figures, on a file and on a server."""
    t = team
    sheet = dk.load_sheet(t.alice, "E14001279")  # Hendon
    votes = [{"Lab": 15_855, "Con": 15_840}.get(c.party, 100) for c in sheet.candidates]
    dk.declare(t.alice, sheet.code, Figures(votes, None), user=t.name("alice"),
               overrides=["recount_range"])

    def summary(*extra: str) -> tuple[int, str, str]:
        return run_as(capsys, monkeypatch, t, "eve", "summary", *extra)

    s = json.loads(summary("--json")[1])
    assert s["declared"] == 0
    assert s["seats"] == {} and s["votes"] == {} and s["recount_watch"] == []
    assert s["seats_total"] == 5 and s["majority_line"] == 3
    s = json.loads(summary("--json", "--include-provisional")[1])
    assert s["declared"] == 1
    assert s["seats"] == {"Lab": 1}
    assert s["valid_votes"] == sum(votes)
    assert [(e["constituency"], e["majority"]) for e in s["recount_watch"]] == [("Hendon", 15)]

    code, out, _ = summary()
    assert code == 0 and "0 of 5 declared" in out and "No declarations yet." in out
    assert "1 of 5 declared" in summary("--include-provisional")[1]


# --- importing nominations twice -------------------------------------------------------------


def test_import_candidates_twice_makes_no_duplicates(capsys, tmp_path):
    db = tmp_path / "nominations.db"
    assert cli.main(["init", "--db", str(db), "--name", "Twice"]) == 0
    argv = ["import", "candidates", str(GE2024), "--db", str(db), "--constituencies",
            str(GE2024_SEATS)]
    assert cli.main(argv) == 0
    first = capsys.readouterr().out
    assert "650 constituencies, 4,515 candidates" in first
    with Store(db) as store:
        parties = store.scalar("SELECT count(*) FROM parties")
    assert cli.main(argv) == 0  # the code treats a repeat as a no-op, not an error
    second = capsys.readouterr()
    assert second.err == ""
    assert "candidates" not in second.out.split(":", 1)[1]  # none new
    with Store(db) as store:
        assert store.scalar("SELECT count(*) FROM candidates") == 4515
        assert store.scalar("SELECT count(*) FROM constituencies") == 650
        assert store.scalar("SELECT count(*) FROM parties") == parties
        assert store.scalar("SELECT count(*) FROM declarations") == 0
        assert store.scalar(
            "SELECT count(*) FROM (SELECT 1 FROM candidates GROUP BY constituency_id, "
            "first_name, surname, party_id HAVING count(*) > 1)") == 0


# --- help, version and errors ----------------------------------------------------------------


def _commands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()):
    yield prefix
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _commands(sub, (*prefix, name))


COMMANDS = sorted(set(_commands(cli.build_parser())))


def test_the_issues_commands_exist():
    assert set(COMMANDS) >= {(), ("demo",), ("init",), ("import",), ("import", "candidates"),
                             ("import", "results"), ("import", "baseline"), ("summary",)}


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "resultsdesk")
def test_help_for_every_command(capsys, command):
    with pytest.raises(SystemExit) as info:
        cli.main([*command, "--help"])
    assert info.value.code == 0
    captured = capsys.readouterr()
    assert captured.out.startswith(" ".join(("usage: resultsdesk", *command)))
    assert captured.err == ""


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    return next(a.choices for a in parser._actions
                if isinstance(a, argparse._SubParsersAction))


def test_a_command_builds_only_its_group_and_the_same_parser():
    whole = _subcommands(cli.build_parser())
    assert set(whole) == set(cli.COMMAND_GROUPS)
    for name, group in cli.COMMAND_GROUPS.items():
        partial = _subcommands(cli.build_parser(name))
        assert set(partial) == {n for n, g in cli.COMMAND_GROUPS.items() if g == group}
        assert partial[name].format_help() == whole[name].format_help()


@pytest.mark.parametrize(("argv", "word"), [
    (["summary", "--db", "x"], "summary"), (["--db", "x.db", "export", "map"], "export"),
    (["--user=ann", "--db=x", "verify"], "verify"), (["--db", "x.db"], ""), ([], ""),
    (["--help"], None), (["--us", "ann", "summary"], None), (["--version"], None)])
def test_the_command_word_is_found_only_after_options_spelled_in_full(argv, word):
    assert cli.command_word(argv) == word


def test_the_app_parser_reads_the_apps_options_and_no_command():
    args = cli.build_parser("").parse_args(["--db", "night.db", "--user", "ann"])
    assert (args.command, str(args.gui_db), args.gui_user) == (None, "night.db", "ann")


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"ResultsDesk {__version__}"


def test_summary_of_a_missing_database(capsys, tmp_path):
    assert cli.main(["summary", "--db", str(tmp_path / "nope.db")]) == 1
    assert "No database at" in one_line_error(capsys)
    assert not (tmp_path / "nope.db").exists()


def test_summary_of_a_file_that_is_not_a_database(capsys, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("not a database\n" * 50)
    assert cli.main(["summary", "--db", str(path)]) == 1
    assert "not a ResultsDesk database" in one_line_error(capsys)


def test_init_refuses_an_existing_file(capsys, night_db):
    size = night_db.stat().st_size
    assert cli.main(["init", "--db", str(night_db), "--name", "Again"]) == 1
    assert "already exists" in one_line_error(capsys)
    assert night_db.stat().st_size == size
    with Store(night_db) as store:
        assert repo.election_name(store) != "Again"


def test_import_into_a_missing_database(capsys, tmp_path):
    assert cli.main(["import", "results", str(GE2024), "--db", str(tmp_path / "x.db")]) == 1
    assert "No database at" in one_line_error(capsys)


def test_missing_required_option_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["summary"])
    assert info.value.code == 2
    assert "--db" in capsys.readouterr().err


# --- as a separate process -------------------------------------------------------------------


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "resultsdesk", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_subprocess_summary_json_matches_in_process(capsys, cli_night):
    proc = _run("summary", "--db", str(cli_night["db"]), "--json")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert json.loads(proc.stdout) == summary_json(capsys, cli_night["db"])


def test_subprocess_broken_import_exits_1_with_one_line(tmp_path, night_db):
    lines = GE2024.read_text(encoding="utf-8").splitlines()[:10]
    lines[4] = lines[4].replace(",Female,", ",Female,,", 1) if ",Female," in lines[4] else \
        lines[4] + ",extra"
    bad = tmp_path / "bad-results.csv"
    bad.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    proc = _run("import", "results", str(bad), "--db", str(night_db))
    assert proc.returncode == 1
    assert proc.stdout == ""
    err_lines = proc.stderr.strip().splitlines()
    assert len(err_lines) == 1, proc.stderr
    assert err_lines[0].startswith("resultsdesk: error: bad-results.csv, row 4 (line 5)")
    assert "Traceback" not in proc.stderr


def test_subprocess_closed_stdout_is_not_a_crash(cli_night, tmp_path):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path)}
    proc = subprocess.Popen([sys.executable, "-m", "resultsdesk", "summary", "--db",
                             str(cli_night["db"]), "--json"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # like `summary | head` that has read enough
    err = proc.stderr.read().decode()
    proc.stderr.close()
    proc.wait(timeout=120)
    assert "unexpected error" not in err
    assert "Traceback" not in err
    assert not list((tmp_path / "data").rglob("crash.log"))
