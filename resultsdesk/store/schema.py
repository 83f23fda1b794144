"""The database schema as forward migrations; `PRAGMA user_version` says how many have run.

Never edit a migration that has shipped: add a new one. Each runs in its own transaction
together with the bump of user_version, so a crash leaves the file at one version or the next.
"""

from __future__ import annotations

# 'RDsk': marks a file as a ResultsDesk database (PRAGMA application_id).
APPLICATION_ID = 0x5244736B

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

MIGRATIONS: tuple[tuple[str, ...], ...] = (_V1, _V2, _V3, _V_ACCOUNTS)
SCHEMA_VERSION = len(MIGRATIONS)
