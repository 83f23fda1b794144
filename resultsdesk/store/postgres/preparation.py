"""Preparing a PostgreSQL database for ResultsDesk: its roles, schema, functions and grants.

`prepare(admin_url, name)` is idempotent: on an empty server it creates the database (if
missing), the election's roles and every migration; on a prepared one it applies only the
migrations it lacks and puts the grants back as they should be. It needs a connection as a
superuser, or as a role with CREATEROLE that owns the database (or has CREATEDB).

Roles are per database, named after it, so two elections on one server share nothing:

- `<db>_owner` (NOLOGIN) owns the schema `resultsdesk`, every table and function;
- `<db>_accounts` (NOLOGIN, CREATEROLE, a member of pg_signal_backend where the preparer
  may grant it) owns only the functions that create, alter and end the sessions of login
  roles, so no other function runs with the power to make roles or end sessions;
- `<db>_desk`, `<db>_editor`, `<db>_admin` (NOLOGIN groups): what an account may do.
  They can SELECT and EXECUTE what grants.sql lists, and write nothing directly.

Migrations are the numbered files in `sql/` (`NNN_name.sql`), each applied in its own
transaction with its row in `schema_version`, as the owner role.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from importlib import resources

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from ...domain.identity import character_prototypes, character_skeletons
from ..errors import StoreError
from ..server import hosts_named, libpq_url, password_escape_problem, url_problem
from .errors import explain_connect

log = logging.getLogger(__name__)
SCHEMA = "resultsdesk"
# What accounts read (migration 12): views of the tables that hold figures awaiting
# verification, first in the database's search_path so the app's SQL finds them by the
# tables' names.
VIEW_SCHEMA = "resultsdesk_view"
MAX_DATABASE_NAME = 63 - len("_accounts")  # role names are at most 63 bytes
_MIGRATION_FILE = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")
_PLACEHOLDER = re.compile(r"\{\{(owner|accounts|desk|editor|admin|database)\}\}")
IDLE_IN_TRANSACTION_TIMEOUT = "1min"  # a desk frozen mid-transaction cannot block the others


class PrepareError(StoreError):
    """The server or database cannot be prepared; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class RoleNames:
    owner: str
    accounts: str
    desk: str
    editor: str
    admin: str

    @classmethod
    def for_database(cls, database: str) -> RoleNames:
        if not database or len(database.encode()) > MAX_DATABASE_NAME:
            raise PrepareError(f"The database name must be 1 to {MAX_DATABASE_NAME} bytes long "
                               "(its roles are named after it).")
        return cls(*(f"{database}_{part}" for part in
                     ("owner", "accounts", "desk", "editor", "admin")))

    @property
    def groups(self) -> dict[str, str]:
        """Account role -> group role."""
        return {"desk": self.desk, "editor": self.editor, "admin": self.admin}


@dataclass(frozen=True, slots=True)
class PrepareReport:
    database: str
    roles: RoleNames
    created_database: bool
    version_before: int
    version_after: int

    def describe(self) -> str:
        if self.version_before == self.version_after:
            state = f"already at schema {self.version_after}; grants checked"
        elif self.version_before == 0:
            state = f"schema {self.version_after} created"
        else:
            state = f"upgraded from schema {self.version_before} to {self.version_after}"
        made = "created and " if self.created_database else ""
        return (f"Database {self.database} {made}prepared for ResultsDesk: {state}. Roles: "
                f"{self.roles.desk}, {self.roles.editor}, {self.roles.admin} "
                f"(owner {self.roles.owner}).")


def migrations() -> list[tuple[int, str, str]]:
    """(version, file name, SQL text) of every migration, in order; versions run 1, 2, ..."""
    folder = resources.files(__package__) / "sql"
    found = []
    for entry in folder.iterdir():
        match = _MIGRATION_FILE.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    if [v for v, _, _ in found] != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migration files are not numbered 1..N: {[n for _, n, _ in found]}")
    return found


SCHEMA_VERSION = len(migrations())


def _grants_sql() -> str:
    return (resources.files(__package__) / "sql" / "grants.sql").read_text(encoding="utf-8")


