"""The watch folder never goes backwards: two desks publishing one election into one
folder take turns, and the later one, asked for a seat the earlier had already
overtaken (its news read before the newer seat was verified), leaves the newer seat on
`card.png` and in feed.json's declaration. On a file and on a server."""

from __future__ import annotations

import json

from helpers.desk_target import desk_target_fixture  # noqa: F401  (fixture)
from helpers.seats import BEACONSFIELD, HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.publishing import FEED_NAME, PublishSettings, publish, publish_news
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


def _on_air(folder) -> tuple[str, str]:
    return _read(folder, "card.json")["title"], _read(folder, FEED_NAME)["declaration"]["code"]


def test_a_later_publish_of_an_older_seat_leaves_the_newer_card(desk_target, tmp_path):
    t = desk_target
    _verify(t, HENDON)
    _verify(t, BEACONSFIELD)  # the most recently verified
    folder = tmp_path / "watch"
    folder.mkdir()
    settings = PublishSettings(folder, kinds=("seats", "card"), data=True)
    # one window heard of both and published the newer; another, whose news held only
    # Hendon, gets the folder after it (the lock's turn): two desks, two handles
    publish_news(t.open("eve"), settings, [HENDON, BEACONSFIELD])
    assert _on_air(folder) == ("Beaconsfield", BEACONSFIELD)
    publish_news(t.open("ann"), settings, [HENDON])
    assert _on_air(folder) == ("Beaconsfield", BEACONSFIELD)  # was Hendon: backwards
    assert _read(folder, "seats.json")["footer"]["status"].endswith("2 of 5 declared")
    publish(t.open("ann"), settings, HENDON)  # a single seat's publish alike
    assert _on_air(folder) == ("Beaconsfield", BEACONSFIELD)


def test_the_card_still_moves_on_to_a_seat_verified_later(desk_target, tmp_path):
    t = desk_target
    _verify(t, BEACONSFIELD)
    folder = tmp_path / "watch"
    folder.mkdir()
    settings = PublishSettings(folder, kinds=("card",), data=True)
    publish_news(t.open("eve"), settings, [BEACONSFIELD])
    _verify(t, HENDON)
    publish_news(t.open("ann"), settings, [HENDON])
    assert _on_air(folder) == ("Hendon", HENDON)
    # a rehearsal's or another election's card is never compared with this night's
    (folder / ".resultsdesk-published.json").write_text(json.dumps(
        {"files": {}, "latest": {"live": {"election": "Another night", "code": HENDON}}}),
        encoding="utf-8")
    publish(t.open("ann"), settings, BEACONSFIELD)
    assert _on_air(folder) == ("Beaconsfield", BEACONSFIELD)
