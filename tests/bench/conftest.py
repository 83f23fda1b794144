"""The benchmarks' smoke tests: `benchmarks/run_all.py` and its modules run in quick mode to
catch breakage. They never judge a time (figures are for `run_all.py`, not for tests)."""
