"""Where things are, for tests in any folder: the repository, these helpers (scripts run as
subprocesses) and the bundled real data files."""

from __future__ import annotations

from pathlib import Path

from resultsdesk.paths import CONSTITUENCIES_2024, ELECTION_2024, NOTIONAL_2019, data_file

ROOT = Path(__file__).resolve().parents[2]  # the repository: tests/helpers/ is two below
HELPERS = Path(__file__).resolve().parent

GE2024 = data_file(ELECTION_2024)  # HoC 2024 results by candidate
GE2024_SEATS = data_file(CONSTITUENCIES_2024)  # HoC 2024 constituencies
NOTIONAL = data_file(NOTIONAL_2019)  # notional 2019 results on the 2024 boundaries
