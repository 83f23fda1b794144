"""Desk accounts for tests."""

from __future__ import annotations

from resultsdesk.desk.accounts import KdfParams

# Tests only: the default key derivation costs ~0.3 s a hash.
FAST = KdfParams(n=2 ** 10, r=8, p=1)


def shown_sign_in(qtbot, store):
    """File > Switch user's dialog on `store`, on screen with the keyboard in its name
    field, as a person at the desk meets it."""
    from resultsdesk.ui.sign_in import SignInDialog

    dialog = SignInDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.name_edit.hasFocus())
    return dialog
