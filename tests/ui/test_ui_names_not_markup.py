"""Names from imported files and typed by people (the election, a constituency, a party, a
candidate, a user, a file) in the main window's banners, labels and dialogs read as
written. Qt shows a label or a message box whose text "might be rich text" as rich text: an
election imported as "Tom & Jerry's <b>night</b>" came out on the rehearsal banner with
"night" in bold and its tags gone, a seat named with "A &lt; B" as "A < B", and "<Neath>"
vanished from the recount alert. What is checked is what Qt draws, not the string set."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from helpers.accounts import FAST, shown_sign_in
from helpers.key_typing import type_text
from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtWidgets import QApplication, QMessageBox

from resultsdesk.desk import accounts as acc
from resultsdesk.desk import declarations as dk
from resultsdesk.desk.audit import AuditCheck
from resultsdesk.desk.election import init_election
from resultsdesk.desk.imports import import_candidates
from resultsdesk.desk.parties import order_changed_text, set_political_order
from resultsdesk.desk.rehearsal_create import create_rehearsal
from resultsdesk.desk.session import redacted
from resultsdesk.domain.model import Figures
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.paths import CONSTITUENCIES_2019, ELECTION_2019, data_file
from resultsdesk.store import Store
from resultsdesk.ui.party_order import THEIRS_BELOW, PartyOrderDialog
from resultsdesk.ui.sign_in import SignInDialog

ELECTION = "Tom & Jerry's <b>night</b> A &lt; B"
SEAT = "Aberavon & Port &amp; <b>Talbot</b> <Neath>"
PARTY = "Beany & Co <b>Party</b> &lt;"
ABBR = "B&amp;<b>C"
FIRST, SURNAME = "Captain <b>Beany</b>", "&amp; < Co"
USER = "Tom &amp; <b>Jerry</b> <Ind>"
ABERAVON, ABERCONWY = "W07000049", "W07000058"
# Aberavon's ballot: Beany (ABBR), Davies (BRX), Finney (Green), Hunt (PC), Kingston-Jones
# (LD), Kinnock (Lab), Lang (Con); electorate 50,750.
CLOSE = (17010, 300, 400, 500, 600, 17000, 700)  # ABBR by 10: recount range
TIED = (17000, 300, 400, 500, 600, 17000, 700)  # ABBR and Lab level


def shown(text: str, text_format: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """What Qt draws of `text` in a label or message box of `text_format` (a tooltip's and
    a static message box's is AutoText)."""
    if text_format == Qt.TextFormat.PlainText or (
            text_format == Qt.TextFormat.AutoText and not QtGui.Qt.mightBeRichText(text)):
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def shown_in(widget) -> str:
    """What a QLabel or QMessageBox draws."""
    return shown(widget.text(), widget.textFormat())


def _named(source: Path, out: Path) -> Path:
    """Two seats of the 2019 HoC file, Aberavon and its independent renamed with markup."""
    with source.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = [r for r in reader if r["ONS ID"] in (ABERAVON, ABERCONWY)]
        fields = reader.fieldnames
    for r in rows:
        if r["ONS ID"] == ABERAVON:
            r["Constituency name"] = SEAT
            if r.get("Party abbreviation") == "Ind":
                r["Party abbreviation"], r["Party name"] = ABBR, PARTY
                r["Candidate first name"], r["Candidate surname"] = FIRST, SURNAME
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return out


@pytest.fixture(scope="module")
def _files(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("named")
    return (_named(data_file(ELECTION_2019), folder / "candidates.csv"),
            _named(data_file(CONSTITUENCIES_2019), folder / "constituencies.csv"))


@pytest.fixture
def named_db(_files, tmp_path) -> Path:
    path = tmp_path / "named.db"
    with init_election(path, ELECTION) as store:
        import_candidates(store, _files[0], constituencies=_files[1])
        sheet = dk.load_sheet(store, ABERAVON)
    assert sheet.name == SEAT and sheet.candidates[0].name == f"{FIRST} {SURNAME}"
    assert (sheet.candidates[0].party, sheet.candidates[0].party_name) == (ABBR, PARTY)
    return path


def _declared(db: Path, votes: tuple[int, ...], *, verified: bool) -> None:
    with Store(db) as store:
        dk.declare(store, ABERAVON, Figures(votes, 50), user=USER, overrides=WARNING_CODES)
        if verified:
            dk.verify(store, ABERAVON, user="bob", votes=votes, invalid=50)


def test_the_recount_alert_names_the_seat_and_party_as_written(qtbot, main_window, named_db,
                                                               said):
    win = main_window(named_db, user="eve")
    alerts: list[str] = []
    win.close_result_alert.connect(alerts.append)
    _declared(named_db, CLOSE, verified=True)  # another desk's, heard through the feed
    qtbot.waitUntil(lambda: bool(alerts))
    text = f"Recount range: {SEAT}: {ABBR} majority 10 (verified)"
    assert win.recount_alert.isVisible()
    assert shown_in(win.recount_alert) == text
    assert win.recount_alert.accessibleDescription() == text  # what a screen reader finds
    assert said == [(text, True)]  # and hears, from the status bar (drawn as written)
    assert shown(win.statusBar().toolTip()) == text


def test_the_audit_banner_and_its_head_name_the_seat_as_written(qtbot, main_window, named_db):
    win = main_window(named_db, user="eve")
    qtbot.waitUntil(lambda: win.audit.result is not None)  # the opening check, reported
    broken = AuditCheck(entries=3, head_hash="ab" * 32, head_id=3, problem=f"{SEAT}: its "
                        f"figures are not the ones {USER} entered", entry_id=2)
    win.audit_banner.show_check(broken)
    win.audit_label.show_check(broken)
    assert shown_in(win.audit_banner).startswith(
        f"The audit record does not match this database: {broken.summary()}. ")
    assert f"{SEAT}: its figures are not the ones {USER} entered" in broken.summary()
    assert shown(win.audit_label.toolTip()).startswith(f"{broken.summary()}\n")


def test_the_rehearsal_banner_names_the_election_as_written(qtbot, main_window, _files,
                                                           tmp_path):
    db = tmp_path / "rehearsal.db"
    create_rehearsal(db, *_files, name=ELECTION).close()
    win = main_window(db, user="alice")
    qtbot.waitUntil(win.rehearsal_banner.isVisible)
    assert shown_in(win.rehearsal_banner).startswith(
        f"REHEARSAL — not live results · {ELECTION} replayed (watch mode) · ")


def test_the_chamber_orders_refusal_names_whoever_saved_as_written(qtbot, main_window,
                                                                   named_db):
    win = main_window(named_db, user="eve")
    with Store(named_db) as other:
        set_political_order(other, ["Lab", ABBR], user=USER)
        refused = order_changed_text(other)
    assert refused.startswith(f"{USER} changed the chamber order at ")
    dialog = PartyOrderDialog(list(win.night.parties.values()), win, refused=refused)
    qtbot.addWidget(dialog)
    assert shown_in(dialog.refusal) == f"{refused} {THEIRS_BELOW}"


def test_the_sign_ins_refusal_names_the_name_typed_as_typed(qtbot, named_db):
    with Store(named_db) as store:
        acc.add_account(store, "root", "admin", "root-password", admin=None, kdf=FAST)
        dialog = shown_sign_in(qtbot, store)
        type_text(dialog.name_edit, USER)
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Tab)
        type_text(dialog.password_edit, "not it")
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
        assert shown_in(dialog.error_label).startswith(f"Sign-in failed for {USER}.\n")


def test_the_sign_ins_intro_names_the_server_as_written(qtbot):
    url = "postgresql://desk.example/night?application_name=A%20&lt;<b>B</b>"
    dialog = SignInDialog(None, target=url)
    qtbot.addWidget(dialog)
    assert shown_in(dialog.findChild(type(dialog.error_label), "signInIntro")).startswith(
        f"The team desk's server: {redacted(url)}\n")


def _aberavon_form(qtbot, main_window, db: Path):
    """Aberavon's form (the seat of the names with markup), opened by Ctrl+E in a window."""
    win = main_window(db, user="eve")
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    win.select_code(ABERAVON)
    qtbot.keyClick(win.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = win.active_dialog
    assert dialog is not None and dialog.form.sheet.code == ABERAVON
    return dialog


def test_the_question_before_discarding_names_the_seat_as_written(qtbot, main_window,
                                                                  named_db):
    dialog = _aberavon_form(qtbot, main_window, named_db)
    type_text(dialog.form.vote_edits[0], "12")
    qtbot.keyClick(dialog.form.vote_edits[0], Qt.Key.Key_Escape)  # asks first
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    question = QApplication.activeModalWidget()
    assert question.objectName() == "discardBox"
    assert shown_in(question) == f"Close the form and throw away the figures typed for {SEAT}?"
    question.done(0)


def test_a_refused_lot_names_the_seat_and_its_author_as_written(qtbot, main_window, named_db,
                                                                monkeypatch):
    """A message box's text (a static QMessageBox.warning) as written, and still wrapped at
    the box's width as a plain one is."""
    _declared(named_db, TIED, verified=False)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    win = main_window(named_db, user="bob")
    win.select_code(ABERAVON)
    win.findChild(QAction, "lotAction").trigger()
    assert [shown(text) for text in warned] == [
        f"{USER} entered the figures of version 1 of {SEAT}, awaiting verification: only "
        f"{USER} can record a lot on them until a second person verifies them; after that "
        "anyone can."]
    assert "white-space:pre-wrap" in warned[0]


def test_the_export_dialog_names_the_file_saved_as_written(qtbot, main_window, named_db,
                                                           tmp_path):
    win = main_window(named_db, user="presenter")
    dialog = win.export_graphic("seats")
    qtbot.waitUntil(dialog.isVisible)
    folder = tmp_path / "A &lt; B & <b>C"  # (no "/" in a folder's name)
    folder.mkdir()
    out = folder / "seats.png"
    dialog.path.setFocus()
    dialog.path.selectAll()
    qtbot.keyClicks(dialog.path, str(out))
    qtbot.keyClick(dialog.path, Qt.Key.Key_Return)  # Enter in the path saves
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Saved"), timeout=20_000)
    assert out.exists()
    assert shown_in(dialog.message) == f"Saved {out}"


def test_a_warning_box_names_the_candidate_as_written_with_no_mnemonic(qtbot, main_window,
                                                                       named_db):
    """A check box's "&" marks its Alt key: "& Co has 0 votes" showed "& Co" as " Co" with
    the space underlined, and Alt+Space ticked the warning."""
    from PySide6.QtGui import QKeySequence

    dialog = _aberavon_form(qtbot, main_window, named_db)
    form = dialog.form
    for edit, votes in zip(form.vote_edits, (0, 3000, 4000, 5000, 6000, 17000, 7000),
                           strict=True):
        type_text(edit, str(votes))
    box = form.override_boxes["zero_votes"]
    qtbot.waitUntil(box.isVisible)
    assert QKeySequence.mnemonic(box.text()).isEmpty()
    assert box.text().replace("&&", "&").startswith(f"Warning: {FIRST} {SURNAME} has 0 votes")
    dialog.form.setProperty("discard_unasked", True)


NOTE = "line one\nA < B & C"  # a line break before anything that looks like markup


def test_a_sent_back_note_with_a_line_break_reads_as_written(qtbot, named_db):
    """The form's state line is markup with names and the verifier's note escaped in it:
    left to guess, Qt found no tag on its first line, took it all for plain text and
    showed "A &lt; B &amp; C"."""
    from resultsdesk.ui.app import application
    from resultsdesk.ui.declaration_form import DeclarationForm

    with Store(named_db) as store:  # keyed by a name with nothing like markup in it
        dk.declare(store, ABERAVON, Figures(CLOSE, 50), user="alice", overrides=WARNING_CODES)
        dk.reject(store, ABERAVON, user=USER, comment=NOTE)
        application()
        form = DeclarationForm(store, ABERAVON, user="eve")
        qtbot.addWidget(form)
        assert shown_in(form.state_label) == (
            f"Version 1 by alice was sent back by {USER}: “{NOTE}” — key the figures again "
            "from the returning officer's sheet")  # its line break kept, who sent it back
        title = form.findChild(type(form.state_label), "seatTitle")
        assert shown_in(title).startswith(f"{SEAT}  {ABERAVON} · ")


def test_alert_words_are_escaped():
    """Fixed words today ("TIE"); a caller passing data must not add markup."""
    from resultsdesk.ui.style import alert_html

    words = "A &lt; B <i>C</i> & D"
    assert shown(alert_html(words), Qt.TextFormat.RichText) == words


@pytest.mark.parametrize("kind", ["information", "warning", "critical"])
def test_a_message_told_reads_as_written_with_its_lines(qtbot, monkeypatch, kind):
    from resultsdesk.ui.messages import tell

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, kind, lambda _p, _t, text: told.append(text))
    tell(None, "title", f"{SEAT} cannot be saved.\n\nNothing was imported.", kind)
    assert [shown(t) for t in told] == [f"{SEAT} cannot be saved.\n\nNothing was imported."]


def test_every_message_box_that_tells_goes_through_tell():
    """One door for the boxes with one OK: a new call of Qt's static boxes with a name from
    the data in it would show that name as markup (as 21 call sites each had to escape)."""
    import ast

    from helpers.locations import ROOT

    ui = ROOT / "resultsdesk" / "ui"
    direct = []
    for path in sorted(ui.glob("*.py")):
        if path.name == "messages.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id == "QMessageBox"
                    and node.attr in ("information", "warning", "critical", "question")):
                direct.append(f"{path.name}:{node.lineno}")
    assert direct == []
