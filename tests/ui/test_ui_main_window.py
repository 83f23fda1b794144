"""The main window on real data: opening, searching, filtering, and noticing other desks' writes."""

from __future__ import annotations

import pytest
from helpers.desk_state import real_votes
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QFontMetrics

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.imports import import_results
from resultsdesk.desk.live import NightState
from resultsdesk.desk.overview import ConstituencyRow, constituency_rows
from resultsdesk.desk.summary import national_summary
from resultsdesk.domain.model import Figures, Status
from resultsdesk.paths import CONSTITUENCIES_2024, ELECTION_2024, data_file
from resultsdesk.store import Store
from resultsdesk.ui import constituency_model as cm
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.queue_model import QueueModel
from resultsdesk.ui.recount_model import RecountModel
from resultsdesk.ui.seats_model import SeatsTableModel


@pytest.fixture
def window(main_window, night_db):
    return main_window(night_db, label="demo")


def test_models_pass_qt_model_tester(qapp, qtmodeltester, night_store):
    model = cm.ConstituencyTableModel()
    model.set_rows(constituency_rows(night_store), {"Lab": "#d50000"})
    qtmodeltester.check(model)
    proxy = cm.ConstituencyFilter()
    proxy.setSourceModel(model)
    proxy.set_search("ham")
    qtmodeltester.check(proxy)
    seats = SeatsTableModel()
    seats.set_summary(national_summary(night_store), {"Lab": "#d50000"})
    qtmodeltester.check(seats)
    night = NightState(night_store)
    night.refresh()
    recounts = RecountModel()
    recounts.set_rows(night.recount_watch(), {"Lab": "#d50000"})
    qtmodeltester.check(recounts)
    verified = dk.load_sheet(night_store, "Hendon").verified
    dk.correct(night_store, "Hendon", user="ed",
               figures=Figures([v + 1 for v in verified.votes], verified.invalid_votes),
               reason="restated", overrides=["recount_range"])
    queue = QueueModel()
    queue.set_items(dk.verification_queue(night_store))
    assert queue.rowCount() == 1
    qtmodeltester.check(queue)


def test_demo_window_shows_the_whole_night(window):
    assert window.model.rowCount() == 650
    assert window.proxy.rowCount() == 650
    assert window.findChild(type(window.declared_label), "declaredLabel").text() == \
        "650 of 650 declared"
    assert "UK general election 2024" in window.windowTitle()
    parties = [window.seats_model.index(r, 0).data() for r in range(3)]
    seats = [window.seats_model.index(r, 1).data() for r in range(3)]
    assert parties == ["Lab", "Con", "LD"] and seats == ["411", "121", "72"]


def _visible_names(window) -> list[str]:
    return [window.proxy.index(r, cm.NAME).data() for r in range(window.proxy.rowCount())]


def test_search_by_name_code_and_typo(window, qtbot):
    qtbot.keyClicks(window.search, "Hendon")
    assert _visible_names(window) == ["Hendon"]
    window.search.clear()
    qtbot.keyClicks(window.search, "E14001077")
    assert _visible_names(window) == ["Basildon and Billericay"]
    window.search.clear()
    qtbot.keyClicks(window.search, "Basildon & Bilericay")
    assert "Basildon and Billericay" in _visible_names(window)
    window.search.clear()
    assert window.proxy.rowCount() == 650


def test_filter_by_nation_and_status(window):
    wales = window.nation_filter.findData("Wales")
    window.nation_filter.setCurrentIndex(wales)
    assert window.proxy.rowCount() == 32
    window.status_filter.setCurrentIndex(window.status_filter.findData(Status.AWAITING))
    assert window.proxy.rowCount() == 0
    window.status_filter.setCurrentIndex(window.status_filter.findData(Status.VERIFIED))
    assert window.proxy.rowCount() == 32
    window.nation_filter.setCurrentIndex(0)
    assert window.proxy.rowCount() == 650


def test_sorting_by_winner_groups_parties(window):
    window.table.sortByColumn(cm.WINNER, Qt.SortOrder.AscendingOrder)
    first = window.proxy.index(0, cm.WINNER).data()
    assert first.startswith("APNI")


