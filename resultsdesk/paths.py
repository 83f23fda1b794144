"""Where bundled resources and the user's data live, from source, installed or frozen."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from . import APP_NAME
from .domain.errors import Cause, FileProblem, KnownError

ELECTION_2024 = "HoC-GE2024-results-by-candidate.csv"
CONSTITUENCIES_2024 = "HoC-GE2024-results-by-constituency.csv"
NOTIONAL_2019 = "notional-GE2019-on-2024-boundaries.csv"
PARTY_COLOURS = "party-colours-uk-parliament.csv"
HEXMAP = "uk-constituencies-2024.hexjson"
# The 2010-2019 boundaries (GE2010 to GE2019: the rehearsal nights), MIT, Open Innovations.
HEXMAP_2010 = "uk-constituencies-2010-2019.hexjson"
# The 2019 night, with each seat's declaration time (the night a rehearsal replays), and
# 2017 on the same boundaries as its baseline.
ELECTION_2019 = "HoC-GE2019-results-by-candidate.csv"
CONSTITUENCIES_2019 = "HoC-GE2019-results-by-constituency.csv"
ELECTION_2017 = "HoC-GE2017-results-by-candidate.csv"
CONSTITUENCIES_2017 = "HoC-GE2017-results-by-constituency.csv"


class ResourcesMissing(KnownError, FileNotFoundError):
    """The data and icons installed with ResultsDesk are not there: the installation is
    incomplete (a wheel built without them, a folder deleted), not a bug in it, which the
    command line and the app's crash line called it."""

    cause = Cause.MISSING


def nul_in_path(text: str) -> str | None:
    """Why no file can be at `text`, a path typed or pasted: a NUL character in it (the
    system ends a name there, and Python's "embedded null byte" was called a bug in
    ResultsDesk), in one line naming the path with the NUL shown as \\0; else None."""
    if "\0" not in text:
        return None
    shown = text.replace("\0", "\\0")
    return f"{shown}: a file's name cannot hold a NUL character (\\0); type the path again."


def path_text(path: str | Path) -> str:
    """`path` as text any UTF-8 writer takes (the audit log, a JSON file): a name whose
    bytes are not UTF-8 (b'\\xff' in a home made in a Latin-1 locale) with them written as
    \\xff. Python holds them as lone surrogates, which an encoder refuses ("surrogates not
    allowed")."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def resources_dir() -> Path:
    """The `resources/` folder: beside the package in a checkout, inside it when installed
    (`_resources`) or frozen."""
    frozen = getattr(sys, "_MEIPASS", None)
    candidates = [Path(frozen) / "resources"] if frozen else []
    here = Path(__file__).resolve().parent
    candidates += [here.parent / "resources", here / "_resources"]
    for path in candidates:
        if (path / "data").is_dir():
            return path
    looked = " or ".join(str(c) for c in candidates)
    raise ResourcesMissing(f"ResultsDesk is not installed whole: its resources folder is "
                           f"missing (looked for {looked}); reinstall ResultsDesk.")


def data_file(name: str) -> Path:
    return resources_dir() / "data" / name


def user_data_dir() -> Path:
    """The data folder (your own database, backups, drafts, the log), made if need be. One
    that cannot be made is a `FileProblem` naming it: the app started from a desktop icon
    with none closed at once, its only word "resultsdesk: error: /home/ann/.local/share:
    File exists" on a terminal nobody had open."""
    from platformdirs import user_data_path

    folder = user_data_path(APP_NAME, appauthor=False)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        where = exc.filename or folder
        why = ("a file stands where a folder belongs" if isinstance(
            exc, FileExistsError | NotADirectoryError) else exc.strerror or str(exc))
        raise FileProblem(folder, (
            f"Cannot make ResultsDesk's data folder {folder}, where your own election "
            f"database, backups, drafts and log are kept ({where}: {why}). Make it "
            f"writable (on Linux XDG_DATA_HOME moves it), or open a database elsewhere "
            f"with --db PATH."), cause=Cause.READ_ONLY
            if isinstance(exc, PermissionError) else Cause.IO) from None
    return folder


def user_cache_dir() -> Path:
    """Where what can be made again is kept between runs (not created here)."""
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def text_memory_file() -> Path:
    """The charts' text as last drawn (`charts.text_memory`): read as the window starts."""
    return user_cache_dir() / "text-memory.bin"


def log_dir() -> Path:
    """Where the desk's log files are kept (`resultsdesk.log` and its rotated copies)."""
    return user_data_dir() / "logs"


def default_database() -> Path:
    return user_data_dir() / "election.db"
