"""The desk's use cases (declarations, accounts, live night state, find, audit trail), run
against real 2024 databases from the top conftest. The seats and figures they declare are in
helpers.seats; fast password hashing for accounts is helpers.accounts.FAST."""