def test_nominations_only_night_and_another_desk_declaring(qtbot, nominations_db):
    application()
    win = MainWindow(nominations_db)
    qtbot.addWidget(win)
    assert win.declared_label.text() == "0 of 650 declared"
    assert {win.model.row_at(i).status for i in range(650)} == {Status.AWAITING}
    with Store(nominations_db) as other_desk:
        import_results(other_desk, data_file(ELECTION_2024),
                       constituencies=data_file(CONSTITUENCIES_2024), user="desk 2")
    with qtbot.waitSignal(win.refreshed, timeout=5000):
        pass  # the poll timer notices the other connection's commit
    assert win.declared_label.text() == "650 of 650 declared"


def test_the_status_bar_counts_the_verification_queue(qtbot, nominations_db):
    """One seat keyed, a verified seat's recount count keyed and a correction keyed on
    another: three entries awaiting a second person. The bar said "1 provisional awaiting
    verification" (the one seat shown provisional) by "Verification queue (3)"."""
    hendon, poole, basildon = "E14001279", "E14001429", "E14001077"
    with Store(nominations_db) as desk:
        def key(code: str, verify: bool = False) -> Figures:
            figures = Figures(real_votes(desk, code), 100)
            dk.declare(desk, code, user="alice", figures=figures, overrides=["recount_range"])
            if verify:
                dk.verify(desk, code, user="bob", votes=figures.votes, invalid=100)
            return figures

        key(hendon)
        key(poole, verify=True)
        dk.mark_recount(desk, poole, user="alice")
        key(poole)
        figures = key(basildon, verify=True)
        dk.correct(desk, basildon, user="alice", reason="RO restated",
                   figures=Figures(figures.votes, 101), overrides=["recount_range"])
    application()
    win = MainWindow(nominations_db, user="alice")  # who keyed them: sees their figures
    qtbot.addWidget(win)
    assert win.night.provisional_count() == 1  # the seat shown provisional: Hendon
    assert win.queue_dock.windowTitle() == "Verification queue (3)"
    assert win.declared_label.text() == "2 of 650 declared · 3 awaiting verification"


def test_window_state_is_remembered(qtbot, night_db):
    application()
    first = MainWindow(night_db)
    qtbot.addWidget(first)
    first.show()
    first.summary_dock.hide()
    first.table.horizontalHeader().resizeSection(cm.RESULT, 123)
    first.table.horizontalHeader().setSectionHidden(cm.REGION, False)
    first.close()
    assert QSettings().value("mainWindow/geometry") is not None
    second = MainWindow(night_db)
    qtbot.addWidget(second)
    second.show()
    assert second.summary_dock.isHidden()
    assert not second.recount_dock.isHidden()
    assert second.table.horizontalHeader().sectionSize(cm.RESULT) == 123
    assert not second.table.horizontalHeader().isSectionHidden(cm.REGION)


def test_the_declared_column_sorts_by_the_moment_whatever_the_offset(qapp):
    """A count's time is kept on the UK clock (+01:00 on a summer night); a seat keyed at the
    desk with no time counts from its verification, kept in UTC. As text, 00:20 BST
    (23:20+00:00) sorted before 00:10 BST; and across the end of BST, 01:10 GMT before
    01:40 BST. The column sorts by the moment now, unknown last."""
    def row(code: str, at: str | None) -> ConstituencyRow:
        return ConstituencyRow(code, code, "England", "London", Status.VERIFIED, "Lab",
                               "A", False, declared_at=at)

    rows = [row("desk-0020", "2024-07-04T23:20:00+00:00"),
            row("count-0010", "2024-07-05T00:10:00+01:00"),
            row("unknown", None),
            row("gmt-0110", "2023-10-29T01:10:00+00:00"),
            row("bst-0140", "2023-10-29T01:40:00+01:00")]
    model = cm.ConstituencyTableModel()
    model.set_rows(rows, {"Lab": "#d50000"})
    proxy = cm.ConstituencyFilter()
    proxy.setSourceModel(model)
    proxy.sort(cm.DECLARED)
    shown = [proxy.index(i, cm.CODE).data() for i in range(proxy.rowCount())]
    assert shown == ["bst-0140", "gmt-0110", "count-0010", "desk-0020", "unknown"]
    assert [proxy.index(i, cm.DECLARED).data() for i in range(4)] == [
        "01:40", "01:10", "00:10", "00:20"]


