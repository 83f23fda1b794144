"""The Timeline dock of a first window on a laptop's or a 1920 x 1080 screen. Before anyone
has crossed the majority line (most of the night) the line reads "326 for a majority" in
full: on the docks' first sizes (470 x 509 on a rehearsal's 1920 x 1080, 470 x 401 on a
1366 x 768 laptop) it read "326" from the first seat to the crossing, the words given up
for a panel too short above the line even for the figure. Once a party has crossed it,
the crossing ("Con majority 05:05", or "05:05" alone) reads over Labour's line, hiding
none of it, as on every other dock size. Since the charts' dock opens 470 px wide (it was
360, the size the chart tests still try), its canvas on a 1366 x 768 laptop is 470 x 401
(x 381 on a rehearsal, under its toolbar and banner): there the crossing was put over
Lab's 202, "Con / majority / 05:05" on three lines on the 2019 night and "05:05" at its
largest on the rehearsal, covering Labour's line where it runs on after 05:05. Now the
crossing is placed against the other lines as they run under its words (Labour's, lower at
05:05 than at the night's end), and just under the majority line where the dot's ground
leaves no room; where no place hides no line, at its least size. Run in a child process on
an offscreen screen of the screen's size."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime

import pytest
from helpers.laptop import WINDOW, run_on_screen
from helpers.rehearsal import build, replay

from resultsdesk.desk import rehearsal as rh
from resultsdesk.store import Store

CHILD = WINDOW + """
window.timeline_view.parentWidget().raise_()  # the Timeline tab chosen, as a click does
for _ in range(20):
    app.processEvents()
view = window.timeline_view
view.canvas.draw()
chart = view.chart
renderer = chart.figure.canvas.get_renderer()
ground = chart.marker_text.get_bbox_patch().get_window_extent(renderer)
lab_y = chart.ax.transData.transform((0, 202))[1]
print(json.dumps({"canvas": [view.canvas.width(), view.canvas.height()],
                  "shown": chart.marker_text.get_visible(),
                  "text": chart.marker_text.get_text(),
                  "majority": chart.majority_label.get_text(),
                  "ground_foot": ground.y0, "lab_y": float(lab_y),
                  "size": chart.marker_text.get_fontsize(), "least": chart._th.small_size}))
sys.stdout.flush()
os._exit(0)
"""


def _delivered(path, **options):
    """The 2019 night delivered into a watch rehearsal (a fake clock), up to its until."""
    build(path, speed=3600, **options)
    with Store(path) as desk:
        rh.start(desk, datetime(2031, 5, 1, 20, 0, tzinfo=UTC))
        replay(desk, datetime(2031, 5, 1, 20, 0, tzinfo=UTC))
    return path


@pytest.fixture(scope="module")
def _finished_rehearsal(tmp_path_factory):
    return _delivered(tmp_path_factory.mktemp("rehearsal") / "watch.db")


@pytest.fixture(scope="module")
def _rehearsal_at_three(tmp_path_factory):
    """The night to 03:00: 232 seats in, nobody near the majority."""
    return _delivered(tmp_path_factory.mktemp("rehearsal") / "three.db", until="03:00")


@pytest.mark.parametrize("screen", [(1920, 1080), (1366, 768)])
def test_before_the_crossing_the_majority_line_is_named_in_full(_rehearsal_at_three,
                                                                tmp_path, screen):
    db = shutil.copyfile(_rehearsal_at_three, tmp_path / "night.db")
    got = run_on_screen(CHILD, db, screen, tmp_path)
    assert not got["shown"]  # nobody has crossed it
    assert got["majority"].replace("\n", " ") == "326 for a majority", got


def test_the_crossing_hides_no_line_on_a_laptops_timeline_dock(_night_2019, tmp_path):
    db = shutil.copyfile(_night_2019, tmp_path / "night.db")
    got = run_on_screen(CHILD, db, (1366, 768), tmp_path)
    assert got["canvas"] == [470, 401]  # the charts' dock as a laptop's first window opens it
    assert got["shown"]
    assert got["text"].replace("\n", " ") in ("Con majority 05:05", "05:05")
    # over Lab's 202, the highest line but the winner's: Labour's line not hidden
    assert got["ground_foot"] >= got["lab_y"] - 0.5, got


def test_where_every_place_hides_a_line_the_crossing_hides_the_least(_finished_rehearsal,
                                                                     tmp_path):
    """The rehearsal's dock, 20 px shorter under its toolbar and banner: no place under
    the line hides no line (Labour's runs 27 px under it, "05:05" needs 30 with its
    ground). The time alone at the least size, not at its largest over Labour's line."""
    db = shutil.copyfile(_finished_rehearsal, tmp_path / "night.db")
    got = run_on_screen(CHILD, db, (1366, 768), tmp_path)
    assert got["canvas"] == [470, 381]
    assert got["shown"] and got["text"] == "05:05"
    assert got["size"] == got["least"], got
