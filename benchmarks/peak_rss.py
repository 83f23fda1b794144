"""This process's peak resident memory, as the memory figures measure it in their children.

Not `getrusage(RUSAGE_SELF).ru_maxrss`: on Linux a child keeps the high-water mark of the
process it was forked from, so a child of `run_all.py` (hundreds of MB once it has drawn
charts) reports at least its parent's size, anchor and app alike. `VmHWM` in
/proc/self/status belongs to the memory the child's own program mapped after exec.
"""

from __future__ import annotations


def peak_rss_mb() -> float:
    """Peak resident memory in MB: VmHWM where /proc has it, else ru_maxrss."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
