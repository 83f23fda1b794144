"""The envelope every graphic's data file shares, as README's "The data beside the picture"
states it for Vizrt, CasparCG and Flourish templates: `format` "resultsdesk-graphic",
`version` 1, `sequence` (the change number read at, as feed.json's). Other tests read the
first two through the module's constants, which a change would move with them; a template
checks the literal values."""

from __future__ import annotations

import json

import pytest

from resultsdesk import cli
from resultsdesk.store import Store
from resultsdesk.store.live import current_seq


@pytest.mark.parametrize("kind", ["seats", "hemicycle", "gains"])
def test_every_graphics_data_file_carries_the_documented_envelope(night_db, tmp_path,
                                                                  capsys, kind):
    out = tmp_path / f"{kind}.json"
    assert cli.main(["export", kind, "--db", str(night_db), "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    with Store(night_db) as store:
        seq = current_seq(store)
    assert (data["format"], data["version"], data["kind"]) == ("resultsdesk-graphic", 1, kind)
    assert data["sequence"] == seq and isinstance(seq, int)
    assert data["rehearsal"] is False
    if kind == "hemicycle":  # where the undeclared seats sit: `middle` (default) or `end`
        assert data["undeclared_position"] == "middle"


def test_the_recounts_data_gives_every_row_its_tied_list(night_db, tmp_path, capsys):
    """README: the parties tied are in `tied` (each `party` and `colour`), `[]` on every
    other row: a template reads the key on every row, a tie or not."""
    out = tmp_path / "recounts.json"
    assert cli.main(["export", "recounts", "--db", str(night_db), "--out", str(out)]) == 0
    seats = json.loads(out.read_text(encoding="utf-8"))["seats"]
    assert seats and all(row["tied"] == [] for row in seats)
    assert all(row["winner"] and row["runner_up"] for row in seats)
