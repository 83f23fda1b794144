"""What the rest of the app knows of a PostgreSQL server's election without loading its
driver: how a URL is told from a file, and the refusals its store raises. (psycopg, and
`store/postgres` with it, is imported only when a server is opened: a desk on a file never
pays for it at start-up.)"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

from ..domain.errors import Cause
from .errors import StoreError

URL_SCHEMES = ("postgresql://", "postgres://")
SERVER_URL_FORM = "postgresql://[USER@]HOST[:PORT]/DBNAME"  # how help and refusals write one


def is_server_url(target: object) -> bool:
    """Whether `--db` names a PostgreSQL server (a libpq URL) rather than a file."""
    return isinstance(target, str) and target.lower().startswith(URL_SCHEMES)


# What starts as a server URL but is not libpq's: one slash or none ("postgresql:/dbhost/ge"),
# or SQLAlchemy's "postgresql+psycopg://". Taken as a file's name, it made a new SQLite
# database in the current folder ("Created postgresql: for 'GE'"), where a desk's entries
# would never reach the team's server.
_SERVER_URL_MISTYPED = re.compile(r"(?i)^postgres(?:ql)?(?:\+\w*)?:")


def mistyped_server_url(target: object) -> bool:
    """Whether `--db` begins like a server URL without being one (`is_server_url`)."""
    return (isinstance(target, str) and not is_server_url(target)
            and _SERVER_URL_MISTYPED.match(target) is not None)


# A URL's USER[:PASSWORD]@ as libpq reads it: up to an '@' before any '/', whatever the
# password holds ('?' and '#' included: libpq takes both).
_USERINFO = re.compile(r"(://[^:/@?#]*):([^/]*)@")


def without_url_password(text: str) -> str:
    """`text` (a server URL) with the password written in it left out."""
    text = _USERINFO.sub(r"\1@", text)
    return re.sub(r"(?i)([?&]password=)[^&#]*", r"\1***", text)


def url_problem(error: Exception, url: str) -> str:
    """libpq's words for a URL it cannot read, which quote what it could not (the whole
    URL, or the password itself for a bad %-escape in it: before the '@' or as
    `?password=`), without the password."""
    found = _USERINFO.search(url)
    secrets = [found.group(2)] if found else []
    secrets += re.findall(r"(?i)[?&]password=([^&]*)", url)
    said = str(error)
    for secret in sorted(filter(None, secrets), key=len, reverse=True):
        said = said.replace(secret, "***")
    return said


def unescaped_at_in_password(url: str) -> bool:
    """Whether a server URL's password holds an '@' written as it is: libpq ends the
    password at the first '@' and takes the rest for the server's name, which every
    message and the log then showed. Such a URL is refused before libpq reads it."""
    _, sep, rest = url.partition("://")
    if not sep:
        return False
    first = re.match(r"[^@/]*@", rest)  # libpq's account and password, if any
    return first is not None and "@" in re.split(r"[/?]", rest[first.end():], maxsplit=1)[0]


AT_IN_PASSWORD = ("Not a PostgreSQL connection URL: a password holding '@' is written "
                  "with %40 for each '@' (libpq ends the password at the first '@').")


def url_user(url: str) -> str:
    """The account a server URL names (`postgresql://alice@dbhost/ge2024`, or its
    `?user=alice`), "" if it names none: who a sign-in offers to sign in."""
    parts = urlsplit(url)
    given = parse_qs(parts.query).get("user")
    if given:
        return given[-1]
    who = parts.netloc.rpartition("@")[0].partition(":")[0]
    return unquote(who)


class ServerRefusal(StoreError):
    """A write function (or the server's privileges) said no; `sqlstate` says which rule:
    one of `postgres.errors.DESK_SQLSTATES`, or 42501 (insufficient privilege). The message
    is the server's, for the person at the desk."""

    cause = Cause.REFUSED

    def __init__(self, message: str, sqlstate: str) -> None:
        super().__init__(message)
        self.sqlstate = sqlstate


class ServerSignInFailed(StoreError):
    """The server refused the account or its password (28P01, or no password given)."""

    cause = Cause.REFUSED


class PasswordNeeded(ServerSignInFailed):
    """The server asks for a password and none was given (nor found in ~/.pgpass)."""


class ServerUnreachable(StoreError):
    """No connection to the server: refused, unknown host, timed out, or lost on the way.
    Nothing half-done stays on the server (a transaction without its COMMIT is rolled back)."""

    cause = Cause.IO


class FeedRefused(StoreError):
    """The server is there and signs the account in, but refused what hearing of other
    desks' changes needs: LISTEN, or a read of the change counter on the live feed's
    connection (a permission taken away, a server that takes no LISTEN, such as a standby
    or a pooler, an exchange it broke off). Not `ServerUnreachable`: the desk's own
    connection works, and the message gives the server's reason."""

    cause = Cause.REFUSED
