"""An import of results over the desk's own work says so (found by an attack on the file
readers in the twenty-eighth session): a seat verified at the desk (keyed by alice,
verified by bob, with its rejected ballots) and an entry awaiting verification were
replaced by the file's figures with "Imported …: 1 verified declaration" and nothing else.
The same on a file and on a team desk's server (read through its views)."""

from __future__ import annotations

from helpers.desk_target import (  # noqa: F401  (fixtures)
    desk_target_fixture,
    server_fixture,
    trimmed,
)
from helpers.seats import CLEAN, HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.imports import import_results
from resultsdesk.domain.model import Figures
from resultsdesk.paths import ELECTION_2024, data_file

ABERAFAN = "W07000081"


def test_the_report_names_the_desk_work_an_import_replaced(desk_target, tmp_path):
    alice, bob, ann = (desk_target.open(s) for s in ("alice", "bob", "ann"))
    dk.declare(alice, HENDON, user=desk_target.name("alice"), figures=Figures(CLEAN, 120))
    dk.verify(bob, HENDON, user=desk_target.name("bob"), votes=list(CLEAN), invalid=120)
    dk.declare(alice, ABERAFAN, user=desk_target.name("alice"),  # its 8 candidates
               figures=Figures([800, 900, 1500, 1600, 2500, 3500, 7000, 17000], 90))
    path = trimmed(data_file(ELECTION_2024), tmp_path / "two.csv", (HENDON, ABERAFAN))
    report = import_results(ann, path, user=desk_target.name("ann"))
    alice_name, bob_name = desk_target.name("alice"), desk_target.name("bob")
    assert report.replaced == [
        f"Aberafan Maesteg (an entry by {alice_name} awaiting verification)",
        f"Hendon (a result keyed by {alice_name} and verified by {bob_name})"]
    assert (
        "\nReplaced the desk's own work in 2 seats (kept in each seat's history): "
        f"Aberafan Maesteg (an entry by {alice_name} awaiting verification), Hendon (a "
        f"result keyed by {alice_name} and verified by {bob_name}).\n") in report.describe()
    # the file's own figures, imported again, replace no desk work
    assert import_results(ann, path, user=desk_target.name("ann")).replaced == []