def render(text: str, roles: RoleNames, database: str) -> str:
    """The SQL with {{owner}}, {{desk}}, ... replaced by the quoted role names."""
    names = {"owner": roles.owner, "accounts": roles.accounts, "desk": roles.desk,
             "editor": roles.editor, "admin": roles.admin, "database": database}

    def quoted(match: re.Match[str]) -> str:
        return '"' + names[match.group(1)].replace('"', '""') + '"'

    return _PLACEHOLDER.sub(quoted, text)


def _database_of(admin_url: str) -> tuple[str, dict]:
    admin_url = libpq_url(admin_url)
    if escape := password_escape_problem(admin_url):
        raise PrepareError(escape)
    try:
        params = conninfo_to_dict(admin_url)
    except psycopg.ProgrammingError as exc:
        raise PrepareError(f"Not a PostgreSQL connection URL: {url_problem(exc, admin_url)}"
                           .strip()) from None
    database = params.get("dbname")
    if not database:
        raise PrepareError("Name the database in the URL: postgresql://user@host/DBNAME.")
    return database, params


def _connect(params: dict, **overrides: str) -> psycopg.Connection:
    given = {**params, **overrides}
    try:
        return psycopg.connect(make_conninfo(**given), autocommit=True)
    except psycopg.OperationalError as exc:
        # In the desk's words on one line, as a desk's own connection says it: libpq's
        # ("... failed: Connection refused\n\tIs the server running ...") reached the
        # terminal with its line breaks escaped.
        # The server and the election as the URL named them, though the first connection
        # is to the server's own database (to make the election's): "127.0.0.1/postgres"
        # named neither the port typed nor the election.
        where = f"{hosts_named(given)}/{params.get('dbname', '')}"
        raise PrepareError(str(explain_connect(exc, where))) from None


def role_mark(database: str, part: str) -> str:
    """The comment prepare() puts on each role it makes: what the role is, and for which
    database. A role of that name without it is somebody else's (see `_ensure_roles`)."""
    return f"ResultsDesk: the {part} role of database {database}"


def _ensure_roles(conn: psycopg.Connection, roles: RoleNames, database: str) -> None:
    """Create the election's roles if missing, each marked as ResultsDesk's for `database`
    (`role_mark`); refuse a name already taken by a role that is not.

    Why the mark: an election's admin makes accounts, and disabling one leaves a role that
    cannot log in. An admin of one election who made the account `ge2025_owner` and
    disabled it would, when the server's administrator later prepared `ge2025`, have been
    handed the new election's owner role (enabling the account again): every table, the
    audit log's triggers included. A role is taken as ours only with our mark, or, made by
    a ResultsDesk from before the mark, when the database already exists and that role's
    owner owns it (an election prepared before); then it is given the mark."""
    database_owner = conn.execute(
        "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = %s", (database,)
    ).fetchone()
    prepared_before = database_owner is not None and database_owner[0] == roles.owner
    superuser = conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = session_user"
                             ).fetchone()[0]
    wanted = [(roles.owner, "owner", "NOLOGIN"),
              (roles.accounts, "accounts", "NOLOGIN CREATEROLE"),
              (roles.desk, "desk", "NOLOGIN"), (roles.editor, "editor", "NOLOGIN"),
              (roles.admin, "admin", "NOLOGIN")]
    found = {}
    for name, part, _ in wanted:  # every name checked before any role is made
        row = conn.execute(
            "SELECT rolcanlogin, rolsuper, shobj_description(oid, 'pg_authid') FROM pg_roles "
            "WHERE rolname = %s", (name,)).fetchone()
        if row is None:
            continue
        can_login, is_superuser, found[name] = row
        if can_login or is_superuser:
            raise PrepareError(f"A role named {name} already exists on this server and can log "
                               "in (or is a superuser): it is not one of ResultsDesk's. Use "
                               "another database name, or rename that role.")
        has_password = superuser and conn.execute(
            "SELECT rolpassword IS NOT NULL FROM pg_authid WHERE rolname = %s", (name,)
        ).fetchone()[0]
        if has_password or (found[name] != role_mark(database, part) and not prepared_before):
            raise PrepareError(
                f"A role named {name} already exists on this server and ResultsDesk did not "
                f"make it for {database} (it may be an account somebody disabled): use "
                "another database name, or have the server's administrator look at that "
                "role and drop it.")
    for name, part, attributes in wanted:
        if name not in found:
            conn.execute(sql.SQL("CREATE ROLE {} " + attributes).format(sql.Identifier(name)))
        if found.get(name) != role_mark(database, part):
            _mark_role(conn, name, role_mark(database, part))
    # The accounts role adds members to the groups (PostgreSQL 16 and later want ADMIN
    # OPTION for that even with CREATEROLE).
    for group in roles.groups.values():
        conn.execute(sql.SQL("GRANT {} TO {} WITH ADMIN OPTION").format(
            sql.Identifier(group), sql.Identifier(roles.accounts)))
    _let_accounts_end_sessions(conn, roles)
    superuser = conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = session_user"
                             ).fetchone()[0]
    if not superuser:  # the preparer must be able to SET ROLE to run migrations as them
        for name in (roles.owner, roles.accounts):
            conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(name),
                                                         sql.SQL("session_user")))


