"""The audit chain's JSON, encoded by an encoder made once (`audit_chain.json_encoder`), is
byte for byte what `json.dumps` with the same options writes: the canonical form every hash
is taken over, and the details text stored with each entry. Existing chains verify only if
it is."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resultsdesk.domain.audit_chain import canonical_json, json_encoder

# What audit details hold (strings with any character, ints of any size, booleans, null,
# lists and objects), and floats for the text of the details column, which allows them.
_SCALARS = st.none() | st.booleans() | st.integers() | st.text()
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4)
                       | st.dictionaries(st.text(), inner, max_size=4), max_leaves=25)


@given(_VALUES)
def test_the_canonical_form_is_json_dumps_to_the_byte(value):
    assert canonical_json(value) == json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
        allow_nan=False).encode("utf-8")


@given(_VALUES | st.floats())
def test_the_details_text_is_json_dumps_to_the_byte(value):
    text = json_encoder(separators=(", ", ": "), allow_nan=True)
    assert text(value) == json.dumps(value, ensure_ascii=False, sort_keys=True)


@pytest.mark.parametrize("value", [float("nan"), [float("inf")], {"a": object()}])
def test_what_json_dumps_refuses_is_refused(value):
    with pytest.raises((ValueError, TypeError)):
        canonical_json(value)


def test_without_the_c_encoder_it_is_json_encoder(monkeypatch):
    monkeypatch.setattr(json.encoder, "c_make_encoder", None)
    encode = json_encoder(separators=(",", ":"), allow_nan=False)
    assert encode({"b": [1, "é"], "a": None}) == '{"a":null,"b":[1,"é"]}'
    assert encode.__self__.__class__ is json.JSONEncoder
