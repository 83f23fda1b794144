"""The file readers and writers' tests (HoC CSVs, baseline, results and audit exports). The
real files' paths are in helpers.locations (GE2024, GE2024_SEATS, NOTIONAL)."""
