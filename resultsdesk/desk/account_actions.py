"""The audit log's names for what is done to an account: one definition, which the file
desk writes (`desk.local_writes`), the audit check follows (`desk.audit`), the trail puts
into words (`desk.audit_text`) and the sign-in throttle reads (`desk.sign_in_limit`). The
server's functions write the same names (`store/postgres/sql`), which a test holds them to.
"""

from __future__ import annotations

ADDED = "add account"
DISABLED = "disable account"
ENABLED = "enable account"
ROLE_CHANGED = "change role"
PASSWORD_CHANGED = "change password"

ACCOUNT_ACTIONS = (ADDED, DISABLED, ENABLED, ROLE_CHANGED, PASSWORD_CHANGED)
# Their detail marking one a restore wrote, keeping the replaced database's accounts
# (`desk.restore_accounts`): the admins' change it carries over, not a new one.
KEPT_BY_RESTORE = "kept_by_restore"
# Written by a restore alone (never by the server, nor by hand through the app): an account
# only the backup had (another election's) left out, being a look-alike of one the desk
# keeps (names are unique by their skeleton). The check takes the account as gone by it;
# without it the backup's entry adding that account found it "gone from the file".
REMOVED_BY_RESTORE = "remove account"
# The entries the check follows an account by (`audit_accounts.record_account`); a
# sign-in's are about an account too, and change nothing the check vouches for.
FOLLOWED = (*ACCOUNT_ACTIONS, REMOVED_BY_RESTORE)
