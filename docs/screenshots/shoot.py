"""Regenerate the screenshots of the main window (light, dark, the map dock), the live
desk, its queue, the export dialog, a rehearsal (its banner, read-outs and timeline) and the
exported graphics:
`python docs/screenshots/shoot.py [NAME ...]` (all when none named; `graphics` for the five
exports), written over the PNGs here (or into $SHOTS_OUT).

Each shot builds its night through the desk layer (the demo's, or the 2024 nominations
declared and verified with the real HoC figures), then runs the real main window in a
process of its own under `xvfb-run` (needed) on a screen of the picture's size, with fresh
settings.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
OUT = Path(os.environ.get("SHOTS_OUT", HERE))  # where the pictures go
sys.path.insert(0, str(ROOT))

from resultsdesk.desk import declarations as dk  # noqa: E402
from resultsdesk.desk.accounts import add_account  # noqa: E402
from resultsdesk.desk.election import build_bundled_election  # noqa: E402
from resultsdesk.desk.graphics import export_graphic  # noqa: E402
from resultsdesk.desk.overview import constituency_rows  # noqa: E402
from resultsdesk.desk.session import open_desk  # noqa: E402

HENDON, BASILDON = "E14001279", "E14001077"
# name: (screen, how many seats verified (None: the demo's night), how many provisional, user)
WINDOWS = {"main-window": ((1728, 972), None, 0, "alice"),
           "main-window-dark": ((1920, 1080), 650, 0, "editor"),
           "map-dock": ((1920, 1080), 650, 0, "editor"),
           "live-desk": ((1366, 768), 311, 29, "editor"),
           "desk-queue": ((1366, 768), 45, 15, "carol"),
           "live-desk-1920": ((1920, 1080), 650, 0, "editor"),
           "export-dialog": ((1920, 1080), 650, 0, "editor")}
# a night part-way, this many seats verified, has Basildon and Billericay's recount under way
RECOUNT_AT = range(100, 650)
CHART_IN_FRONT = {"live-desk": 1, "main-window-dark": 1, "map-dock": 4}  # else 0, Seats
MAP_DOCK_WIDTH = 900  # the Map dock's, in the map-dock shot (of 1920)
# name: (screen, mode, --until (None: the whole night), the dock in front, grab that dock alone)
# Each a rehearsal of the bundled 2019 night made by `resultsdesk rehearse` at full speed.
REHEARSALS = {"rehearsal-banner": ((1920, 1050), "watch", "03:30", "timelineDock", False),
              "rehearsal-readouts": ((1920, 1050), "practise", "00:40", "readOutsDock", False),
              "rehearsal-timeline-2019": ((1920, 1080), "watch", None, "timelineDock", True)}
TIMELINE_DOCK_WIDTH = 900  # the Timeline dock's, in its own shot
# name: (kind, theme, constituency)
GRAPHICS = {"chart-seats": ("seats", "light", None),
            "chart-hemicycle": ("hemicycle", "light", None),
            "chart-shares": ("shares", "light", None),
            "export-card-hendon": ("card", "light", HENDON),
            "export-hemicycle-broadcast": ("hemicycle", "broadcast", None)}


def accounts(path: Path) -> Path:
    """ann the admin; alice, bob and carol at the desk; an editor, who sees every entry."""
    with open_desk(path) as desk:
        add_account(desk, "ann", "admin", "ann's password", admin=None)
        for name, role in (("alice", "desk"), ("bob", "desk"), ("carol", "desk"),
                           ("editor", "editor")):
            add_account(desk, name, role, f"{name}'s password", admin="ann")
    return path


def demo(folder: Path) -> Path:
    """The demo's night (`resultsdesk demo`): the whole 2024 night, every result verified."""
    path = folder / "demo-2024.db"
    build_bundled_election(path, with_results=True)
    return path


