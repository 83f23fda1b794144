"""Turkish names at sign-in on a file desk: a dot above an i is drawn on the i's own dot, and
Turkish `İ` case-folds to `i` and that dot, so `İpek` and `ipek`, `ILKER` and `İlker` are
one name, as the README says ("Turkish ALİCE ... is alice") and as `same_person` compares
entries. Sign-in looked accounts up by the folded key alone: an account made as `İpek`
signed in only as `İpek` or `İPEK`, never `ipek` or `IPEK`, and `ilker` typing her name
capitalised on a Turkish keyboard (Shift+i is `İ`) was an unknown account, each try counted
as a failure under a name of its own. One name, one count of failed sign-ins too: the dotted
and the plain spelling of a name lock out together."""

from __future__ import annotations

import pytest
from helpers.accounts import FAST

from resultsdesk.desk import accounts as acc
from resultsdesk.desk import sign_in_limit as limit
from resultsdesk.store import Store


@pytest.fixture
def store(nominations_db):
    with Store(nominations_db) as store:
        acc.add_account(store, "ilker", "admin", "ilker-password", admin=None, kdf=FAST)
        acc.add_account(store, "İpek", "desk", "ipek-password", admin="ilker", kdf=FAST)
        yield store


@pytest.mark.parametrize("typed", ["ilker", "ILKER", "İlker", "İLKER", "Ilker"])
def test_a_plain_i_account_signs_in_typed_with_a_turkish_capital(store, typed):
    assert acc.sign_in(store, typed, "ilker-password").name == "ilker"


@pytest.mark.parametrize("typed", ["İpek", "İPEK", "ipek", "IPEK", "Ipek"])
def test_a_dotted_capital_account_signs_in_typed_plainly(store, typed):
    assert acc.sign_in(store, typed, "ipek-password").name == "İpek"


def test_the_wrong_password_is_still_refused(store):
    with pytest.raises(acc.SignInFailed):
        acc.sign_in(store, "ipek", "ilker-password")


def test_both_spellings_count_toward_one_lock(store):
    for typed in ("ipek", "İpek", "IPEK", "İPEK", "ipek"):
        with pytest.raises(acc.SignInFailed):
            acc.sign_in(store, typed, "not-the-password")
    assert set(limit.lock_ends(store, ["İpek"])) == {"İpek"}
    with pytest.raises(limit.SignInLocked):
        acc.sign_in(store, "İpek", "ipek-password")
