"""`import results|candidates` into an election that has its seats: a file that would add
any seat is refused (one line: how many, the first few, the file, `--add-seats`; exit 1;
nothing written) unless `--add-seats` says so. The wrong year's file (2019's results into
the 2024 night) doubled the chamber on air, and one mistyped GSS code added a phantom seat;
the import's report said so only after writing them. A new, empty election still gets its
seats from its first import, with no flag."""

from __future__ import annotations

import pytest
from helpers.cli import refused, run
from helpers.desk_state import snapshot
from helpers.locations import GE2024, GE2024_SEATS

from resultsdesk.paths import ELECTION_2019, data_file
from resultsdesk.store import Store

ABERAFAN = "W07000081"  # Aberafan Maesteg, in the 2024 file


def _seats(db) -> int:
    with Store(db) as store:
        return store.scalar("SELECT count(*) FROM constituencies")


def _state(db) -> tuple:
    with Store(db) as store:
        return (*snapshot(store), store.query("SELECT * FROM constituencies ORDER BY id"),
                store.query("SELECT * FROM candidates ORDER BY id"),
                store.query("SELECT * FROM parties ORDER BY id"))


def _one_seat(tmp_path, code: str) -> str:
    """Aberafan Maesteg's 2024 rows with its code as `code` (a typo when not its own)."""
    lines = GE2024.read_text(encoding="utf-8").splitlines(keepends=True)
    rows = [line.replace(ABERAFAN, code, 1) for line in lines if line.startswith(ABERAFAN)]
    path = tmp_path / "typo.csv"
    path.write_text(lines[0] + "".join(rows), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("kind", ["results", "candidates"])
def test_the_2019_file_into_the_2024_night_is_refused_as_another_elections(
        capsys, nominations_db, kind):
    """The bundled 2019 file shares 5 seat codes with 2024 (unchanged seats, other
    candidates), so it used to stop at the first of them, saying so in words that never
    named the wrong year; one without those (below) went in."""
    before = _state(nominations_db)
    line = refused(run(capsys, "import", kind, data_file(ELECTION_2019),
                       "--db", nominations_db),
                   "HoC-GE2019-results-by-candidate.csv would add 645 seats to the 650 "
                   "already in the election (W07000049 Aberavon, ",
                   "and 642 more", "looks like another election's file", "nothing imported",
                   "--add-seats")
    assert "645 of its 650 seats are not in this election" in line
    assert _state(nominations_db) == before  # nothing written: no seat, no party, no entry
    assert _seats(nominations_db) == 650


@pytest.mark.parametrize("kind", ["results", "candidates"])
def test_a_mistyped_code_is_refused_then_added_with_the_flag(capsys, nominations_db,
                                                             tmp_path, kind):
    path = _one_seat(tmp_path, "E14009999")
    before = _state(nominations_db)
    line = refused(run(capsys, "import", kind, path, "--db", nominations_db),
                   "typo.csv would add 1 seat to the 650 already in the election "
                   "(E14009999 Aberafan Maesteg)", "--add-seats", "nothing imported")
    assert "another election" not in line  # the file is the election's, one code is not
    assert _state(nominations_db) == before

    code, out, err = run(capsys, "import", kind, path, "--db", nominations_db, "--add-seats")
    assert (code, err) == (0, "")
    assert "New seat beside the 650 already in the election: E14009999 " in out
    assert "it now has 651 seats" in out
    assert _seats(nominations_db) == 651


def test_seats_already_there_need_no_flag(capsys, nominations_db, tmp_path):
    code, out, err = run(capsys, "import", "results", _one_seat(tmp_path, ABERAFAN),
                         "--db", nominations_db)
    assert (code, err) == (0, "")
    assert out.startswith("Imported typo.csv: 1 constituency,")
    assert _seats(nominations_db) == 650


def test_a_new_election_gets_its_seats_with_no_flag(capsys, tmp_path):
    db = tmp_path / "new.db"
    assert run(capsys, "init", "--db", db, "--name", "UK GE 2024")[0] == 0
    code, _out, err = run(capsys, "import", "results", GE2024, "--db", db,
                          "--constituencies", GE2024_SEATS)
    assert (code, err) == (0, "")
    assert _seats(db) == 650


def test_a_baseline_takes_no_add_seats(capsys, nominations_db):
    """A baseline only fits the seats there are (one the election lacks is refused)."""
    with pytest.raises(SystemExit) as stopped:
        run(capsys, "import", "baseline", GE2024, "--db", nominations_db, "--add-seats")
    assert stopped.value.code == 2
    assert "unrecognized arguments: --add-seats" in capsys.readouterr().err


def test_a_file_of_none_of_the_elections_seats_was_written_whole(capsys, nominations_db,
                                                                  tmp_path):
    """2019's results without the seats 2024 kept: it turned the 650-seat chamber into
    1,295 seats with a new majority line."""
    ours = {line.split(",", 1)[0] for line in GE2024.read_text(encoding="utf-8").splitlines()}
    lines = data_file(ELECTION_2019).read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "ge2019-other-seats.csv"
    path.write_text(lines[0] + "".join(line for line in lines[1:]
                                       if line.split(",", 1)[0] not in ours), encoding="utf-8")
    before = _state(nominations_db)
    refused(run(capsys, "import", "results", path, "--db", nominations_db),
            "ge2019-other-seats.csv would add 645 seats to the 650 already in the election",
            "none of its 645 seats is in this election, so it looks like another "
            "election's file", "--add-seats")
    assert _state(nominations_db) == before
