"""`audit --check --anchor HASH` (and any front end's check) takes a head hash only as one:
exactly 64 hexadecimal digits, capitals or not, a leading "sha256:" allowed. A hash cut short
or mistyped reported "audit chain BROKEN … the log was rewritten" on an intact chain (the
wrong alarm on the night); now it is refused as bad input in one line, before anything is
read (`desk.audit.anchor_hash`, `BadAnchor`)."""

from __future__ import annotations

import pytest

from resultsdesk.desk.audit import BadAnchor, anchor_hash, check_audit_chain
from resultsdesk.desk.errors import DeskRefusal
from resultsdesk.domain.errors import Cause

HASH = "0123456789abcdef" * 4


@pytest.mark.parametrize("typed", [HASH, HASH.upper(), f"sha256:{HASH}", f"SHA256:{HASH}",
                                   f"  {HASH}\n", f"sha256:{HASH.upper()}"])
def test_a_head_hash_as_written_down_is_read_as_stored(typed):
    assert anchor_hash(typed) == HASH


@pytest.mark.parametrize("typed", [HASH[:12], HASH[:63], HASH + "0", HASH[:63] + "g", "",
                                   "sha256:", f"sha256: {HASH}", f"sha1:{HASH}",
                                   f"{HASH[:32]} {HASH[32:]}", f"0x{HASH[2:]}"])
def test_anything_else_is_refused_as_bad_input(typed):
    with pytest.raises(BadAnchor) as refused:
        anchor_hash(typed)
    assert isinstance(refused.value, DeskRefusal)
    assert refused.value.cause is Cause.BAD_INPUT
    assert "is not a head hash" in str(refused.value)
    assert "64 hexadecimal digits" in str(refused.value)


def test_the_check_itself_refuses_a_shortened_anchor(night_store):
    head = check_audit_chain(night_store).head_hash
    with pytest.raises(BadAnchor):
        check_audit_chain(night_store, [head[:16]])
    assert check_audit_chain(night_store, [f"sha256:{head.upper()}"]).intact