def _mark_role(conn: psycopg.Connection, name: str, mark: str) -> None:
    """COMMENT ON ROLE, where the preparer may (PostgreSQL 16 and later want ADMIN OPTION on
    the role: one made by a superuser is left unmarked for a preparer without it, and taken
    as ours while its database's owner is its owner role)."""
    try:
        with conn.transaction():
            conn.execute(sql.SQL("COMMENT ON ROLE {} IS {}").format(sql.Identifier(name),
                                                                   sql.Literal(mark)))
    except psycopg.errors.InsufficientPrivilege as exc:
        log.warning("cannot mark role %s as ResultsDesk's (%s)", name,
                    exc.diag.message_primary)


def _let_accounts_end_sessions(conn: psycopg.Connection, roles: RoleNames) -> None:
    """pg_signal_backend for the accounts role, so that disabling an account, or changing
    its password, ends its open sessions (migration 20's rd_end_sessions and 65's
    rd_end_password_sessions, the only functions that use it). No account is a member of
    the accounts role, so none gains anything. A preparer who may not grant it (not a
    superuser, on PostgreSQL 16 or later, without ADMIN on pg_signal_backend) prepares all
    the same: a disabled account's sessions then end when its desks next refresh or close,
    not at once, and those signed in before a password change go on until they close
    (README, "Team desk")."""
    try:
        with conn.transaction():
            conn.execute(sql.SQL("GRANT pg_signal_backend TO {}").format(
                sql.Identifier(roles.accounts)))
    except psycopg.errors.InsufficientPrivilege as exc:
        log.warning("cannot grant pg_signal_backend to %s (%s): disabling an account, or "
                    "changing its password, will not end its open sessions", roles.accounts,
                    exc.diag.message_primary)


def _ensure_database(conn: psycopg.Connection, database: str, roles: RoleNames) -> bool:
    """Create the database if missing (UTF-8, C collation: names sort by code point, as in
    SQLite); returns whether it was created."""
    row = conn.execute("SELECT pg_encoding_to_char(encoding) FROM pg_database "
                       "WHERE datname = %s", (database,)).fetchone()
    if row is not None:
        if row[0] != "UTF8":
            raise PrepareError(f"Database {database} uses the {row[0]} encoding; ResultsDesk "
                               "needs UTF8. Create it with ENCODING 'UTF8'.")
        return False
    try:
        conn.execute(sql.SQL("CREATE DATABASE {} OWNER {} TEMPLATE template0 ENCODING 'UTF8' "
                             "LOCALE 'C'").format(sql.Identifier(database),
                                                  sql.Identifier(roles.owner)))
    except psycopg.errors.InsufficientPrivilege:
        raise PrepareError(f"Database {database} does not exist and this account cannot "
                           "create it: ask the server's administrator to create it.") from None
    return True


def _database_settings(conn: psycopg.Connection, database: str, roles: RoleNames) -> None:
    db = sql.Identifier(database)
    groups = sql.SQL(", ").join(sql.Identifier(g) for g in roles.groups.values())
    for statement in (
        "REVOKE ALL ON DATABASE {db} FROM PUBLIC",
        "GRANT CONNECT ON DATABASE {db} TO {groups}",
        "GRANT CONNECT, CREATE ON DATABASE {db} TO {owner}",
        "REVOKE ALL ON SCHEMA public FROM PUBLIC",
        f"ALTER DATABASE {{db}} SET search_path = {VIEW_SCHEMA}, {SCHEMA}, public",
        "ALTER DATABASE {db} SET idle_in_transaction_session_timeout = "
        f"'{IDLE_IN_TRANSACTION_TIMEOUT}'",
    ):
        conn.execute(sql.SQL(statement).format(db=db, groups=groups,
                                               owner=sql.Identifier(roles.owner)))
    _no_large_objects(conn, database)


