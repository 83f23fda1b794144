"""One verification repaints what changed and lays nothing out again: the counts in the
status bar, the summary and the strip repaint their own labels without the main window
working its layout out anew; the seats table repaints the cells whose text changed.
Counted (layout requests, dataChanged ranges), never timed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QApplication

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.live import StripData
from resultsdesk.domain.model import Figures
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.store import Store
from resultsdesk.ui.summary_strip import SummaryStrip

LABOUR_SEATS = 3  # seats verified one after another, each a Labour landslide
SETTLE = 5  # event loop passes: a layout request goes up one layout a pass


class LayoutRequests(QObject):
    """Counts the layout requests a widget receives."""

    def __init__(self, widget) -> None:
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, _watched, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def _labour_landslide(store: Store, code: str) -> None:
    """`code` declared at one desk and verified at another: Labour far ahead (no recount
    range, no alert), everyone else on a hundred votes."""
    sheet = dk.load_sheet(store, code)
    votes = [20_000 if c.party == "Lab" else 100 for c in sheet.candidates]
    dk.declare(store, code, user="alice", figures=Figures(votes, 50),
               overrides=WARNING_CODES)
    dk.verify(store, code, user="bob", votes=votes, invalid=50)


@pytest.fixture
def live(main_window, nominations_db, qtbot):
    window = main_window(nominations_db, user="carol")
    # Its start-up audit check reports once, on the status bar: done before counting.
    qtbot.waitUntil(lambda: window.audit.result is not None, timeout=20_000)
    codes: list[str] = []
    with Store(nominations_db) as store:
        for i in range(window.model.rowCount()):
            code = window.model.row_at(i).code
            if any(c.party == "Lab" for c in dk.load_sheet(store, code).candidates):
                codes.append(code)
            if len(codes) == LABOUR_SEATS:
                break
    return window, codes


def _verify_and_refresh(qtbot, window, db, code: str) -> None:
    with Store(db) as store:
        _labour_landslide(store, code)
    with qtbot.waitSignal(window.refreshed, timeout=5000):
        window.refresh_if_changed()
    for _ in range(SETTLE):  # what it posted (paints, layout requests passed up), delivered
        QApplication.processEvents()


def test_a_verification_lays_the_window_out_not_again(qtbot, live, nominations_db):
    window, codes = live
    _verify_and_refresh(qtbot, window, nominations_db, codes[0])  # Labour's first seat
    requests = LayoutRequests(window)
    for code in codes[1:]:
        before = (window.declared_label.text(), window.strip.declared.text(),
                  window.summary_headline.text())
        _verify_and_refresh(qtbot, window, nominations_db, code)
        after = (window.declared_label.text(), window.strip.declared.text(),
                 window.summary_headline.text())
        assert all(a != b for a, b in zip(before, after, strict=True))  # all counts moved
    assert requests.count == 0


def test_the_seats_table_repaints_only_changed_cells(qtbot, live, nominations_db):
    window, codes = live
    _verify_and_refresh(qtbot, window, nominations_db, codes[0])
    model = window.seats_model
    ranges: list[tuple[int, int, int, int]] = []
    resets: list[int] = []
    model.dataChanged.connect(lambda a, b, _roles=(): ranges.append(
        (a.row(), a.column(), b.row(), b.column())))
    model.modelReset.connect(lambda: resets.append(1))
    _verify_and_refresh(qtbot, window, nominations_db, codes[1])
    assert not resets
    assert ranges, "the seats table was not told of the new figures"
    assert all(top == bottom and left >= 1 for top, left, bottom, _ in ranges), ranges
    labour = next(i for i in range(model.rowCount())
                  if model.index(i, 0).data() == "Lab")
    assert (labour, 1, labour, 4) in ranges  # seats, change, votes and share: all moved
    others = [r for r in ranges if r[0] != labour]
    assert all(r[1] >= 3 for r in others), others  # only votes and share


LEADERS = (
    (("Lab", 411, 209), ("Con", 121, -251), ("LD", 72, 64), ("SNP", 9, -39), ("SF", 7, 0),
     ("RUK", 5, 5), ("DUP", 5, -3), ("Green", 4, 3), ("PC", 4, 2)),
    (("WWWWWWWW", 99_999, -99_999),) * 6,
    (("Lab", 1, 1),),
)


@pytest.mark.parametrize("leaders", LEADERS)
def test_the_strips_quick_measure_is_never_short(qtbot, leaders):
    """Where the plain-text measure says every party fits, the exact rich-text measure
    agrees (it may only be too generous, leaving the exact measure to decide)."""
    strip = SummaryStrip()
    qtbot.addWidget(strip)
    strip.resize(400, 30)
    strip.show()
    qtbot.waitExposed(strip)
    strip.set_data(StripData(325, 650, 0, leaders, 60.1, "Lab majority"), {})
    probe = strip._probe
    probe.setText("&nbsp;&nbsp;".join(strip._leaders))
    exact = probe.sizeHint().width()
    first_sure = next(w for w in range(0, 5000) if strip._surely_fits(w))
    assert first_sure >= exact
    strip.resize(first_sure + 900, 30)  # room to spare: every party, as the exact way
    qtbot.waitUntil(lambda: strip.parties.width() >= first_sure)
    assert strip.parties.text() == "&nbsp;&nbsp;".join(strip._leaders)


def test_the_strip_names_the_parties_when_first_shown(qtbot):
    """The night opened with the strip's party list empty ("650 of 650 declared", then
    nothing until the next verification): given its figures before it showed, as the
    window does, the strip fitted the parties to the list's width before the list had one
    (its holder sizes it after the strip's own resize). Shown, it names them all."""
    strip = SummaryStrip()
    qtbot.addWidget(strip)
    strip.resize(1400, 30)
    strip.set_data(StripData(650, 650, 0, LEADERS[0], 59.7, "Lab majority reached"), {})
    strip.show()
    qtbot.waitExposed(strip)
    qtbot.waitUntil(lambda: strip.parties.width() > 600)
    shown = strip.parties.text()
    assert "<b>Lab</b> 411" in shown and "<b>Green</b> 4" in shown, shown


def test_the_strip_shows_party_names_as_written_not_as_markup(qtbot):
    """The strip is rich text: a party's name from an imported file ("Lab & Co-op",
    "<Ind>") went in as markup, the '&' starting an entity and '<Ind>' vanishing."""
    strip = SummaryStrip()
    qtbot.addWidget(strip)
    strip.resize(1200, 30)
    strip.show()
    qtbot.waitExposed(strip)
    strip.set_data(StripData(3, 650, 0, (("Lab & Co-op", 2, 2), ("<Ind>", 1, 1)), 60.1,
                             "<Ind> need 325 more for a majority"), {})
    qtbot.waitUntil(lambda: "Co-op" in strip.parties.text())
    shown = QTextDocumentFragment.fromHtml(strip.parties.text()).toPlainText()
    assert "Lab & Co-op 2" in shown and "<Ind> 1" in shown
    majority = QTextDocumentFragment.fromHtml(strip.majority.text()).toPlainText()
    assert majority == "<Ind> need 325 more for a majority"
