"""The watch folder: every verification rewrites graphics and the feed atomically, and a
reader polling the folder never sees a partial file."""

from __future__ import annotations

import json
import threading
import time

import pytest
from helpers.publishing import publish_started
from helpers.seats import HENDON, HENDON_2024
from PIL import Image
from PySide6.QtCore import QSettings

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.live import NightState
from resultsdesk.desk.publishing import PublishError, PublishSettings, publish
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.publisher import save_publish_settings


def _declare_and_verify(store, code=HENDON, votes=HENDON_2024):
    dk.declare(store, code, user="alice", figures=Figures(votes, 187),
               overrides=["recount_range"])
    dk.verify(store, code, user="bob", votes=votes, invalid=187)


def test_publish_writes_feed_and_graphics(nominations_store, tmp_path):
    _declare_and_verify(nominations_store)
    folder = tmp_path / "watch"
    folder.mkdir()
    settings = PublishSettings(folder, kinds=("seats", "card"), size="hd", theme="broadcast")
    written = publish(nominations_store, settings, HENDON)
    assert {p.name for p in written} == {"seats.png", "card.png", "feed.json"}
    feed = json.loads((folder / "feed.json").read_text(encoding="utf-8"))
    assert feed["summary"]["seats"] == {"Lab": 1}
    assert feed["declaration"]["code"] == HENDON
    assert feed["declaration"]["version"]["verified_by"] == "bob"
    assert Image.open(folder / "card.png").size == (1920, 1080)
    assert not list(folder.glob(".*.tmp"))  # no temporary files left behind


def test_publish_reads_the_night_once_for_every_graphic(nominations_store, tmp_path,
                                                        monkeypatch):
    """Every graphic of one publish shows the same moment, read from the store once (not
    once per graphic and format: nine reads of the whole night per verification)."""
    _declare_and_verify(nominations_store)
    refreshed = []
    original = NightState.refresh

    def counted(self, *args, **kwargs):
        refreshed.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(NightState, "refresh", counted)
    folder = tmp_path / "watch"
    folder.mkdir()
    settings = PublishSettings(folder, kinds=("seats", "hemicycle", "shares", "card"),
                               formats=("png", "svg"), data=True)
    written = publish(nominations_store, settings, HENDON)
    assert len(written) == 4 * 3 + 1  # each kind as png, svg and json, and the feed
    assert len(refreshed) == 1


def test_missing_folder_is_an_error_not_silence(nominations_store, tmp_path):
    with pytest.raises(PublishError, match="does not exist"):
        publish(nominations_store, PublishSettings(tmp_path / "gone"), None)


def test_a_polling_reader_never_sees_a_partial_file(nominations_store, tmp_path):
    folder = tmp_path / "watch"
    folder.mkdir()
    settings = PublishSettings(folder, kinds=("seats",), size="hd")
    publish(nominations_store, settings, None)
    problems: list[str] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            for path in (folder / "seats.png", folder / "feed.json"):
                try:
                    data = path.read_bytes()
                except FileNotFoundError:
                    problems.append(f"{path.name} missing")
                    continue
                if path.suffix == ".png":
                    if not data.endswith(b"IEND\xaeB`\x82"):
                        problems.append("partial png")
                else:
                    try:
                        json.loads(data)
                    except ValueError:
                        problems.append("partial json")

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for i in range(6):
            publish(nominations_store, settings, None)
            time.sleep(0.01 * i)
    finally:
        stop.set()
        thread.join()
    assert problems == []


def test_the_app_publishes_on_verification_and_retries_a_failure(qtbot, nominations_db,
                                                                  tmp_path):
    folder = tmp_path / "watch"
    application()  # first: QSettings are the application's
    save_publish_settings(PublishSettings(folder, kinds=("seats",), size="hd"))
    window = MainWindow(nominations_db, user="editor")
    qtbot.addWidget(window)
    with Store(nominations_db) as desk:
        _declare_and_verify(desk)
    window.refresh_if_changed()  # the folder does not exist yet: reported, kept
    qtbot.waitUntil(lambda: "PUBLISHING FAILED" in window.statusBar().currentMessage(),
                    timeout=10_000)
    assert window.publisher.queue == [HENDON]
    folder.mkdir()
    window.publisher._retry.setInterval(10)
    window.publisher._retry.start()
    qtbot.waitUntil(lambda: window.publisher.queue == [], timeout=20_000)
    assert (folder / "seats.png").exists()
    assert json.loads((folder / "feed.json").read_text())["declaration"]["code"] == HENDON
    assert window.publisher.queue == []