# What makes a large object (PostgreSQL lets any role that can connect make them, as big as
# the disk): ResultsDesk keeps none, and an account with psql access filled the server's disk
# with them (`SELECT lo_from_bytea(0, ...)` in a loop), which no trigger of ours can refuse.
LARGE_OBJECT_MAKERS = ("lo_create(oid)", "lo_creat(integer)", "lo_from_bytea(oid, bytea)",
                       "lo_import(text)", "lo_import(text, oid)")


def _no_large_objects(conn: psycopg.Connection, database: str) -> None:
    """Nobody but a superuser makes large objects in this database. The functions are the
    system's (pg_catalog), so only a superuser may revoke them: a preparer who is not one is
    warned, and the server's administrator can do it (README of the store)."""
    superuser = conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = session_user"
                             ).fetchone()[0]
    if not superuser:
        log.warning("not a superuser, so cannot stop accounts of %s making large objects: "
                    "ask the server's administrator to REVOKE EXECUTE ON FUNCTION %s FROM "
                    "PUBLIC in it", database, ", ".join(LARGE_OBJECT_MAKERS))
        return
    conn.execute(f"REVOKE EXECUTE ON FUNCTION {', '.join(LARGE_OBJECT_MAKERS)} FROM PUBLIC")


def schema_version(conn: psycopg.Connection) -> int:
    """The newest migration applied to the connected database (0: not prepared)."""
    if conn.execute("SELECT to_regclass('resultsdesk.schema_version')").fetchone()[0] is None:
        return 0
    return conn.execute("SELECT coalesce(max(version), 0) FROM resultsdesk.schema_version"
                        ).fetchone()[0]


def _migrate(conn: psycopg.Connection, roles: RoleNames, database: str) -> tuple[int, int]:
    before = schema_version(conn)
    known = migrations()
    if before > len(known):
        raise PrepareError(f"Database {database} is at schema {before}, written by a newer "
                           f"ResultsDesk; this one knows up to {len(known)}. Upgrade it.")
    for version, name, text in known[before:]:
        with conn.transaction():
            conn.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(roles.owner)))
            conn.execute("SET LOCAL lock_timeout = 0")
            try:
                conn.execute(render(text, roles, database))
            except psycopg.errors.InsufficientPrivilege as exc:
                raise PrepareError(f"Migration {name} needs more rights than this account "
                                   f"has ({exc.diag.message_primary}): run it as a superuser "
                                   "or the database's owner.") from None
            conn.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(roles.owner)))
            conn.execute("INSERT INTO resultsdesk.schema_version (version, applied_at, "
                         "applied_by) VALUES (%s, to_char(now() AT TIME ZONE 'UTC', "
                         "'YYYY-MM-DD\"T\"HH24:MI:SS') || '+00:00', session_user)",
                         (version,))
    return before, len(known)


# The tables of characters' name data prepare() keeps as this ResultsDesk's Unicode data has
# them: table -> (its columns, the rows). Migration 13's skeletons (folded first) and
# migration 14's prototypes (mapped before case is folded; of NFD-stable characters since
# migration 15).
def _name_tables() -> dict[str, tuple[tuple[str, ...], tuple[tuple, ...]]]:
    return {"name_skeletons": (("ch", "skeleton", "refused"), character_skeletons()),
            "name_prototypes": (("ch", "prototype"), character_prototypes())}


