"""The file desk's sign-in throttle: how many wrong passwords a name may have.

Anyone at the desk PC could otherwise try passwords for an account without end. After
`MAX_FAILED_SIGN_INS` failed sign-ins in a row for one name within `FAILURE_WINDOW`, every
attempt for that name is refused for `LOCKOUT`, without checking its password; an admin can
lift the lock sooner (`accounts.unlock_sign_in`), as enabling the account or setting its
password does. In a row: a successful sign-in starts the count afresh (as common lock-outs
do), so alice mistyping twice, signing in, and later mistyping three times is not locked.

Nothing new is stored: the count is read from the audit log's own "sign-in failed" and
"sign in" entries (by the name's normalised key, so `Alice` and `alice ` are one name), and
each refusal and unlock is an entry of its own. A name without an account is counted and
refused exactly as one with: the throttle says nothing about which names exist. On a server
the server checks passwords (its DBA's `auth_delay`) and ResultsDesk records no sign-in, so
none of this applies there.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from ..domain.declaration_time import moment, uk_clock
from ..domain.identity import sign_in_key
from ..store import Store
from ..store import accounts as sql
from . import account_actions as actions
from .errors import DeskRefusal

# Five tries covers a mistyped password and a caps lock found late; a guesser at the desk
# gets five every quarter of an hour (twenty an hour), and the person locked out waits no
# longer than a coffee, or asks an admin. LOCKOUT is not shorter than FAILURE_WINDOW, so
# the failures before a lock have aged out of the window by the time it ends.
MAX_FAILED_SIGN_INS = 5
FAILURE_WINDOW = timedelta(minutes=15)
LOCKOUT = timedelta(minutes=15)

FAILED = "sign-in failed"
SIGNED_IN = "sign in"
REFUSED = "sign-in refused: locked"
UNLOCKED = "unlock sign-in"
# A window locked by its person (File > Lock) or by its idle lock (desk/screen_lock.py): not
# a sign-in, so it neither counts nor clears; its unlock is a sign-in like any other.
WINDOW_LOCKED = "window locked"
# After these, the failures before no longer count: the name signed in with its password
# (never while locked: `record_success`), an admin lifted the lock, enabled the account
# again, or someone set a new password (a forgotten one reset by an admin).
CLEARING = (SIGNED_IN, UNLOCKED, actions.ENABLED, actions.PASSWORD_CHANGED)


class SignInLocked(DeskRefusal):
    """Too many failed sign-ins for this name: refused until `until`, password unchecked."""

    def __init__(self, name: str, until: datetime) -> None:
        self.name, self.until = name, until
        self.clock = try_again_at(until)
        super().__init__(f"Too many failed sign-ins for {name}: try again at {self.clock} "
                         "(UK time), or ask an admin to unlock it.")


def try_again_at(until: datetime) -> str:
    """"03:47": the UK clock's first minute at which the lock is over (rounded up, so trying
    at the time shown works)."""
    whole = until.replace(second=0, microsecond=0)
    return uk_clock(whole if whole == until else whole + timedelta(minutes=1)) or ""


def wall(now: datetime | None) -> datetime:
    """The time now (aware); tests give their own."""
    return datetime.now(UTC) if now is None else now


def _stamp(when: datetime) -> str:
    # As the audit log writes its times (store.settings.now_iso), so they compare as text.
    return when.astimezone(UTC).isoformat(timespec="seconds")


def lock_from(events: Iterable[tuple[str, datetime]], now: datetime) -> datetime | None:
    """When the lock on a name ends, given its entries oldest first (action, time); None
    when it is not locked at `now`.

    A lock begins at the MAX_FAILED_SIGN_INS-th failure within FAILURE_WINDOW, and the next
    one needs as many new failures; a clearing entry forgets everything before it."""
    run: list[datetime] = []
    until: datetime | None = None
    for action, at in events:
        if action in CLEARING:
            run, until = [], None
            continue
        at = min(at, now)  # a PC clock put back since: never a lock longer than LOCKOUT
        run = [t for t in run if at - t < FAILURE_WINDOW] + [at]
        if len(run) >= MAX_FAILED_SIGN_INS:
            run, until = [], at + LOCKOUT
    return until if until is not None and until > now else None


def locked_until(store: Store, name: str, now: datetime) -> datetime | None:
    """When the lock on `name` (as recorded: `accounts._shown`) ends; None if it has none.

    Only entries from FAILURE_WINDOW + LOCKOUT ago can matter: a lock still running began
    less than LOCKOUT ago, its failures less than FAILURE_WINDOW before that."""
    return _locks(store, [name], now).get(name)


def lock_ends(store: Store, names: Iterable[str],
              now: datetime | None = None) -> dict[str, datetime]:
    """Which of `names` (accounts as recorded) are locked out at `now`, each with when its
    lock ends; the others are left out. What `users list` shows, so an admin sees whom to
    `users unlock`. Nobody on a server: it checks passwords itself and ResultsDesk locks no
    one out there (nor records a failed sign-in to count)."""
    if store.dialect == "postgresql":
        return {}
    return _locks(store, list(names), wall(now))


def _locks(store: Store, names: list[str], now: datetime) -> dict[str, datetime]:
    # One read of the log for every name: a desk's few dozen accounts, listed at once.
    # By the sign-in key: `İpek` and `ipek` are one name, failing toward one lock.
    keys = {name: sign_in_key(name) for name in names}
    rows = sql.sign_in_entries(store, (FAILED, REFUSED, *CLEARING),
                               _stamp(now - FAILURE_WINDOW - LOCKOUT))
    counted = [(sign_in_key(r["entity_key"]), r["action"], at)
               for r, at in zip(rows, _written_by(rows, now), strict=True)
               if r["action"] != REFUSED and at is not None]
    ends: dict[str, datetime] = {}
    for name, key in keys.items():
        events = [(action, at) for row_key, action, at in counted if row_key == key]
        until = lock_from(events, now)
        if until is not None:
            ends[name] = until
    return ends


def _written_by(rows: list[dict], now: datetime) -> list[datetime | None]:
    """When each entry (oldest first) was written at the latest: its stamp, unless an entry
    written after it, or `now`, is stamped earlier. A PC clock that ran fast and was put
    right stamped failures in what is now the future; taken at their stamps, or at `now`
    each time it is asked (as once), they locked the name until the right clock caught up
    with the wrong one (a sole admin, whom nobody could unlock, for as long as the clock had
    been fast). A refusal is written with the clock put right, so the lock they make ends
    LOCKOUT after the first attempt refused."""
    latest, times = now, []
    for row in reversed(rows):
        at = moment(row["at"])
        if at is not None:
            latest = min(latest, at)
        times.append(None if at is None else latest)
    return times[::-1]


def refuse_if_locked(store: Store, name: str, now: datetime) -> None:
    """Raise SignInLocked if `name` is locked out, recording the refusal (its entry names
    who was claimed and until when; there is no password to record: none was checked)."""
    if locked_until(store, name, now) is None:  # the usual case only reads
        return
    with store.write():  # decided again under the write lock, with the entry it writes
        until = locked_until(store, name, now)
        if until is not None:
            store.audit(name, REFUSED, "account", name, {"until": _stamp(until)})
    if until is not None:
        raise SignInLocked(name, until)


def record_failure(store: Store, name: str, reason: str, now: datetime) -> None:
    """Record a failed sign-in of `name`; if failures recorded meanwhile (another desk, a
    script) locked the name while its password was checked, it is a refusal instead and
    SignInLocked is raised. Under the write lock, so no more than MAX_FAILED_SIGN_INS
    failures are ever recorded before a lock, however many try at once."""
    _record_unless_locked(store, name, now, FAILED, name, {"reason": reason})


def record_success(store: Store, name: str, account: str, now: datetime) -> None:
    """Record that `name` signed in as `account` (its recorded name), its password right:
    the failures before it no longer count. If failures recorded meanwhile locked the name
    while its password was checked, it is a refusal instead and SignInLocked is raised, so
    no success is ever recorded for a locked name."""
    _record_unless_locked(store, name, now, SIGNED_IN, account, {})


def _record_unless_locked(store: Store, name: str, now: datetime, action: str, who: str,
                          details: dict) -> None:
    with store.write():  # the lock decided and the entry written in one transaction
        until = locked_until(store, name, now)
        if until is None:
            store.audit(who, action, "account", who, details)
        else:
            store.audit(name, REFUSED, "account", name, {"until": _stamp(until)})
    if until is not None:
        raise SignInLocked(name, until)
