"""Keeping the main window live: hearing of other desks' writes (`LiveFeed`: pushed by a
server, asked of a file every 1.5 s), bringing every view up to date
with only what changed, and acting on what is news (`desk.alerts`): a close result raises the
recount alert, a newly verified seat goes to the watch folder, enough verifications make a
backup due. A mixin of `MainWindow` (kept apart to keep modules short).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer

from .. import APP_NAME
from ..desk import session
from ..desk.alerts import (
    CloseResult,
    alert_message,
    gather,
    gathered_message,
    held_by,
    sent_back,
)
from ..desk.changes import change_source
from ..desk.declarations import verification_queue
from ..desk.errors import ServerSignInFailed
from ..desk.failures import judge
from ..desk.live_charts import timeline_data
from ..desk.overview import row_for, rows_of
from ..domain.errors import Cause, KnownError
from ..domain.identity import same_person
from ..domain.records import replace
from ..domain.summary import NO_SEATS_YET, NationalSummary
from .live_feed import RETRY_MS, LiveFeed
from .preferences import save_preferences
from .publisher import load_publish_settings
from .sign_in import user_label_text
from .style import TITLE_MARK

ALERT_MS = 30_000  # how long a close result is news: red in the status bar, joined on the banner
# Close results the recount banner names in full; more are counted ("+2 more in the Recount
# watch", listed just below it): four or more wrapped onto 6+ lines of a laptop's dock.
BANNER_SEATS = 3
# How often the charts' footers are brought up to the time when that is what they say (no
# result verified yet: "As of" now; a rehearsal: its night clock), though nothing changed.
AS_OF_CLOCK_MS = 20_000
# A refresh put off is tried again after RETRY_MS, then twice as long each time it fails,
# up to this: where the network drops packets each try waits out the connect timeout on
# the GUI thread until the feed notices (about 25 s), and a listening feed brings any new
# change at once anyway.
REFRESH_RETRY_MAX_MS = 15_000
log = logging.getLogger(__name__)


class LiveViews:
    """Needs `desk`, `night`, `prefs`, `viewer`, the models and widgets `WindowLayout`
    builds, the news policies (`recount_alerts`, `newly_verified`) and `publisher`."""

    def _start_live(self) -> None:
        """Listen for the open election's changes; the connection bar shows while a
        server cannot be reached (the feed reconnects by itself)."""
        self.feed = LiveFeed(change_source(self.desk), self)
        self.feed.changed.connect(self.refresh_if_changed)
        self.connection_bar.attach(self.feed)
        self.feed.refused.connect(self._server_refused)  # window_account
        self.feed.reconnected.connect(self._still_signed_out)  # after the bar's show_back
        self.feed.reconnected.connect(lambda: self.audit.recheck_if_failed())
        # A refresh the feed asked for that could not read (below) is tried again.
        self.refresh_retry = QTimer(self)
        self.refresh_retry.setSingleShot(True)
        self._refresh_delay = RETRY_MS
        self.refresh_retry.timeout.connect(self._refresh_again)
        self._bar_for_refresh = False  # the bar is up because a refresh could not read
        # A footer that says the time (before the first result, or a rehearsal's clock)
        # stopped at the last refresh: a window open since the polls closed said "As of
        # 22:02" at 23:37, where one opened then says 23:37. Each tick costs a comparison,
        # and, once a minute at most, the footers' text redrawn.
        self.as_of_clock = QTimer(self)
        self.as_of_clock.timeout.connect(self._footers_to_now)
        self.as_of_clock.start(AS_OF_CLOCK_MS)

    def _stop_live(self) -> None:
        """Stop listening (before the desk closes: a server's listener is the feed's)."""
        self.feed.stop()
        self.feed.deleteLater()
        self.refresh_retry.stop()
        self.refresh_retry.deleteLater()
        self.as_of_clock.stop()
        self.as_of_clock.deleteLater()
        self.connection_bar.hide()

    def refresh_if_changed(self) -> None:
        """The feed's news. A read that fails here (a server gone since it told of the
        change, a file locked) is not raised out of the slot, and is tried again until it
        is done: the feed may still be listening (the DBA ended only the window's own
        connection, and the server has no room for another), and nothing else would bring
        that change to the window until the next one came. While the server cannot be
        reached the bar says so, as for a lost feed; when it came back at a schema this
        ResultsDesk was not built for, the bar says that (the store refuses every read and
        write until it matches)."""
        try:
            self._refresh_if_newer()
        except ServerSignInFailed as exc:
            # The window's own connection came back to a server that no longer signs the
            # account in (its password changed by an admin, say, while the live feed's
            # connection lived on): no retry brings it back. Said and done as when the
            # feed hears it (`LiveFeed.refused`): signed out until someone signs in.
            log.warning("refresh refused: %s", exc)
            self.refresh_retry.stop()
            self._bar_for_refresh = False
            self.connection_bar.show_refused(str(exc))
            self._server_refused(str(exc))  # window_account
            return
        except KnownError as exc:
            log.warning("refresh put off: %s", exc)
            self.refresh_retry.start(self._refresh_delay)
            self._refresh_delay = min(2 * self._refresh_delay, REFRESH_RETRY_MAX_MS)
            if not session.is_server(self.desk):
                self._file_read_put_off(exc)
            else:
                self._server_read_put_off(exc)
            return
        self.refresh_retry.stop()
        self._refresh_delay = RETRY_MS
        if self._bar_for_refresh:
            self._bar_for_refresh = False
            if self.feed.unheard_reason and not (self.feed.lost
                                                 or self.connection_bar.signed_out):
                self.connection_bar.show_unheard(self.feed.unheard_reason)  # asks again
            elif not (self.feed.lost or self.connection_bar.signed_out):
                self.connection_bar.hide()

    def _refresh_if_newer(self) -> None:
        """Refresh when the database changed; a read failing for what a hand did to the
        file (a table dropped or renamed in the sqlite3 shell under the open window) raised
        as the damage it is (`desk.failures.judge`), not out of the slot as a traceback."""
        try:
            version = session.data_version(self.desk)
            if version != self._data_version:
                self.refresh(version)  # (not asked twice: a round trip each, on a server)
        except KnownError:
            raise
        except Exception as exc:
            failure = judge(exc)
            if not failure.known:
                raise
            raise KnownError(failure.message, cause=failure.cause) from exc

    def _server_read_put_off(self, exc: KnownError) -> None:
        """A server's read put off (`refresh_if_changed`): the bar says why when no retry
        alone helps, or the desk would otherwise not know."""
        if exc.cause is Cause.WRONG_KIND and not self.account.disabled:
            # the server upgraded, or an older one restored, while the connection was away
            self.connection_bar.show_stopped(str(exc))
            self._bar_for_refresh = True
        elif exc.cause is Cause.IO and (not self.connection_bar.isVisible()
                                        or self.connection_bar.says_unheard()):
            # (over "No live updates… works as usual" too: the feed, its read refused,
            # tries its next listener up to REFUSED_RETRY_MAX_MS later)
            self.connection_bar.show_lost(str(exc))
            self._bar_for_refresh = True
        elif (exc.cause in (Cause.READ_ONLY, Cause.DISK_FULL)
              and not (self.feed.lost or self.connection_bar.signed_out)):
            # The server unable to use its own files (or its disk full): every retry
            # failed in silence, the window's figures ever older with nothing to say so
            self.connection_bar.show_stopped(str(exc))
            self._bar_for_refresh = True
        elif (exc.cause is Cause.REFUSED and self.feed.unheard_reason
              and not self.feed.lost and not self.connection_bar.signed_out):
            # The window's own check refused as the feed's read was (a permission
            # taken away): the bar no longer says that the window checks instead.
            self.connection_bar.show_unheard(self.feed.unheard_reason, asked=False)
            self._bar_for_refresh = True

    def _file_read_put_off(self, exc: KnownError) -> None:
        """A file's read put off: a figure changed by hand while the window is open into
        what ResultsDesk never writes (`store.live`) is said in red, not only in the log;
        the audit check's banner names the entry at its next run. So is the file upgraded
        by a newer ResultsDesk meanwhile (`desk.failures`), which no retry reads."""
        if exc.cause in (Cause.DAMAGED, Cause.WRONG_KIND):
            # Kept red while it lasts, but said to a screen reader once: every retry (for
            # good, until the file is restored) interrupted what it was reading.
            again = str(exc) == self.statusBar().currentMessage()
            self.alarm(str(exc), ALERT_MS, said="" if again else None)

    def _refresh_again(self) -> None:
        """A refresh put off, tried again; not while the feed is lost: it asks for one
        when it is back (and asking a dead connection could hold the window up)."""
        if not self.feed.lost:
            self.refresh_if_changed()

    def refresh(self, version: int | None = None) -> None:
        """Bring every view up to date with the database, touching only what changed
        (`version`: its `data_version`, when the caller has just read it)."""
        if version is None:
            version = session.data_version(self.desk)
        self.follow_account()  # an admin may have re-roled or disabled it: before the reads
        night, seen = self.night, self.night.seq
        changed = night.refresh(session.night_seq(self.desk, version))
        try:
            self._show_changes(changed)
        except BaseException:
            # The views read more than the night (the queue, who was sent back): one of
            # those reads failed (the server went away), so the seats just read are read
            # and shown again with the rest when the refresh is tried again, not taken as
            # shown (the queue kept no entry that came in while the server went).
            if night is self.night:
                night.read_again_since(seen)
            raise
        # Only once read and shown: a refresh that failed part-way is done again.
        self._data_version = version

    def _show_changes(self, changed: set[str]) -> None:
        """Every view brought up to date with the night as just read (`changed`: its seats
        that changed)."""
        form = self.active_dialog.form if self.active_dialog is not None else None
        if form is not None and form.sheet.code in changed:  # a recount called meanwhile,
            form.follow_count(self.night.seats[form.sheet.code])
            form.follow_entry(self.viewer())  # or the entry re-keyed verified, withdrawn...
            form.follow_electorate()  # or an import gave the seat another electorate
        colours = {p: party.colour for p, party in self.night.parties.items()}
        self._refresh_results(changed, colours)
        summary = self.night.summary()
        self.seats_model.set_summary(summary, colours)
        self._update_charts()
        self._refresh_side_views(changed, colours)
        self._refresh_labels(summary)
        self._publish_verified(changed)
        # What no longer is so goes first: a seat out of recount range gathered with the
        # next close result was said as one of "2 seats", then taken down with the status
        # bar's line, the new one's red alert with it.
        self._alerts_still_so()
        self._alert_close_results(changed)
        self._tell_sent_back(changed)
        if changed:
            self._backup_if_due()
        title = self.night.election
        mark = TITLE_MARK if self.night.rehearsal else ""  # never mistaken for live
        self.setWindowTitle(f"{mark}{title}{f' ({self._label})' if self._label else ''} — "
                            f"{APP_NAME}")
        self._refresh_rehearsal()
        self.refreshed.emit()

    def _refresh_results(self, changed: set[str], colours: dict[str, str]) -> None:
        """The results table: a new set of seats is loaded whole, otherwise only the
        changed rows are replaced in place."""
        self.model.set_thresholds(self.prefs.thresholds)
        # Another set of seats, as many as before (another election restored over the
        # file: 650 seats on other boundaries), is loaded whole too: replaced by code, no
        # new seat's row was found, and the table went on listing the old election.
        if self.model.rowCount() != len(self.night.seats) or any(
                not self.model.index_of(code, 0).isValid() for code in changed):
            rows = rows_of(self.night)
            self.model.set_rows(rows, colours)
            self._fill_nations(sorted({r.nation for r in rows}))
        elif changed:
            self.model.set_colours(colours)
            chosen = self.selected_code() if self.table.selectionModel().hasSelection() \
                else None
            self.model.update_rows([row_for(self.night.seats[c]) for c in changed])
            if chosen is not None and self.selected_code() != chosen:
                self.choice_filtered_out(chosen)  # (Qt chose another row in its place)

    def _refresh_side_views(self, changed: set[str], colours: dict[str, str]) -> None:
        prefs = self.prefs
        self.recount_model.update(self.night, changed, prefs.thresholds, colours)
        self.recount_dock.setWindowTitle(f"Recount watch ({self.recount_model.rowCount()})")
        self.strip.set_data(self.night.strip_data(), colours)
        self.queue_model.set_items(verification_queue(self.desk))
        self.queue_dock.setWindowTitle(f"Verification queue ({self.awaiting_verification()})")

    def awaiting_verification(self) -> int:
        """Entries awaiting a second person: the Verification queue's, as its title and the
        status bar both count them. Not the seats shown provisional: a recount's count or
        a correction keyed over a verified result awaits one too, its seat still verified
        (the bar said "1 provisional awaiting verification" by a queue of 3)."""
        return self.queue_model.rowCount()

    def _refresh_labels(self, summary: NationalSummary) -> None:
        awaiting = self.awaiting_verification()
        text = f"{summary.declared:,} of {summary.seats_total:,} declared"
        if awaiting:
            text += f" · {awaiting:,} awaiting verification"
        self.declared_label.setText(text)
        self.user_label.setText(user_label_text(self.account))
        headline = (f"<b>{summary.declared:,} of {summary.seats_total:,}</b> declared · "
                    f"{summary.majority_line:,} for a majority" if summary.seats_total
                    else NO_SEATS_YET)  # as the strip: not "0 of 0 · 1 for a majority"
        if summary.not_in_baseline:  # their ±0 is no hold (`summary` says so too)
            headline += f" · {summary.not_in_baseline:,} not in the baseline"
        self.summary_headline.setText(headline)

    # --- charts ------------------------------------------------------------------------

    def _toggle_provisional(self) -> None:
        before = self.prefs
        self.prefs = replace(before, show_provisional=self.provisional_action.isChecked())
        save_preferences(self.prefs, since=before)  # that alone: not another window's
        self._update_charts()

    def _update_charts(self) -> None:
        """Give every chart the night's current figures; each builds and redraws them only
        when on screen and only if they changed."""
        p, night = self.prefs, self.night
        # one "Others" for every chart, counting the provisional seats they show
        named = night.named_parties(p.max_parties, provisional=p.show_provisional)
        self.seat_view.show_data(lambda: night.seat_chart_data(
            show_provisional=p.show_provisional, named=named))
        self.hemicycle_view.show_data(lambda: night.hemicycle_data(
            undeclared_position=p.undeclared, show_provisional=p.show_provisional,
            named=named))
        self.shares_view.show_data(lambda: night.vote_share_data(named))
        self.timeline_view.show_data(lambda: timeline_data(night, named))
        self.map_view.show_night(night, show_provisional=p.show_provisional,
                                 thresholds=p.thresholds, named=named)
        self._chart_footers(self._chart_views())

    def _chart_views(self) -> tuple:
        return (self.seat_view, self.hemicycle_view, self.shares_view, self.timeline_view,
                self.map_view)

    def _footers_to_now(self) -> None:
        """The footers' "As of" as it is now (unchanged unless it is the clock's)."""
        try:
            self._chart_footers(self._chart_views())
        except KnownError as exc:  # a rehearsal's clock unread (the file locked): next tick
            log.warning("chart footers put off: %s", exc)

    # --- news --------------------------------------------------------------------------

    def _publish_verified(self, changed: set[str]) -> None:
        """Every newly verified (or corrected-and-verified) seat goes to the watch folder;
        a recount called or called off, a verified result gone (a backup restored), or
        another baseline or party order drawn (`NightRedrawn`), the night as it stands (no
        new declaration)."""
        fresh = self.newly_verified.news(self.night, changed)
        calls = self.recount_calls.news(self.night, changed)
        gone = self.verifications_gone.news(self.night, changed)
        redrawn = self.night_redrawn.news(self.night)
        if (fresh or calls or gone or redrawn) and load_publish_settings() is not None:
            # one publish: the newest one's card (it has every recount too), else none new
            self.publisher.enqueue(*(fresh or [None]))

    def _tell_sent_back(self, changed: set[str]) -> None:
        """An entry of the person signed in here that a verifier rejected: said in red, with
        the verifier's comment (the seat only went back to awaiting, among hundreds)."""
        gone = self.entries_gone.news(self.night, changed)
        try:
            mine = [s for s in sent_back(self.desk, self.night, gone)
                    if same_person(s.entered_by, self.user)]
        except BaseException:  # (the server gone): told when the refresh is done again
            self.entries_gone.news_again()
            raise
        if mine:
            self.told_now = "Sent back to you: " + "; ".join(s.describe() for s in mine)
            self.alarm(self.told_now, ALERT_MS)

    def _alert_close_results(self, changed: set[str]) -> None:
        """A newly declared or verified seat in recount range: say so, loudly but without
        a dialog that would block the desk. One arriving while the last is still news
        (`alert_time`) joins it on the banner: Hendon (15) then Poole (18) a second apart
        left only Poole, Hendon's alert gone before anyone could read it."""
        fresh = self.recount_alerts.news(self.night, changed, self.prefs.thresholds)
        if not fresh:
            return
        news = alert_message(fresh)
        before = self.alerted_now if self.alert_time.isActive() else []
        self.alerted_now = gather(self.night, before, fresh, self.prefs.thresholds)
        self.alert_time.start(ALERT_MS)
        self.recount_alert.setText(gathered_message(self.alerted_now, BANNER_SEATS))
        self.recount_alert.show()
        # the banner is the dock's: a dock the editor closed comes back with it, in front
        self.recount_dock.show()
        self.recount_dock.raise_()
        # Red while it shows, plain once its time is up. A screen reader hears the news
        # alone, and how many the banner holds: an announcement a second after another
        # cuts it short, and the count says there is more to read there.
        total = len(self.alerted_now)
        self.alarm(gathered_message(self.alerted_now), ALERT_MS,
                   said=news if total == len(fresh) else f"{news}. {total} seats on the "
                                                         "recount alert")
        self.close_result_alert.emit(news)

    def _alerts_still_so(self) -> None:
        """The banner (and the status bar, while it still says it) keeps only the close
        results the window's viewer still sees as they were announced: an entry withdrawn
        or rejected has no majority any more, and after Switch user an entry awaiting
        verification is news only for its author and editors (the person who signs in to
        verify it must not read its majority there: blind means blind); nor one no longer
        in recount range by the thresholds now set (lowered in Preferences)."""
        night, thresholds = self.night, self.prefs.thresholds
        self.take_down_alerts(keep=[r for r in self.alerted_now
                                    if _still_seen(night.seats.get(r.code), r)
                                    and night.in_recount_range(r.code, thresholds)])

    def put_back_alerts(self, kept: list[CloseResult]) -> None:
        """The recount banner as it was before a switch of election that failed (back on
        the same night): its close results were nobody's to take down unread. Not said
        again; any no longer so are dropped (`_alerts_still_so`)."""
        if not kept:
            return
        self.alerted_now = list(kept)
        self.recount_alert.setText(gathered_message(self.alerted_now, BANNER_SEATS))
        self.recount_alert.show()
        self._alerts_still_so()

    def take_down_alerts(self, keep: list[CloseResult] | None = None) -> None:
        """The recount banner says only `keep` (nothing: hidden), and the status bar stops
        saying what it no longer says (another election opened: none of it is news)."""
        before, kept = self.alerted_now, keep or []
        if kept == before:
            return
        self.alerted_now = kept
        if gathered_message(before) in self.statusBar().currentMessage():  # or after "saved"
            self.statusBar().clearMessage()  # (plain again: `MainWindow._status_changed`)
        if kept:
            self.recount_alert.setText(gathered_message(kept, BANNER_SEATS))
        else:
            self.alert_time.stop()  # the next close result starts a banner of its own
            self.recount_alert.clear()
            self.recount_alert.hide()

    def dismiss_recount_alert(self) -> None:
        """The banner's Dismiss (a click, Space or Esc on it): read, so taken down with the
        status bar's line; its seats stay on the watch, and the next close result raises a
        banner of its own. The focus, on the button going with it, goes on down the dock
        to the watch (as Tab would), not wherever Qt's hiding would send it."""
        if self.recount_alert.dismiss_button.hasFocus():
            table = self.recount_table if self.recount_table.isVisible() else self.table
            table.setFocus(Qt.FocusReason.TabFocusReason)
        self.take_down_alerts()


def _still_seen(seat, result: CloseResult) -> bool:
    """Whether the window's viewer sees `seat` as `result` announced it: its status,
    majority, and whether it is a tie and whose (a "Bath: TIE" banner stayed up once the
    lot was drawn and verified: the same majority of 0, no longer a tie)."""
    if seat is None or seat.shown is None or seat.outcome is None:
        return False
    o = seat.outcome
    return (seat.status, o.majority, o.tie, o.by_lot,
            held_by(o.tie, o.by_lot, o.winner_party)) == (
        result.status, result.majority, result.tie, result.by_lot, result.winner)
