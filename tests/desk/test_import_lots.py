"""A seat decided by lot survives its own export: `export results` marks the winner drawn in
a column of its own ("ResultsDesk elected by lot"), `import results` records the imported
declaration with that winner, sealed as a lot version's figures are, on a file and on a
server (`desk_target`); a mark the figures do not support stops the import naming the
file, row and column, with nothing written. (Before: Hendon, "Con hold" by lot, came
back from its export as an undecided tie with no seat.)"""

from __future__ import annotations

import csv
import json

import pytest
from helpers.desk_target import (  # noqa: F401  (fixture)
    SEATS,
    desk_target_fixture,
    server_target,
    sqlite_target,
    trimmed,
)

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.audit import check_audit_chain
from resultsdesk.desk.exports import export_results
from resultsdesk.desk.imports import import_results
from resultsdesk.desk.summary import national_summary
from resultsdesk.io.csvfile import ImportFailure
from resultsdesk.io.lot_mark import LOT_COLUMN, LOT_MARK
from resultsdesk.paths import CONSTITUENCIES_2024, ELECTION_2024, data_file

HENDON = "E14001279"
BEACONSFIELD = "E14001082"
TIE = 15840  # Jogia's (Con) votes at Hendon, given to Pinto-Duschinsky (Lab) too


def _rows(source, out):
    with trimmed(data_file(source), out).open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames), list(reader)


def _write(path, fields, rows):
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return path


def _tied_night(folder):
    """The few seats' 2024 results with Hendon's top two tied, and their constituencies
    file (its Hendon valid votes made to match)."""
    fields, rows = _rows(ELECTION_2024, folder / "source.csv")
    for r in rows:
        if r["ONS ID"] == HENDON and r["Party abbreviation"] == "Lab":
            r["Votes"] = str(TIE)
    hendon = sum(int(r["Votes"]) for r in rows if r["ONS ID"] == HENDON)
    by_seat_fields, seats = _rows(CONSTITUENCIES_2024, folder / "source-seats.csv")
    for s in seats:
        if s["ONS ID"] == HENDON:
            s["Valid votes"] = str(hendon)
    return (_write(folder / "tied.csv", fields, rows),
            _write(folder / "tied-constituencies.csv", by_seat_fields, seats))


def _decided_by_lot(t, folder):
    """Hendon's tie imported, then drawn for Jogia (Con) by alice and verified by bob."""
    results, seats = _tied_night(folder)
    import_results(t.open("ann"), results, constituencies=seats, user=t.name("ann"))
    alice, bob = t.open("alice"), t.open("bob")
    sheet = dk.load_sheet(alice, HENDON)
    jogia = next(c for c in sheet.candidates if c.party == "Con")
    dk.decide_tie(alice, HENDON, user=t.name("alice"), winner_id=jogia.id,
                  note="drawn from a hat")
    assert dk.verify(bob, HENDON, user=t.name("bob"), votes=list(sheet.verified.votes),
                     invalid=sheet.verified.invalid_votes, tie_winner=jogia.id).verified


def _fresh(t, folder, pg_request):
    """A new election of the same kind with the same nominations (README: init, then
    nominations, then the export)."""
    folder.mkdir()
    if t.on_server:
        return server_target(pg_request.getfixturevalue("pg_cluster"), folder)
    return sqlite_target(folder)


def _summary(desk) -> dict:
    return national_summary(desk).to_json_dict()


def _hendon(summary: dict) -> dict:
    """Hendon in the recount watch (majority 0: the tie)."""
    return next(w for w in summary["recount_watch"] if w["code"] == HENDON)


