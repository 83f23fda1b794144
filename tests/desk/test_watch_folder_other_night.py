"""A watch folder published to by another night's election (a test night, last year's
file) never shows that night's card beside this one's graphics: before this election has
a seat verified, the card the desk left there goes, as `export all`'s does. It stayed, and
feed.json named it: "0 of 650 declared" beside York Outer's card, "650 of 650 declared"."""

from __future__ import annotations

import json

from resultsdesk.desk.publishing import FEED_NAME, PublishSettings, publish


def _read(folder, name: str) -> dict:
    return json.loads((folder / name).read_text(encoding="utf-8"))


def test_another_nights_card_is_not_kept_before_a_seat_is_verified(
        night_store, nominations_store, tmp_path):
    folder = tmp_path / "watch"
    folder.mkdir()
    settings = PublishSettings(folder, kinds=("seats", "card"), data=True)
    publish(night_store, settings, None)  # last night's: every seat verified
    assert (folder / "card.png").exists()
    publish(nominations_store, settings, None)  # tonight's, settings saved: none verified
    feed = _read(folder, FEED_NAME)
    assert feed["summary"]["declared"] == 0
    assert feed["files"] == ["seats.json", "seats.png"]
    assert not (folder / "card.png").exists() and not (folder / "card.json").exists()
