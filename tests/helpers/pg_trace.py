"""What a desk's connection sends a PostgreSQL server, counted by libpq itself (PQtrace):
one entry per statement the server answers, whether the application sent it (a simple
Query, or an extended-protocol Parse/Bind/Execute ended by a Sync) or psycopg did on its
own (BEGIN, COMMIT, SAVEPOINT). Each is a round trip: the shape of a desk's work on a
server, counted without timing anything and without pg_stat_statements.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

from psycopg import pq

_TEXT = 3  # the tab-separated fields of a trace line: F or B, length, message, its text
_MESSAGE = re.compile(r"^[FB]\t\d+\t\w+")


def _quoted(text: str, skip: int) -> str:
    """The text of the `skip`+1-th quoted string of a trace message (libpq prints it as it
    is: the SQL's own quotes and newlines too, so the last quote closes it)."""
    rest = text.split('"', 2 * skip + 1)[-1]
    return rest.rsplit('"', 1)[0] if '"' in rest else rest


def _messages(trace: str) -> list[list[str]]:
    """The trace's messages, each [direction, length, type, text], a statement's text
    whole (the lines of a multi-line one that do not start a message are its own)."""
    messages: list[list[str]] = []
    for line in trace.splitlines():
        if _MESSAGE.match(line):
            fields = line.split("\t", _TEXT)
            messages.append(fields + [""] * (_TEXT + 1 - len(fields)))
        elif messages:
            messages[-1][_TEXT] += "\n" + line
    return messages


def _statements(trace: str) -> list[str]:
    """The SQL of each statement the client sent, in order, from a PQtrace log."""
    sent: list[str] = []
    parsed = ""
    for direction, _, message, text in _messages(trace):
        if direction != "F":
            continue
        if message == "Query":
            sent.append(_quoted(text, 0))
        elif message == "Parse":  # "" "SQL" n ...: the unnamed statement's text
            parsed = _quoted(text, 1)
        elif message == "Sync":
            sent.append(parsed)
    return sent


@contextmanager
def statements_sent(*stores: Any) -> Iterator[list[str]]:
    """The statements the stores' connections send the server inside the block (filled in
    when it ends). Each store is a `PgStore`; the connection traced is the one it has
    when the block starts."""
    sent: list[str] = []
    with ExitStack() as stack:
        traces = []
        for store in stores:
            log = stack.enter_context(tempfile.TemporaryFile("w+", encoding="utf-8"))
            pgconn = store._pg.pgconn  # the store's own connection: tests may look inside
            pgconn.trace(log.fileno())
            pgconn.set_trace_flags(pq.Trace.SUPPRESS_TIMESTAMPS | pq.Trace.REGRESS_MODE)
            traces.append((pgconn, log))
        try:
            yield sent
        finally:
            for pgconn, log in traces:
                pgconn.untrace()
                log.seek(0)
                sent.extend(_statements(log.read()))
