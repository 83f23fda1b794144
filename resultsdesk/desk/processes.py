"""Whether a process of this computer has ended, with the standard library alone: for a
rehearsal clock's holder killed outright (`rehearsal_holders`), which never lets go.

Only ever "certainly gone" or "not known to be gone": a wrong "gone" would take the clock
from a holder still driving it, a wrong "not gone" only keeps the old rule (unseen for
`LOST_AFTER`). So a process id reused by another program since counts as alive, as does
anything this process cannot ask about."""

from __future__ import annotations

import os
import socket

__all__ = ["process_gone", "this_host"]


def this_host() -> str:
    """Where this process runs, as a holder's row records it: the computer's name and, on
    Linux, its process-id namespace (two containers may share a name and a database
    file, but each numbers its own processes)."""
    name = socket.gethostname()
    try:
        return f"{name} {os.readlink('/proc/self/ns/pid')}"
    except OSError:  # not Linux, or no /proc
        return name


def process_gone(pid: int) -> bool:
    """True only if process `pid` of this computer has certainly ended (or is a zombie:
    killed, not yet reaped by its parent)."""
    if pid <= 0 or pid == os.getpid():  # 0, -1: os.kill's process groups, never asked
        return False
    if os.name == "nt":
        return _gone_on_windows(pid)
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return True
    except OSError:  # PermissionError: another user's process, alive
        return False
    return _zombie(pid)


def _zombie(pid: int) -> bool:
    """A process that has ended but whose parent has not reaped it yet (Linux's /proc)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            stat = fh.read()
    except OSError:
        return False
    # "pid (command) state ...": the command may hold spaces and parentheses
    return stat[stat.rfind(b")") + 2:][:1] == b"Z"


def _gone_on_windows(pid: int) -> bool:
    # os.kill on Windows terminates the process whatever the signal: never used here.
    try:
        import ctypes
        from ctypes import wintypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        kernel32.OpenProcess.restype = wintypes.HANDLE
        kernel32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
        kernel32.GetExitCodeProcess.argtypes = (wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD))
        kernel32.CloseHandle.argtypes = (wintypes.HANDLE,)
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() == 87  # ERROR_INVALID_PARAMETER: no such process
        try:
            code = wintypes.DWORD()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return False
            return code.value != 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    except (OSError, AttributeError, ValueError):
        return False
