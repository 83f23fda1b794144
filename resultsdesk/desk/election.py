"""Creating elections: empty ones, the bundled 2024 night, and the throw-away demo."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from ..database_builds import built_beside
from ..domain.errors import Cause, FileProblem
from ..files import BUILDING, check_output, os_error_message
from ..io import folder_lock
from ..io.csvfile import ProgressCallback
from ..paths import CONSTITUENCIES_2024, ELECTION_2024, NOTIONAL_2019, data_file
from ..store import Store, StoreError
from ..store import repository as repo
from ..store.commits import discarded_on_failure
from ..store.errors import missing_folder, open_problem, too_long
from ..store.network_shares import network_type, refuse_network_place
from .errors import DeskRefusal, refuse_bad_title
from .imports import IMPORT_USER, import_baseline, import_candidates, import_results

BUNDLED_ELECTION = "UK general election 2024"
BUNDLED_BASELINE = "Notional 2019 result on 2024 boundaries"
DEMO_USER = "HoC Library"


def init_election(path: str | Path, name: str, *, user: str = IMPORT_USER) -> Store:
    """A new, empty election database. Refuses to touch a file that already exists, a name
    no title may hold (`validation.title_problem`) and SQLite's ':memory:', which would
    create nothing lasting. Built beside `path` and moved into place whole (`built_beside`):
    killed part-way, it left an empty or half-made file there that every command refused
    ("empty, not a ResultsDesk database") and `init` would not replace ("already exists"),
    or an "Untitled election" with no "create election" entry."""
    refuse_bad_title(name, "election")
    if str(path) == ":memory:":
        raise DeskRefusal("':memory:' is SQLite's name for a database that lasts only while "
                          "it is open: give a file's path (such as election.db).",
                          cause=Cause.BAD_INPUT)
    path = Path(path)
    refuse_new_database_place(path, "election.db", _exists)
    with said_of_place(path, _exists), built_beside(path, BUILDING) as building:
        try:
            _create(building, name, user)
        except StoreError as exc:  # (a full disk) said of the file asked for
            raise type(exc)(str(exc).replace(str(building), str(path)),
                            cause=exc.cause) from None
    return Store(path)


def refuse_new_database_place(path: Path, example: str,
                              taken: Callable[[Path], Exception]) -> None:
    """Refuse, before anything is read or built, a place no new database can go (`init`'s,
    a rehearsal's): a device (/dev/null is "empty": SQLite wrote its journal into /dev and
    blamed the disk), a pipe or a folder there, a file with something in it (`taken`), or
    a folder that does not exist, which is never made (a mistyped path), in the store's
    own words."""
    if path.exists() and not path.is_file():
        check_output(path, example)
    if path.exists() and path.stat().st_size > 0:
        raise taken(path)
    if (missing := missing_folder(path)) is not None:
        raise missing
    # (built under a shorter hidden name, a database SQLite could never open again was made)
    if (long := too_long(path)) is not None:
        raise long
    # on a share: refused before the folder's hidden build file is made (`Store` says it too)
    refuse_network_place(path)


@contextmanager
def said_of_place(path: Path, taken: Callable[[Path], Exception]) -> Iterator[None]:
    """What the system refuses while a database is built beside `path` said of `path`, the
    file asked for, not of the hidden one built under (`built_beside`), which nobody typed:
    `taken(path)` when another program's database came there first (two `init` at once),
    else the folder's trouble in the store's words where it has them."""
    try:
        yield
    except FileExistsError:
        raise taken(path) from None
    except FileProblem:  # already said (a link in a loop)
        raise
    except OSError as exc:
        raise open_problem(path) or os_error_message(path, exc) from None


def _exists(path: Path) -> StoreError:
    return StoreError(f"{path} already exists; choose a new file name.")


def _create(path: Path, name: str, user: str) -> None:
    """The election `name` in a new database at `path`, left closed."""
    store = Store(path, create=True)
    try:
        with store.write():
            repo.set_election(store, name)
            store.audit(user, "create election", "election", name)
    finally:
        store.close()


def prepare_server_election(admin_url: str, name: str | None, *,
                            password: str | None = None) -> str:
    """Prepare the PostgreSQL database at `admin_url` (its server administrator's
    connection) for an election called `name`: roles, schema, functions, grants; creates
    the database if missing; safe to run again (it upgrades: `name` None there, as an
    election's name is never changed by it). Returns what it did."""
    if name is not None:
        refuse_bad_title(name, "election")
    from ..store.postgres import prepare

    return prepare(admin_url, name, password=password).describe()


def build_bundled_election(path: str | Path, *, with_results: bool,
                           progress: ProgressCallback | None = None) -> None:
    """The 2024 election from the bundled HoC files, built beside `path` and moved into place
    in one rename, so an interrupted first run never leaves a half-made database behind."""
    refuse_network_place(path)  # (the data folder, made by `built_beside`, never made there)
    with discarded_on_failure(), built_beside(Path(path), BUILDING) as building:
        _create(building, BUNDLED_ELECTION, IMPORT_USER)
        store = Store(building)
        try:
            constituencies = data_file(CONSTITUENCIES_2024)
            if with_results:
                import_results(store, data_file(ELECTION_2024), user=DEMO_USER,
                               constituencies=constituencies, progress=progress)
            else:
                import_candidates(store, data_file(ELECTION_2024),
                                  constituencies=constituencies, progress=progress)
            import_baseline(store, data_file(NOTIONAL_2019), name=BUNDLED_BASELINE,
                            progress=progress)
        finally:
            store.close()  # checkpoints the WAL into the main file before the rename


def ensure_default_database(path: str | Path,
                            progress: ProgressCallback | None = None) -> Path:
    """The desk's own database, created with the 2024 nominations on first run."""
    path = Path(path)
    if not path.exists():
        build_bundled_election(path, with_results=False, progress=progress)
    return path


DEMO_FOLDER_PREFIX = "resultsdesk-demo-"
DEMO_FILE = "demo-2024.db"


# The demo folders this process made, each marked as in use while it lives (folder_lock).
_HELD: dict[Path, BinaryIO] = {}


def create_demo_database(progress: ProgressCallback | None = None) -> Path:
    """A throw-away copy of the whole 2024 night, every result verified, in a temporary
    folder of its own (`discard_demo_database` removes it when the app is done with it).
    Folders left by demos that ended without removing theirs (killed) go first."""
    discard_abandoned_demos()
    temporary = tempfile.gettempdir()
    if (share := network_type(temporary)) is not None:  # (TMPDIR on a share: nothing made)
        raise StoreError(f"The demo is made in the temporary folder {temporary}, which is on "
                         f"a network file system ({share}), where SQLite's locks and "
                         "write-ahead log do not work; nothing was created. Set TMPDIR to a "
                         "folder on this PC's own disk.", cause=Cause.REFUSED)
    folder = Path(tempfile.mkdtemp(prefix=DEMO_FOLDER_PREFIX)).resolve()
    path = folder / DEMO_FILE
    try:
        _HELD[folder] = folder_lock.hold(folder)
        build_bundled_election(path, with_results=True, progress=progress)
    except BaseException:  # (a full disk, say): no empty folder left for good either
        _discard(folder)
        raise
    return path


def discard_abandoned_demos() -> list[Path]:
    """Remove the demo folders in the temporary folder whose app has ended without removing
    them (a SIGKILL, a crash, a power cut): each left 1.3 MB for good. A demo running in
    another app, or in this one, is left alone (its folder is locked while it runs)."""
    removed = []
    for folder in Path(tempfile.gettempdir()).glob(f"{DEMO_FOLDER_PREFIX}*"):
        if folder.resolve() not in _HELD and folder.is_dir() and folder_lock.abandoned(folder):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _discard(folder: Path) -> None:
    held = _HELD.pop(folder.resolve(), None)
    if held is not None:
        folder_lock.release(held)  # before removing it: Windows removes no open file
    shutil.rmtree(folder, ignore_errors=True)


def discard_demo_database(path: str | Path) -> bool:
    """Remove the folder `create_demo_database` made for `path` (the database, its journal
    and anything else in it): each demo left 1.3 MB in the temporary folder for good.
    Only such a folder: any other path is left alone and False returned."""
    path = Path(path)
    folder = path.parent
    if path.name != DEMO_FILE or not folder.name.startswith(DEMO_FOLDER_PREFIX):
        return False
    _discard(folder)
    return not folder.exists()
