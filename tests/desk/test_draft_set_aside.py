"""A draft left at Switch user is marked so, and its mark survives the file; a crash's draft
(and any earlier version's, with no mark) is not, and a mark that is not true is no mark."""

from __future__ import annotations

import json

from helpers.seats import HENDON

from resultsdesk.desk.drafts import Draft, load_draft, save_draft, set_aside


def test_set_aside_marks_the_draft_and_keeps_its_figures(tmp_path):
    path = tmp_path / "d.draft.json"
    save_draft(path, Draft(HENDON, "enter", 0, {"votes_0": "2667"}, [], 41_000))
    assert load_draft(path).set_aside is False  # a crash's, as written at each keystroke
    set_aside(path)
    draft = load_draft(path)
    assert draft.set_aside is True
    assert (draft.fields, draft.expected_count) == ({"votes_0": "2667"}, 41_000)


def test_a_mark_that_is_not_true_is_no_mark(tmp_path):
    path = tmp_path / "d.draft.json"
    for mark in ("yes", 1, None):
        path.write_text(json.dumps({"code": HENDON, "mode": "enter", "expected_version": 0,
                                    "set_aside": mark}), encoding="utf-8")
        assert load_draft(path).set_aside is False


def test_set_aside_leaves_no_file_where_there_was_none(tmp_path):
    set_aside(tmp_path / "gone.draft.json")  # (cleared meanwhile by its window)
    assert not (tmp_path / "gone.draft.json").exists()


def test_set_aside_that_cannot_be_written_leaves_the_draft_as_it_was(tmp_path, monkeypatch):
    """A full disk at Switch user: the draft stays (a crash's, unmarked); the lock's Switch
    user is not stopped by a convenience."""
    from resultsdesk.desk import drafts

    path = tmp_path / "d.draft.json"
    save_draft(path, Draft(HENDON, "enter", 0, {"votes_0": "2667"}, [], 41_000))

    def full(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(drafts, "atomic_write_text", full)
    set_aside(path)
    assert load_draft(path).fields == {"votes_0": "2667"}


def test_a_restored_draft_is_no_longer_set_aside(tmp_path):
    path = tmp_path / "d.draft.json"
    save_draft(path, Draft(HENDON, "enter", 0, {"votes_0": "2667"}, [], 41_000, True))
    set_aside(path, aside=False)
    assert load_draft(path).set_aside is False
    assert load_draft(path).fields == {"votes_0": "2667"}
