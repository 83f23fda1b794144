"""The rehearsal toolbar's Jump to box in a large font (14-16 pt on a 1366 × 768 laptop, set
for the eyes at 3 a.m.): it was 70 pixels at most whatever the font, so its "HH:MM" read
"HH…" and a time typed in it scrolled its first digits out of sight. It is as wide as a
time needs in the font it is drawn in. Run in a child process on an offscreen screen of the
laptop's size."""

from __future__ import annotations

import pytest
from helpers.laptop import LARGE_FONT_WINDOW, run_on_screen
from helpers.rehearsal import build

CHILD = LARGE_FONT_WINDOW + """
from PySide6.QtWidgets import QStyle, QStyleOptionFrame
box = window.rehearsal_jump
option = QStyleOptionFrame()
box.initStyleOption(option)
inside = box.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, box)
margins = box.textMargins()
room = inside.width() - margins.left() - margins.right() - 4  # a QLineEdit's own 2 + 2
metrics = box.fontMetrics()
print(json.dumps({"shown": box.isVisible(), "room": room,
                  "needs": max(metrics.horizontalAdvance(t) for t in ("HH:MM", "00:00"))}))
sys.stdout.flush()
os._exit(0)
"""


@pytest.fixture(scope="module")
def watch_db(tmp_path_factory):
    """A watch rehearsal of 2019, not started."""
    return build(tmp_path_factory.mktemp("rehearsal") / "watch-2019.db", speed=3600)


@pytest.mark.parametrize("points", [9, 14, 16])
def test_the_jump_box_holds_a_time_in_a_large_font(watch_db, tmp_path, points):
    box = run_on_screen(CHILD.replace("POINTS", str(points)), watch_db, (1366, 768), tmp_path)
    assert box["shown"]
    assert box["room"] >= box["needs"], box
