"""`export --title` is a graphic's heading, on air, as an election's name is: found by an
attack on the command line, an escape character was drawn as a missing-glyph box with
matplotlib's UserWarning (the raw ESC in it) on stderr, and a U+202E turned the heading
around on the graphic and in its JSON, where `init --name` and `import baseline --name`
refuse both (`validation.title_problem`)."""

from __future__ import annotations

import pytest
from helpers.cli import assert_one_error_line, run


@pytest.mark.parametrize(("title", "fragment"), [
    ("\x1b[2JSeats", "a control character (U+001B)"),
    ("Seats \u202eriA no", "an invisible formatting character (U+202E)"),
    ("x" * 201, "201 characters long"),
    ("   ", "is empty"),
])
def test_a_title_no_heading_can_show_is_refused_naming_the_option(night_db, tmp_path,
                                                                  capsys, title, fragment):
    out = tmp_path / "seats.json"
    code, stdout, err = run(capsys, "export", "seats", "--db", night_db, "--out", out,
                            "--title", title)
    assert_one_error_line(code, stdout, err, "--title", fragment)
    assert not out.exists()


def test_a_plain_title_is_drawn(night_db, tmp_path, capsys):
    out = tmp_path / "seats.json"
    code, _, err = run(capsys, "export", "seats", "--db", night_db, "--out", out,
                       "--title", "Ynys Môn: seats at 3 a.m.")
    assert (code, err) == (0, "")
    assert "Ynys Môn: seats at 3 a.m." in out.read_text(encoding="utf-8")
