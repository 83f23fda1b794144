"""Whether a file still has every table, column, view, index and trigger its schema version
gives it: a file someone opened in another tool and dropped a table or a column from is
damaged, and must be refused on opening with the restore hint, not fail half-way through
a command with "no such table" (which reads as a bug in ResultsDesk).

Opening compares one checksum of the file's shape (one query over `sqlite_master` and
`pragma_table_info`, well under a millisecond) with `schema_version.SCHEMA_SHAPE`, the
checksum of a new file's. Only when they differ is the expected shape built, by running the
migrations into a database in memory, to name what is missing. Objects SQLite makes itself
(`sqlite_*`: its statistics, automatic indexes) are not part of the shape, and what a file
has beyond the expected shape (an index, a table, a view) is not damage, but for a trigger:
one added can drop or change what ResultsDesk writes, an audit entry among them.
"""

from __future__ import annotations

import sqlite3
import zlib

# Every object of the schema with its table, for a table its columns in order and for a
# trigger or a view its text: one line per object, sorted, so the checksum is the same however
# the file was built. A trigger's text is compared whole: the chain's triggers re-created under
# their names with a "WHEN 0" (doing nothing) passed for the file's own, and entries could
# be deleted after. So is a view's: verified_declarations re-created to pick another version
# put superseded figures on air with no row touched. (A file's triggers and views are the
# migrations' own words, whichever version made it: every file, new or upgraded, runs the
# same migrations.)
_SHAPE = """
    SELECT m.type, m.name, m.tbl_name,
           CASE WHEN m.type = 'table' THEN
               (SELECT group_concat(name, ',') FROM
                   (SELECT p.name FROM pragma_table_info(m.name) AS p ORDER BY p.cid))
           WHEN m.type IN ('trigger', 'view') THEN m.sql
           ELSE '' END
    FROM sqlite_master AS m
    WHERE m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
    ORDER BY m.type, m.name
"""


def shape(conn: sqlite3.Connection) -> list[str]:
    """The file's objects, one line each: "type name on table: columns"."""
    return [f"{kind} {name} on {table}: {columns or ''}"
            for kind, name, table, columns in conn.execute(_SHAPE)]


def digest(lines: list[str]) -> str:
    """A checksum of the shape: it notices damage, it is not a seal (whoever can write the
    file can also put a dropped trigger back; the audit chain is what catches an edit).
    CRC-32, as zlib is loaded by every command already and OpenSSL is not (a read-only
    command never hashes)."""
    return f"{zlib.crc32(chr(10).join(lines).encode()):08x}"


def parts_missing(conn: sqlite3.Connection) -> list[str] | None:
    """None when the file's shape is this version's (`schema_version.SCHEMA_SHAPE`), else
    what it lacks of it (`missing_parts`: empty when it only has more): what opening checks
    (`Store._check_shape`) and what a failure nothing else explains asks of an open file
    (`odd_values`)."""
    from .schema_version import SCHEMA_SHAPE

    lines = shape(conn)
    return None if digest(lines) == SCHEMA_SHAPE else missing_parts(lines)


def expected_shape() -> list[str]:
    """The shape of a new file at this version: the migrations run into memory."""
    from .schema import MIGRATIONS, run_step

    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for migration in MIGRATIONS:
            for step in migration:
                run_step(conn, step)
        return shape(conn)
    finally:
        conn.close()


# How a trigger the migrations never made is named among the parts a file lacks.
NEVER_WROTE = "that ResultsDesk never wrote"


def missing_parts(lines: list[str]) -> list[str]:
    """What a file whose shape is `lines` lacks of the expected shape, in words ("table
    baseline_seats", "column electorate of constituencies", "view latest_declarations as
    ResultsDesk wrote it"), then the triggers it has that the migrations never made
    ("trigger x that ResultsDesk never wrote"); empty when it has all of it and no more."""
    have = {}
    for line in lines:
        head, _, columns = line.partition(": ")
        have[head] = columns.split(",") if columns else []
    out = []
    expected = expected_shape()
    for line in expected:
        head, _, columns = line.partition(": ")
        kind, name = head.split(" ")[:2]
        if head not in have:
            out.append(f"{kind} {name}")
        elif kind in ("trigger", "view"):
            if ",".join(have[head]) != columns:  # (split as a table's columns were)
                out.append(f"{kind} {name} as ResultsDesk wrote it")
        elif columns:
            table_columns = set(have[head])
            out += [f"column {column} of {name}" for column in columns.split(",")
                    if column not in table_columns]
    made = {line.partition(": ")[0] for line in expected}
    out += [f"trigger {head.split(' ')[1]} {NEVER_WROTE}" for head in have
            if head.startswith("trigger ") and head not in made]
    # What was dropped first, then what went with it: a table dropped takes its indexes
    # and triggers, and "no index declarations_by_status and 8 more" named one of those
    # (an index sorts before a table) for the table someone dropped.
    return sorted(out, key=lambda part: _FIRST.index(part.split(" ")[0]))


# The order the parts a file lacks are named in: a table or column, then a view, a trigger
# and an index, the last three often dropped with a table.
_FIRST = ("table", "column", "view", "trigger", "index")


def said(missing: list[str]) -> str:
    """The first of `missing_parts` in words, and how many more ("no table declarations and
    8 more"): what opening a file lacking them says, and a failure judged on one."""
    more = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
    return f"{in_words(missing[0])}{more}"


def in_words(part: str) -> str:
    """What a file "has" for one of `missing_parts`: "no table x", "a trigger y that
    ResultsDesk never wrote"."""
    return f"a {part}" if part.endswith(NEVER_WROTE) else f"no {part}"
