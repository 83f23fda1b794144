"""ResultsDesk: an election-night results desk."""

import logging

# Until the command line or the app sets up the log file, nothing is printed for the
# package's log records (not even warnings: the desk's messages are its own).
logging.getLogger(__name__).addHandler(logging.NullHandler())

__version__ = "0.1.0"
APP_NAME = "ResultsDesk"
