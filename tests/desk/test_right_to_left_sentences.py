"""A seat, party, candidate or person named in a right-to-left script in the window's
sentences (the recount banner, the History window's audit trail): bare, the bidi algorithm
took the figures after the name into its run ("<seat>: <party> majority 1,234" showed
1,234 beside the wrong name) and a sentence opening with it read right to left. Each name
goes in between First Strong Isolate and Pop Directional Isolate (`wording.isolated`); the
terminal's and the export's trail, and what the log stores, keep names as written."""

from __future__ import annotations

from resultsdesk.desk.alerts import CloseResult, SentBack, alert_message
from resultsdesk.desk.audit_text import SeatNames, describe_entry
from resultsdesk.domain.model import Status
from resultsdesk.domain.wording import ISOLATES, isolated

SEAT = "\u0627\u0644\u0642\u062f\u0633"  # Arabic
PARTY = "\u05dc\u05d9\u05db\u05d5\u05d3"  # Hebrew
PERSON = "\u0639\u0644\u064a"
FSI, PDI = ISOLATES


def test_only_a_right_to_left_name_is_isolated():
    assert isolated(SEAT) == f"{FSI}{SEAT}{PDI}"
    assert isolated("Ynys M\u00f4n") == "Ynys M\u00f4n"  # nothing to reorder: as written
    assert isolated("") == ""


def test_the_recount_banner_isolates_its_names():
    close = CloseResult("X1", SEAT, Status.VERIFIED, tie=False, majority=1_234, winner=PARTY)
    assert alert_message([close]) == \
        f"Recount range: {FSI}{SEAT}{PDI}: {FSI}{PARTY}{PDI} majority 1,234 (verified)"
    sent = SentBack("X1", SEAT, 2, "alice", "12 votes short", sent_back_by=PERSON)
    assert sent.describe().startswith(f"{FSI}{SEAT}{PDI}: version 2 sent back by "
                                      f"{FSI}{PERSON}{PDI}: ")


ENTRY = {"user": PERSON, "action": "declare", "entity": "constituency", "entity_key": "X1",
         "details": {"version": 2, "count": 0, "new": {"votes": {"Ann Smith": 1_234,
                                                                 f"{PERSON} {SEAT}": 987}}}}
NAMES = {"X1": SeatNames(SEAT, (("Ann Smith", "Smith", "Lab"),
                                (f"{PERSON} {SEAT}", SEAT, PARTY)))}


def test_the_history_window_isolates_the_trails_names():
    shown = describe_entry(ENTRY, NAMES, isolate=True)
    assert shown == (f"{FSI}{PERSON}{PDI} declared version 2 of {FSI}{SEAT}{PDI} (first "
                     f"count): Smith (Lab) 1,234, {FSI}{SEAT}{PDI} ({FSI}{PARTY}{PDI}) 987")


def test_the_terminal_and_the_export_keep_the_names_as_written():
    printed = describe_entry(ENTRY, NAMES)
    assert SEAT in printed and not any(c in printed for c in ISOLATES)
    assert ENTRY["details"]["new"]["votes"][f"{PERSON} {SEAT}"] == 987  # the entry untouched
