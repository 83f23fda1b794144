"""`export --parties N` names at most as many parties as Preferences allow (30), and a
hand-edited Preferences file naming more is read as 30. Beyond that the graphics did not
hold together: `--parties 97` (every party of 2024) drew a vote share of 97 rows with their
figures over each other ("2.5%" over "2.0%") and wrote it, exit 0."""

from __future__ import annotations

from helpers.cli import run, usage_refused

from resultsdesk.domain.others import MAX_NAMED


def test_more_parties_than_a_graphic_names_are_refused(night_db, tmp_path, capsys):
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "shares.png"
    line = usage_refused(capsys, "export", "shares", "--db", night_db, "--out", out,
                         "--parties", 97)
    assert line.endswith(f"argument --parties: 97: at most {MAX_NAMED} parties are named (the "
                         "rest are Others); more do not fit a graphic's rows")
    assert list(folder.iterdir()) == []
    line = usage_refused(capsys, "export", "all", "--db", night_db, "--out", folder / "all",
                         "--parties", MAX_NAMED + 1)
    assert f"argument --parties: {MAX_NAMED + 1}: " in line
    assert list(folder.iterdir()) == []


def test_as_many_as_preferences_allow_are_drawn(night_db, tmp_path, capsys):
    code, _out, err = run(capsys, "export", "shares", "--db", night_db, "--out",
                          tmp_path / "shares.json", "--parties", MAX_NAMED)
    assert code == 0, err
    assert (tmp_path / "shares.json").exists()


def test_a_hand_edited_preference_is_read_within_the_range(qt_settings):
    from PySide6.QtCore import QSettings

    from resultsdesk.ui.preferences import CHART_MAX_PARTIES_KEY, load_preferences

    QSettings().setValue(CHART_MAX_PARTIES_KEY, 97)
    assert load_preferences().max_parties == MAX_NAMED
    QSettings().setValue(CHART_MAX_PARTIES_KEY, 0)
    assert load_preferences().max_parties == 2
