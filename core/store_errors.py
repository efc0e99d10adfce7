"""Store problems as one clear line that says what to do (no DuckDB or pandas import here: the CLI
reports these without loading them)."""

from __future__ import annotations

import errno
from pathlib import Path

ELSEWHERE = "choose a writable place for it with --db or FLANKWATCH_DB"


class StoreError(RuntimeError):
    """The store cannot be used: busy, unwritable, full, corrupt or not a Flankwatch store. The
    message says what to do."""


def busy(db: Path, what: str = "another process is writing it") -> StoreError:
    return StoreError(f"{db}: the store is busy ({what}); try again when it has finished")


def disk_full(db: Path) -> StoreError:
    """A full disk: the store is intact (each batch is one transaction), so the advice is to free space."""
    return StoreError(f"{db}: the disk is full; free some space and run the ingest again: the store is intact "
                      f"(every batch written before is kept, none is half-written)")


def permission_denied(db: Path) -> StoreError:
    return StoreError(f"{db}: permission denied: this user may not write the store or its folder; {ELSEWHERE}")


def read_only(db: Path) -> StoreError:
    return StoreError(f"{db}: the store is on a read-only file system; {ELSEWHERE}")


def from_os_error(db: Path, error: OSError) -> StoreError:
    """The StoreError for an OS error met while creating, locking or writing the store."""
    if error.errno in (errno.EACCES, errno.EPERM):
        return permission_denied(db)
    if error.errno == errno.EROFS:
        return read_only(db)
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return disk_full(db)
    if error.errno in (errno.EEXIST, errno.ENOTDIR):
        return StoreError(f"{db}: part of the store's path is a file, not a folder; {ELSEWHERE}")
    if error.errno == errno.EISDIR:
        return StoreError(f"{db}: {error.filename or db} is a folder where a file should be; {ELSEWHERE}")
    return StoreError(f"{db}: cannot write the store ({error.strerror or error}); {ELSEWHERE}")


def from_database_error(db: Path, error: Exception, action: str = "read or write") -> StoreError:
    """The StoreError for a DuckDB error: a file-system problem said as such, else a damaged store."""
    text = str(error)
    if "No space left on device" in text or "Disk quota exceeded" in text:
        return disk_full(db)
    if "Read-only file system" in text:
        return read_only(db)
    if "Permission denied" in text:
        return permission_denied(db)
    if is_lock_error(error):
        return busy(db)
    return StoreError(f"{db}: cannot {action} the store ({first_line(error)}); it may be corrupt: move it "
                      f"aside and rebuild it with 'python -m core ingest'")


def is_lock_error(error: Exception) -> bool:
    text = str(error).lower()
    return "lock" in text and ("conflicting" in text or "could not set" in text)


def first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0][:200] if str(error).strip() else type(error).__name__
