"""What an action needs (`Permission`), in a module of its own: the command line sets each
command's need while it builds its parser, before anything is opened, and the account rules
(`desk.accounts`, which re-exports it) need not load for a command that only reads."""

from __future__ import annotations

from enum import Enum


class Permission(Enum):
    """What an action needs; the value completes "... cannot <value>"."""

    DECLARE = "enter, verify or correct declarations"
    ACCOUNTS = "manage accounts"
    PARTIES = "change the parties or the chamber order"
    IMPORT = "import files into the election"
    RESTORE = "restore the database from a backup"
    PUBLISH = "set up publishing to air (the watch folder)"
    REHEARSE = "run the rehearsal's clock"
    # after a check found entries this PC saw gone from it (`audit_accept`): admins only
    ACCEPT_LOG = "accept a rewritten audit log as it stands"