def test_export_dialog_previews_and_saves_what_it_shows(qtbot, night_db, tmp_path):
    application()
    window = MainWindow(night_db, user="presenter")
    qtbot.addWidget(window)
    window.select_code(HENDON)
    dialog = window.export_graphic("card")
    qtbot.waitUntil(lambda: dialog.preview.pixmap() is not None
                    and not dialog.preview.pixmap().isNull(), timeout=20_000)
    assert "1920×1080" in dialog.message.text()
    assert dialog.choices()["constituency"] == HENDON
    dialog.size_box.setCurrentIndex(dialog.size_box.findData("square"))
    out = tmp_path / "hendon.png"
    dialog.path.setText(str(out))
    dialog.export()
    qtbot.waitUntil(out.exists, timeout=20_000)
    assert Image.open(out).size == (1080, 1080)
    assert QSettings().value("export/size") == "square"  # remembered for next time
    dialog.size_box.setCurrentIndex(dialog.size_box.findData("custom"))
    dialog.custom_size.setText("12x")
    with pytest.raises(ValueError):
        dialog.choices()


def test_publishing_follows_the_database_opened(qtbot, night_db, nominations_db):
    application()
    window = MainWindow(night_db, user="editor")
    qtbot.addWidget(window)
    window.publisher.queue.append(HENDON)  # waiting for a folder that is not there yet
    window.open_database(nominations_db)
    assert window.publisher.db_path == nominations_db
    assert window.publisher.queue == []


