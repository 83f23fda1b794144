"""Blind means hidden from others, not from the author: on an open desk, whoever keyed an
entry as "Alice Smith" and types her name as "alice smith" (or with a stray space) is the
same person (`identity.same_person`), so she sees her own figures awaiting verification,
and bob does not. Found by a mutation test: `Viewer.sees_pending` comparing names as typed
left every test passing, and the author then lost sight of her own entry."""

from __future__ import annotations

from helpers.blind import figures_in
from helpers.seats import CLEAN, HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.accounts import open_desk_user
from resultsdesk.desk.visibility import blind_history, viewer_for
from resultsdesk.domain.model import Figures


def _seen_by(store, name: str) -> str:
    shown, _hidden = blind_history(dk.history(store, HENDON), viewer_for(open_desk_user(name)))
    return figures_in(shown)


def test_the_author_sees_her_entry_whatever_case_she_types_her_name_in(nominations_store):
    dk.declare(nominations_store, HENDON, Figures(CLEAN, 50), user="Alice Smith")
    assert "18000" in _seen_by(nominations_store, "Alice Smith")
    assert "18000" in _seen_by(nominations_store, "alice smith")
    assert "18000" in _seen_by(nominations_store, " ALICE  SMITH ")
    assert "18000" not in _seen_by(nominations_store, "Bob Jones")
