import sys

from . import main

# Guarded, as resultsdesk/__main__.py is: the watch folder's publishing process
# (desk.publish_process, "spawn") imports the main module of the process that starts it,
# and must not run the command line (the app) again.
if __name__ == "__main__":
    sys.exit(main())
