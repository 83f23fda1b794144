"""What the tests of every layer import: where things are (locations), the seats and figures
they declare (seats), running the command line (cli), fast accounts (accounts), checks on a
database file from outside (dbcheck), subprocess desks (crash_writer, desk_worker), stress
scaling (scale), the PostgreSQL fixtures (pg_*) and the clipping checks' texts (texts)."""
