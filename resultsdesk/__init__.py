"""ResultsDesk: an election-night results desk."""

__version__ = "0.1.0"
APP_NAME = "ResultsDesk"
