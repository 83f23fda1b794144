"""Hostile input, by hypothesis: copies of the real HoC 2024 by-candidate file edited at
random (cells set to hostile values, rows duplicated, deleted, swapped, cut short or made
long, columns dropped or added, bytes truncated, overwritten, inserted or re-encoded), fed to
the importers and the command line on an empty election, the nominations and the night.

Each ends in a clear failure that wrote nothing or a correct import
(helpers.hostile_files.attempt / attempt_cli).

Default run: 100 hypothesis examples per fuzz test (the same ones every run). Full run (also
the slow variants: 1,000 new examples per fuzz test, times N with RESULTSDESK_STRESS=N):

    RESULTSDESK_STRESS=1 python3 -m pytest tests/reliability/test_hostile_fuzz.py \\
        -p no:cacheprovider
"""

from __future__ import annotations

import pytest
from helpers.hostile_files import (
    ALL,
    COLUMNS,
    Table,
    attempt,
    attempt_cli,
    copy_of,
    seats_of,
    to_text,
)
from helpers.scale import long_variant, scaled
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

_FUZZ = {"deadline": None, "suppress_health_check": [
    HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture]}
FUZZ = settings(max_examples=100, derandomize=True, **_FUZZ)  # the same examples every run
FUZZ_LONG = settings(max_examples=scaled(100, 1000), **_FUZZ)  # new examples every run


# --- broken files, by hypothesis ----------------------------------------------------------

HOSTILE = ["", " ", "-1", "-0", "1.5", "1e3", "12a", "NA", "n/a", str(10**15), "999999999999",
           "1000000000000", "1,234", " 42 ", "٣", "0x10", "+5", "\n", "a\nb", "a,b", '"', "'",
           "=1+1", "Lab", "Labour", "Con", "Ind", "Spk", "Speaker", "15", "8", "1006", "99999",
           "E14001279", "X1234", "W07000081", "S14000060", "Ã\x81ine", "Sinn Féin", "\ufeff",
           "\t", "\r"]
values = st.sampled_from(HOSTILE) | st.text(max_size=10) | st.integers(-10**16, 10**16).map(str)
row_index = st.integers(0, 10**6)
edits = st.one_of(
    st.tuples(st.just("set"), row_index, st.sampled_from(COLUMNS), values),
    st.tuples(st.just("duplicate"), row_index),
    st.tuples(st.just("delete"), row_index),
    st.tuples(st.just("swap"), row_index, row_index),
    st.tuples(st.just("drop column"), st.sampled_from(COLUMNS)),
    st.tuples(st.just("extra column"), values),
    st.tuples(st.just("short row"), row_index),
    st.tuples(st.just("long row"), row_index, values),
    st.tuples(st.just("blank line"), row_index),
)
byte_edit = st.one_of(
    st.tuples(st.just("truncate"), st.floats(0, 1)),
    st.tuples(st.just("overwrite"), st.floats(0, 1), st.binary(min_size=1, max_size=6)),
    st.tuples(st.just("insert"), st.floats(0, 1), st.binary(min_size=1, max_size=6)),
    st.tuples(st.sampled_from(["bom", "cp1252", "utf-16", "lf"])),
)
# most files reach the CSV reader whole: byte-level damage in a third of them
byte_edits = st.just([]) | st.just([]) | st.lists(byte_edit, min_size=1, max_size=2)