def _fill_name_tables(conn: psycopg.Connection, roles: RoleNames) -> None:
    """Migrations 13 and 14's tables of characters' skeletons and prototypes, as this
    ResultsDesk's Unicode data has them (domain/identity), each written again only when it
    differs: the server compares account names with them as the desk does."""
    for table, (columns, rows) in _name_tables().items():
        with conn.transaction():
            if conn.execute("SELECT to_regclass(%s)", (f"{SCHEMA}.{table}",)).fetchone()[0] \
                    is None:
                continue  # a database short of its migration (only while it is upgraded)
            digest = hashlib.md5("\n".join("\t".join(_text(v) for v in row) for row in rows)
                                 .encode(), usedforsecurity=False).hexdigest()
            fields = sql.SQL(" || E'\\t' || ").join(
                sql.SQL("CASE WHEN {0} THEN 't' ELSE 'f' END").format(sql.Identifier(c))
                if c == "refused" else sql.Identifier(c) for c in columns)
            stored = conn.execute(sql.SQL(
                "SELECT md5(coalesce(string_agg({}, E'\\n' ORDER BY ch COLLATE \"C\"), ''))"
                " FROM {}.{}").format(fields, sql.Identifier(SCHEMA), sql.Identifier(table))
            ).fetchone()[0]
            if stored == digest:
                continue
            conn.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(roles.owner)))
            target = sql.SQL("{}.{}").format(sql.Identifier(SCHEMA), sql.Identifier(table))
            conn.execute(sql.SQL("DELETE FROM {}").format(target))
            with conn.cursor().copy(sql.SQL("COPY {} ({}) FROM STDIN").format(
                    target, sql.SQL(", ").join(map(sql.Identifier, columns)))) as copy:
                for row in rows:
                    copy.write_row(row)


def _text(value: str | bool) -> str:
    """A value as the digest query writes it (booleans as PostgreSQL's 't' / 'f')."""
    if isinstance(value, bool):
        return "t" if value else "f"
    return value


# A database with no election yet needs its name (nothing is made before this is said).
_UNNAMED = ("Database {database} has no election yet: give it a name (resultsdesk init --db "
            "URL --name NAME).")


def _seed(conn: psycopg.Connection, roles: RoleNames, name: str | None,
          database: str) -> None:
    """The roles' names for the functions to read, and the election with its first audit
    entry (only when there is none yet: a second prepare renames nothing)."""
    with conn.transaction():
        conn.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(roles.owner)))
        conn.execute(
            "INSERT INTO resultsdesk.server_roles (id, owner_role, accounts_role, desk_role, "
            "editor_role, admin_role) VALUES (1, %s, %s, %s, %s, %s) ON CONFLICT (id) DO "
            "UPDATE SET owner_role = excluded.owner_role, accounts_role = "
            "excluded.accounts_role, desk_role = excluded.desk_role, editor_role = "
            "excluded.editor_role, admin_role = excluded.admin_role",
            (roles.owner, roles.accounts, roles.desk, roles.editor, roles.admin))
        exists = conn.execute("SELECT 1 FROM resultsdesk.election WHERE id = 1").fetchone()
        if exists is None:
            if name is None:  # (a database made by hand, prepared for the first time)
                raise PrepareError(_UNNAMED.format(database=database))
            conn.execute("SELECT resultsdesk.rd_lock()")
            conn.execute("INSERT INTO resultsdesk.election (id, name, created_at) "
                         "VALUES (1, %s, resultsdesk.rd_now())", (name,))
            conn.execute("SELECT resultsdesk.rd_audit('create election', 'election', %s, "
                         "'{}'::jsonb)", (name,))


def prepare(admin_url: str, name: str | None, *,
            password: str | None = None) -> PrepareReport:
    """Make the database at `admin_url` (a superuser's or database owner's connection) ready
    for an election called `name`: roles, schema, functions, grants. Safe to run again.
    `name` None: an upgrade of a database that has its election (run again after upgrading
    ResultsDesk, README), which never renames it. `password`, when given, is the
    administrator's (else libpq's PGPASSWORD, ~/.pgpass)."""
    if name is not None and not name.strip():
        raise PrepareError("Give the election a name.")
    database, params = _database_of(admin_url)
    if password is not None:
        params["password"] = password
    roles = RoleNames.for_database(database)
    with _connect(params, dbname="postgres") as server:
        if name is None and server.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                           (database,)).fetchone() is None:
            raise PrepareError(_UNNAMED.format(database=database))
        _ensure_roles(server, roles, database)
        created = _ensure_database(server, database, roles)
    with _connect(params) as conn:
        _database_settings(conn, database, roles)
        before, after = _migrate(conn, roles, database)
        with conn.transaction():
            conn.execute(render(_grants_sql(), roles, database))
        _fill_name_tables(conn, roles)
        _seed(conn, roles, name.strip() if name is not None else None, database)
    return PrepareReport(database, roles, created, before, after)
