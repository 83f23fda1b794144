"""The recount banner's words clear of its Dismiss button (and the audit banner's of its
Accept button) in a desk's large font (16 pt).
The banner kept room for the button as wide as it measured before the style sheet sized it
(its padding): at 16 pt "Recount range: Hendon: Lab majority 15 (verified)" ran under the
button, "majority" hidden behind "Dismiss". The words wrap short of the button as it is
drawn, in any font and theme."""

from __future__ import annotations

import pytest
from helpers.audit_rewrite import add_accounts, taken_back_overnight
from helpers.party_votes import declare_by_party
from PySide6.QtWidgets import QPushButton

from resultsdesk.store import Store
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.themes import app_theme


@pytest.mark.parametrize("font_points", [9, 16], indirect=True)
def test_the_banners_words_stay_clear_of_its_dismiss_button(qtbot, main_window,
                                                              nominations_db, theme,
                                                              font_points):
    window = main_window(nominations_db, user="eve")
    with Store(nominations_db) as store:
        declare_by_party(store, "Hendon", {"Lab": 15_855, "Con": 15_840})
    alert = window.recount_alert
    qtbot.waitUntil(lambda: "Hendon" in alert.text() and alert.isVisible())
    button = alert.dismiss_button
    qtbot.waitUntil(lambda: button.width() == button.sizeHint().width())
    words = alert.contentsRect()
    # the words' box ends before the button starts, and the button is drawn whole
    assert words.right() < button.x(), (words, button.geometry())
    assert button.geometry().right() < alert.width()
    assert button.height() >= button.sizeHint().height()
    assert alert.height() >= button.height()
    app_theme().choose("dark" if theme == "light" else "light")  # View > Theme: restyled
    qtbot.waitUntil(lambda: alert.contentsRect().right() < button.x())


@pytest.mark.parametrize("font_points", [9, 16], indirect=True)
def test_the_audit_banners_words_stay_clear_of_its_accept_button(qtbot, nominations_db,
                                                                 tmp_path, theme, font_points):
    """The red audit banner's "Accept the log as it stands…", an admin's, in the same way:
    the room for it was set before the banner's style sheet reset its margins."""
    add_accounts(nominations_db)
    taken_back_overnight(nominations_db, tmp_path)
    application()
    win = MainWindow(nominations_db, user="root")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.audit.result is not None, timeout=10_000)
    banner = win.audit_banner
    button = banner.findChild(QPushButton, "acceptAuditLog")
    qtbot.waitUntil(lambda: banner.isVisible() and button.isVisible())
    qtbot.waitUntil(lambda: button.width() == button.sizeHint().width())
    assert banner.contentsRect().right() < button.x(), (banner.contentsRect(),
                                                        button.geometry())
    assert button.geometry().right() < banner.width()
    app_theme().choose("dark" if theme == "light" else "light")  # View > Theme: restyled
    qtbot.waitUntil(lambda: banner.contentsRect().right() < button.x())
