"""A crash draft of a correction outlives a recount called (or called off) since: a
correction is of the verified count, which neither moves (`declarations.correct` saves
it), so the draft is restored, not dropped as "typed for the count" with what was typed
left only in the log."""

from __future__ import annotations

from helpers.seats import CLEAN, HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.drafts import Draft, moved_on
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store


def test_a_correction_draft_across_a_recount_called_may_still_be_saved(nominations_db):
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, Figures(CLEAN, 50), user="bob")
        dk.verify(desk, HENDON, user="carol", votes=CLEAN, invalid=50)
        opened = dk.load_sheet(desk, HENDON)  # alice's Correct form opens here
        draft = Draft(HENDON, "correct", opened.current_version, {},
                      expected_count=opened.current_count)
        dk.mark_recount(desk, HENDON, user="carol")  # meanwhile, on another desk
        sheet = dk.load_sheet(desk, HENDON)
        assert moved_on(sheet, draft, "alice") is None
        # ... as the desk would save it
        dk.correct(desk, HENDON, Figures(CLEAN, 49), user="alice", reason="RO's sheet",
                   expected_version=draft.expected_version,
                   expected_count=draft.expected_count)


def test_an_enter_draft_across_a_recount_called_is_still_dropped(nominations_db):
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, Figures(CLEAN, 50), user="bob")
        dk.verify(desk, HENDON, user="carol", votes=CLEAN, invalid=50)
        dk.mark_recount(desk, HENDON, user="carol")
        opened = dk.load_sheet(desk, HENDON)
        draft = Draft(HENDON, "enter", opened.current_version, {},
                      expected_count=opened.current_count)
        dk.mark_recount(desk, HENDON, user="carol", under_way=False)
        assert moved_on(dk.load_sheet(desk, HENDON), draft, "alice") is not None
