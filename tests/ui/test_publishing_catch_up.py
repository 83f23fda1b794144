"""The app killed (or the power gone) during, or just before, the publish that follows a
verification: when the window opens that night again, the watch folder is caught up.

Found by a crash test: the folder was published to on news alone (a verification, a
settings save, Preferences), so the seat verified last stayed off it until the next
verification, and after the night's last for good (the graphics system showing a stale
night); a publish killed among its renames left a new card.png beside the old card.json.
The folder's hidden list names the election and change number it shows, and a `pending`
entry while a publish renames; the window opening the night (start, File > Open) looks at
it off the GUI thread and publishes the night as it stands if it is behind, and only into
a folder of this election, of its kind (live or rehearsal)."""

from __future__ import annotations

import json

import pytest
from helpers.rehearsal import autumn_rehearsal
from helpers.seats import BASILDON, HENDON, HENDON_2024

from resultsdesk.desk import catch_up as catching
from resultsdesk.desk import declarations as dk
from resultsdesk.desk.publishing import FEED_NAME, PublishSettings, publish_news
from resultsdesk.desk.watch_folder import MANIFEST_NAME
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.store.live import current_seq
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.publisher import save_publish_settings

KINDS = ("seats", "card")


def _verify(db, code, votes=None) -> None:
    with Store(db) as store:
        if votes is None:  # a clear win: no warning to override
            others = len(dk.load_sheet(store, code).candidates) - 1
            votes = (20_000, *[100] * others)
        dk.declare(store, code, user="alice", figures=Figures(votes, 187),
                   overrides=["recount_range"])
        dk.verify(store, code, user="bob", votes=votes, invalid=187)


def _read(folder, name: str) -> dict:
    return json.loads((folder / name).read_text(encoding="utf-8"))


def _write_list(folder, data: dict) -> None:
    (folder / MANIFEST_NAME).write_text(json.dumps(data), encoding="utf-8")


@pytest.fixture
def folder(tmp_path, nominations_db):
    """The watch folder as a publish left it after Hendon's verification; then Basildon is
    verified, and the app killed before its publish."""
    application()
    folder = tmp_path / "watch"
    folder.mkdir()
    _verify(nominations_db, HENDON, HENDON_2024)
    settings = PublishSettings(folder, kinds=KINDS)
    with Store(nominations_db) as store:
        publish_news(store, settings, [HENDON])
    save_publish_settings(settings)
    return folder


def _open(qtbot, db, *, expect: bool):
    """The window opened on `db` and shown (its start runs on to after the first paint),
    once its folder is looked at; `expect`: whether it was behind and published to."""
    window = MainWindow(db, user="editor")
    qtbot.addWidget(window)
    published: list[int] = []
    window.publisher.published.connect(lambda _f, n, _w: published.append(n))
    with qtbot.waitSignal(window.publisher.checked, timeout=60_000) as seen:
        window.show()
    assert seen.args == [expect]
    return window, published


def test_a_folder_behind_the_night_is_caught_up_when_the_window_opens(
        qtbot, folder, nominations_db):
    _verify(nominations_db, BASILDON)  # the app killed before this seat's publish
    _, published = _open(qtbot, nominations_db, expect=True)
    with Store(nominations_db) as store:
        now = current_seq(store)
    assert _read(folder, FEED_NAME)["sequence"] == now
    assert _read(folder, FEED_NAME)["summary"]["declared"] == 2
    assert _read(folder, FEED_NAME)["declaration"] is None  # as a settings save publishes
    assert _read(folder, MANIFEST_NAME)["sequence"]["live"]["change"] == now
    assert len(published) == 1


def test_a_publish_cut_short_among_its_renames_is_done_again(qtbot, folder, nominations_db):
    """Up to date by its change number, but a `pending` entry: killed among its renames
    (a new card.png beside the old card.json, say), the set is put in place whole."""
    data = _read(folder, MANIFEST_NAME)
    data["pending"] = {"card.png": data["files"]["card.png"]}
    _write_list(folder, data)
    _, published = _open(qtbot, nominations_db, expect=True)
    assert "pending" not in _read(folder, MANIFEST_NAME)
    assert len(published) == 1


