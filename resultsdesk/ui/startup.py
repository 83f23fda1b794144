"""Starting the app quickly: Python's cyclic garbage collector held off while the app's
modules load and its first window builds and paints, then every object made so far set
aside from its scans.

Loading Qt, matplotlib and the app creates several hundred thousand objects that live as
long as the app does; the collector, run on every few hundred allocations, scanned them
again and again (some 80 ms of a cold start, before the window could paint). Nothing
collectable is lost by waiting: the cycles made during start-up are collected once the
collector runs again, and what remains is frozen (`gc.freeze`) so that later full
collections, on the live night, skip it.

Only the app's entry (`app.run_app`) holds the collector; a test or a script that builds a
window without it keeps the collector as it was (`release_collector` is then a no-op).
"""

from __future__ import annotations

import gc

_held = False


def hold_collector() -> None:
    """Hold the cyclic collector off until `release_collector` (the first window painted,
    or no window to open). Call before the heavy modules are imported."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release_collector() -> None:
    """Start the collector again, with what start-up made out of its scans. Does nothing
    unless `hold_collector` turned it off."""
    global _held
    if not _held:
        return
    _held = False
    gc.freeze()
    gc.enable()


def collector_held() -> bool:
    return _held
