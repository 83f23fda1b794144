"""A read snapshot on a server whose connection goes after its last read (the server
restarted, the DBA ended it, or its idle-in-transaction timeout while a publish's files
were being moved into a slow share): every figure was read, in one moment, and nothing is
written in a snapshot (read only), so what was made of them stands. The publish that had
put every graphic and feed.json in place was reported failed ("PUBLISHING FAILED: lost
the connection ... nothing half-done was kept"), the desk told the server had gone while
the graphics system showed the new figures, and published all over again 15 s later."""

from __future__ import annotations

import json

import psycopg
import pytest
from helpers.desk_target import server_fixture  # noqa: F401  (fixture)
from helpers.seats import CLEAN, HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.desk import publishing
from resultsdesk.desk.publishing import FEED_NAME, PublishSettings, publish_news
from resultsdesk.domain.model import Figures
from resultsdesk.store.server import ServerUnreachable


def _ended(t, desk) -> None:
    """The DBA ends `desk`'s connection."""
    with psycopg.connect(str(t.admin_target), autocommit=True) as conn:
        conn.execute("SELECT pg_terminate_backend(%s)", (desk._pg.info.backend_pid,))


def test_a_publish_whose_connection_went_after_its_last_read_is_done(server, tmp_path,
                                                                     monkeypatch):
    t = server
    dk.declare(t.open("alice"), HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    dk.verify(t.open("bob"), HENDON, user=t.name("bob"), votes=CLEAN, invalid=50)
    folder = tmp_path / "watch"
    folder.mkdir()
    eve = t.open("eve")
    listed = publishing.write_manifest

    def listed_then_ended(*args, **kwargs):  # the publish's last step in the folder
        listed(*args, **kwargs)
        _ended(t, eve)

    monkeypatch.setattr(publishing, "write_manifest", listed_then_ended)
    written = publish_news(eve, PublishSettings(folder, kinds=("seats", "card")), [HENDON])
    assert {p.name for p in written} == {"seats.png", "card.png", FEED_NAME}
    feed = json.loads((folder / FEED_NAME).read_text(encoding="utf-8"))
    assert feed["declaration"]["code"] == HENDON
    # and the desk reads on, reconnected
    assert dk.load_sheet(eve, HENDON).verified.version == 1


def test_a_snapshot_whose_connection_went_before_a_read_still_fails(server):
    """Only the end is spared: a read the connection went before is said as before."""
    t = server
    eve = t.open("eve")
    with pytest.raises(ServerUnreachable), eve.snapshot():
        _ended(t, eve)
        eve.scalar("SELECT seq FROM change_counter WHERE id = 1")
