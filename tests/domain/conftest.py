"""The domain's tests: pure rules on plain values, no database, no Qt, no files. They build
their values inline (or with hypothesis strategies in the test module): nothing to share here
yet, and a fixture that opened a database would not belong in this folder."""
