"""The summary strip on a narrow window: the declared count shortens ("330/650 +90 prov.")
and then the turnout goes, so the strip never asks for more than the screen has.

Found in the eighteenth session: on a 1024-pixel laptop, a desk's window with provisional
seats counted in the strip ("330 of 650 declared +90 provisional") wanted 1,106 pixels, so
it was squeezed: the strip's majority ("Con need 265 more for a ma") and the docks' right
edges cut off."""

from __future__ import annotations

from helpers.laptop import run_on_screen

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.live import StripData
from resultsdesk.domain.model import Figures
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.store import Store
from resultsdesk.ui.summary_strip import SummaryStrip

DATA = StripData(330, 650, 90, (("Con", 61, -144), ("Lab", 52, -69)), 23.7,
                 "Con need 265 more for a majority")


def _shown(strip: SummaryStrip) -> tuple[str, str]:
    return strip.declared.text(), strip.turnout.text()


def test_the_strip_gives_way_in_steps(qtbot):
    strip = SummaryStrip()
    qtbot.addWidget(strip)
    strip.resize(1400, 30)
    strip.show()
    qtbot.waitExposed(strip)
    strip.set_data(DATA, {})
    declared, turnout = _shown(strip)
    assert "of 650 declared" in declared and "+90 provisional" in declared
    assert turnout == "Turnout 23.7%"
    least = strip.minimumSizeHint().width()
    strip.resize(least, 30)
    qtbot.waitUntil(lambda: _shown(strip) == (
        "<b>330</b>/650 <span style='color:#ffcc66'>+90 prov.</span>", ""))
    assert strip.majority.text() == "<b>Con need 265 more for a majority</b>"  # whole
    assert strip.majority.width() >= strip.majority.sizeHint().width()
    assert "330 of 650 declared, 90 provisional; turnout 23.7%" in strip.toolTip()
    strip.resize(1400, 30)  # room again: in full again
    qtbot.waitUntil(lambda: _shown(strip)[1] == "Turnout 23.7%")
    assert "of 650 declared" in strip.declared.text()


CHILD = """
import json, os, sys
from PySide6.QtWidgets import QApplication
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow
app = application()
window = MainWindow(sys.argv[1], user="alice")
window.show()
for _ in range(20):
    app.processEvents()
screen = app.primaryScreen().availableGeometry()
strip = window.strip
print(json.dumps({"least": window.minimumSizeHint().width(), "screen": screen.width(),
                  "window": window.frameGeometry().width(),
                  "majority": [strip.majority.width(), strip.majority.sizeHint().width()],
                  "declared": strip.declared.text()}))
sys.stdout.flush()
os._exit(0)
"""


def test_a_laptop_of_1024_pixels_holds_the_desks_window(nominations_db, tmp_path):
    with Store(nominations_db) as store:  # alice keyed 30; bob verified 20 of them
        codes = [r["code"] for r in store.query(
            "SELECT code FROM constituencies ORDER BY code LIMIT 30")]
        for i, code in enumerate(codes):
            sheet = dk.load_sheet(store, code)
            votes = [1000 + 300 * k for k in range(len(sheet.candidates))]
            dk.declare(store, code, Figures(votes, 10), user="alice",
                       overrides=WARNING_CODES)
            if i < 20:
                dk.verify(store, code, user="bob", votes=None)
    got = run_on_screen(CHILD, nominations_db, (1024, 768), tmp_path)
    assert "+10 prov" in got["declared"]  # alice's own ten, still to verify
    assert got["least"] <= got["screen"] and got["window"] <= got["screen"]
    width, wanted = got["majority"]
    assert width >= wanted  # "... for a majority" whole


def test_the_tooltip_names_the_parties_the_narrow_strip_leaves_out(qtbot):
    """"Its tooltip says it all": on the narrowest strip no party shows, and the tooltip
    said the count and the turnout alone (found reading an editor's window at 800 px)."""
    strip = SummaryStrip()
    qtbot.addWidget(strip)
    strip.resize(1400, 30)
    strip.show()
    qtbot.waitExposed(strip)
    strip.set_data(DATA, {})
    strip.resize(strip.minimumSizeHint().width(), 30)
    qtbot.waitUntil(lambda: strip.parties.text() == "")
    assert strip.toolTip() == ("330 of 650 declared, 90 provisional; turnout 23.7%; "
                               "Con 61 (\u2212144), Lab 52 (\u221269)")


def test_a_night_of_thousands_of_seats_is_counted_with_separators(qtbot):
    """A 50,000-seat night read "25000 of 50000 declared +1200 provisional" in the strip,
    where every graphic says "25,000"."""
    strip = SummaryStrip()
    qtbot.addWidget(strip)
    strip.resize(1600, 30)
    strip.show()
    qtbot.waitExposed(strip)
    strip.set_data(StripData(25_000, 50_000, 1_200, (("Lab", 19_127, 0),), 60.1,
                             "Lab need 5,874 more for a majority"), {})
    assert strip.declared.text().startswith("<b>25,000</b> of 50,000 declared")
    assert "+1,200 provisional" in strip.declared.text()
    assert "25,000 of 50,000 declared, 1,200 provisional" in strip.toolTip()
