"""Bounded work per file: a time limit that names itself when it is hit.

The limit is a real-time timer (SIGALRM), so it can only be set in the main thread of a process:
the CLI and its worker processes have it; a call from another thread (the dashboard's script
thread, a Dask worker thread) runs without one. Python code is interrupted between bytecodes, so
a single long call into a C library ends when that call returns.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator

#: Seconds one file may take to be read, and one article to be extracted ($FLANKWATCH_TIME_LIMIT).
DEFAULT_SECONDS = 120.0


class TimeLimitHit(Exception):
    """A file or an article took longer than its time limit."""


def seconds() -> float:
    """The time limit in force: $FLANKWATCH_TIME_LIMIT seconds, else DEFAULT_SECONDS (0 = none)."""
    try:
        return max(0.0, float(os.environ.get("FLANKWATCH_TIME_LIMIT", DEFAULT_SECONDS)))
    except ValueError:
        return DEFAULT_SECONDS


def reason(what: str, limit: float) -> str:
    """'time limit hit: reading the file took longer than 120 s (the limit per file)'."""
    return f"time limit hit: {what} took longer than {limit:g} s (the limit per {what.split()[-1]})"


@contextlib.contextmanager
def time_limit(limit: float) -> Iterator[None]:
    """Raise TimeLimitHit in the block after `limit` seconds (no limit when 0, or off the main thread)."""
    if limit <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def hit(signum, frame):
        raise TimeLimitHit

    previous = signal.signal(signal.SIGALRM, hit)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
