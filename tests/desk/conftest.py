"""The desk's use cases (declarations, accounts, live night state, find, audit trail), run
against real 2024 databases from the top conftest. The seats and figures they declare are in
helpers.seats; fast password hashing for accounts is helpers.accounts.FAST.

Tests taking `team` run on both stores (`desk_target`: a SQLite file and a PostgreSQL
server's election of a few 2024 seats, Hendon among them), each person at their own desk;
those on `nominations_store` / `night_store` / `night_db` need the whole 2024 election or an
open desk's free-typed names, which only a file has."""
