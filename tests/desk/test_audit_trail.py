"""The audit trail reads as sentences in local time with the offset shown (history, audit),
while the CSV/JSON export stays machine-readable and carries the chain's hashes. Tests
taking `team` run on a file and on a server (`desk_target`)."""

from __future__ import annotations

import csv
import json
import re
import time
from datetime import datetime, timedelta, timezone

import pytest
from helpers.cli import run
from helpers.desk_target import desk_target_fixture, team_fixture  # noqa: F401  (fixtures)
from helpers.seats import CLEAN, HENDON

from resultsdesk.cli import main
from resultsdesk.desk import declarations as dk
from resultsdesk.desk.audit_text import clean, local_stamp, trail_lines, trail_text
from resultsdesk.domain.audit_chain import details_value, entry_hash
from resultsdesk.domain.model import Figures
from resultsdesk.io.audit_export import COLUMNS, export_audit

STAMP = re.compile(r"\d\d:\d\d:\d\d [+-]\d\d:\d\d")


@pytest.fixture
def india(monkeypatch):
    """Local time five and a half hours ahead of UTC: no daylight saving, an odd offset."""
    monkeypatch.setenv("TZ", "Asia/Kolkata")
    time.tzset()
    yield timezone(timedelta(hours=5, minutes=30))
    monkeypatch.undo()
    time.tzset()


def test_times_are_local_with_the_offset(india):
    assert local_stamp("2024-07-04T22:41:07+00:00") == "04:11:07 +05:30"
    assert local_stamp("2024-07-04T22:41:07+00:00", date=True) == "Fri 5 Jul 2024 04:11:07 +05:30"
    assert local_stamp(None) == "-" and local_stamp("garbled") == "garbled"


def test_typed_text_cannot_forge_a_line_or_hide_a_character():
    assert clean("carol\n23:59:59 +00:00 bob verified") == \
        "carol\\u000a23:59:59 +00:00 bob verified"
    assert clean("carol\u200b") == "carol\\u200b"
    assert clean("Zoë Smith-Jones") == "Zoë Smith-Jones"


def test_a_seats_trail_is_sentences(team, india):
    t = team
    alice, bob, ann = t.name("alice"), t.name("bob"), t.name("ann")
    sheet = dk.load_sheet(t.alice, HENDON)
    votes = [5000 - 20 * i for i in range(len(sheet.candidates))]
    dk.declare(t.alice, HENDON, user=alice, figures=Figures(votes, 52),
               overrides=["recount_range"])
    dk.verify(t.bob, HENDON, user=bob, votes=[*votes[:-1], votes[-1] + 1], invalid=52)
    dk.verify(t.bob, HENDON, user=bob, votes=votes, invalid=52)
    dk.mark_recount(t.ann, HENDON, user=ann)
    dk.declare(t.alice, HENDON, user=alice, figures=Figures(votes, 53),
               overrides=["recount_range"])
    dk.reject(t.bob, HENDON, user=bob, comment="rejected\nballots wrong")
    lines = trail_lines(t.eve, HENDON)
    texts = [line.text for line in lines]
    first = ", ".join(f"{c.name.split()[-1]} ({c.party}) {v:,}"
                      for c, v in zip(sheet.candidates, votes, strict=True))
    assert texts[0] == (f"{alice} declared version 1 of Hendon (first count): "
                        f"{first}; rejected ballots 52; warnings accepted: recount_range")
    last = sheet.candidates[-1]
    assert texts[1] == (f"{bob}'s blind re-key of version 1 of Hendon did not "
                        f"match the first entry ({last.name.split()[-1]} ({last.party})): "
                        "nothing was verified")
    assert texts[2] == f"{bob} verified version 1 of Hendon by blind re-key (entered by {alice})"
    assert texts[3] == (f"{ann} marked a recount under way in Hendon: the next "
                        "figures entered are recount 1")
    assert texts[4].startswith(f"{alice} declared version 2 of Hendon (recount 1): ")
    assert texts[5] == (f"{bob} rejected version 2 of Hendon back to the desk "
                        f"(entered by {alice}): “rejected\\u000aballots wrong”")
    for line in lines:  # every time local, with its offset, as the entry recorded it
        at = datetime.fromisoformat(line.at).astimezone(india)
        assert line.time == f"{at:%H:%M:%S} +05:30"
    printed = trail_text(lines)
    assert len(printed) == len(lines) + len({line.day for line in lines})
    assert not any("{" in p for p in printed)


def test_correction_and_lot_sentences(team):
    t = team
    alice, bob, ann = t.name("alice"), t.name("bob"), t.name("ann")
    tied = (100, 200, 300, 20000, 400, 500, 20000, 600)
    jogia = dk.load_sheet(t.alice, HENDON).candidates[3]
    dk.declare(t.alice, HENDON, user=alice, figures=Figures(tied, 3), overrides=["tie"])
    dk.verify(t.bob, HENDON, user=bob, votes=tied, invalid=3)
    dk.decide_tie(t.ann, HENDON, user=ann, winner_id=jogia.id, note="drawn from a hat")
    dk.verify(t.alice, HENDON, user=alice, votes=tied, invalid=3, tie_winner=jogia.id)
    fixed = list(tied)
    fixed[0] += 5
    dk.correct(t.bob, HENDON, user=bob, figures=Figures(fixed, 4), reason="RO restated Green",
               overrides=["tie"])
    texts = [line.text for line in trail_lines(t.eve, HENDON)]
    assert texts[1] == (f"{bob} verified version 1 of Hendon by blind re-key "
                        f"(entered by {alice})")
    assert texts[2] == (f"{ann} recorded Jogia (Con) as the winner drawn by lot in Hendon "
                        "(version 2): “drawn from a hat”")
    assert texts[4] == (f"{bob} corrected Hendon as version 3: Bailey (Green) 100 → 105, "
                        "rejected ballots 3 → 4; reason: “RO restated Green”")