def test_the_status_bar_is_red_only_while_it_shows_an_alert(qtbot, main_window,
                                                            nominations_db):
    """A backup failure's red stayed on the bar for the next routine message ("Backed up
    to …" in alarm red), and a recount alert's timer could turn a later failure plain."""
    win = main_window(nominations_db, user="alice")
    bar = win.statusBar()

    def red() -> bool:
        return bar.alert

    win.alarm("BACKUP FAILED: the disk is full", 60_000)
    assert red()
    bar.showMessage("Backed up to /tmp/x.db", 5000)
    assert not red()
    win.alarm("PUBLISHING FAILED: the folder is gone", 60_000)
    assert red()
    win.alarm("Recount range: Hendon: majority 15", 50)  # an alert whose time runs out
    assert red()
    qtbot.waitUntil(lambda: bar.currentMessage() == "", timeout=5000)
    assert not red()


def test_an_alert_is_drawn_red_by_the_bar_without_restyling_it(main_window, nominations_db):
    """A style sheet set on the bar for each alert (and cleared by the next routine message)
    restyled the bar and every permanent widget on it, ~1 ms each way on the night's slowest
    verifications: the bar draws the alert red itself, its style sheet never touched."""
    from resultsdesk.ui.style import colours

    win = main_window(nominations_db, user="alice")
    bar = win.statusBar()
    alert = QColor(colours().alert)

    def reds() -> int:
        image = bar.grab().toImage()
        return sum(image.pixelColor(x, y) == alert for x in range(0, image.width(), 2)
                   for y in range(image.height()))

    win.alarm("BACKUP FAILED: the disk is full", 60_000)
    assert bar.alert and bar.styleSheet() == "" and reds() > 0
    assert bar.message_font().weight() > bar.font().weight()  # semi-bold, as the sheet's
    bar.showMessage("Backed up to /tmp/x.db", 5000)
    assert not bar.alert and bar.styleSheet() == "" and reds() == 0


def test_an_alert_too_long_for_the_bar_reads_whole_on_hovering_it(main_window,
                                                                  nominations_db):
    """An alert naming several seats ran past a laptop's status bar, cut off without an
    ellipsis: the bar's tooltip holds it whole while it shows, and nothing after it."""
    win = main_window(nominations_db, user="alice")
    bar = win.statusBar()
    seats = ", ".join(f"Seat number {i}: majority {i * 7}" for i in range(1, 30))
    win.alarm(f"Recount range: {seats}", 60_000)
    assert bar.fontMetrics().horizontalAdvance(bar.currentMessage()) > bar.width()
    assert bar.toolTip() == f"Recount range: {seats}"
    bar.showMessage("Backed up to /tmp/x.db", 5000)
    assert bar.toolTip() == ""


def test_an_alert_too_long_for_the_bar_ends_in_an_ellipsis(main_window, nominations_db):
    """Qt's status bar clipped a long alert mid-word ("Basildon and Bill") with nothing to
    say there was more: it is drawn cut with "…" in the room left of the permanent labels,
    and a message that fits is drawn whole."""
    win = main_window(nominations_db, user="alice")
    win.resize(1000, 600)
    bar = win.statusBar()
    seats = ", ".join(f"Seat number {i}: majority {i * 7}" for i in range(1, 30))
    win.alarm(f"Recount range: {seats}", 60_000)
    shown = bar.shown_message()
    room = bar.message_rect()
    assert shown.startswith("Recount range: Seat number 1") and shown.endswith("…")
    assert QFontMetrics(bar.message_font()).horizontalAdvance(shown) <= room.width()
    assert all(room.right() < w.x() for w in (win.user_label, win.audit_label) if w.isVisible())
    assert not bar.grab().isNull()  # painted with it (paintEvent) without a fault
    bar.showMessage("Backed up to /tmp/x.db", 5000)
    assert bar.shown_message() == "Backed up to /tmp/x.db"
