"""A publish shows one moment of the night: a seat verified at another desk while its
graphics are still being drawn reaches none of its files (the next publish has it), so
feed.json never counts a seat that seats.png, beside it, does not. On a file and on a
server."""

from __future__ import annotations

import json

from helpers.desk_target import desk_target_fixture  # noqa: F401  (fixture)
from helpers.seats import BEACONSFIELD, HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.desk import graphics
from resultsdesk.desk.publishing import FEED_NAME, PublishSettings, publish_news
from resultsdesk.domain.model import Figures
from resultsdesk.domain.validation import WARNING_CODES


def _verify(t, code: str) -> None:
    """Keyed by alice, re-keyed by bob, each at a desk of their own."""
    votes = [20_000] + [100] * (len(dk.load_sheet(t.open("alice"), code).candidates) - 1)
    dk.declare(t.open("alice"), code, user=t.name("alice"), figures=Figures(votes, 50),
               overrides=WARNING_CODES)
    dk.verify(t.open("bob"), code, user=t.name("bob"), votes=votes, invalid=50)


def _read(folder, name: str) -> dict:
    return json.loads((folder / name).read_text(encoding="utf-8"))


def test_a_seat_verified_while_a_publish_draws_reaches_none_of_its_files(
        desk_target, tmp_path, monkeypatch):
    t = desk_target
    _verify(t, HENDON)
    folder = tmp_path / "watch"
    folder.mkdir()
    drawn, files = graphics.export_pages, []

    def draw_then_verify(*args, **kwargs):
        files.append(drawn(*args, **kwargs))
        if len(files) == 1:  # another desk verifies while this publish draws
            _verify(t, BEACONSFIELD)
        return files[-1]

    monkeypatch.setattr(graphics, "export_pages", draw_then_verify)
    settings = PublishSettings(folder, kinds=("seats", "card"), data=True)
    publish_news(t.open("eve"), settings, [HENDON])
    feed, seats, card = (_read(folder, n) for n in (FEED_NAME, "seats.json", "card.json"))
    assert seats["footer"]["status"].endswith("1 of 5 declared")
    assert card["footer"]["status"].endswith("1 of 5 declared")
    assert feed["summary"]["declared"] == 1  # was 2: Beaconsfield, in no graphic beside it
    assert sum(feed["summary"]["seats"].values()) == 1
    assert feed["declaration"]["code"] == HENDON
    # the next publish has it
    monkeypatch.setattr(graphics, "export_pages", drawn)
    publish_news(t.open("eve"), settings, [BEACONSFIELD])
    assert _read(folder, FEED_NAME)["summary"]["declared"] == 2
    assert _read(folder, "seats.json")["footer"]["status"].endswith("2 of 5 declared")
