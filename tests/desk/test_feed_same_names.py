"""feed.json's declaration gives every candidate's votes. On the 2024 night Mid
Buckinghamshire had two candidates called Greg Smith (Green, and the Conservative who won):
the version's `votes`, keyed by name, kept one of them, so the feed a graphics system reads
had six candidates' votes for seven, 2,942 votes short of the seat's valid vote. Two who
share a name are keyed by name and party (`domain.candidate_keys`)."""

from __future__ import annotations

import json

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.publishing import FEED_NAME, PublishSettings, publish

MID_BUCKS = "Mid Buckinghamshire"


def test_two_candidates_of_one_name_both_have_their_votes_in_the_feed(night_store,
                                                                      tmp_path):
    sheet = dk.load_sheet(night_store, MID_BUCKS)
    assert [c.name for c in sheet.candidates].count("Greg Smith") == 2
    folder = tmp_path / "watch"
    folder.mkdir()
    publish(night_store, PublishSettings(folder, kinds=("seats",)), sheet.code)
    declaration = json.loads((folder / FEED_NAME).read_text(encoding="utf-8"))["declaration"]
    votes = declaration["version"]["votes"]
    assert len(votes) == len(declaration["candidates"]) == 7
    assert sum(votes.values()) == sum(sheet.verified.votes) == 53_951
    assert (votes["Greg Smith (Con)"], votes["Greg Smith (Green)"]) == (20_150, 2_942)
