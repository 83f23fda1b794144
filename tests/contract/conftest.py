"""Checks on the code base as a whole rather than one layer: the layer contract
(import-linter, configured in pyproject.toml), complexity and module size (radon), ruff."""
