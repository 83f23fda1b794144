"""A publish whose set of files is drawn whole but stops part way through its renames (a
graphics system holding card.json open past every try, on Windows or an SMB share; a share
that drops mid-way) leaves the folder as the last publish left it, as the README says of a
publish stopped part way: the files already renamed in are put back.

Found by an attack on the watch folder: seats.png, seats.json and card.png of the new seat
stood beside the old seat's card.json and the old feed.json ("1 declared" beside "2 of
650"), while the desk was told "nothing was written"; a folder that kept refusing kept
them so, mixed, all night."""

from __future__ import annotations

import errno
import json
import os

import pytest
from helpers.seats import BASILDON, HENDON, HENDON_2024

from resultsdesk import files
from resultsdesk.desk import declarations as dk
from resultsdesk.desk.publishing import FEED_NAME, PublishError, PublishSettings, publish
from resultsdesk.desk.watch_folder import MANIFEST_NAME, read_manifest
from resultsdesk.domain.model import Figures


def _declare_and_verify(store, code, votes=None) -> None:
    if votes is None:  # a clear win: no warning to override
        votes = (20_000, *[100] * (len(dk.load_sheet(store, code).candidates) - 1))
    dk.declare(store, code, user="alice", figures=Figures(votes, 187),
               overrides=["recount_range"])
    dk.verify(store, code, user="bob", votes=votes, invalid=187)


def _contents(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()
            if not p.name.startswith(".")}


@pytest.mark.parametrize("refused", [
    errno.EACCES,  # held open by a reader past every try
    errno.EIO,  # the share gone for that moment
])
def test_a_rename_refused_part_way_puts_the_last_publish_back_whole(
        nominations_store, tmp_path, monkeypatch, refused):
    folder = tmp_path / "watch"
    folder.mkdir()
    settings = PublishSettings(folder, kinds=("seats", "card"), data=True)
    _declare_and_verify(nominations_store, HENDON, HENDON_2024)
    publish(nominations_store, settings, HENDON)
    before, listed = _contents(folder), read_manifest(folder)
    _declare_and_verify(nominations_store, BASILDON)

    real, tried = os.replace, []

    def replace(src, dst):
        name = os.path.basename(dst)
        if not name.startswith("."):
            tried.append(name)
        if name == "card.json" and str(src).endswith(".tmp"):
            raise OSError(refused, os.strerror(refused), str(dst))
        return real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(files, "REPLACE_FIRST_WAIT_S", 0, raising=False)
    with pytest.raises(PublishError) as failed:
        publish(nominations_store, settings, BASILDON)
    assert {"seats.png", "seats.json", "card.png"} <= set(tried)  # renamed in, then back
    assert _contents(folder) == before  # Hendon's publish, whole: not 2 of 650 beside 1
    assert json.loads((folder / FEED_NAME).read_text(encoding="utf-8"))[
        "declaration"]["code"] == HENDON
    assert read_manifest(folder) == listed  # the desk's files as it left them
    assert "card.json" in str(failed.value)
    assert not [p.name for p in folder.glob(".*.tmp")]
    assert (folder / MANIFEST_NAME).exists()

    monkeypatch.setattr(os, "replace", real)  # let go: the retry goes out whole
    publish(nominations_store, settings, BASILDON)
    assert json.loads((folder / "card.json").read_text(encoding="utf-8"))[
        "code"] == BASILDON
    assert json.loads((folder / FEED_NAME).read_text(encoding="utf-8"))[
        "summary"]["declared"] == 2
