"""What the tests of every layer import: where things are (locations), the seats and figures
they declare (seats), seat results for the counting rules (seat_results), what a desk action
leaves behind (desk_state), running the command line (cli) and its declaration commands
(cli_declarations), fast accounts (accounts), checks on a database file from outside
(dbcheck), broken files and the attempts to import them (hostile_files), subprocess desks
(crash_writer, desk_worker), stress scaling (scale), the PostgreSQL fixtures (pg_*) and the
clipping checks' texts (texts)."""
