"""A message that already ends its sentence is never given a second full stop: a bug's
line said "FileNotFoundError: ResultsDesk's resources folder is missing; reinstall the app..
This is a bug ...", and a publish that could not write said "...: the disk is full.."."""

from __future__ import annotations

import pytest

from resultsdesk.desk import publishing
from resultsdesk.desk.failures import judge
from resultsdesk.domain.errors import FileProblem
from resultsdesk.domain.wording import sentence


@pytest.mark.parametrize("text, said", [
    ("reinstall the app", "reinstall the app."),
    ("reinstall the app.", "reinstall the app."),
    ("reinstall the app. ", "reinstall the app."),
    ("what now?", "what now?"),
    ("stop!", "stop!"),
    ("and 82 more…", "and 82 more…"),
])
def test_a_sentence_ends_in_one_stop(text, said):
    assert sentence(text) == said


def test_a_bugs_line_has_one_stop():
    failure = judge(FileNotFoundError(
        "ResultsDesk's resources folder is missing; reinstall the app."))
    assert not failure.known
    assert "reinstall the app. This is a bug" in failure.message
    assert ".." not in failure.message


def test_a_publish_that_could_not_write_has_one_stop(night_store, tmp_path, monkeypatch):
    folder = tmp_path / "watch"
    folder.mkdir()

    def full(path, _data):
        raise FileProblem(path, f"{path}: the disk is full.")

    monkeypatch.setattr(publishing, "write_json", full)
    with pytest.raises(publishing.PublishError) as raised:
        publishing.publish(night_store, publishing.PublishSettings(folder, kinds=()), None)
    assert str(raised.value).endswith("feed.json: the disk is full.")
    assert ".." not in str(raised.value)