@pytest.mark.parametrize("ext", ["csv", "json"])
def test_a_seat_decided_by_lot_reimports_with_its_lot(desk_target, tmp_path, request, ext):
    t = desk_target
    _decided_by_lot(t, tmp_path)
    ann = t.open("ann")
    before = _summary(ann)
    assert before["ties"] == [] and _hendon(before)["winner_party"] == "Con"
    by_candidate, by_constituency, _ = export_results(ann, tmp_path / f"results.{ext}")

    if ext == "csv":
        with by_candidate.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    else:
        rows = json.loads(by_candidate.read_text(encoding="utf-8"))
    assert list(rows[0])[-1] == LOT_COLUMN  # after the HoC columns, which stay as they are
    assert [(r["ONS ID"], r["Party abbreviation"]) for r in rows if r[LOT_COLUMN]] == [
        (HENDON, "Con")]
    assert {r[LOT_COLUMN] for r in rows} == {LOT_MARK, ""}

    copy = _fresh(t, tmp_path / "copy", request)
    desk = copy.open("ann")
    import_results(desk, by_candidate, constituencies=by_constituency, user=copy.name("ann"))
    assert _summary(desk) == before
    hendon = dk.load_sheet(desk, HENDON)
    assert hendon.verified.tie_winner_id == next(
        c.id for c in hendon.candidates if c.party == "Con")
    assert check_audit_chain(desk).intact  # the seal covers the winner drawn
    trail = dk.history(desk, HENDON).audit
    assert trail[-1]["action"] == "import declaration"
    assert trail[-1]["details"]["winner"] == "Ameet Jogia"


def _marked(folder, marks: dict[tuple[str, str], str]):
    """The tied night's results with the lot column, holding `marks` by (seat, party)."""
    results, _ = _tied_night(folder)
    with results.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
        fields = [*reader.fieldnames, LOT_COLUMN]
    for r in rows:
        r[LOT_COLUMN] = marks.get((r["ONS ID"], r["Party abbreviation"]), "")
    path = _write(folder / "marked.csv", fields, rows)
    return path, [(r["ONS ID"], r["Party abbreviation"]) for r in rows]


@pytest.mark.parametrize(("marks", "at", "says"), [
    ({(BEACONSFIELD, "Con"): LOT_MARK}, (BEACONSFIELD, "Con"),
     "is marked 'Elected by lot', but Beaconsfield is not a tie at the top (Joy Morrissey "
     "leads with 18,494 votes): only a tie is decided by lot"),
    ({(HENDON, "Green"): LOT_MARK}, (HENDON, "Green"),
     "Gabrielle Bailey is marked 'Elected by lot', but is not one of the candidates tied at "
     "the top of Hendon (Ameet Jogia, David Pinto-Duschinsky, 15,840 votes each)"),
    ({(HENDON, "Con"): LOT_MARK, (HENDON, "Lab"): " elected BY lot "}, (HENDON, "Lab"),
     "two candidates of Hendon are marked 'Elected by lot': Ameet Jogia on row"),
    ({(HENDON, "Con"): "yes"}, (HENDON, "Con"),
     "'yes' is not the lot mark: the candidate drawn by lot is marked 'Elected by lot', "
     "every other row left empty"),
])
def test_a_lot_the_figures_do_not_support_is_refused_with_nothing_written(
        desk_target, tmp_path, marks, at, says):
    t = desk_target
    desk = t.open("ann")
    path, order = _marked(tmp_path, marks)
    row = order.index(at) + 1
    before = len(dk.audit_log(desk))
    with pytest.raises(ImportFailure) as refused:
        import_results(desk, path, user=t.name("ann"))
    assert (refused.value.row, refused.value.column) == (row, LOT_COLUMN)
    assert str(refused.value).startswith(
        f"marked.csv, row {row} (line {row + 1}), column '{LOT_COLUMN}': ")
    assert says in str(refused.value)
    assert len(dk.audit_log(desk)) == before
    assert dk.load_sheet(desk, HENDON).verified is None


def test_a_mark_on_a_tie_elects_that_candidate_and_no_column_leaves_the_tie(
        desk_target, tmp_path):
    t = desk_target
    desk = t.open("ann")
    path, _ = _marked(tmp_path, {(HENDON, "Lab"): LOT_MARK})
    import_results(desk, path, user=t.name("ann"))
    hendon = dk.load_sheet(desk, HENDON)
    assert hendon.verified.tie_winner_id == next(
        c.id for c in hendon.candidates if c.party == "Lab")
    assert _summary(desk)["ties"] == []

    (tmp_path / "plain").mkdir()
    plain, _ = _tied_night(tmp_path / "plain")
    import_results(desk, plain, user=t.name("ann"))  # no column: as before, an open tie
    assert dk.load_sheet(desk, HENDON).verified.tie_winner_id is None
    assert _summary(desk)["ties"] == [HENDON]
    assert check_audit_chain(desk).intact
