"""The results table's Status column is measured in the font each row's status is drawn
with: bold for a recount under way or a tie. A recount's own count keyed over the verified
result ("RECOUNT · verified · recount 1 pending") is drawn bold, but its width was measured
in the plain font (its text was not among those known to be bold), so the column cut it
to "RECOUNT · verified · recount 1 pe…"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui import constituency_model as cm
from resultsdesk.ui import sizing
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow

RECOUNTED = ("Hendon", "Poole")


def _recount_keyed(store: Store, name: str) -> None:
    """A recount called on a verified seat and its count keyed, not yet verified."""
    dk.mark_recount(store, name, user="alice")
    verified = dk.load_sheet(store, name).verified
    dk.declare(store, name, Figures([v + 3 for v in verified.votes], verified.invalid_votes),
               user="bob", overrides=["recount_range"])


def _bold_statuses(win: MainWindow) -> list[str]:
    model = win.model
    return [model.row_at(r).status_text for r in range(model.rowCount())
            if model.index(r, cm.STATUS).data(Qt.ItemDataRole.FontRole) is not None]


def _open(qtbot, db) -> MainWindow:
    application()
    win = MainWindow(db, user="alice")
    qtbot.addWidget(win)
    win.show()
    return win


def test_bold_statuses_are_measured_bold(qtbot, night_db):
    with Store(night_db) as store:
        for name in RECOUNTED:
            _recount_keyed(store, name)
    win = _open(qtbot, night_db)
    bold = _bold_statuses(win)
    assert "RECOUNT · verified · recount 1 pending" in bold
    longest = max(QFontMetrics(sizing.bold(win.table)).horizontalAdvance(t) for t in bold)
    assert win.table.horizontalHeader().sectionSize(cm.STATUS) >= longest


def test_a_bold_status_arriving_widens_the_column_to_its_bold_width(qtbot, night_db):
    win = _open(qtbot, night_db)
    with Store(night_db) as store:
        _recount_keyed(store, "Hendon")
    with qtbot.waitSignal(win.refreshed, timeout=5000):
        pass
    bold = _bold_statuses(win)
    assert bold == ["RECOUNT · verified · recount 1 pending"]
    width = QFontMetrics(sizing.bold(win.table)).horizontalAdvance(bold[0])
    assert win.table.horizontalHeader().sectionSize(cm.STATUS) >= width