def test_publish_dialog_writes_the_data_beside_each_picture(qtbot, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    from resultsdesk.ui.publish_dialog import PublishDialog
    from resultsdesk.ui.publisher import load_publish_settings

    application()
    dialog = PublishDialog(None)
    qtbot.addWidget(dialog)
    assert not dialog.data.isChecked()  # off until asked for
    qtbot.keyClicks(dialog.folder, str(tmp_path))
    dialog.data.setFocus()
    qtbot.keyClick(dialog.data, Qt.Key.Key_Space)
    assert dialog.data.isChecked()
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    settings = dialog.settings()
    assert settings.data and settings.folder == tmp_path
    save_publish_settings(settings)
    assert load_publish_settings().data  # remembered


def test_export_dialog_writes_the_data_as_json(qtbot, night_db, tmp_path):
    from PySide6.QtCore import Qt

    application()
    window = MainWindow(night_db, user="presenter")
    qtbot.addWidget(window)
    dialog = window.export_graphic("gains")
    qtbot.waitUntil(lambda: dialog.preview.pixmap() is not None
                    and not dialog.preview.pixmap().isNull(), timeout=20_000)
    out = tmp_path / "gains.json"
    dialog.path.selectAll()
    qtbot.keyClicks(dialog.path, str(out))
    qtbot.keyClick(dialog.path, Qt.Key.Key_End)
    dialog.export()
    qtbot.waitUntil(out.exists, timeout=20_000)
    flows = json.loads(out.read_text(encoding="utf-8"))["flows"]
    assert (flows[0]["from"], flows[0]["to"], flows[0]["seats"]) == ("Con", "Lab", 182)


def test_a_seat_verified_again_while_its_publish_runs_is_published_again(
        qtbot, nominations_db, tmp_path, monkeypatch):
    """Hendon's publish is under way (it read the night before); its correction is verified
    meanwhile: that news must be published after it, not folded into the one running, or
    card.png keeps the old figures until Hendon is verified again."""
    from resultsdesk.ui import publisher as module

    application()
    folder = tmp_path / "watch"
    folder.mkdir()
    save_publish_settings(PublishSettings(folder, kinds=("card",)))
    started = []
    monkeypatch.setattr(module, "start", started.append)  # the worker never runs: in flight
    pub = module.Publisher(nominations_db)
    pub.enqueue(HENDON)
    publish_started(qtbot, pub)
    assert len(started) == 1 and pub.queue == [HENDON]
    pub.enqueue(HENDON)  # verified again while the first publish runs
    pub.enqueue(HENDON)  # ... and that one is already waiting: once is enough
    assert pub.queue == [HENDON, HENDON]
    pub._done(([folder / "card.png"], []))  # the first publish finishes: the next starts
    publish_started(qtbot, pub)
    assert len(started) == 2 and pub.queue == [HENDON]


def test_another_database_opened_while_a_publish_runs_loses_none_of_its_seats(
        qtbot, nominations_db, night_db, tmp_path, monkeypatch):
    """The old election's publish is under way when another database is opened, and the new
    one's first seat is verified before it ends: that seat must still be published (the old
    publish's end took it off the queue in its place), and an end with nothing queued must
    not raise (IndexError in the slot)."""
    from resultsdesk.ui import publisher as module

    application()
    folder = tmp_path / "watch"
    folder.mkdir()
    save_publish_settings(PublishSettings(folder, kinds=("card",)))
    started = []
    monkeypatch.setattr(module, "start", started.append)  # the worker never runs: in flight
    window = MainWindow(night_db, user="editor")
    qtbot.addWidget(window)
    pub = window.publisher
    pub.enqueue(HENDON)
    publish_started(qtbot, pub)
    window.open_database(nominations_db)  # File > Open: another election
    assert pub.queue == []
    pub._done(([folder / "card.png"], []))  # the old election's publish ends: nothing to pop
    assert pub.queue == [] and len(started) == 1
    pub.enqueue(HENDON)
    publish_started(qtbot, pub)
    window.open_database(night_db)  # and back, while that one runs
    pub.enqueue("E14000530")  # the new election's first verification, waiting its turn
    assert len(started) == 2 and pub.queue == ["E14000530"]
    pub._done(([folder / "card.png"], []))  # the old publish ends: the new seat goes next
    publish_started(qtbot, pub)
    assert len(started) == 3 and pub.queue == ["E14000530"]
    pub._failed("gone")  # the new seat's publish fails: kept, retried
    assert pub.queue == ["E14000530"] and pub._retry.isActive()
    pub._retry.stop()


def test_a_publish_held_up_by_the_folder_is_said_to_be_slow(qtbot, night_db, tmp_path,
                                                            monkeypatch):
    """A watch folder on a network share that stops answering holds a publish up for
    minutes with no error to report: the status bar must say so, not stay silent while
    the desk believes its graphics are going out."""
    from resultsdesk.ui import publisher as module

    application()
    folder = tmp_path / "watch"
    folder.mkdir()
    save_publish_settings(PublishSettings(folder, kinds=("seats",)))
    started = []
    monkeypatch.setattr(module, "start", started.append)  # the write never returns
    monkeypatch.setattr(module, "SLOW_MS", 20, raising=False)
    window = MainWindow(night_db, user="editor")
    qtbot.addWidget(window)
    window.publisher.enqueue(HENDON)
    publish_started(qtbot, window.publisher)
    window.publisher.enqueue("E14000530")  # verified while the first is held up
    qtbot.waitUntil(lambda: "PUBLISHING SLOW" in window.statusBar().currentMessage(),
                    timeout=10_000)
    message = window.statusBar().currentMessage()
    assert str(folder) in message and "still going (2 waiting)" in message
    assert window.publisher.queue == [HENDON, "E14000530"]  # nothing dropped
    window.publisher._done(([folder / "seats.png"], []))  # it went through in the end
    publish_started(qtbot, window.publisher)
    assert len(started) == 2 and window.publisher.queue == ["E14000530"]


def test_settings_this_version_cannot_draw_are_put_right_not_retried_all_night(
        nominations_store, tmp_path, caplog):
    """A graphic, theme or size the app does not have (another version's settings, or
    edited by hand) made every publish fail, retried every 15 s all night: the rest is
    published, with the defaults, and the log says what was put right."""
    from resultsdesk.ui.publisher import load_publish_settings

    application()
    s = QSettings()
    s.setValue("publish/folder", str(tmp_path))
    s.setValue("publish/kinds", "seats,swingometer")
    s.setValue("publish/theme", "neon")
    s.setValue("publish/size", "huge")
    settings = load_publish_settings()
    assert (settings.kinds, settings.theme, settings.size) == (("seats",), "broadcast", "hd")
    assert "no graphic called 'swingometer': left out" in caplog.text
    assert "no theme called 'neon': the broadcast theme used" in caplog.text
    assert "size 'huge' is neither a preset" in caplog.text
    _declare_and_verify(nominations_store)
    written = publish(nominations_store, settings, HENDON)
    assert sorted(p.name for p in written) == ["feed.json", "seats.png"]
    assert Image.open(tmp_path / "seats.png").size == (1920, 1080)


def test_a_recount_called_or_called_off_goes_to_the_watch_folder(qtbot, night_db, tmp_path):
    """The recount watch (and the map's and chamber's rings) went to the folder only with
    the next verification: a recount called at 3 a.m. stayed off the graphics systems'
    recounts.png, perhaps for an hour. Now calling one, or calling it off, publishes the
    night as it stands: no new declaration in feed.json (none was verified), the card of
    the seat verified last."""
    folder = tmp_path / "watch"
    folder.mkdir()
    application()
    save_publish_settings(PublishSettings(folder, kinds=("recounts",), data=True))
    window = MainWindow(night_db, user="editor")
    qtbot.addWidget(window)

    def recounts() -> set[str]:
        data = json.loads((folder / "recounts.json").read_text(encoding="utf-8"))
        return {s["constituency"] for s in data["seats"] if s["recount"]}

    for under_way, expected in ((True, {"Hendon"}), (False, set())):
        with Store(night_db) as other:  # another desk calls it (and then calls it off)
            dk.mark_recount(other, HENDON, user="carol", under_way=under_way)
        with qtbot.waitSignal(window.publisher.published, timeout=60_000):
            window.refresh_if_changed()
        assert recounts() == expected
        assert json.loads((folder / "feed.json").read_text())["declaration"] is None
