"""The domain's tests: pure rules on plain values, no database, no Qt, no files. They build
their values inline (seat results with helpers.seat_results, or hypothesis strategies in the
test module): a fixture that opened a database would not belong in this folder."""
