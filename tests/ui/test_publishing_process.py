"""The watch folder's graphics are drawn in a process of their own (desk.publish_process):
on a worker thread of the app a publish (~3 s of work) shared Python with the window, and
the window drew every verification keyed meanwhile at half speed or less."""

from __future__ import annotations

import logging
import os
import pickle
import subprocess
import sys
import textwrap
import warnings
from concurrent.futures.process import BrokenProcessPool
from threading import Event

from helpers.seats import HENDON

from resultsdesk.desk import publish_process
from resultsdesk.desk.publishing import PublishSettings
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.publisher import save_publish_settings


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_files_election_is_published_by_another_process(qtbot, night_db, tmp_path):
    application()
    folder = tmp_path / "watch"
    folder.mkdir()
    save_publish_settings(PublishSettings(folder, kinds=("seats", "card")))
    window = MainWindow(night_db, user="editor")
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.publisher.published, timeout=60_000):
        window.publisher.enqueue(HENDON)
    assert {p.name for p in folder.iterdir()} >= {"seats.png", "card.png", "feed.json"}
    pids = list(publish_process._pool._processes)
    assert pids and os.getpid() not in pids and all(_alive(pid) for pid in pids)


def test_the_publishing_process_ends_with_the_app_however_it_ends(qtbot, night_db, tmp_path):
    """An app killed (here: `os._exit`, no shutdown) leaves no publishing process behind,
    waiting for work for ever."""
    script = tmp_path / "app.py"
    script.write_text(textwrap.dedent(f"""
        import os, sys
        from resultsdesk.desk import publish_process
        from resultsdesk.desk.publishing import PublishSettings

        if __name__ == "__main__":
            publish_process.publish_file_night(
                {str(night_db)!r}, PublishSettings(__import__("pathlib").Path({str(tmp_path)!r}),
                                                   kinds=("seats",)), [None])
            print(*publish_process._pool._processes, flush=True)
            os._exit(0)
    """), encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=120, check=True)
    child = int(done.stdout.split()[0])
    qtbot.waitUntil(lambda: not _alive(child), timeout=10_000)
    assert (tmp_path / "seats.png").exists()


def test_without_its_process_the_desk_publishes_from_a_thread_of_its_own(
        night_db, tmp_path, monkeypatch, caplog):
    """A process that cannot start (a script whose main module is not guarded) or that died:
    the publish goes out all the same, from the app's worker thread, and so do the next."""
    monkeypatch.setattr(publish_process, "_in_process", Event())

    class Broken:
        def submit(self, *args):
            raise BrokenProcessPool("gone")

    monkeypatch.setattr(publish_process, "_executor", Broken)
    files = publish_process.publish_file_night(
        night_db, PublishSettings(tmp_path, kinds=("seats",)), [None])
    assert {p.name for p in files} == {"seats.png", "feed.json"}
    assert publish_process._in_process.is_set()
    assert "publishing on a worker thread" in caplog.text
    monkeypatch.setattr(publish_process, "_executor", None)  # never asked again
    assert publish_process.publish_file_night(
        night_db, PublishSettings(tmp_path, kinds=("seats",)), [HENDON])


def test_what_the_publishing_process_logs_is_in_the_apps_log(night_db, tmp_path, caplog):
    """The process has no log of its own: its lines ("published 2 files to ...") reach the
    app's, as made there (its process id), not lost with the process."""
    caplog.set_level(logging.INFO, logger="resultsdesk")
    publish_process._in_process.clear()
    publish_process.publish_file_night(
        night_db, PublishSettings(tmp_path, kinds=("seats",)), [None])
    published = [r for r in caplog.records if r.getMessage().startswith("published 2 files")]
    assert len(published) == 1
    assert published[0].name == "resultsdesk.desk.publishing"
    assert published[0].process != os.getpid()
    assert published[0].process in publish_process._pool._processes


def test_a_warning_or_a_traceback_in_the_publishing_process_reaches_the_app(
        monkeypatch, tmp_path, caplog):
    warned = 0

    def publish(*_args):
        log = logging.getLogger("resultsdesk.desk.publishing")
        log.debug("not kept: the app's log keeps INFO and above")
        log.info("drew %d of %d", 1, 2)
        nonlocal warned
        warned = sys._getframe().f_lineno + 1
        warnings.warn("Glyph 9731 missing from font(s) DejaVu Sans.", UserWarning,
                      stacklevel=1)
        try:
            raise OSError("disk gone")
        except OSError:
            log.exception("could not remove %s", "old.png")
        return "ok", []

    monkeypatch.setattr(publish_process, "_publish_here", publish)
    outcome, logged = publish_process._publish_logged("night.db", None, [None], [])
    assert outcome == ("ok", [])
    pickle.loads(pickle.dumps(logged))  # they cross back to the app
    caplog.clear()  # (here, in one process, they were also logged as they were made)
    caplog.set_level(logging.INFO, logger="resultsdesk")
    publish_process._relay(logged)
    lines = [(r.levelname, r.getMessage()) for r in caplog.records]
    assert lines[0] == ("INFO", "drew 1 of 2")
    assert lines[1] == ("ERROR", "could not remove old.png")
    assert "OSError: disk gone" in caplog.records[1].exc_text
    assert lines[2] == ("WARNING", f"while publishing: {__file__}:{warned}: UserWarning: "
                                   "Glyph 9731 missing from font(s) DejaVu Sans.")
    assert len(lines) == 3
