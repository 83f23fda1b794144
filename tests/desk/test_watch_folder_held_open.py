"""A graphics system reading card.json at the moment the publish renames the new one over it
(on Windows, or through an SMB share, a file held open cannot be replaced: "permission
denied" for that moment): the rename is tried again once the reader lets go, so the set
goes into place whole. Failing at once, the new seat's card.png, already renamed in,
stood beside the old seat's card.json and the old feed.json until the retry 15 s later."""

from __future__ import annotations

import errno
import json
import os

import pytest
from helpers.seats import BASILDON, HENDON, HENDON_2024

from resultsdesk import files
from resultsdesk.desk import declarations as dk
from resultsdesk.desk.publishing import FEED_NAME, PublishError, PublishSettings, publish
from resultsdesk.domain.errors import FileProblem
from resultsdesk.domain.model import Figures


def _declare_and_verify(store, code, votes):
    dk.declare(store, code, user="alice", figures=Figures(votes, 187),
               overrides=["recount_range"])
    dk.verify(store, code, user="bob", votes=votes, invalid=187)


def _read_for(name: str, tries: int, monkeypatch) -> list[str]:
    """A reader holds `name` open for the publish's first `tries` renames over it; the
    names the publish tried to rename onto, in turn."""
    real = os.replace
    tried: list[str] = []

    def replace(src, dst):
        tried.append(os.path.basename(dst))
        if os.path.basename(dst) == name and tried.count(name) <= tries:
            raise PermissionError(errno.EACCES, "Permission denied", str(dst))
        return real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(files, "REPLACE_FIRST_WAIT_S", 0, raising=False)  # let go at once
    return tried


def test_a_file_a_reader_holds_open_for_a_moment_is_replaced_once_let_go(
        nominations_store, tmp_path, monkeypatch):
    folder = tmp_path / "watch"
    folder.mkdir()
    settings = PublishSettings(folder, kinds=("seats", "card"), data=True)
    _declare_and_verify(nominations_store, HENDON, HENDON_2024)
    publish(nominations_store, settings, HENDON)
    others = len(dk.load_sheet(nominations_store, BASILDON).candidates) - 1
    _declare_and_verify(nominations_store, BASILDON, (20_000, *[100] * others))
    tried = _read_for("card.json", 2, monkeypatch)
    publish(nominations_store, settings, BASILDON)
    assert tried.count("card.json") == 3
    card = json.loads((folder / "card.json").read_text(encoding="utf-8"))
    assert card["title"] == "Basildon and Billericay"
    feed = json.loads((folder / FEED_NAME).read_text(encoding="utf-8"))
    assert feed["declaration"]["code"] == BASILDON
    assert not list(folder.glob(".*.tmp"))


def test_a_file_held_open_past_the_tries_is_said_to_be_held_open(
        nominations_store, tmp_path, monkeypatch):
    """Still held after every try, the publish fails (and the window retries it): said as
    "permission denied", it sent the desk to check the folder's permissions."""
    folder = tmp_path / "watch"
    folder.mkdir()
    settings = PublishSettings(folder, kinds=("card",), data=True)
    _declare_and_verify(nominations_store, HENDON, HENDON_2024)
    publish(nominations_store, settings, HENDON)
    tried = _read_for("card.json", files.REPLACE_TRIES, monkeypatch)
    with pytest.raises(PublishError) as failed:
        publish(nominations_store, settings, HENDON)
    assert tried.count("card.json") == files.REPLACE_TRIES
    said = str(failed.value)
    assert f"{folder / 'card.json'}: could not replace it: most likely held open by another " \
        "program (a graphics system reading it?)" in said, said
    assert "permission" not in said.lower(), said
    assert not list(folder.glob(".*.tmp"))


def test_a_new_file_refused_is_still_not_allowed(tmp_path, monkeypatch):
    """No file there to hold open: the folder refused the name (its permissions)."""
    _read_for("new.json", files.REPLACE_TRIES, monkeypatch)
    with (pytest.raises(FileProblem, match="not allowed to write there"),
          files.atomic_output(tmp_path / "new.json", text=True) as fh):
        fh.write("{}")
