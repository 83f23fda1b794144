"""A write killed part-way (kill -9, a power cut) leaves its hidden temporary file beside
the target, as big as what was written: each next write of that file removes those an
hour old (nobody's write in progress), and leaves a newer one (somebody's) alone."""

from __future__ import annotations

import os
import time

from resultsdesk.files import LEFT_BEHIND_AFTER_S
from resultsdesk.io.safe_csv import atomic_write_text


def test_a_write_removes_what_killed_writes_left_behind(tmp_path):
    target = tmp_path / "feed.json"
    old = tmp_path / ".feed.json.0badf00d.tmp"
    new = tmp_path / ".feed.json.0123abcd.tmp"
    other = tmp_path / ".card.json.0badf00d.tmp"
    for path in (old, new, other):
        path.write_text("half a file")
    an_hour_ago = time.time() - LEFT_BEHIND_AFTER_S - 60
    for path in (old, other):
        os.utime(path, (an_hour_ago, an_hour_ago))
    atomic_write_text(target, "{}\n")
    assert target.read_text() == "{}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [target.name, new.name, other.name])  # another file's is its own write's to tidy
