"""What the rest of the app knows of a PostgreSQL server's election without loading its
driver: how a URL is told from a file, and the refusals its store raises. (psycopg, and
`store/postgres` with it, is imported only when a server is opened: a desk on a file never
pays for it at start-up.)"""

from __future__ import annotations

import re
from itertools import zip_longest
from urllib.parse import parse_qs, unquote, urlsplit

from ..domain.errors import Cause
from .errors import StoreError

URL_SCHEMES = ("postgresql://", "postgres://")
SERVER_URL_FORM = "postgresql://[USER@]HOST[:PORT]/DBNAME"  # how help and refusals write one


def is_server_url(target: object) -> bool:
    """Whether `--db` names a PostgreSQL server (a libpq URL) rather than a file."""
    return isinstance(target, str) and target.lower().startswith(URL_SCHEMES)


def libpq_url(url: str) -> str:
    """A server URL as libpq reads it: its scheme in lowercase. `is_server_url` takes
    `POSTGRESQL://` for one, and libpq, which knows only `postgresql://` and `postgres://`,
    called it "missing '=' ... in connection info string"."""
    scheme, sep, rest = url.partition("://")
    return scheme.lower() + sep + rest if is_server_url(url) else url


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
# The same as its writer meant it when the password holds a '/' written as it is (libpq
# ended the account at that '/'; `slash_in_password`): up to the last '@'.
_USERINFO_TO_LAST_AT = re.compile(r"(://[^:/@?#]*):(.*)@", re.S)


def _query_password(url: str) -> re.Pattern[str]:
    """`?password=...` as its writer meant it: up to the next of libpq's own parameters
    (`&sslmode=`), not to the first '&': libpq ends it there, and what follows ("&b" of
    "password=a&b", "&b=c" of "password=a&b=c") is the password's, never shown."""
    keys = r"[a-z_]+"
    if re.search(r"(?i)[?&]password=[^&]*&", url):
        try:
            from psycopg import pq

            keys = "|".join(o.keyword.decode() for o in pq.Conninfo.get_defaults()) + "|ssl"
        except Exception:  # no libpq here: every `&name=` is taken for one of its own
            pass
    return re.compile(rf"((?i:[?&]password=))(.*?)(?=&(?:{keys})=|$)", re.S)


def without_url_password(text: str) -> str:
    """`text` (a server URL) with the password written in it left out."""
    userinfo = _USERINFO_TO_LAST_AT if slash_in_password(text) else _USERINFO
    text = userinfo.sub(r"\1@", text, count=1)
    return _query_password(text).sub(r"\1***", text)


def url_problem(error: Exception, url: str) -> str:
    """libpq's words for a URL it cannot read, which quote what it could not (the whole
    URL, or the password itself for a bad %-escape in it: before the '@' or as
    `?password=`), without the password. A `?password=` followed by what libpq could not
    read ("&b") held an '&': asked for its %-escape, libpq's words would quote the rest."""
    if re.search(r"(?i)[?&]password=[^&]*&", url):
        return AMPERSAND_IN_PASSWORD
    found = _USERINFO.search(url)
    secrets = [found.group(2)] if found else []
    secrets += [m.group(2) for m in _query_password(url).finditer(url)]
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


def slash_in_password(url: str) -> bool:
    """Whether a server URL's password holds a '/' written as it is (`ann:s3c/ret@host`):
    libpq ends the account at the first '/', takes "ann" for the server, "s3c" for its
    port and the rest for the database (or for parameters after a '?'), which messages
    and the log then showed. Told by an '@' after the first '/' when the part before it
    has a ':' and no '@': before any '=' (not a `?user=me@corp`), or after a port that
    is not a number. Such a URL is refused before libpq reads it."""
    _, sep, rest = url.partition("://")
    hosts = re.sub(r"\[[^\]]*\]", "", rest.split("/", 1)[0])  # IPv6 [::1] holds ':'
    if not sep or "@" in hosts or ":" not in hosts or "@" not in rest:
        return False
    ports = re.fullmatch(r"[^:,]*(:\d*)?(,[^:,]*(:\d*)?)*", hosts)
    return ports is None or "=" not in rest[:rest.index("@")]


AT_IN_PASSWORD = ("Not a PostgreSQL connection URL: a password holding '@' is written "
                  "with %40 for each '@' (libpq ends the password at the first '@').")
SLASH_IN_PASSWORD = ("Not a PostgreSQL connection URL: a password holding '/' is written "
                     "with %2F for each '/' (libpq ends the account at the first '/').")
AMPERSAND_IN_PASSWORD = ("a ?password= holding '&' is written with %26 for each '&' "
                         "(libpq ends it at the first '&').")


def password_escape_problem(url: str) -> str | None:
    """Why a server URL's password cannot be read as its writer meant (an '@' or a '/'
    in it written as it is), asking for the %-escape; None when it can."""
    if unescaped_at_in_password(url):
        return AT_IN_PASSWORD
    return SLASH_IN_PASSWORD if slash_in_password(url) else None


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


class ServerRolledBack(StoreError):
    """The server began the work and gave it up, rolling it all back: cancelled (a time
    limit, its administrator), or short of room or memory. What it counts whether or not
    the work commits, as a verification's try, may have been counted."""


class FeedRefused(StoreError):
    """The server is there and signs the account in, but refused what hearing of other
    desks' changes needs: LISTEN, or a read of the change counter on the live feed's
    connection (a permission taken away, a server that takes no LISTEN, such as a standby
    or a pooler, an exchange it broke off). Not `ServerUnreachable`: the desk's own
    connection works, and the message gives the server's reason."""

    cause = Cause.REFUSED


def hosts_named(given: dict[str, str]) -> str:
    """The server(s) of libpq's parsed URL (`conninfo_to_dict`), for messages. libpq keeps a
    list of hosts (a standby beside the primary) and their ports as two lists, "db1,db2"
    and "5432,5433" (one port: every host's); each host is named with its own port, as the
    URL wrote it, not "db1,db2:5432,5433", which reads as db2 on a port "5432,5433"."""
    hosts = (given.get("host") or "localhost").split(",")
    ports = (given.get("port") or "").split(",")
    if len(ports) == 1:
        ports *= len(hosts)
    return ",".join(host + (f":{port}" if port else "")
                    for host, port in zip_longest(hosts, ports[:len(hosts)]))