def test_a_folder_up_to_date_is_not_published_again(qtbot, folder, nominations_db):
    before = (folder / FEED_NAME).stat().st_mtime_ns
    window, published = _open(qtbot, nominations_db, expect=False)
    assert published == [] and (folder / FEED_NAME).stat().st_mtime_ns == before
    assert not window.publisher._soon.isActive() and not window.publisher._busy


def test_another_elections_folder_is_not_touched(qtbot, folder, nominations_db):
    """A past night opened to look at (here: the list naming another election, behind and
    cut short) never goes on air over the night the folder shows."""
    _verify(nominations_db, BASILDON)
    data = _read(folder, MANIFEST_NAME)
    data["sequence"]["live"] = {"election": "2019-12-12T22:00:00+00:00", "change": 1}
    data["pending"] = {"card.png": data["files"]["card.png"]}
    _write_list(folder, data)
    listed = (folder / MANIFEST_NAME).read_bytes()
    before = (folder / FEED_NAME).stat().st_mtime_ns
    _, published = _open(qtbot, nominations_db, expect=False)
    assert published == [] and (folder / FEED_NAME).stat().st_mtime_ns == before
    assert (folder / MANIFEST_NAME).read_bytes() == listed


def test_a_live_night_never_catches_up_a_rehearsals_folder(qtbot, folder, nominations_db):
    """The list shows a rehearsal of this very election behind (its `rehearsal` entry
    alone): the live night opened is not what that folder shows."""
    _verify(nominations_db, BASILDON)
    data = _read(folder, MANIFEST_NAME)
    data["sequence"] = {"rehearsal": data["sequence"]["live"]}
    data["pending"] = {"rehearsal-card.png": data["files"]["card.png"]}
    _write_list(folder, data)
    before = (folder / FEED_NAME).stat().st_mtime_ns
    _, published = _open(qtbot, nominations_db, expect=False)
    assert published == [] and (folder / FEED_NAME).stat().st_mtime_ns == before


def test_a_rehearsal_never_catches_up_a_live_folder(qtbot, folder, tmp_path):
    """A rehearsal opened beside the live night's folder, which the list shows behind and
    cut short (its `live` entry, named even as the rehearsal's election): left as it is."""
    rehearsal = autumn_rehearsal(tmp_path)
    with Store(rehearsal) as store:
        election = store.scalar("SELECT created_at FROM election WHERE id = 1")
    data = _read(folder, MANIFEST_NAME)
    data["sequence"]["live"] = {"election": election, "change": 0}
    data["pending"] = {"card.png": data["files"]["card.png"]}
    _write_list(folder, data)
    before = (folder / FEED_NAME).stat().st_mtime_ns
    _, published = _open(qtbot, rehearsal, expect=False)
    assert published == [] and (folder / FEED_NAME).stat().st_mtime_ns == before
    assert not list(folder.glob("rehearsal-*"))


def test_file_open_catches_up_the_night_opened(qtbot, folder, nominations_db, monkeypatch):
    window, _ = _open(qtbot, nominations_db, expect=False)
    _verify(nominations_db, BASILDON)  # verified on another desk; this one killed meanwhile
    monkeypatch.setattr(window, "offer_draft_soon", lambda: None)
    with qtbot.waitSignal(window.publisher.checked, timeout=60_000) as seen:
        window.open_database(nominations_db)
    assert seen.args == [True]
    assert _read(folder, FEED_NAME)["summary"]["declared"] == 2


def test_nothing_is_looked_at_with_publishing_off(qtbot, folder, nominations_db, monkeypatch):
    looked: list = []
    assert catching.may_be_behind(folder, rehearsal=False, seq=10**9)  # it would be behind
    monkeypatch.setattr("resultsdesk.desk.catch_up.may_be_behind",
                        lambda *a, **k: looked.append(a) or True)
    save_publish_settings(None)
    window = MainWindow(nominations_db, user="editor")
    qtbot.addWidget(window)
    window.publisher.catch_up(window.night.seq, window.night.rehearsal)
    assert window.publisher._opened == 0 and not window.publisher._catch_up
    assert looked == []  # (the look is handed its worker before catch_up returns)
