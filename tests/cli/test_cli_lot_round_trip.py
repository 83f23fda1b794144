"""README's promise, as the reviewer typed it: `import results` of an `export results` file
gives the same `summary --json`, for a night where Hendon was a tie decided by lot (Con
hold). Before the lot had a column of its own, the re-imported Hendon was an undecided tie
with no seat."""

from __future__ import annotations

import csv
import json

from helpers.seats import CON, HENDON, HENDON_2024

from resultsdesk.cli import main
from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.io.lot_mark import LOT_COLUMN
from resultsdesk.paths import ELECTION_2024, NOTIONAL_2019, data_file
from resultsdesk.store import Store


def _summary(db, capsys) -> dict:
    capsys.readouterr()
    assert main(["summary", "--db", str(db), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_a_night_with_a_lot_reimports_to_the_same_summary(night_db, tmp_path, capsys):
    tied = list(HENDON_2024)
    tied[6] = tied[CON]  # Pinto-Duschinsky (Lab) level with Jogia (Con)
    with Store(night_db) as desk:
        dk.correct(desk, HENDON, Figures(tied, 187), user="alice", reason="RO restated Lab",
                   overrides=["tie"])
        assert dk.verify(desk, HENDON, user="bob", votes=tied, invalid=187).verified
    assert main(["lot", "--db", str(night_db), "--constituency", HENDON, "--user", "alice",
                 "--winner", "Con", "--note", "drawn from a hat"]) == 0
    with Store(night_db) as desk:
        jogia = dk.load_sheet(desk, HENDON).candidates[CON].id
        assert dk.verify(desk, HENDON, user="bob", votes=tied, invalid=187,
                         tie_winner=jogia).verified
    before = _summary(night_db, capsys)
    assert HENDON not in before["ties"]

    out = tmp_path / "results.csv"
    assert main(["export", "results", "--db", str(night_db), "--out", str(out)]) == 0
    assert LOT_COLUMN in out.read_text(encoding="utf-8").splitlines()[0]
    # README's words, spelt out: the column after the HoC ones, the drawn winner's row marked
    with out.open(encoding="utf-8", newline="") as fh:
        marked = [r for r in csv.DictReader(fh) if r["ONS ID"] == HENDON]
    assert list(marked[0])[-1] == "ResultsDesk elected by lot"
    assert [r["ResultsDesk elected by lot"] for r in marked].count("Elected by lot") == 1
    assert next(r for r in marked if r["ResultsDesk elected by lot"])[
        "Party abbreviation"] == "Con"
    copy = tmp_path / "copy.db"
    assert main(["init", "--db", str(copy), "--name", "UK general election 2024"]) == 0
    assert main(["import", "candidates", str(data_file(ELECTION_2024)), "--db",
                 str(copy)]) == 0
    assert main(["import", "results", str(out), "--db", str(copy), "--constituencies",
                 str(tmp_path / "results-constituencies.csv")]) == 0
    assert main(["import", "baseline", str(data_file(NOTIONAL_2019)), "--db", str(copy)]) == 0
    assert _summary(copy, capsys) == before
    assert main(["audit", "--db", str(copy), "--check"]) == 0
