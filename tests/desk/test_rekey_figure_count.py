"""A re-key of the wrong number of figures (a candidate's line left out, or one typed twice)
is refused in words before anything is compared (desk/declarations.py `verify`), and
recorded as no try: not a traceback from comparing lists of two lengths, nor a mismatch
that uses up one of the verifier's re-keys. Found by a mutation test: without the check,
every test still passed."""

from __future__ import annotations

import pytest
from helpers.seats import CLEAN, HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.errors import DeskRefusal
from resultsdesk.domain.model import Figures


@pytest.mark.parametrize("votes", [CLEAN[:-1], (*CLEAN, 0)])
def test_a_rekey_of_another_number_of_figures_is_refused_in_words(nominations_store, votes):
    store = nominations_store
    dk.declare(store, HENDON, Figures(CLEAN, 50), user="alice")
    with pytest.raises(DeskRefusal, match=f"has 8 candidates; {len(votes)} figures were given"):
        dk.verify(store, HENDON, user="bob", votes=list(votes), invalid=50)
    assert not any(a["action"] == "verify mismatch" for a in dk.history(store, HENDON).audit)
    assert dk.verify(store, HENDON, user="bob", votes=list(CLEAN), invalid=50).verified
