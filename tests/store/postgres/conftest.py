"""The PostgreSQL store's tests. The throw-away server cluster and the prepared election are
fixtures of the top conftest: the desk, CLI, UI and reliability tests run on a server too."""
