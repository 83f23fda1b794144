"""The warnings a desk may accept are defined once, in `domain.validation.WARNING_CODES`;
the server's own check of them (migration 70, `rd_check_desk_entry`) must list the same
words, or the server would refuse a warning the form offers, or take one it does not."""

from __future__ import annotations

import re

from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.store.postgres.preparation import migrations


def _server_list() -> tuple[str, ...]:
    """The list of the newest migration that defines the check."""
    defining = [text for _version, _name, text in migrations()
                if "FUNCTION rd_check_desk_entry" in text]
    assert defining, "no migration defines rd_check_desk_entry"
    listed = re.search(r"o NOT IN \(([^)]*)\)", defining[-1])
    assert listed is not None
    return tuple(re.findall(r"'([a-z_]+)'", listed.group(1)))


def test_the_server_accepts_the_warnings_the_desk_offers():
    assert _server_list() == tuple(WARNING_CODES)
