"""A command started with SIGTERM ignored on purpose (a wrapper's `trap '' TERM` so that a
shutdown does not cut an import short; a supervisor's child set so): the package leaves
it ignored while the command loads (`resultsdesk._terminated_while_loading` is installed
only over SIGTERM's default), but the command's own handler (`cli.stops`) took it over,
and the signal the wrapper had ignored stopped the command half-way, exit 143."""

from __future__ import annotations

import os
import signal

import pytest

from resultsdesk.cli.stops import terminate_as_interrupt


@pytest.mark.skipif(os.name == "nt", reason="SIGTERM is POSIX's")
def test_sigterm_ignored_on_purpose_stays_ignored():
    before = signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        terminated: list[int] = []
        stopped = False
        try:
            with terminate_as_interrupt(terminated, []):
                signal.raise_signal(signal.SIGTERM)
        except KeyboardInterrupt:  # (taken over: the command stopped)
            stopped = True
        assert (stopped, terminated) == (False, [])
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGTERM, before)


@pytest.mark.skipif(os.name == "nt", reason="SIGTERM is POSIX's")
def test_sigterm_at_its_default_still_stops_the_command():
    before = signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        terminated: list[int] = []
        with pytest.raises(KeyboardInterrupt), terminate_as_interrupt(terminated, []):
            signal.raise_signal(signal.SIGTERM)
        assert terminated == [signal.SIGTERM]
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    finally:
        signal.signal(signal.SIGTERM, before)
