"""The store's writer lock: one ingest writes a store at a time; a second one waits, saying so."""

from __future__ import annotations

import contextlib
import fcntl
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from core.store_errors import busy, from_os_error

#: How often a waiting writer tells `on_wait` how long it has waited (seconds).
WAIT_TICK = 0.5


@contextlib.contextmanager
def writer_lock(db: Path, wait: float | None = None, notify=None,
                on_wait: Callable[[float], None] | None = None) -> Iterator[None]:
    """Hold the store's writer lock. A second ingest waits for it, saying so once through `notify` and
    every `WAIT_TICK` seconds through `on_wait(seconds waited)` (which may raise to cancel the wait);
    after `wait` seconds it gives up with StoreError. An unwritable, read-only or full place for the
    lock file is a StoreError too."""
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
        handle = open(f"{db}.lock", "a+")  # noqa: SIM115 - closed below, after the lock is released
    except OSError as error:
        raise from_os_error(db, error) from error
    with handle:
        if not _try_lock(handle):
            _wait_for_lock(db, handle, wait, notify, on_wait)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _try_lock(handle) -> bool:
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _wait_for_lock(db: Path, handle, wait: float | None, notify, on_wait) -> None:
    if notify:
        notify(f"{db}: another ingest is writing this store; waiting for it to finish")
    started = time.monotonic()
    while not _try_lock(handle):
        waited = time.monotonic() - started
        if wait is not None and waited > wait:
            raise busy(db, f"another ingest has been writing it for more than {wait:g} s")
        if on_wait:
            on_wait(waited)
        time.sleep(WAIT_TICK if on_wait else 0.2)
