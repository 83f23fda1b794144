"""A window left open on a database that a restore replaces shows the restored night, as a
window opened afresh on it does: not only the seats the backup changed, but without the
seats the backup never had (added after it was taken) and under the restored election's
name (a backup of another election put back with `--other-election`). Found by an attack
on backups and restores: the window's next refresh read only the seats whose change number
passed its own, so a seat the restored file no longer holds stayed on screen, counted in
every total, and the election's name and kind were those of the file it replaced."""

from __future__ import annotations

from helpers.desk_target import trimmed

from resultsdesk.desk.election import init_election
from resultsdesk.desk.imports import import_candidates
from resultsdesk.desk.live import NightState
from resultsdesk.paths import ELECTION_2024, data_file
from resultsdesk.store import Store
from resultsdesk.store.backup import backup, restore

HENDON, BASILDON = "E14001279", "E14001077"


def _fresh(path) -> NightState:
    with Store(path) as desk:
        night = NightState(desk)
        night.refresh()
    return night


def test_a_seat_added_after_the_backup_leaves_the_window(tmp_path):
    db, copy = tmp_path / "night.db", tmp_path / "early.db"
    with init_election(db, "Small night") as store:
        import_candidates(store, trimmed(data_file(ELECTION_2024), tmp_path / "a.csv",
                                         (HENDON,)))
        backup(store, copy)
        import_candidates(store, trimmed(data_file(ELECTION_2024), tmp_path / "b.csv",
                                         (BASILDON,)), add_seats=True)
    with Store(db) as desk:
        window = NightState(desk)
        window.refresh()
        assert sorted(window.seats) == [BASILDON, HENDON]
        restore(copy, db)
        window.refresh()
        fresh = _fresh(db)
        assert sorted(fresh.seats) == [HENDON]
        assert sorted(window.seats) == sorted(fresh.seats)
        assert window.summary().seats_total == fresh.summary().seats_total == 1


def test_another_election_put_back_is_shown_under_its_own_name(tmp_path):
    db, other = tmp_path / "night.db", tmp_path / "other.db"
    with init_election(db, "The night") as store:
        import_candidates(store, trimmed(data_file(ELECTION_2024), tmp_path / "a.csv",
                                         (HENDON, BASILDON)))
    with init_election(other, "Another night") as store:
        import_candidates(store, trimmed(data_file(ELECTION_2024), tmp_path / "b.csv",
                                         (HENDON,)))
    with Store(db) as desk:
        window = NightState(desk)
        window.refresh()
        restore(other, db, other_election=True)
        window.refresh()
        assert window.election == "Another night"
        assert sorted(window.seats) == [HENDON]
