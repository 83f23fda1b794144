"""Entry point of the frozen app (PyInstaller): the same `resultsdesk` command as the
console script `resultsdesk.cli:main`. Named so the executable is `dist/resultsdesk/resultsdesk`
by the spec, not by this file's name."""

import sys

from resultsdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
