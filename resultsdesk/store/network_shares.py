"""Refusing a database file on a network file system, before it is opened or created.

SQLite's own documentation: WAL mode does not work over a network file system (its `-shm`
index is shared memory, which only programs on one machine share), and the locks network
file systems offer are unreliable, so two PCs writing one file through a share can damage
it. A newsroom putting `night.db` on a share for two PCs wants the team desk (a PostgreSQL
server) instead; a single PC wants the file on its own disk. So `Store` (every opening, the
audit check's too) and the commands that make a file (`init`, the bundled night, the demo,
a rehearsal, a restore's target) call `refuse_network_place` first, and nothing is created
or changed. Backups and the watch folder may be on a share: their files are written whole
and read by nobody's SQLite while they are being written.

How a file's place is found, without a subprocess or a heavy import (it runs on every
`summary --json`, whose start-up is a timed goal):
- Linux: /proc/self/mountinfo, read once per check; the mount whose mount point is the
  longest prefix of the file's resolved path (the last one mounted there when several are
  stacked on one point, as autofs and what it mounts are) says the type.
- Windows: a UNC path (\\\\server\\share\\…), or a drive letter that GetDriveTypeW calls
  DRIVE_REMOTE (a mapped network drive), through ctypes, imported only there.
- macOS (best effort): statfs's f_fstypename through ctypes (os.statvfs has no type), on
  the file's folder or the nearest one that exists. A macFUSE mount (sshfs) is not told
  from a local one there.
- Elsewhere, or where the system does not answer (no /proc), nothing is refused.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

from ..domain.errors import Cause
from .errors import StoreError

# The one list: file systems that reach the file through a server, so that SQLite's
# shared-memory index and POSIX locks do not reach the other PCs (or reach them late).
NETWORK_FILESYSTEMS = frozenset({
    # NFS (every version) and Windows file sharing, as Linux's kernel clients name them
    # (smbfs: older kernels, and macOS's SMB client)
    "nfs", "nfs4", "cifs", "smb3", "smbfs",
    # macOS's own network clients (AppleShare, WebDAV)
    "afpfs", "webdav",
    # Plan 9's protocol: VM shared folders, and WSL2's view of the Windows drives (/mnt/c),
    # served over a socket: SQLite's locks there are not Windows programs' locks
    "9p",
    # the other VM shared folders (VirtualBox's, VMware's), the host's disk seen the same way
    "vboxsf", "vmhgfs", "fuse.vmhgfs-fuse",
    # distributed file systems: AFS, Ceph (kernel and FUSE clients), GlusterFS, Lustre
    "afs", "ceph", "fuse.ceph-fuse", "glusterfs", "fuse.glusterfs", "lustre",
    # FUSE clients for servers with no locks at all: WebDAV, SSH, SMB, FTP, cloud storage
    "davfs", "fuse.davfs", "fuse.sshfs", "fuse.smbnetfs", "fuse.curlftpfs", "fuse.rclone",
    "fuse.s3fs", "fuse.gcsfuse",
    # the shares a desktop's file manager opens (GNOME's Files: smb://, sftp:// under
    # /run/user/ID/gvfs; KDE's Dolphin), which pass no locks on either
    "fuse.gvfsd-fuse", "fuse.kio-fuse",
})

MOUNTINFO = "/proc/self/mountinfo"
# Windows' GetDriveTypeW answer for a network drive (winbase.h)
DRIVE_REMOTE = 4
# macOS's struct statfs (64-bit inodes, the only one on arm64): f_fstypename's place, size
_MAC_FSTYPENAME = slice(72, 88)
_MAC_STATFS_SIZE = 2168
# mountinfo writes a space, tab, newline and backslash in a path as \040, \011, \012, \134
_OCTAL = re.compile(r"\\([0-7]{3})")


def refuse_network_place(path: str | Path) -> None:
    """Raise a `StoreError` (one line naming the file, the file system and what to do)
    when `path`, a database to open or create, is on a network file system."""
    path = Path(path)
    found = network_type(path)
    if found is None:
        return
    new = not os.path.exists(path)  # (False where it cannot be looked at)
    what = "Make the election" if new else "Copy it to a folder"
    raise StoreError(
        f"{path} is on a network file system ({found}), where SQLite's locks and "
        "write-ahead log do not work and a database can be damaged; nothing was created or "
        f"changed. {what} on this PC's own disk, or for several PCs use a team desk server "
        '(README "Team desk").', cause=Cause.REFUSED)


def network_type(path: str | Path, *, platform: str = sys.platform) -> str | None:
    """The network file system `path` is on, as the message names it ("nfs4", "network
    drive Z:"), or None for a local disk (or one this system does not tell)."""
    if platform.startswith("linux"):
        # resolved first: going through an automount point (autofs, systemd's automount of
        # an fstab share) mounts the share, and a table read before said "autofs"
        real = os.path.realpath(path)
        try:
            with open(MOUNTINFO, "rb") as fh:
                text = os.fsdecode(fh.read())
        except OSError:  # no /proc (a chroot): not told
            return None
        kind = mount_type(text, real)
        return kind if kind in NETWORK_FILESYSTEMS else None
    if platform == "win32":
        return windows_network_type(os.path.realpath(path), _windows_drive_type())
    if platform == "darwin":
        kind = _mac_type(Path(os.path.realpath(path)))
        return kind if kind in NETWORK_FILESYSTEMS else None
    return None


def mount_type(mountinfo: str, path: str) -> str | None:
    """The type of the file system holding `path` (absolute, resolved), from the text of
    /proc/self/mountinfo. Each line is `id parent major:minor root MOUNT-POINT options
    [optional…] - TYPE source super-options`; a bind mount has the type of what it shows.

    The mount tree is walked down from the root, by parent id, taking at each step the
    child mount nearest the root along `path`: a mount over a parent folder hides the mounts
    made under it before (a share mounted on /mnt over a USB stick's /mnt/usb: the longest
    mount point named the stick's vfat), and one stacked on a mount point (autofs and what
    it mounts) is the child of the one under it. The table's line order is not the order
    things were mounted (/proc can come before /). A line whose parent the table lacks (a
    chroot's) is taken wherever its mount point holds `path`, as a longest match."""
    mounts: list[tuple[str, str, str, str]] = []  # (id, parent, mount point, type)
    for line in mountinfo.split("\n"):  # (not splitlines: \f or U+2028 in a name split it)
        head, sep, tail = line.partition(" - ")
        fields = head.split(" ", 5)
        if not sep or len(fields) < 5:
            continue
        point = fields[4]
        if "\\" in point:
            point = _OCTAL.sub(lambda m: chr(int(m[1], 8)), point)
        mounts.append((fields[0], fields[1], point, tail.split(" ", 1)[0]))
    ids = {m[0] for m in mounts}
    orphans = {m[0] for m in mounts if m[1] not in ids or m[1] == m[0]}
    best: tuple[str, str, str, str] | None = None
    depth, seen = 0, set[str]()
    while True:
        current = best[0] if best else None
        holding = [m for m in mounts if m[0] not in seen and len(m[2]) >= depth
                   and (m[1] == current or m[0] in orphans) and _holds(m[2], path)]
        if not holding:
            return best[3] if best else None
        depth = min(len(m[2]) for m in holding)
        best = [m for m in holding if len(m[2]) == depth][-1]  # (stacked: the later)
        seen.add(best[0])


def _holds(point: str, path: str) -> bool:
    """Whether the folder `point` holds `path` (/srv/news holds /srv/news/a.db, not
    /srv/newsroom/a.db)."""
    return point == "/" or path == point or (path.startswith(point) and path[len(point)] == "/")


def windows_network_type(path: str, drive_type: Callable[[str], int]) -> str | None:
    """On Windows, what makes `path` (absolute) a network place: a UNC path's share
    ("\\\\server\\share", also as \\\\?\\UNC\\server\\share) or a mapped drive that
    `drive_type` (GetDriveTypeW, given the drive's root "Z:\\") says is DRIVE_REMOTE."""
    import ntpath  # (pure: the decision is tested on any system)

    text = path.replace("/", "\\")
    if text[:8].upper() in ("\\\\?\\UNC\\", "\\\\.\\UNC\\"):  # (\\.\UNC\ too)
        text = "\\" + text[7:]
    elif text.startswith(("\\\\?\\", "\\\\.\\")):  # a local path in long form
        text = text[4:]
    drive = ntpath.splitdrive(text)[0]
    if drive.startswith("\\\\"):
        return f"network share {drive}"
    if drive and drive_type(drive + "\\") == DRIVE_REMOTE:
        return f"network drive {drive.upper()}"
    return None


def _windows_drive_type() -> Callable[[str], int]:
    import ctypes  # (Windows only: never loaded on Linux, where every command opens here)

    function = ctypes.windll.kernel32.GetDriveTypeW  # type: ignore[attr-defined]
    function.argtypes, function.restype = [ctypes.c_wchar_p], ctypes.c_uint
    return function


def _mac_type(path: Path) -> str | None:
    """macOS's f_fstypename of the nearest folder of `path` that exists ("smbfs", "apfs"),
    or None where statfs does not answer."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        # x86_64 keeps the 32-bit-inode statfs under the plain name
        statfs = getattr(libc, "statfs$INODE64", None) or libc.statfs
    except (OSError, AttributeError):
        return None
    place = path
    while not os.path.exists(place) and place.parent != place:
        place = place.parent
    buffer = ctypes.create_string_buffer(_MAC_STATFS_SIZE)
    if statfs(os.fsencode(place), buffer) != 0:
        return None
    return buffer.raw[_MAC_FSTYPENAME].split(b"\0", 1)[0].decode("ascii", "replace")