def apply_edits(table: Table, table_edits: list[tuple], raw_edits: list[tuple]) -> bytes:
    header, rows = table
    for edit in table_edits:
        kind, args = edit[0], edit[1:]
        if kind == "drop column" and args[0] in header:
            i = header.index(args[0])
            header.pop(i)
            for r in rows:
                if len(r) > i:
                    r.pop(i)
        elif kind == "extra column":
            header.append("Extra")
            for r in rows:
                r.append(args[0])
        elif not rows:
            continue
        elif kind == "set" and args[1] in header:
            r = rows[args[0] % len(rows)]
            i = header.index(args[1])
            if i < len(r):
                r[i] = args[2]
        elif kind == "duplicate":
            rows.insert(args[0] % len(rows), list(rows[args[0] % len(rows)]))
        elif kind == "delete":
            rows.pop(args[0] % len(rows))
        elif kind == "swap":
            i, j = args[0] % len(rows), args[1] % len(rows)
            rows[i], rows[j] = rows[j], rows[i]
        elif kind == "short row":
            r = rows[args[0] % len(rows)]
            if r:
                r.pop()
        elif kind == "long row":
            rows[args[0] % len(rows)].append(args[1])
        elif kind == "blank line":
            rows.insert(args[0] % len(rows), [])
    text = to_text(header, rows)
    data = text.encode("utf-8", errors="surrogatepass")
    for edit in raw_edits:
        at = int(edit[1] * len(data)) if len(edit) > 1 else 0
        if edit[0] == "truncate":
            data = data[:at]
        elif edit[0] == "overwrite":
            data = data[:at] + edit[2] + data[at + len(edit[2]):]
        elif edit[0] == "insert":
            data = data[:at] + edit[2] + data[at:]
        elif edit[0] == "bom":
            data = b"\xef\xbb\xbf" + data
        elif edit[0] == "lf":
            data = data.replace(b"\r\n", b"\n")
        else:  # a re-encoding of the text as it was
            data = text.encode(edit[0], errors="replace")
    return data


SEAT_GROUPS = (["W07000081"], ["W07000081", "S14000060"],
               ["S14000065", "E14001279", "N05000001"])  # Peña stands in the first


API_FUZZ = {"codes": st.sampled_from(SEAT_GROUPS), "table_edits": st.lists(edits, max_size=4),
            "raw_edits": byte_edits, "kind": st.sampled_from(ALL),
            "target": st.sampled_from(["empty", "nominations", "night"])}
CLI_FUZZ = {**API_FUZZ, "target": st.sampled_from(["empty", "nominations"])}


def fuzz_api(codes, table_edits, raw_edits, kind, target, ge2024, templates) -> None:
    file = apply_edits(seats_of(ge2024, codes), table_edits, raw_edits)
    with copy_of(templates[target]) as db:
        failure = attempt(kind, db, file)
    event("imported" if failure is None else f"refused: {failure.reason[:25]}")


def fuzz_cli(codes, table_edits, raw_edits, kind, target, ge2024, templates) -> None:
    file = apply_edits(seats_of(ge2024, codes), table_edits, raw_edits)
    with copy_of(templates[target]) as db:
        error = attempt_cli(kind, db, file)
    event("imported" if error is None else "refused")


@FUZZ
@given(**API_FUZZ)
def test_fuzzed_files_fail_clearly_or_import_correctly(codes, table_edits, raw_edits, kind,
                                                       target, ge2024, templates):
    fuzz_api(codes, table_edits, raw_edits, kind, target, ge2024, templates)


@FUZZ
@given(**CLI_FUZZ)
def test_fuzzed_files_through_the_command_line(codes, table_edits, raw_edits, kind, target,
                                               ge2024, templates):
    fuzz_cli(codes, table_edits, raw_edits, kind, target, ge2024, templates)


@pytest.mark.slow
@long_variant
@FUZZ_LONG
@given(**API_FUZZ)
def test_fuzzed_files_fail_clearly_or_import_correctly_long(codes, table_edits, raw_edits,
                                                            kind, target, ge2024, templates):
    fuzz_api(codes, table_edits, raw_edits, kind, target, ge2024, templates)


@pytest.mark.slow
@long_variant
@FUZZ_LONG
@given(**CLI_FUZZ)
def test_fuzzed_files_through_the_command_line_long(codes, table_edits, raw_edits, kind,
                                                    target, ge2024, templates):
    fuzz_cli(codes, table_edits, raw_edits, kind, target, ge2024, templates)
