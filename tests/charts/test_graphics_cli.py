"""`resultsdesk export` for the broadcast graphics: the kinds the desk makes, files written
at the size, theme and title asked for, and every refusal on one `resultsdesk: error:` line
with nothing written and no traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from helpers.cli import usage_refused
from helpers.graphic_files import check_file
from PIL import Image

from resultsdesk import cli
from resultsdesk.desk import graphics
from resultsdesk.desk.graphics import KINDS


def test_cli_kinds_are_the_desk_kinds():
    # one list: the CLI offers every graphic the desk makes, `timeline` included
    assert graphics.KINDS == cli.GRAPHIC_KINDS
    assert "timeline" in cli.GRAPHIC_KINDS
    assert ("results", *graphics.KINDS, "all") == cli.EXPORT_KINDS


def test_cli_export_graphics(night_db, tmp_path, capsys):
    out = tmp_path / "card.svg"
    assert cli.main(["export", "card", "--db", str(night_db), "--out", str(out),
                     "--constituency", "Hendon", "--theme", "broadcast"]) == 0
    check_file(out, "svg", (1920, 1080))
    assert str(out) in capsys.readouterr().out
    out = tmp_path / "chamber.png"
    assert cli.main(["export", "hemicycle", "--db", str(night_db), "--out", str(out),
                     "--size", "vertical", "--transparent", "--title", "The new House"]) == 0
    check_file(out, "png", (1080, 1920))
    with Image.open(out) as im:
        assert im.mode == "RGBA"
    assert cli.main(["export", "all", "--db", str(night_db), "--out",
                     str(tmp_path / "all"), "--size", "square"]) == 0
    every = len(KINDS) * (len(graphics.FORMATS) + 1)  # the pictures and their data
    assert len(list((tmp_path / "all").iterdir())) == every
    assert f"Wrote {every} graphics" in capsys.readouterr().out


# Values wrong in themselves, or options that never go together: usage errors (exit 2,
# argparse's usage and one "error:" line), said before the database is opened.
@pytest.mark.parametrize(("args", "message"), [
    (["card"], "export card needs --constituency"),
    (["seats", "--size", "enormous"], "size 'enormous'"),
    (["seats", "--size", "10x10"], "each side must be"),
    # Each side allowed, but a 1 GB canvas: refused before anything is drawn.
    (["seats", "--size", "16384x16384"], "at most 33,177,600 pixels in all"),
    (["seats", "--size", "16384x2100"], "at most 33,177,600 pixels in all"),
    (["seats", "--out-name", "seats.gif"], "a graphic is .png, .svg or .pdf"),
    (["seats", "--theme", "neon"], "no theme 'neon'"),
    (["summary", "--constituency", "Hendon"], "--constituency is only for export card"),
])
def test_cli_export_usage_errors(night_db, tmp_path, capsys, args, message):
    name = "out.png"
    if "--out-name" in args:
        name = args[args.index("--out-name") + 1]
        args = args[:args.index("--out-name")]
    out = tmp_path / name
    line = usage_refused(capsys, "export", *args, "--db", night_db, "--out", out)
    assert line.startswith("resultsdesk export: error: ") and message in line, line
    assert not out.exists()


def test_cli_export_of_a_seat_the_election_lacks_is_one_line(night_db, tmp_path, capsys):
    """What the election refuses in a well-formed value: exit 1, one line."""
    out = tmp_path / "out.png"
    assert cli.main(["export", "card", "--constituency", "Atlantis", "--db", str(night_db),
                     "--out", str(out)]) == 1
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("resultsdesk: error: "), err
    assert "No constituency 'Atlantis'" in lines[0] and "Traceback" not in err


def test_cli_export_all_into_a_file_is_refused(night_db, tmp_path, capsys):
    target = tmp_path / "a-file"
    target.write_text("x")
    assert cli.main(["export", "all", "--db", str(night_db), "--out", str(target)]) == 1
    assert "is a file" in capsys.readouterr().err


def test_cli_export_all_to_a_files_name_is_refused_not_made_a_folder(night_db, tmp_path,
                                                                    capsys):
    """`--out x.png` made a folder named x.png and filled it (found by the graphics desk
    review): said in one line, nothing made."""
    target = tmp_path / "x.png"
    assert cli.main(["export", "all", "--db", str(night_db), "--out", str(target)]) == 1
    err = capsys.readouterr().err
    assert "names a file; export all writes every graphic into a folder" in err
    assert err.count("\n") == 1 and not target.exists()


def test_cli_export_in_a_subprocess_prints_no_traceback(night_db, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "resultsdesk", "export", "card", "--db", str(night_db),
         "--out", str(tmp_path / "c.png")],
        capture_output=True, text=True, env={**os.environ, "MPLBACKEND": ""}, timeout=120)
    assert result.returncode == 2  # a usage error: argparse's usage, then its line
    assert result.stderr.startswith("usage: resultsdesk export ")
    assert result.stderr.splitlines()[-1].startswith(
        "resultsdesk export: error: export card needs --constituency")
    assert "Traceback" not in result.stderr


def test_cli_export_says_once_which_words_no_font_draws(night_db, tmp_path):
    # U+0378 is no character at all, so no font on any machine draws it: on the picture it is
    # Last Resort's box. matplotlib said so as raw warnings, two lines for each glyph and
    # each time it was laid out; the command says it once, naming the word and the graphic.
    title = "Night of Ab\u0378c"
    result = subprocess.run(
        [sys.executable, "-m", "resultsdesk", "export", "seats", "--db", str(night_db),
         "--out", str(tmp_path / "s.png"), "--title", title],
        capture_output=True, text=True, env={**os.environ, "MPLBACKEND": ""}, timeout=120)
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        "resultsdesk: warning: seats: no font on this machine draws Ab\u0378c: on the "
        "graphic as boxes"]
