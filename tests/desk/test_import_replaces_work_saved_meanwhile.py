"""An import of results on a team desk names the desk's work it replaced even when that
work was saved on another PC after the importing desk looked (found by a race attack on the
team desk): ann's import read the seats' desk work, alice saved Hendon's entry from her own
PC, and the server's import then replaced it, verified on arrival, with a report of
"Imported one.csv: 1 constituency, 1 verified declaration." and no word of alice's entry.
The server reads that work under the lock it holds to its commit (migration 58)."""

from __future__ import annotations

from helpers.desk_target import server_fixture, trimmed  # noqa: F401  (fixture)
from helpers.seats import CLEAN, HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.desk import imports
from resultsdesk.domain.model import DeclarationStatus, Figures
from resultsdesk.paths import ELECTION_2024, data_file


def test_an_entry_saved_after_the_import_looked_is_named_as_replaced(server, tmp_path,
                                                                     monkeypatch):
    alice, bob, ann = server.open("alice"), server.open("bob"), server.open("ann")
    path = trimmed(data_file(ELECTION_2024), tmp_path / "one.csv", (HENDON,))
    looked = imports.repo.desk_work

    def alice_saves_after_the_import_looked(store):
        rows = looked(store)
        if store is ann:  # her own PC, her own connection: the server queues nothing yet
            dk.declare(alice, HENDON, Figures(CLEAN, 120), user=server.name("alice"))
        return rows

    monkeypatch.setattr(imports.repo, "desk_work", alice_saves_after_the_import_looked)
    report = imports.import_results(ann, path, user=server.name("ann"))

    alice_name = server.name("alice")
    versions = dk.load_sheet(bob, HENDON).versions
    assert [(v.entered_by, v.status) for v in versions] == [
        (alice_name, DeclarationStatus.SUPERSEDED),
        (server.name("ann"), DeclarationStatus.VERIFIED)]
    assert report.replaced == [f"Hendon (an entry by {alice_name} awaiting verification)"]
    assert ("\nReplaced the desk's own work in 1 seat (kept in each seat's history): Hendon "
            f"(an entry by {alice_name} awaiting verification).") in report.describe()
