"""The database schema as forward migrations; `PRAGMA user_version` says how many have run.

Never edit a migration that has shipped: add a new one. An upgrade runs every migration a
file lacks, each with the bump of user_version, in one transaction (`Store._migrate`), so a
crash leaves the file at its old version, which its release still opens, or at the new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from ..domain.audit_chain import GENESIS_HASH
from .audit_chain import chain_existing_entries
from .schema_version import APPLICATION_ID, SCHEMA_VERSION

# A migration step: an SQL statement, or Python for what statements alone cannot do (it runs
# on the connection, inside the migration's transaction).
Step = str | Callable[[sqlite3.Connection], None]

_V1 = (
    """CREATE TABLE election (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE parties (
        id INTEGER PRIMARY KEY,
        abbreviation TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        mnis_id INTEGER,
        colour TEXT NOT NULL,
        political_order INTEGER NOT NULL DEFAULT 0
    )""",
    # A party can have several MNIS ids (Green: England & Wales, Scotland, NI).
    """CREATE TABLE party_mnis_ids (
        mnis_id INTEGER PRIMARY KEY,
        party_id INTEGER NOT NULL REFERENCES parties(id)
    )""",
    """CREATE TABLE constituencies (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        nation TEXT NOT NULL,
        region TEXT NOT NULL,
        county TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL DEFAULT '',
        electorate INTEGER CHECK (electorate IS NULL OR electorate >= 0)
    )""",
    """CREATE TABLE candidates (
        id INTEGER PRIMARY KEY,
        constituency_id INTEGER NOT NULL REFERENCES constituencies(id),
        party_id INTEGER NOT NULL REFERENCES parties(id),
        party_name TEXT NOT NULL DEFAULT '',
        first_name TEXT NOT NULL,
        surname TEXT NOT NULL,
        gender TEXT NOT NULL DEFAULT '',
        sitting_mp INTEGER NOT NULL DEFAULT 0,
        former_mp INTEGER NOT NULL DEFAULT 0,
        member_mnis_id INTEGER,
        dc_person_id INTEGER,
        ballot_order INTEGER NOT NULL,
        colour TEXT,
        UNIQUE (constituency_id, ballot_order)
    )""",
    "CREATE INDEX candidates_by_constituency ON candidates(constituency_id)",
    # Every save is a new row: versions are never overwritten, so history is complete.
    """CREATE TABLE declarations (
        id INTEGER PRIMARY KEY,
        constituency_id INTEGER NOT NULL REFERENCES constituencies(id),
        version INTEGER NOT NULL CHECK (version >= 1),
        status TEXT NOT NULL
            CHECK (status IN ('provisional', 'verified', 'rejected', 'withdrawn', 'superseded')),
        count_number INTEGER NOT NULL DEFAULT 0 CHECK (count_number >= 0),
        electorate INTEGER CHECK (electorate IS NULL OR electorate >= 0),
        invalid_votes INTEGER CHECK (invalid_votes IS NULL OR invalid_votes >= 0),
        total_as_read INTEGER CHECK (total_as_read IS NULL OR total_as_read >= 0),
        declared_at TEXT,
        entered_by TEXT NOT NULL,
        entered_at TEXT NOT NULL,
        verified_by TEXT,
        verified_at TEXT,
        source TEXT NOT NULL DEFAULT 'desk' CHECK (source IN ('desk', 'import', 'cli')),
        reason TEXT,
        note TEXT,
        tie_winner_candidate_id INTEGER REFERENCES candidates(id),
        UNIQUE (constituency_id, version)
    )""",
    "CREATE INDEX declarations_by_status ON declarations(constituency_id, status, version)",
    """CREATE TABLE declaration_votes (
        declaration_id INTEGER NOT NULL REFERENCES declarations(id),
        candidate_id INTEGER NOT NULL REFERENCES candidates(id),
        votes INTEGER NOT NULL CHECK (votes >= 0),
        PRIMARY KEY (declaration_id, candidate_id)
    ) WITHOUT ROWID""",
    """CREATE TABLE baseline (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL,
        imported_at TEXT NOT NULL
    )""",
    """CREATE TABLE baseline_votes (
        id INTEGER PRIMARY KEY,
        constituency_id INTEGER NOT NULL REFERENCES constituencies(id),
        party_id INTEGER NOT NULL REFERENCES parties(id),
        candidate TEXT NOT NULL DEFAULT '',
        votes INTEGER NOT NULL CHECK (votes >= 0)
    )""",
    "CREATE INDEX baseline_by_constituency ON baseline_votes(constituency_id)",
    """CREATE TABLE baseline_seats (
        constituency_id INTEGER PRIMARY KEY REFERENCES constituencies(id),
        electorate INTEGER
    )""",
    """CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        user TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_key TEXT NOT NULL DEFAULT '',
        details TEXT NOT NULL DEFAULT '{}'
    )""",
    """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
    """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
    # The declaration that counts for a seat: its latest verified version.
    """CREATE VIEW verified_declarations AS
       SELECT d.* FROM declarations d
       WHERE d.status = 'verified' AND d.version = (
           SELECT MAX(v.version) FROM declarations v
           WHERE v.constituency_id = d.constituency_id AND v.status = 'verified')""",
    # What the desk sees with provisional figures shown: the latest provisional or verified one.
    """CREATE VIEW latest_declarations AS
       SELECT d.* FROM declarations d
       WHERE d.status IN ('provisional', 'verified') AND d.version = (
           SELECT MAX(v.version) FROM declarations v
           WHERE v.constituency_id = d.constituency_id
             AND v.status IN ('provisional', 'verified'))""",
)

# Declarations workflow: recounts, corrections, overrides, what views show.
_V2 = (
    "ALTER TABLE constituencies ADD COLUMN recount_under_way INTEGER NOT NULL DEFAULT 0",
    # 0 = first count; each recount the desk marks adds one. New declarations take this number.
    "ALTER TABLE constituencies ADD COLUMN current_count INTEGER NOT NULL DEFAULT 0",
    """ALTER TABLE declarations ADD COLUMN kind TEXT NOT NULL DEFAULT 'declaration'
       CHECK (kind IN ('declaration', 'correction', 'lot'))""",
    "ALTER TABLE declarations ADD COLUMN overrides TEXT NOT NULL DEFAULT '[]'",
    "ALTER TABLE declarations ADD COLUMN verification_mode TEXT",
    "DROP VIEW latest_declarations",
    # What every view shows: the latest verified version; failing that, the latest provisional.
    # A correction awaiting verification therefore never replaces figures already on air.
    """CREATE VIEW latest_declarations AS
       SELECT d.* FROM declarations d
       WHERE d.id = (
           SELECT v.id FROM declarations v
           WHERE v.constituency_id = d.constituency_id
             AND v.status IN ('provisional', 'verified')
           ORDER BY v.status = 'verified' DESC, v.version DESC LIMIT 1)""",
    "CREATE INDEX declarations_pending ON declarations(status, entered_at)",
)

# Change tracking, so live views reload only the seats that changed since they last looked.
_V3 = (
    "CREATE TABLE change_counter (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL)",
    "INSERT INTO change_counter (id, seq) VALUES (1, 0)",
    "ALTER TABLE constituencies ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0",
    "CREATE INDEX constituencies_by_change ON constituencies(change_seq)",
    """CREATE TRIGGER declarations_inserted AFTER INSERT ON declarations BEGIN
           UPDATE change_counter SET seq = seq + 1 WHERE id = 1;
           UPDATE constituencies SET change_seq = (SELECT seq FROM change_counter WHERE id = 1)
           WHERE id = NEW.constituency_id;
       END""",
    """CREATE TRIGGER declarations_updated AFTER UPDATE ON declarations BEGIN
           UPDATE change_counter SET seq = seq + 1 WHERE id = 1;
           UPDATE constituencies SET change_seq = (SELECT seq FROM change_counter WHERE id = 1)
           WHERE id = NEW.constituency_id;
       END""",
    """CREATE TRIGGER constituency_state_changed
       AFTER UPDATE OF recount_under_way, current_count, electorate ON constituencies BEGIN
           UPDATE change_counter SET seq = seq + 1 WHERE id = 1;
           UPDATE constituencies SET change_seq = (SELECT seq FROM change_counter WHERE id = 1)
           WHERE id = NEW.id;
       END""",
    # Parties' colours, names and order change what every chart shows.
    "ALTER TABLE parties ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0",
    """CREATE TRIGGER parties_changed AFTER UPDATE OF colour, name, political_order ON parties
       BEGIN
           UPDATE change_counter SET seq = seq + 1 WHERE id = 1;
           UPDATE parties SET change_seq = (SELECT seq FROM change_counter WHERE id = 1)
           WHERE id = NEW.id;
       END""",
)

_APPEND_ONLY = "SELECT RAISE(ABORT, 'the audit log is append-only')"
_FIGURES_FIXED = ("SELECT RAISE(ABORT, 'declared figures are never changed or removed: "
                  "save a new version')")
_NOT_CHAINED = ("SELECT RAISE(ABORT, 'the audit log is append-only: an entry joins the end of "
                "its hash chain, written through ResultsDesk')")
_NOT_FORWARD = ("SELECT RAISE(ABORT, 'a declaration''s status only moves forward: provisional "
                "to verified, rejected, withdrawn or superseded; verified to superseded')")

# The tamper-evident record: the audit log becomes a hash chain (`domain.audit_chain`), and
# declared figures can only ever be added to, their status moving only forward.
_V4 = (
    "DROP TRIGGER audit_log_no_update",  # back below, once the existing entries are chained
    "ALTER TABLE audit_log ADD COLUMN prev_hash TEXT",
    "ALTER TABLE audit_log ADD COLUMN hash TEXT",
    chain_existing_entries,
    f"CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN {_APPEND_ONLY}; END",
    # REPLACE deletes the old row without firing DELETE triggers (unless recursive_triggers
    # is on): an insert over an existing id is refused before it gets that far.
    f"""CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
       WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id) BEGIN {_APPEND_ONLY}; END""",
    # An entry must link to the newest one: nothing is appended outside the chain.
    f"""CREATE TRIGGER audit_log_chained BEFORE INSERT ON audit_log
       WHEN NEW.hash IS NULL
         OR NEW.id <= coalesce((SELECT max(id) FROM audit_log), 0)
         OR NEW.prev_hash IS NOT coalesce(
             (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '{GENESIS_HASH}')
       BEGIN {_NOT_CHAINED}; END""",
    f"""CREATE TRIGGER declarations_no_delete BEFORE DELETE ON declarations
       BEGIN {_FIGURES_FIXED}; END""",
    f"""CREATE TRIGGER declaration_votes_no_delete BEFORE DELETE ON declaration_votes
       BEGIN {_FIGURES_FIXED}; END""",
    f"""CREATE TRIGGER declaration_votes_no_update BEFORE UPDATE ON declaration_votes
       BEGIN {_FIGURES_FIXED}; END""",
    f"""CREATE TRIGGER declarations_no_replace BEFORE INSERT ON declarations
       WHEN EXISTS (SELECT 1 FROM declarations WHERE id = NEW.id)
         OR EXISTS (SELECT 1 FROM declarations
                    WHERE constituency_id = NEW.constituency_id AND version = NEW.version)
       BEGIN {_FIGURES_FIXED}; END""",
    f"""CREATE TRIGGER declaration_votes_no_replace BEFORE INSERT ON declaration_votes
       WHEN EXISTS (SELECT 1 FROM declaration_votes WHERE declaration_id = NEW.declaration_id
                    AND candidate_id = NEW.candidate_id)
       BEGIN {_FIGURES_FIXED}; END""",
    # Only the workflow columns (status, verified_by, verified_at, verification_mode, note)
    # ever change; everything a version said when it was saved stays as saved.
    f"""CREATE TRIGGER declarations_figures_fixed BEFORE UPDATE ON declarations
       WHEN NEW.id IS NOT OLD.id OR NEW.constituency_id IS NOT OLD.constituency_id
         OR NEW.version IS NOT OLD.version OR NEW.count_number IS NOT OLD.count_number
         OR NEW.electorate IS NOT OLD.electorate OR NEW.invalid_votes IS NOT OLD.invalid_votes
         OR NEW.total_as_read IS NOT OLD.total_as_read
         OR NEW.declared_at IS NOT OLD.declared_at OR NEW.entered_by IS NOT OLD.entered_by
         OR NEW.entered_at IS NOT OLD.entered_at OR NEW.source IS NOT OLD.source
         OR NEW.reason IS NOT OLD.reason
         OR NEW.tie_winner_candidate_id IS NOT OLD.tie_winner_candidate_id
         OR NEW.kind IS NOT OLD.kind OR NEW.overrides IS NOT OLD.overrides
       BEGIN {_FIGURES_FIXED}; END""",
    # Status moves forward only: provisional to verified (saying who and when), rejected,
    # withdrawn or superseded; verified to superseded, keeping who verified it.
    f"""CREATE TRIGGER declarations_status_forward BEFORE UPDATE ON declarations
       WHEN (NEW.status IS NOT OLD.status OR NEW.verified_by IS NOT OLD.verified_by
             OR NEW.verified_at IS NOT OLD.verified_at OR NEW.note IS NOT OLD.note
             OR NEW.verification_mode IS NOT OLD.verification_mode)
       AND NOT (
           (OLD.status = 'provisional' AND NEW.status = 'verified'
            AND NEW.verified_by IS NOT NULL AND NEW.verified_at IS NOT NULL)
           OR (OLD.status = 'provisional'
               AND NEW.status IN ('rejected', 'withdrawn', 'superseded')
               AND NEW.verified_by IS NULL AND NEW.verified_at IS NULL
               AND NEW.verification_mode IS NULL)
           OR (OLD.status = 'verified' AND NEW.status = 'superseded'
               AND NEW.verified_by IS OLD.verified_by AND NEW.verified_at IS OLD.verified_at
               AND NEW.verification_mode IS OLD.verification_mode AND NEW.note IS OLD.note))
       BEGIN {_NOT_FORWARD}; END""",
)

# Desk accounts: who may sign in, in which role. A database with no account is an open desk.
# Names are unique by their normalised key and by their confusable skeleton
# (domain/identity.py), so no account can pass for another. The password is kept only as a
# scrypt hash, with its own random salt and the cost parameters it was made with.
_V_ACCOUNTS = (
    """CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
        name_key TEXT NOT NULL UNIQUE,
        skeleton TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('desk', 'editor', 'admin')),
        kdf TEXT NOT NULL CHECK (kdf = 'scrypt'),
        kdf_n INTEGER NOT NULL CHECK (kdf_n > 1),
        kdf_r INTEGER NOT NULL CHECK (kdf_r > 0),
        kdf_p INTEGER NOT NULL CHECK (kdf_p > 0),
        salt BLOB NOT NULL CHECK (length(salt) >= 16),
        password_hash BLOB NOT NULL CHECK (length(password_hash) >= 32),
        disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        changed_at TEXT
    )""",
)

_KIND_FIXED = ("SELECT RAISE(ABORT, 'an election is live or a rehearsal for its whole life: "
               "a live database never becomes a rehearsal, nor a rehearsal live')")

# Rehearsals: an election is live or a rehearsal from its creation to its end (set once,
# refused any change, so a live night can never be turned into a rehearsal or back), and a
# rehearsal keeps the night it replays, where the replay has got to and its clock, so
# stopping, resuming or a killed process loses nothing (desk/rehearsal.py).
_V_REHEARSAL = (
    """ALTER TABLE election ADD COLUMN kind TEXT NOT NULL DEFAULT 'live'
       CHECK (kind IN ('live', 'rehearsal'))""",
    f"""CREATE TRIGGER election_kind_fixed BEFORE UPDATE OF kind ON election
       WHEN NEW.kind IS NOT OLD.kind BEGIN {_KIND_FIXED}; END""",
    f"CREATE TRIGGER election_no_delete BEFORE DELETE ON election BEGIN {_KIND_FIXED}; END",
    # Also INSERT OR REPLACE over the row (which deletes without firing the DELETE trigger),
    # and a rehearsal declared over a database that already holds an election's data.
    f"""CREATE TRIGGER election_kind_at_creation BEFORE INSERT ON election
       WHEN EXISTS (SELECT 1 FROM election WHERE kind IS NOT NEW.kind)
         OR (NEW.kind = 'rehearsal' AND (EXISTS (SELECT 1 FROM constituencies)
                                         OR EXISTS (SELECT 1 FROM declarations)))
       BEGIN {_KIND_FIXED}; END""",
    # The replay: its mode and speed, the clock (night time = anchor_night + (wall time -
    # anchor_wall) x speed while running), what is due when.
    """CREATE TABLE rehearsal (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        mode TEXT NOT NULL CHECK (mode IN ('watch', 'practise')),
        speed REAL NOT NULL CHECK (speed > 0),
        results_file TEXT NOT NULL,
        constituencies_file TEXT NOT NULL,
        night_until TEXT,
        state TEXT NOT NULL DEFAULT 'ready'
            CHECK (state IN ('ready', 'running', 'paused', 'stopped', 'finished')),
        anchor_night TEXT NOT NULL,
        anchor_wall TEXT,
        created_at TEXT NOT NULL
    )""",
    # The source declarations, in delivery order (by time, then the file's order), and
    # when each was delivered: as a verified result (watch) or a read-out (practise).
    """CREATE TABLE rehearsal_seats (
        position INTEGER PRIMARY KEY CHECK (position >= 1),
        constituency_id INTEGER NOT NULL UNIQUE REFERENCES constituencies(id),
        declared_at TEXT NOT NULL,
        electorate INTEGER,
        invalid_votes INTEGER,
        overrides TEXT NOT NULL DEFAULT '[]',
        delivered_at TEXT,
        shown_at TEXT,
        declaration_id INTEGER REFERENCES declarations(id)
    )""",
    """CREATE TABLE rehearsal_votes (
        position INTEGER NOT NULL REFERENCES rehearsal_seats(position),
        candidate_id INTEGER NOT NULL REFERENCES candidates(id),
        votes INTEGER NOT NULL CHECK (votes >= 0),
        PRIMARY KEY (position, candidate_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX rehearsal_seats_due ON rehearsal_seats(delivered_at, position)",
)

# What an insert pays for, and nothing it does not need (a bulk import inserts 15,000 rows):
# - candidates_by_constituency indexed what UNIQUE (constituency_id, ballot_order) already
#   does (its automatic index leads with constituency_id, and every query on a seat's
#   candidates wants them in ballot order): a second b-tree written per candidate for nothing.
# - audit_log_no_replace refused an insert over an existing id, which audit_log_chained
#   already refuses (an entry's id must be above every id in the log, so no row holds it);
#   a REPLACE over an entry still meets that trigger, with the append-only message.
_V_LEANER_INSERTS = (
    "DROP INDEX candidates_by_constituency",
    "DROP TRIGGER audit_log_no_replace",
)

# Who holds a rehearsal's clock: every window open on it and the `rehearse` command, each
# seen at its last beat (desk/rehearsal_holders.py). A window closing hands the clock to
# the others still holding it rather than stopping it for them; only the last one's
# closing stops it. Not audited: holding changes no figure and no clock.
_V_REHEARSAL_HOLDERS = (
    # AUTOINCREMENT: a holder's id is never given to another (a holder dropped as lost,
    # then back, takes its own id again)
    """CREATE TABLE rehearsal_holders (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('window', 'command')),
        name TEXT NOT NULL,
        since TEXT NOT NULL,
        seen_at TEXT NOT NULL
    )""",
)

# Where each holder runs (`host`: the computer, as desk/processes.this_host names it) and
# its process id: a holder killed outright on the same computer is gone at once, its
# process no longer there, rather than holding the clock for a minute more. NULL in rows
# written before, and a holder elsewhere, keep the minute's rule.
_V_HOLDER_PROCESSES = (
    "ALTER TABLE rehearsal_holders ADD COLUMN host TEXT",
    "ALTER TABLE rehearsal_holders ADD COLUMN pid INTEGER",
)

# A person's failed re-keys of a seat's version are counted before each try of theirs
# (desk/rekeys.py: three, then another person verifies): found by an index of the misses
# alone, a handful of rows, rather than by reading a night's audit log at every try.
_V_REKEY_MISSES = (
    "CREATE INDEX audit_log_rekey_misses ON audit_log(entity_key) "
    "WHERE action = 'verify mismatch'",
)

# A seat is found by its code or by its name in any case (store/declarations
# .find_constituency: every entry, verification and history opens its seat so): by an
# index of each, as the server's schema has had from the start (constituencies_by_name),
# rather than by lowering every seat's name: ~16 ms a lookup at 50,000 seats, ~5 µs now.
_V_NAMES_BY_CASE = (
    "CREATE INDEX constituencies_by_name ON constituencies(lower(name))",
)

# A seat's audit trail (its History, `resultsdesk history`) is found by an index of the
# entries' seat, as the server's schema has had from the start (audit_log_by_key), rather
# than by reading every entry of the night: ~75,000 steps of SQLite's for one seat's
# dozen entries at 50,000 seats, where one seat's own are read now, whatever the night.
_V_AUDIT_BY_KEY = (
    "CREATE INDEX audit_log_by_key ON audit_log(entity_key)",
)

# Each candidate's own party ids, as their file gave them, for the results export to give
# back: the MNIS party id (a party holds several: the Scottish Greens' 1057 was exported as
# the Greens' 44) and the Electoral Commission's register numbers, which were never kept.
# NULL and "" in rows written before: the export gives the party's MNIS id there, as it did.
_V_CANDIDATE_PARTY_IDS = (
    "ALTER TABLE candidates ADD COLUMN party_mnis_id INTEGER",
    "ALTER TABLE candidates ADD COLUMN ec_party_id TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE candidates ADD COLUMN ec_adjunct_party_id TEXT NOT NULL DEFAULT ''",
)

MIGRATIONS: tuple[tuple[Step, ...], ...] = (_V1, _V2, _V3, _V4, _V_ACCOUNTS, _V_REHEARSAL,
                                            _V_LEANER_INSERTS, _V_REHEARSAL_HOLDERS,
                                            _V_HOLDER_PROCESSES, _V_REKEY_MISSES,
                                            _V_NAMES_BY_CASE, _V_AUDIT_BY_KEY,
                                            _V_CANDIDATE_PARTY_IDS)
if len(MIGRATIONS) != SCHEMA_VERSION:  # a new migration also raises schema_version's number
    raise ImportError(f"schema_version.SCHEMA_VERSION is {SCHEMA_VERSION} but there are "
                      f"{len(MIGRATIONS)} migrations")

__all__ = ["APPLICATION_ID", "MIGRATIONS", "SCHEMA_VERSION", "Step", "run_step"]


def run_step(conn: sqlite3.Connection, step: Step) -> None:
    """One step of a migration: execute a statement, or call a Python step."""
    if callable(step):
        step(conn)
    else:
        conn.execute(step)
