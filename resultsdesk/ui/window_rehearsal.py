"""A rehearsal in the main window: the REHEARSAL banner, the clock's controls (pause, resume,
jump to a time, speed, stop: `rehearsal_controls`), the QTimer that steps the replay
(`desk.rehearsal.step` does the work; the window only asks it when the next seat is due),
the read-out panel of a practise rehearsal, and File > Rehearsal…. A mixin of `MainWindow`.

The window never calls start on a database that says running: another driver (the
`rehearse` command, another window) may be running it, and both stepping is safe.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QWidget

from .. import APP_NAME
from ..desk import session
from ..desk.live_charts import as_of
from ..domain.errors import KnownError
from ..domain.wording import NOT_LIVE, count_of, isolated
from .dialog_life import free_closed
from .messages import tell
from .rehearsal_controls import RehearsalControls, _rh
from .rehearsal_stepper import RehearsalStepper
from .style import ALERT_BANNER
from .style import TITLE_MARK as TITLE_MARK  # its dialogs' mark, as before
from .tasks import run_with_progress

if TYPE_CHECKING:
    from ..desk import rehearsal as rh
    from .readout_panel import ReadoutPanel
    from .rehearsal_dialog import RehearsalDialog

log = logging.getLogger(__name__)

MAX_TICK_MS = 1000  # how long a pause or a speed change made elsewhere may go unseen
MIN_TICK_MS = 20


def banner_text(state: rh.RehearsalState, election: str) -> str:
    """"REHEARSAL — not live results · … · 05:05 · 326 of 650 delivered · running ×60"."""
    clock = "finished" if state.finished else f"{state.state.value} ×{state.speed:g}"
    if state.finished and state.delivered < state.total:
        # at its until, not the night's end: "finished" alone read as the whole night done
        clock += (f" at its until, {count_of(state.total - state.delivered, 'seat')} "
                  "after it (Rehearsal > Deliver until… for more)")
    if state.finished and state.mode is _rh().ReplayMode.PRACTISE:  # what to do next
        clock += " (Rehearsal > Write practise report… for how the desk did)"
    return (f"{NOT_LIVE} · {election} replayed ({state.mode.value} mode) "
            f"· night clock {state.night_text} · {state.delivered:,} of {state.total:,} "
            f"delivered · {clock}")


def readout_line(readout) -> str:
    """A read-out in a few lines: "Read out at 00:30: Bentley (Green) 1,710 · …", each name
    isolated (`wording.isolated`): one written right to left took its votes into its run."""
    parts = [f"{isolated(line.candidate)} ({isolated(line.party)}) {line.votes:,}"
             for line in readout.lines]
    if readout.invalid_votes is not None:
        parts.append(f"rejected {readout.invalid_votes:,}")
    if readout.electorate:
        parts.append(f"electorate {readout.electorate:,}")
    return f"Read out at {readout.clock}: " + " · ".join(parts)


def free_name(path: Path) -> Path:
    """`path`, or rehearsal-2.db, -3… if taken: the dialog offers a file it can create (a
    second rehearsal was offered the first's file, and refused it)."""
    n = 1
    while path.with_stem(f"{path.stem}-{n}" if n > 1 else path.stem).exists():
        n += 1
    return path.with_stem(f"{path.stem}-{n}" if n > 1 else path.stem)


class RehearsalViews(RehearsalControls):
    """Needs `desk`, `night`, `user`, `refresh`, `open_code`, and the
    central layout of `WindowLayout`."""

    def _build_rehearsal(self) -> None:
        self.rehearsal_banner = QLabel(self)
        self.rehearsal_banner.setObjectName("rehearsalBanner")
        self.rehearsal_banner.setTextFormat(Qt.TextFormat.PlainText)  # the election's name
        self.rehearsal_banner.setStyleSheet(ALERT_BANNER)
        self.rehearsal_banner.setWordWrap(True)
        self.rehearsal_banner.hide()
        self.centralWidget().layout().insertWidget(0, self.rehearsal_banner)
        self._build_rehearsal_bar()
        self.readout_dock = QDockWidget("Read-outs", self)  # only a practise night has them
        # Renamed when it moved from a column of its own (left of the table) to a tab beside
        # the charts: a layout saved with the old place does not bring it back.
        self.readout_dock.setObjectName("readOutsDock")
        self._readout_panel: ReadoutPanel | None = None  # made when first wanted
        self.readout_dock.setMinimumWidth(380)  # a read-out's lines unwrapped
        self.readout_dock.visibilityChanged.connect(self._readouts_shown)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.readout_dock)
        self.readout_dock.hide()  # placed with the other docks (WindowLayout._arrange_docks)
        self._parts_of: Path | str | None = None  # the database the parts below were set for
        self._behind_readouts: QDockWidget | None = None
        self.readout_after: str | None = None  # a form opened from a read-out: its seat
        self._last_tick: datetime | None = None  # when this window last read its clock
        # and its computer's monotonic clock's origin then (`rehearsal_resume.monotonic_origin`)
        self._origin: datetime | None = None
        # this window's hold on the clock (`desk.rehearsal_holders`): the database, its id,
        # when it last said it is still there
        self._holding: tuple[Path | str, int] | None = None
        self._held_at: datetime | None = None
        self._rehearsal_timer = QTimer(self)  # the window as context: dies with it
        self._rehearsal_timer.setObjectName("rehearsalTimer")
        self._rehearsal_timer.setSingleShot(True)
        self._rehearsal_timer.timeout.connect(self.rehearsal_tick)
        self._delivering: str | None = None  # a burst's count under way, on the clock
        self.rehearsal_stepper = RehearsalStepper(self)
        self.rehearsal_stepper.stepped.connect(self._stepped)
        self.rehearsal_stepper.failed.connect(self._step_failed)
        self.rehearsal_stepper.progress.connect(self._step_progress)

    @property
    def readout_panel(self) -> ReadoutPanel:
        """The read-outs, made when first wanted (a practise rehearsal's only: ~1.5 ms of
        every start), in the Tab order after the map, before the verification queue."""
        if self._readout_panel is None:
            from .readout_panel import ReadoutPanel
            panel = self._readout_panel = ReadoutPanel(self.readout_dock)
            panel.seat_chosen.connect(self._key_readout)
            panel.list.setAccessibleName(self.readout_dock.windowTitle())  # not a bare "list"
            self.readout_dock.setWidget(panel)
            QWidget.setTabOrder(self.map_view.canvas, panel.latest_area)  # its read-out in
            QWidget.setTabOrder(panel.latest_area, panel.list)  # full (scrolled), then the list
            QWidget.setTabOrder(panel.list, self.queue_table)
            panel.list.installEventFilter(self.row_on_arrival)  # Tab in: its row chosen
        return self._readout_panel

    # --- the clock ---------------------------------------------------------------------

    def rehearsal_state(self) -> rh.RehearsalState | None:
        return _rh().rehearsal_state(self.desk) if self.night.rehearsal else None

    def rehearsal_tick(self) -> None:
        """Read the clock; when something is due, deliver it off the GUI thread
        (`RehearsalStepper`), else show the clock and come back when the next seat is due."""
        if not self.night.rehearsal or self.rehearsal_stepper.is_shut:  # (window closed)
            return
        try:
            self._hold_over_gap()
            self._beat()
            state = self.rehearsal_state()
        except KnownError as exc:
            self._step_failed(self.db_path, str(exc))
            return
        # The controls follow a pause or resume at once, even while a step runs (they
        # kept the state before it: Resume stayed greyed out after Pause).
        self._show_rehearsal(state)
        if self.rehearsal_stepper.busy or state.has_due:  # (busy: another step follows it)
            self.rehearsal_stepper.step(self.db_path)
        else:
            self._next_tick(state)

    def _hold_over_gap(self) -> None:
        """The window reads its clock at least every second (`MAX_TICK_MS`) but while a
        step runs: a read over a minute after the last means it did not run meanwhile (a
        laptop asleep, the window frozen), and the clock is held over that rather than
        delivering all it would have brought at once (`desk.rehearsal_resume`). A read
        before the last is the computer's clock put back, and one ahead of the monotonic
        clock the computer's clock put forward: each kept, a step running or not (a long
        step is no gap, but its time passes on both clocks alike)."""
        from ..desk import rehearsal_resume

        now = datetime.now(UTC)
        origin = rehearsal_resume.monotonic_origin(now, time.monotonic())
        last, self._last_tick = self._last_tick, now
        before, self._origin = self._origin, origin
        if last is not None:
            seen = max(last, now) if self.rehearsal_stepper.busy else last
            rehearsal_resume.hold_over_gap(self.desk, seen, now, user=self.account,
                                           stepped=origin - (before or origin))

    def _beat(self) -> None:
        """Still holding the clock (every `HOLDER_BEAT`): a window closing elsewhere then
        hands the clock to this one rather than stopping it."""
        from ..desk import rehearsal_holders as holders

        now = datetime.now(UTC)
        if self._held_at is not None and now - self._held_at < holders.HOLDER_BEAT:
            return
        if self._holding is None or self._holding[0] != self.db_path:
            self._take_hold()  # (not held on opening: the file locked, or read-only)
            return
        holders.beat(self.desk, self._holding[1], now, name=self.user)
        self._held_at = now

    def _take_hold(self) -> None:
        """This window holds the rehearsal just opened (`desk.rehearsal_holders`)."""
        from ..desk import rehearsal_holders as holders

        self._held_at = datetime.now(UTC)  # (failed, tried again a beat later)
        try:
            self._holding = (self.db_path, holders.hold(self.desk, "window", self.user))
        except KnownError as exc:  # the file locked a while: a later tick's beat holds it
            log.warning("rehearsal clock not held: %s", exc)

    def _stepped(self, target, result) -> None:
        """A step's seats are in: shown, and the clock read again (never the state the
        step ended with: a pause, jump or speed made while it ran came after that)."""
        if target != self.db_path or not self.night.rehearsal:
            return  # another database opened meanwhile
        # a long step is no gap; a clock put back meanwhile is kept for the next tick to see
        self._last_tick = max(self._last_tick or datetime.min.replace(tzinfo=UTC),
                              datetime.now(UTC))
        if result.delivered:
            self.refresh()  # the views, banner and read-outs; it reads the clock and ticks
        else:
            self.rehearsal_tick()

    def _step_failed(self, target, message: str) -> None:
        if target != self.db_path:
            return
        self.statusBar().showMessage(f"Rehearsal: {message}", 10_000)
        self._rehearsal_timer.start(MAX_TICK_MS)

    def _step_progress(self, done: int, due: int) -> None:
        if due > 1:  # a jump's hundreds of seats: the clock says how far they are
            self._delivering = f"delivering {done:,} of {due:,} seats…"
            self.rehearsal_clock.setText(self._delivering)

    def _next_tick(self, state: rh.RehearsalState) -> None:
        if state.finished or self.rehearsal_stepper.busy:
            return
        due = state.next_due_wall
        wait = MAX_TICK_MS if due is None else (due - datetime.now(UTC)).total_seconds() * 1000
        self._rehearsal_timer.start(int(min(max(wait, MIN_TICK_MS), MAX_TICK_MS)))

    def stop_rehearsal_driver(self) -> None:
        """The window is closing: it lets go of the clock. Anyone else still holding it
        (another window, the `rehearse` command) goes on with it, running; the last to let
        go stops a running clock, to resume later, but only by a role that may run it (the
        desk's window closing would stop the editor's night: it only stops driving, and
        the next to open the file carries on, `desk.rehearsal_resume`)."""
        self._rehearsal_timer.stop()
        self.rehearsal_stepper.shut()
        self.release_rehearsal_hold()

    def release_rehearsal_hold(self) -> None:
        """Let go of the clock of the rehearsal open (closing, or opening another file)."""
        holding, self._holding = self._holding, None
        # Whatever opens next is opened afresh, the same file too (File > Open of the
        # rehearsal already open): its letting go just stopped the clock, and the refresh
        # that follows goes on with it (`_resume_stopped`) only for a database it has not
        # set its parts for.
        self._parts_of = None
        if not self.night.rehearsal:
            return
        from ..desk import rehearsal_holders as holders

        try:
            state = self.rehearsal_state()
            left = holders.release(self.desk, holding[1] if holding is not None
                                   and holding[0] == self.db_path else None)
            if state.state is _rh().ReplayState.RUNNING and not left and self.may_run_clock():
                _rh().stop(self.desk, user=self.account)
        except KnownError as exc:  # (a typed name, once the file has accounts; locked)
            log.warning("rehearsal clock not stopped on closing: %s", exc)

    # --- what shows it -----------------------------------------------------------------

    def _refresh_rehearsal(self) -> None:
        """After every refresh: the banner, the controls and the read-outs follow the
        database open (a rehearsal or not), and its clock is driven."""
        state = self.rehearsal_state()
        self.rehearsal_banner.setVisible(state is not None)
        if self._parts_of != self.db_path:  # another database: its own parts and read-outs
            if self._readout_panel is not None:
                self._readout_panel.clear()
            self._last_tick = None
            state = self._resume_stopped(state)
            if state is not None:
                self._take_hold()
            self.show_rehearsal_parts(state)
        if state is None:
            self._rehearsal_timer.stop()
            return
        if state.mode is _rh().ReplayMode.PRACTISE:
            self.readout_panel.show_readouts(self.desk, self.user,
                                             visible=self._readouts_on_screen())
            self.readout_panel.show_progress({r.code: r.status.value for r in self.model.rows})
        self._show_rehearsal(state)
        if not self._rehearsal_timer.isActive() and not state.finished \
                and not self.rehearsal_stepper.busy:  # (its end brings the next tick)
            self._rehearsal_timer.start(0)

    def _resume_stopped(self, state: rh.RehearsalState | None) -> rh.RehearsalState | None:
        """A rehearsal just opened whose clock a closing window or Ctrl+C stopped, or whose
        driver was killed, goes on where it stopped, as the `rehearse` command run again
        does (README; `desk.rehearsal_resume`). A paused one stays paused (someone held it
        on purpose); a running one with a driver is left to it; a stopped one, for a role
        that may not run the clock, stays stopped (the status bar says why)."""
        if state is None or state.state not in (_rh().ReplayState.STOPPED,
                                                 _rh().ReplayState.RUNNING):
            return state
        from ..desk import rehearsal_resume

        try:
            return rehearsal_resume.resume_on_opening(self.desk, user=self.account)
        except KnownError as exc:  # not a dialog: the window is only opening
            self.statusBar().showMessage(f"Rehearsal not resumed: {exc}", 10_000)
            return state

    def show_rehearsal_parts(self, state: rh.RehearsalState | None = None) -> None:
        """The toolbar (a rehearsal) and the read-outs (a practise rehearsal, in front)
        shown, or hidden with their View menu entries (a live night), whatever layout was
        saved: there is one for every night (WindowLayout._restore_settings), so it may
        come from either kind. Called when a database opens and once the layout is
        restored."""
        state = state if state is not None else self.rehearsal_state()
        self._parts_of = self.db_path
        practise = state is not None and state.mode is _rh().ReplayMode.PRACTISE
        self.rehearsal_bar.toggleViewAction().setVisible(state is not None)
        self.rehearsal_menu.menuAction().setVisible(state is not None)
        for name in ("practiseReport", "practiseReportSeparator"):
            self.findChild(QAction, name).setVisible(practise)
        self.rehearsal_bar.setVisible(state is not None)
        dock = self.readout_dock
        dock.toggleViewAction().setVisible(practise)
        if practise:
            self.readout_panel  # noqa: B018 (made before it shows)
            dock.show()
            self._raise_readouts()
            if not self.isVisible():
                # a layout restored before the window shows is applied as it shows, its
                # tabs' order with it: in front again then
                QTimer.singleShot(0, self, self._raise_readouts)
        elif not dock.isHidden():  # not isVisible: before the window shows, nothing is
            behind = self._behind_readouts  # back in front, not the tab next to them
            dock.hide()
            if behind is not None and not behind.isHidden():
                behind.raise_()

    def _raise_readouts(self) -> None:
        """The read-outs in front, remembering the tab they hide."""
        dock = self.readout_dock
        if dock.isHidden():
            return
        front = next((d for d in self.tabifiedDockWidgets(dock)
                      if d.isVisible() and not d.visibleRegion().isEmpty()), None)
        if front is not None:
            self._behind_readouts = front
        dock.raise_()

    def _readouts_on_screen(self) -> bool:
        """The read-outs in sight: shown, and not behind another tab (Qt keeps a dock
        behind a tab "visible", moved off the window)."""
        return (self.readout_dock.isVisible()
                and not self.readout_dock.visibleRegion().isEmpty())

    def _readouts_shown(self, visible: bool) -> None:
        """The read-outs brought into sight (their tab chosen): what they show from now is
        recorded as shown, as at a refresh."""
        shown = visible and self.isVisible() and self.night.rehearsal
        state = self.rehearsal_state() if shown else None
        if state is not None and state.mode is _rh().ReplayMode.PRACTISE:
            self.readout_panel.show_readouts(self.desk, self.user, visible=True)

    def _show_rehearsal(self, state: rh.RehearsalState) -> None:
        self.rehearsal_banner.setText(banner_text(state, self.night.election))
        # A burst's count stays until it is in: each refresh its seats bring wrote the
        # night's time over it, the count back only with the next seat.
        if not self.rehearsal_stepper.busy:
            self._delivering = None
        self.rehearsal_clock.setText(self._delivering
                                     or f"{state.night_text} · {state.state.value}")
        self._show_clock(state)

    def _chart_footers(self, views) -> None:
        """Every on-screen chart's footer: the as-of time, and REHEARSAL on a rehearsal."""
        footer = (as_of(self.night), self.night.rehearsal)
        for view in views:
            chart = view.chart
            if (getattr(chart, "as_of", None), getattr(chart, "rehearsal", None)) != footer:
                chart.set_footer(as_of=footer[0], rehearsal=footer[1])
                view.canvas.draw_idle()

    def readout_in_form(self, dialog, code: str) -> None:
        """A practise seat's read-out at the top of its form: the form opens centred on the
        window, over the read-out panel, and hid the figures being typed (and any older
        read-out chosen is not the panel's large one). Plain text: names as read."""
        state = self.rehearsal_state()
        if state is None or state.mode is not _rh().ReplayMode.PRACTISE:
            return
        from ..desk import practise

        readout = practise.readout(self.desk, code)
        if readout is None:  # not read out yet
            return
        from .readout_panel import form_copy

        margins = dialog.layout().contentsMargins()
        width = dialog.width() - margins.left() - margins.right()
        dialog.layout().insertWidget(0, form_copy(readout_line(readout), dialog, width))

    def _key_readout(self, code: str) -> None:
        """A read-out chosen: its seat selected and its form opened (enter or re-key)."""
        self.open_code(code)

    def _readout_place(self) -> str | None:
        """The seat of the read-out the keyboard's focus is on, for `_back_to_readout`;
        None elsewhere (the application's focus, as `_focused_row`'s)."""
        panel = self._readout_panel
        if panel is None or QApplication.focusWidget() is not panel.list:
            return None
        index = panel.list.currentIndex()
        return panel.code_at(index) if index.isValid() else None

    def _back_to_readout(self, code: str) -> bool:
        """A form opened from a practise night's read-out closed: the focus back on that
        read-out's line (read-outs come in above it meanwhile), as for the queue and the
        watch. It went to Find, the read-outs a handful of key presses away."""
        panel = self._readout_panel
        if panel is None or panel.list.visibleRegion().isEmpty():
            return False
        model = panel.list.model()
        index = next((model.index(row, 0) for row in range(model.rowCount())
                      if panel.code_at(model.index(row, 0)) == code), None)
        if index is not None:
            self._focus_back_on(panel.list, index)
        return index is not None

    def write_practise_report(self) -> Path | None:
        """Rehearsal > Write practise report…: per person, seats keyed and verified, the
        read-out-to-verified times and errors the re-key caught, where the command puts it
        by default (beside the database). Small (0.1 s for 650 seats): on the GUI thread."""
        from PySide6.QtWidgets import QFileDialog

        from ..desk import practise

        db = Path(self.db_path)
        suggested = db.with_name(f"{db.stem}-practise-report.csv")
        name, _ = QFileDialog.getSaveFileName(self, "Write practise report", str(suggested),
                                              "CSV (*.csv);;JSON (*.json)")
        if not name:
            return None
        try:
            out = practise.export_practise_report(self.desk, name)
        except KnownError as exc:  # a wrong extension, or the place cannot be written
            tell(self, f"{TITLE_MARK}{APP_NAME}", str(exc))
            return None
        self.statusBar().showMessage(f"Wrote the practise report to {out}.", 15_000)
        return out

    # --- File > Rehearsal… ---------------------------------------------------------------

    def new_rehearsal(self) -> RehearsalDialog:
        from ..paths import user_data_dir

        # beside the election's file; a server's election has none, and the demo's is in
        # a throw-away folder removed whole as its window closes: the data folder
        demo = self.publisher.withheld()  # (the demo's night is the one followed)
        beside = (user_data_dir() if session.is_server(self.desk) or demo
                  else Path(self.db_path).parent)
        from .rehearsal_dialog import RehearsalDialog  # loads when first opened

        free_closed(self, RehearsalDialog)
        dialog = RehearsalDialog(free_name(beside / "rehearsal.db"), self)
        self.rehearsal_dialog = dialog
        dialog.accepted.connect(lambda: self.create_rehearsal(dialog.choice(), dialog))
        dialog.open()
        return dialog

    def create_rehearsal(self, choice, dialog: RehearsalDialog | None = None) -> None:
        """Make the rehearsal database (off the GUI thread), open it and start its clock.
        Refused (a time typed wrong, a file not the HoC's), its `dialog` comes back with
        every choice as it was and the reason in it, rather than closed behind a box."""
        ok, result = run_with_progress(self, f"Preparing the rehearsal {choice.db.name}…",
                                       choice.create)
        if not ok and dialog is not None:
            dialog.refused(str(result))
            return
        if not ok:
            tell(self, "Rehearsal not created", str(result))
            return
        self.open_database(Path(result))
        if self.db_path == Path(result) and self.night.rehearsal:
            note = _rh().never_delivered_note(self.desk)
            if note:  # before its clock starts: a seat left out all night is no surprise
                tell(self, "Seats never delivered", note, "information")
            self._rehearsal_do(_rh().start)