def night(folder: Path, verified: int, provisional: int) -> Path:
    """The 2024 night with `verified` seats verified (Hendon among them) and `provisional`
    more awaiting verification, as alice and bob keyed them; part-way (RECOUNT_AT),
    Basildon and Billericay's recount under way."""
    full = folder / "full.db"
    build_bundled_election(full, with_results=True)
    path = folder / "night.db"
    build_bundled_election(path, with_results=False)
    accounts(path)
    with open_desk(full) as done:
        names = {r.code: r.name for r in constituency_rows(done)}
        figures = {c: dk.load_sheet(done, c).verified.figures for c in names}
    first = [HENDON, BASILDON] if verified in RECOUNT_AT else [HENDON]
    # declared so far: a random half of the seats from the start of the alphabet
    pool = [c for c in sorted(names, key=names.get)[:2 * (verified + provisional)]
            if c not in first]
    rest = random.Random(2024).sample(pool, verified + provisional - len(first))
    chosen = sorted([*first, *rest], key=names.get)
    step = len(rest) // provisional if provisional else 1  # those awaiting, spread out
    waiting = set(sorted(rest, key=names.get)[step // 2::step][:provisional])
    with open_desk(path) as desk:
        for code in chosen:
            try:
                dk.declare(desk, code, figures[code], user="alice")
            except dk.FiguresRefused as refused:  # warnings only: accepted, as the desk does
                dk.declare(desk, code, figures[code], user="alice",
                           overrides=[p.code for p in refused.problems])
            if code not in waiting:
                dk.verify(desk, code, user="bob", votes=figures[code].votes,
                          invalid=figures[code].invalid)
        if BASILDON in first:
            dk.mark_recount(desk, BASILDON, user="bob")
    return path


def settled(ready=lambda: True, ms: int = 3000) -> None:
    """Events run for `ms` (the window's first refresh and chart draws), then until `ready`."""
    from PySide6.QtTest import QTest

    QTest.qWait(ms)
    while not ready():
        QTest.qWait(100)


def click_seat(view, code: str) -> None:
    """A click on `code`'s hex in the map `view`, as the mouse makes it."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    chart, canvas = view.chart, view.canvas
    x, y = chart.ax.transData.transform(chart.xy[chart.codes.index(code)])
    ratio = canvas.devicePixelRatioF()  # matplotlib counts device pixels from the bottom
    point = QPoint(round(x / ratio), round((chart.figure.bbox.height - y) / ratio))
    QTest.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=point)


def save(widget, name: str) -> None:
    """`widget` as shown, in a PNG kept small (RGB where nothing is see-through)."""
    from PIL import Image

    path = OUT / f"{name}.png"
    widget.grab().save(str(path))
    image = Image.open(path)
    if image.mode == "RGBA" and image.getextrema()[3][0] == 255:
        image = image.convert("RGB")
    image.save(path, optimize=True)


def window_shot(name: str, db: Path, user: str) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction

    from resultsdesk.ui.app import application
    from resultsdesk.ui.main_window import MainWindow

    application()
    win = MainWindow(db, user=user, demo=name == "main-window")
    win.setGeometry(win.screen().geometry())
    win.show()
    dock = win.chart_docks[CHART_IN_FRONT.get(name, 0)]
    dock.raise_()
    (win.queue_dock if name == "desk-queue" else win.recount_dock).raise_()
    if name == "main-window-dark":  # as View > Theme > Dark chooses it
        win.findChild(QAction, "themeDarkAction").trigger()
    if name == "map-dock":  # the map wide, Hendon clicked on it
        win.resizeDocks([dock], [MAP_DOCK_WIDTH], Qt.Orientation.Horizontal)
        settled(lambda: HENDON in win.map_view.chart.codes)
        click_seat(win.map_view, HENDON)
        assert win.selected_code() == HENDON, "the click missed Hendon's hex"
    settled(lambda: "checking" not in win.audit_label.text())  # the audit chain checked
    shown = win
    if name == "export-dialog":  # Hendon's result card, broadcast theme, as it previews
        win.table.selectRow(next(i for i in range(win.proxy.rowCount())
                                 if win.proxy.index(i, 0).data() == "Hendon"))
        shown = win.export_graphic("card")
        shown.theme.setCurrentIndex(shown.theme.findData("broadcast"))
        settled(lambda: shown.message.text().startswith("Preview:"))
    save(shown, name)
    win.close()


def rehearsal(folder: Path, mode: str, until: str | None) -> Path:
    """The 2019 night replayed by the command line at full speed, in `mode`, to `until`."""
    path = folder / f"rehearsal-{mode}.db"
    command = [sys.executable, "-m", "resultsdesk", "rehearse", "--db", str(path), "--mode",
               mode, "--speed", "100000", *(["--until", until] if until else [])]
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return path


def rehearsal_shot(name: str, db: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDockWidget

    from resultsdesk.ui.app import application
    from resultsdesk.ui.main_window import MainWindow

    application()
    win = MainWindow(db, user="alice")
    screen, _mode, _until, dock_name, alone = REHEARSALS[name]
    win.setGeometry(0, 0, *screen)
    win.show()
    dock = win.findChild(QDockWidget, dock_name)
    dock.show()
    dock.raise_()
    if alone:
        win.resizeDocks([dock], [TIMELINE_DOCK_WIDTH], Qt.Orientation.Horizontal)
    settled(lambda: "checking" not in win.audit_label.text())
    save(dock.widget() if alone else win, name)
    win.close()


def graphic_shots(folder: Path) -> None:
    with open_desk(night(folder, 650, 0)) as desk:
        for name, (kind, theme, seat) in GRAPHICS.items():
            export_graphic(desk, kind, OUT / f"{name}.png", theme=theme, constituency=seat)


def main(names: list[str]) -> None:
    for name in names or [*WINDOWS, *REHEARSALS, "graphics"]:
        with tempfile.TemporaryDirectory() as tmp:
            env = {**os.environ, "XDG_CONFIG_HOME": f"{tmp}/config",
                   "XDG_DATA_HOME": f"{tmp}/data", "XDG_CACHE_HOME": f"{tmp}/cache",
                   "QT_QPA_PLATFORM": "xcb"}
            size = {**WINDOWS, **REHEARSALS}.get(name, ((1920, 1080),))[0]
            subprocess.run(["xvfb-run", "-a", "-s", f"-screen 0 {size[0]}x{size[1]}x24",
                            sys.executable, __file__, "--in", name, tmp], env=env, check=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--in"]:
        shot, folder = sys.argv[2], Path(sys.argv[3])
        if shot == "graphics":
            graphic_shots(folder)
        elif shot in REHEARSALS:
            rehearsal_shot(shot, rehearsal(folder, *REHEARSALS[shot][1:3]))
        else:
            _screen, verified, provisional, who = WINDOWS[shot]
            db = demo(folder) if verified is None else night(folder, verified, provisional)
            window_shot(shot, db, who)
    else:
        main(sys.argv[1:])
