"""Entry point of the frozen app (PyInstaller): the same `resultsdesk` command as the
console script `resultsdesk.cli:main`. Named so the executable is `dist/resultsdesk/resultsdesk`
by the spec, not by this file's name."""

import multiprocessing
import sys

from resultsdesk.frozen import prepare_frozen_start

if __name__ == "__main__":
    # First, before anything can import matplotlib (which reads MPLCONFIGDIR as it loads)
    # or start another program, here and in the publishing process below.
    prepare_frozen_start()
    # The frozen executable is also the watch folder's publishing process
    # (desk.publish_process, "spawn"): started as one, it runs that and nothing else.
    multiprocessing.freeze_support()
    from resultsdesk.cli import main

    sys.exit(main())
