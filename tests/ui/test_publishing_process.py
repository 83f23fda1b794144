"""The watch folder's graphics are drawn in a process of their own (desk.publish_process):
on a worker thread of the app a publish (~3 s of work) shared Python with the window, and
the window drew every verification keyed meanwhile at half speed or less."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
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
