"""What tells a keyer their entry was sent back (desk/alerts.py `EntriesGone`, then
`sent_back`), on a file and on a server alike: the seat's newest version, rejected, with
the verifier's comment, read by the keyer's own desk (a server shows a rejection's comment
to every account, as History does)."""

from __future__ import annotations

from helpers.desk_target import desk_target_fixture, team_fixture  # noqa: F401  (fixtures)
from helpers.seats import CLEAN, HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.alerts import EntriesGone, SentBack, sent_back
from resultsdesk.desk.live import NightState
from resultsdesk.domain.model import Figures


def test_a_rejection_is_news_for_the_keyers_desk(team):
    night = NightState(team.alice)
    gone = EntriesGone()
    assert gone.news(night, night.refresh()) == []  # the first look: no news
    dk.declare(team.alice, HENDON, Figures(CLEAN, 50), user=team.name("alice"))
    assert gone.news(night, night.refresh()) == []
    assert sent_back(team.alice, night, [HENDON]) == []  # awaiting verification
    dk.reject(team.bob, HENDON, user=team.name("bob"), comment="check the Green figure")
    changed = gone.news(night, night.refresh())
    assert changed == [HENDON]
    assert sent_back(team.alice, night, changed) == [
        SentBack(HENDON, "Hendon", 1, team.name("alice"), "check the Green figure",
                 team.name("bob"))]  # whom to ask what the comment means
    dk.declare(team.alice, HENDON, Figures(CLEAN, 50), user=team.name("alice"))
    assert sent_back(team.alice, night, [HENDON]) == []  # keyed again since
    assert gone.news(night, night.refresh()) == []
    assert dk.verify(team.bob, HENDON, user=team.name("bob"), votes=CLEAN, invalid=50).verified
    assert gone.news(night, night.refresh()) == []  # verified: no seat read for it


def test_news_not_heard_is_news_at_the_next_look(team):
    """The keyer's window found the rejection, then failed to read it (the server gone
    that moment): the news was spent, and the refresh done again told nothing."""
    night = NightState(team.alice)
    gone = EntriesGone()
    gone.news(night, night.refresh())
    dk.declare(team.alice, HENDON, Figures(CLEAN, 50), user=team.name("alice"))
    gone.news(night, night.refresh())
    dk.reject(team.bob, HENDON, user=team.name("bob"), comment="check the Green figure")
    changed = night.refresh()
    assert gone.news(night, changed) == [HENDON]
    gone.news_again()  # reading it failed
    assert gone.news(night, changed) == [HENDON]  # the refresh done again
    assert gone.news(night, changed) == []  # heard: no news twice
