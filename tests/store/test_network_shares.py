"""A database on a network share (two PCs opening `night.db` in one shared folder, which is
what the team desk is for) was opened and written without a word, though SQLite's WAL does
not work over a network file system and its locks there are unreliable (corruption). Now
the store finds the file system under the file first and refuses, in one line naming the
file, the file system and what to do, with nothing created or changed. Backups may go to a
share (written whole)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from helpers.network_share import mount_share, needs_mountinfo

from resultsdesk.domain.errors import Cause
from resultsdesk.store import Store, StoreError, network_shares
from resultsdesk.store import backup as backups
from resultsdesk.store.network_shares import (
    DRIVE_REMOTE,
    NETWORK_FILESYSTEMS,
    mount_type,
    network_type,
    windows_network_type,
)

# A desktop's table: ext4 root, tmpfs /tmp, an NFS home share, an overlay (a container's
# root), autofs with its NFS mount stacked on one point, a bind mount of part of the NFS
# share elsewhere, a local ext4 folder bound inside the share, a CIFS share whose mount
# point has spaces in it (\040) and an sshfs mount.
MOUNTINFO = """\
22 27 0:21 / /proc rw,relatime - proc proc rw
27 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw,discard
30 27 0:27 / /tmp rw,nosuid,nodev shared:5 - tmpfs tmpfs rw,size=8g
40 27 0:40 / /srv/newsroom rw,relatime shared:20 - nfs4 files:/export/newsroom rw,vers=4.2
41 27 0:41 / /var/lib/container rw,relatime - overlay overlay rw,lowerdir=/l,upperdir=/u
42 27 0:42 / /net rw,relatime shared:22 - autofs auto.net rw,fd=7
43 42 0:43 / /net rw,relatime shared:23 - nfs files:/export/net rw,vers=3
44 27 0:40 /desk /media/desk rw,relatime shared:20 - nfs4 files:/export/newsroom rw,vers=4.2
45 40 254:0 /home/ann/local /srv/newsroom/local rw,relatime shared:1 - ext4 /dev/vda rw
46 27 0:46 / /mnt/Election\\040Night rw,relatime - cifs //files/night rw,vers=3.1.1
47 27 0:47 / /home/ann/remote rw,nosuid,nodev - fuse.sshfs ann@files:/desk rw,user_id=1000
48 27 0:48 / /run/user/1000/gvfs rw,nosuid,nodev - fuse.gvfsd-fuse gvfsd-fuse rw,user_id=1000
"""


@pytest.mark.parametrize(("path", "kind"), [
    ("/srv/newsroom/night.db", "nfs4"),
    ("/srv/newsroom", "nfs4"),
    ("/srv/newsroomish/night.db", "ext4"),  # (a prefix of the name, not a folder of it)
    ("/home/ann/night.db", "ext4"),
    ("/tmp/night.db", "tmpfs"),
    ("/var/lib/container/desk/night.db", "overlay"),
    ("/net/files/night.db", "nfs"),  # the mount stacked over autofs's, not autofs
    ("/media/desk/night.db", "nfs4"),  # the share bound elsewhere
    ("/srv/newsroom/local/night.db", "ext4"),  # a local folder bound inside the share
    ("/mnt/Election Night/night.db", "cifs"),  # spaces written \040 in the table
    ("/mnt/Election/night.db", "ext4"),
    ("/home/ann/remote/night.db", "fuse.sshfs"),
    ("/run/user/1000/gvfs/smb-share:server=files,share=desk/night.db", "fuse.gvfsd-fuse"),
])
def test_the_file_system_is_the_longest_mount_point_holding_the_path(path, kind):
    assert mount_type(MOUNTINFO, path) == kind


def test_which_file_systems_are_refused():
    refused = {k for k in ("ext4", "tmpfs", "overlay", "autofs", "nfs", "nfs4", "cifs",
                           "fuse.sshfs", "btrfs", "xfs", "vfat", "fuse.gvfsd-fuse")
               if k in NETWORK_FILESYSTEMS}
    assert refused == {"nfs", "nfs4", "cifs", "fuse.sshfs", "fuse.gvfsd-fuse"}


def test_a_table_without_a_root_or_with_broken_lines_tells_nothing():
    assert mount_type("", "/srv/night.db") is None
    assert mount_type("garbage\n1 2 3\n", "/srv/night.db") is None


@pytest.mark.parametrize(("path", "remote", "said"), [
    (r"\\files\newsroom\night.db", False, r"network share \\files\newsroom"),
    (r"\\?\UNC\files\newsroom\night.db", False, r"network share \\files\newsroom"),
    ("//files/newsroom/night.db", False, r"network share \\files\newsroom"),
    (r"z:\desk\night.db", True, "network drive Z:"),
    (r"C:\desk\night.db", False, None),
    (r"\\?\C:\desk\night.db", False, None),
])
def test_windows_says_a_share_by_its_unc_path_or_its_drive_type(path, remote, said):
    asked: list[str] = []

    def drive_type(root: str) -> int:
        asked.append(root)
        return DRIVE_REMOTE if remote else 3  # DRIVE_FIXED

    assert windows_network_type(path, drive_type) == said
    assert all(root.endswith(":\\") for root in asked), asked


def test_another_system_refuses_nothing(tmp_path):
    assert network_type(tmp_path / "night.db", platform="sunos5") is None


@needs_mountinfo
def test_opening_a_night_on_a_share_is_refused_with_nothing_changed(
        monkeypatch, night_db, tmp_path):
    share = mount_share(monkeypatch, tmp_path / "share")
    db = share / "night.db"
    shutil.copyfile(night_db, db)
    before = db.read_bytes()
    with pytest.raises(StoreError) as refused:
        Store(db)
    line = str(refused.value)
    assert "\n" not in line and refused.value.cause is Cause.REFUSED
    assert line.startswith(f"{db} is on a network file system (nfs4), ")
    assert "Copy it to a folder on this PC's own disk" in line and '"Team desk"' in line
    assert db.read_bytes() == before
    assert sorted(p.name for p in share.iterdir()) == ["night.db"]  # no -wal, no -shm


@needs_mountinfo
def test_a_new_file_on_a_share_is_never_made(monkeypatch, tmp_path):
    share = mount_share(monkeypatch, tmp_path / "share", "cifs")
    with pytest.raises(StoreError, match=r"network file system \(cifs\).*Make the election"):
        Store(share / "new.db", create=True)
    assert list(share.iterdir()) == []


@needs_mountinfo
def test_a_restore_onto_a_share_is_refused_and_a_backup_onto_one_is_not(
        monkeypatch, nominations_db, tmp_path):
    share = mount_share(monkeypatch, tmp_path / "share")
    with Store(nominations_db) as store:
        backup = backups.backup(store, share / "copy.db")  # written whole: allowed
    assert backup.is_file()
    with pytest.raises(StoreError, match="network file system"):
        backups.restore(backup, share / "night.db")
    assert sorted(p.name for p in share.iterdir()) == ["copy.db"]


@needs_mountinfo
def test_a_link_on_the_local_disk_to_a_night_on_a_share_is_refused(
        monkeypatch, night_db, tmp_path):
    share = mount_share(monkeypatch, tmp_path / "share")
    shutil.copyfile(night_db, share / "night.db")
    link = tmp_path / "night.db"
    link.symlink_to(share / "night.db")
    with pytest.raises(StoreError, match=r"^.*night\.db is on a network file system \(nfs4\)"):
        Store(link)
    assert sorted(p.name for p in share.iterdir()) == ["night.db"]


# A table in the kernel's own order, which is not the order of mounting (/proc before /): a
# USB stick mounted at /mnt/usb, then a share mounted over /mnt (hiding the stick), and a
# second stick mounted inside the share afterwards (its parent: the share's mount).
OVER_MOUNTED = """\
22 27 0:21 / /proc rw,relatime - proc proc rw
27 1 254:0 / / rw,relatime - ext4 /dev/vda rw
50 27 8:17 / /mnt/usb rw,relatime - vfat /dev/sdb1 rw
60 27 0:60 / /mnt rw,relatime - cifs //files/desk rw,vers=3.1.1
61 60 8:33 / /mnt/stick rw,relatime - exfat /dev/sdc1 rw
"""


@pytest.mark.parametrize(("path", "kind"), [
    ("/mnt/usb/night.db", "cifs"),  # the stick is hidden under the share mounted over /mnt
    ("/mnt/stick/night.db", "exfat"),  # mounted inside the share, after it
    ("/mnt/night.db", "cifs"),
    ("/proc/self", "proc"),
    ("/srv/night.db", "ext4"),
])
def test_a_mount_over_a_parent_folder_hides_the_mounts_made_under_it_before(path, kind):
    assert mount_type(OVER_MOUNTED, path) == kind


@pytest.mark.parametrize("odd", ["\f", "\x1c", "\u2028"])
def test_a_mount_point_with_a_character_python_takes_for_a_line_break_is_one_line(odd):
    # (the kernel writes only space, tab, newline and backslash as \ooo)
    table = ("27 1 254:0 / / rw - ext4 /dev/vda rw\n"
             "60 27 0:60 / /mnt rw - nfs4 files:/desk rw\n"
             f"61 60 8:17 / /mnt/Election{odd}Night rw - ext4 /dev/sdb1 rw\n")
    assert mount_type(table, f"/mnt/Election{odd}Night/night.db") == "ext4"
    assert mount_type(table, "/mnt/night.db") == "nfs4"


@needs_mountinfo
def test_a_share_automounted_by_the_path_s_own_resolving_is_seen(monkeypatch, tmp_path):
    # An fstab share with x-systemd.automount (or autofs) shows as "autofs" until a path
    # through it is looked up: resolving the path mounts it, so the table is read after.
    folder = tmp_path / "newsroom"
    mount_share(monkeypatch, folder, "autofs")
    table = Path(network_shares.MOUNTINFO)
    resolve = os.path.realpath

    def resolving_mounts(path, *args, **kwargs):
        point = resolve(folder).replace("\\", "\\134").replace(" ", "\\040")
        table.write_text(f"{table.read_text()}1000 999 0:100 / {point} rw - nfs4 f:/d rw\n")
        return resolve(path, *args, **kwargs)

    monkeypatch.setattr(os.path, "realpath", resolving_mounts)
    assert network_type(folder / "night.db") == "nfs4"


def test_the_device_namespace_spelling_of_a_unc_path_is_a_share():
    assert windows_network_type(r"\\.\UNC\files\newsroom\night.db", lambda root: 3) == \
        r"network share \\files\newsroom"
    assert windows_network_type(r"\\.\C:\desk\night.db", lambda root: 3) is None


@pytest.mark.parametrize("kind", ["vboxsf", "vmhgfs", "fuse.vmhgfs-fuse", "fuse.smbnetfs"])
def test_the_other_vm_shared_folders_and_smb_clients_are_refused_as_9p_is(kind):
    assert kind in NETWORK_FILESYSTEMS
    for local in ("fuse.gocryptfs", "fuse.encfs", "fuse.cryfs", "fuseblk", "exfat", "zfs",
                  "btrfs", "overlay", "tmpfs", "fuse.portal", "squashfs", "ecryptfs"):
        assert local not in NETWORK_FILESYSTEMS
