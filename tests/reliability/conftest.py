"""Suites that cross the layers to check what must hold whatever happens: a desk killed
mid-write (crash safety), two desks at once (concurrency), broken and hostile files, file
edge cases, the one error model, the log. They run the desk in subprocesses
(helpers/crash_writer.py, helpers/desk_worker.py), check files from outside with
helpers.dbcheck, and scale with RESULTSDESK_STRESS (helpers.scale)."""
