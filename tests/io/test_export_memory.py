"""The shape of writing a data file (`io.safe_csv`), never its time: the text goes into the
temporary file as it is made, never whole in memory first. `export results --out
results.json` of a 50,000-seat night (400,000 candidates, a 269 MB file) peaked at 2.6 GB
of memory, the text held as one string, then again as bytes, beside the rows; 1.0 GB
written as it is made, the same bytes. Here a file of ~6 MB from rows that take almost
none (one row repeated), its peak allocation measured."""

from __future__ import annotations

import json
import tracemalloc

from resultsdesk.io.safe_csv import write_csv, write_json

ROWS = 30_000
ROW = {"ONS ID": "E14000000", "Constituency name": "Synthetic 00000", "Party name": "Labour",
       "Candidate first name": "C0", "Candidate surname": "Candidate 0-0", "Votes": 2333,
       "Share": 0.199658, "Change": ""}


def _peak(write) -> int:
    tracemalloc.start()
    try:
        write()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_json_is_written_as_it_is_made(tmp_path):
    out = tmp_path / "results.json"
    rows = [ROW] * ROWS  # one row's dict, repeated: the list is all the memory the data takes
    peak = _peak(lambda: write_json(out, rows))
    size = out.stat().st_size
    assert size > 3_000_000
    assert json.loads(out.read_text(encoding="utf-8")) == rows
    assert out.read_text(encoding="utf-8") == json.dumps(rows, ensure_ascii=False,
                                                         indent=2) + "\n"  # as before
    assert peak < size / 4, (peak, size)  # was the whole text, twice (2 × size)


def test_csv_is_written_as_it_is_made(tmp_path):
    out = tmp_path / "results.csv"
    values = list(ROW.values())
    peak = _peak(lambda: write_csv(out, list(ROW), (values for _ in range(ROWS))))
    size = out.stat().st_size
    assert size > 1_000_000
    with out.open(encoding="utf-8", newline="") as fh:
        lines = fh.read().split("\r\n")
    assert lines[0] == ",".join(ROW) and len(lines) == ROWS + 2  # the header, rows, a last \r\n
    assert peak < size / 4, (peak, size)  # was the whole text, twice (2 × size)