def test_audit_command_check_and_export_on_either_store(team, capsys, tmp_path, india,
                                                        monkeypatch):
    """`audit` (sentences), `audit --check` and `audit --out` through the command line, on
    a file and on a server, signed in as the editor."""
    t = team
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(CLEAN, 50))
    dk.verify(t.bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=50)
    monkeypatch.setenv("RESULTSDESK_PASSWORD", t.target.passwords["eve"])
    eve = ["--db", t.target.target, "--user", t.name("eve")]
    code, out, err = run(capsys, "audit", *eve)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert re.fullmatch(r"\w{3} \d{1,2} \w{3} \d{4}", lines[0])
    assert sum(1 for line in lines if STAMP.search(line)) == len(dk.audit_log(t.eve))
    assert any(line.endswith(f"{t.name('bob')} verified version 1 of Hendon by blind re-key "
                             f"(entered by {t.name('alice')})") for line in lines)
    code, out, err = run(capsys, "audit", "--check", *eve)
    assert (code, err) == (0, "") and out.startswith("audit chain intact: ")
    code, out, _ = run(capsys, "audit", *eve, "--out", tmp_path / "a.json")
    data = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert code == 0 and data[-1]["action"] == "verify"
    prev = "0" * 64
    for row in data:  # the export alone re-checks the chain, whichever store wrote it
        assert row["prev_hash"] == prev
        assert row["hash"] == entry_hash(
            id=int(row["id"]), at=row["at"], user=row["user"], action=row["action"],
            entity=row["entity"], entity_key=row["entity_key"],
            details=row["details"], prev_hash=prev)
        prev = row["hash"]


def test_audit_command_prints_the_whole_trail_as_sentences(capsys, night_db, india):
    code, out, err = run(capsys, "audit", "--db", night_db)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert re.fullmatch(r"\w{3} \d{1,2} \w{3} \d{4}", lines[0])  # the local day, then entries
    assert re.fullmatch(r"  \d\d:\d\d:\d\d \+05:30  import created the election "
                        r"“UK general election 2024”", lines[1])
    basildon = next(line for line in lines if "of Basildon and Billericay" in line)
    assert re.fullmatch(r"  \d\d:\d\d:\d\d \+05:30  HoC Library imported version 1 of Basildon "
                        r"and Billericay as verified from HoC-GE2024-results-by-candidate\.csv: "
                        r".*Holden \(Con\) 12,905.*", basildon)
    assert sum(1 for line in lines if STAMP.search(line)) == 653
    assert "{" not in out


def test_export_keeps_the_chain_machine_readable(night_store, tmp_path, capsys):
    entries = dk.audit_log(night_store)
    path = tmp_path / "audit.csv"
    assert export_audit(entries, path) == len(entries)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0]) == COLUMNS and COLUMNS[-2:] == ("prev_hash", "hash")
    prev = "0" * 64
    for row in rows:  # the export alone is enough to re-check the chain
        assert row["prev_hash"] == prev
        assert row["hash"] == entry_hash(
            id=int(row["id"]), at=row["at"], user=row["user"], action=row["action"],
            entity=row["entity"], entity_key=row["entity_key"],
            details=details_value(row["details"]), prev_hash=prev)
        prev = row["hash"]
    code, out, _ = run(capsys, "audit", "--db", night_store.path, "--out", tmp_path / "a.json")
    assert out.startswith(f"Wrote {len(entries)} audit entries")
    data = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert code == 0 and [tuple(e) for e in data[:1]] == [COLUMNS]
    assert data[-1]["hash"] == prev and isinstance(data[-1]["details"], dict)
    with pytest.raises(SystemExit) as exit_:  # one thing at a time
        main(["audit", "--db", str(night_store.path), "--out", "a.json", "--check"])
    assert exit_.value.code == 2 and "not allowed with" in capsys.readouterr().err


def _another_language(monkeypatch, folder) -> bool:
    """LC_TIME set to a locale that names days and months other than in English: the
    machine's French or German, else French compiled into `folder` (localedef, about a
    second) where the machine has only C.UTF-8. False where neither can be had."""
    import locale
    import shutil
    import subprocess

    for name in ("fr_FR.UTF-8", "de_DE.UTF-8", "fr_FR.utf8", "de_DE.utf8"):
        try:
            locale.setlocale(locale.LC_TIME, name)
            return True
        except locale.Error:
            continue
    if shutil.which("localedef") is None:
        return False
    subprocess.run(["localedef", "-i", "fr_FR", "-f", "UTF-8", str(folder / "fr_FR.UTF-8")],
                   capture_output=True, timeout=60, check=False)
    monkeypatch.setenv("LOCPATH", str(folder))
    try:
        locale.setlocale(locale.LC_TIME, "fr_FR.UTF-8")
    except locale.Error:
        return False
    return True


def test_the_days_are_in_english_whatever_the_pcs_language(india, monkeypatch, tmp_path):
    """The app (Qt) sets the C library's locale from LANG: on a French PC the History
    dialog's days read "ven. 5 juil. 2024" among English sentences, the command line's
    "Fri 5 Jul 2024"."""
    import locale

    before = locale.setlocale(locale.LC_TIME)
    try:
        if not _another_language(monkeypatch, tmp_path):
            pytest.skip("no French or German locale here, and none could be made")
        assert local_stamp("2024-07-04T22:41:07+00:00", date=True) == \
            "Fri 5 Jul 2024 04:11:07 +05:30"
    finally:
        locale.setlocale(locale.LC_TIME, before)
