"""Every command on a database in a shared folder of a network file system (two PCs
opening one `night.db` on a share, which the team desk is for) is refused in one line that
names the file, the file system and what to do, exit 1, with nothing made or changed: it
was opened as any file, though SQLite's WAL and locks do not work there (corruption)."""

from __future__ import annotations

import shutil
import tempfile

import pytest
from helpers.cli import refused, run
from helpers.network_share import mount_share, needs_mountinfo
from test_cli_rehearse import FakeClock

from resultsdesk.desk import election
from resultsdesk.store import StoreError

pytestmark = needs_mountinfo

WHAT_TO_DO = "this PC's own disk, or for several PCs use a team desk server (README \"Team desk\")"


def test_summary_of_a_night_on_a_share_is_one_line_and_exit_1(
        capsys, monkeypatch, night_db, tmp_path):
    share = mount_share(monkeypatch, tmp_path / "share")
    db = share / "night.db"
    shutil.copyfile(night_db, db)
    before = db.read_bytes()
    code, out, err = run(capsys, "summary", "--json", "--db", db)
    assert out == ""
    refused((code, out, err), f"{db} is on a network file system (nfs4)",
            "nothing was created or changed", f"Copy it to a folder on {WHAT_TO_DO}")
    assert db.read_bytes() == before
    assert sorted(p.name for p in share.iterdir()) == ["night.db"]


@pytest.mark.parametrize("kind", ["cifs", "smb3", "fuse.sshfs"])
def test_init_on_a_share_makes_nothing(capsys, monkeypatch, tmp_path, kind):
    share = mount_share(monkeypatch, tmp_path / "share", kind)
    db = share / "new.db"
    refused(run(capsys, "init", "--db", db, "--name", "Test"),
            f"{db} is on a network file system ({kind})", f"Make the election on {WHAT_TO_DO}")
    assert list(share.iterdir()) == []


def test_a_new_rehearsal_on_a_share_is_refused_before_the_night_is_read(
        capsys, monkeypatch, tmp_path):
    FakeClock(monkeypatch)
    share = mount_share(monkeypatch, tmp_path / "share")
    db = share / "rehearsal.db"
    refused(run(capsys, "rehearse", "--db", db), f"{db} is on a network file system (nfs4)")
    assert list(share.iterdir()) == []


def test_a_restore_onto_a_share_restores_nothing(capsys, monkeypatch, nominations_db,
                                                 tmp_path):
    backup = tmp_path / "b.db"
    assert run(capsys, "backup", "--db", nominations_db, "--out", backup)[0] == 0
    share = mount_share(monkeypatch, tmp_path / "share")
    refused(run(capsys, "restore", backup, "--db", share / "night.db"),
            f"{share / 'night.db'} is on a network file system (nfs4)")
    assert list(share.iterdir()) == []


def test_a_backup_into_a_shared_folder_is_still_written(capsys, monkeypatch, nominations_db,
                                                        tmp_path):
    share = mount_share(monkeypatch, tmp_path / "share")
    code, _, err = run(capsys, "backup", "--db", nominations_db, "--out", share / "b.db")
    assert code == 0, err
    assert (share / "b.db").is_file()


def test_the_demo_in_a_temporary_folder_on_a_share_makes_no_folder(monkeypatch, tmp_path):
    share = mount_share(monkeypatch, tmp_path / "tmp")
    monkeypatch.setattr(tempfile, "tempdir", str(share))
    with pytest.raises(StoreError) as refused:
        election.create_demo_database()
    assert str(refused.value).startswith(f"The demo is made in the temporary folder {share}, "
                                         "which is on a network file system (nfs4), ")
    assert str(refused.value).endswith("Set TMPDIR to a folder on this PC's own disk.")
    assert list(share.iterdir()) == []


def test_the_desk_s_own_database_is_not_made_in_a_data_folder_on_a_share(
        monkeypatch, tmp_path):
    share = mount_share(monkeypatch, tmp_path / "home")
    with pytest.raises(StoreError, match=r"network file system \(nfs4\)"):
        election.ensure_default_database(share / "ResultsDesk" / "election.db")
    assert list(share.iterdir()) == []
