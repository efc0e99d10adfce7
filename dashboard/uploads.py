"""Uploaded files to ingestible paths, and one ingest per upload (no Streamlit here).

An uploaded file's name is never used as a path: only its suffix, from a fixed list,
survives, and the file is written into a fresh temporary folder under a name made from
a hash of its bytes. It is stored under a label made of its content hash and its own name
(`stored_name`), so two different files both called `index.html` are two articles and the
same bytes uploaded twice are one.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from core.read import SUPPORTED_SUFFIXES
from core.store_errors import StoreError

#: What an upload may be: every format the reader reads (text, Markdown, HTML, JSON, JSON Lines, feeds).
SUFFIXES = SUPPORTED_SUFFIXES


@dataclass(frozen=True)
class Saved:
    """One upload on disk: where it was written, the name the user gave it, the hash of its bytes."""

    path: str
    name: str
    digest: str = ""


def safe_suffix(name: str) -> str:
    """The upload's suffix if it is one we read, else '.txt'.

    >>> safe_suffix("../../etc/passwd.HTML"), safe_suffix("notes"), safe_suffix("x.exe")
    ('.html', '.txt', '.txt')
    """
    suffix = PurePath(str(name).replace("\\", "/")).suffix.lower()
    return suffix if suffix in SUFFIXES else ".txt"


def save_uploads(uploads: list[tuple[str, bytes]], folder: str | None = None) -> tuple[str, list[Saved]]:
    """Write (name, bytes) uploads into a fresh folder; return it and the files written."""
    folder = folder or tempfile.mkdtemp(prefix="flankwatch-upload-")
    saved = []
    for number, (name, content) in enumerate(uploads, start=1):
        digest = hashlib.sha256(content).hexdigest()
        path = Path(folder) / f"upload-{number:03d}-{digest[:16]}{safe_suffix(name)}"
        path.write_bytes(content)
        saved.append(Saved(str(path), str(name), digest))
    return folder, saved


def stored_name(name: str, digest: str = "") -> str:
    r"""The name an upload is stored under: 'upload/', the first 12 hex digits of its content hash and
    the file's own name without any folders (a label in the store, never a path on disk).

    >>> stored_name("../../etc/passwd.html", "3f2a9c1b7d0e55"), stored_name("C:\\news\\report.txt", "ab" * 8)
    ('upload/3f2a9c1b7d0e/passwd.html', 'upload/abababababab/report.txt')
    """
    base = PurePath(str(name).replace("\\", "/")).name.strip() or "unnamed"
    return f"upload/{digest[:12]}/" + "".join(c for c in base if c.isprintable())[:200]


def display_name(path: str, saved: list[Saved]) -> str:
    """The user's name for a stored path (items of a feed keep their '#n')."""
    for item in saved:
        for stored in (item.path, stored_name(item.name, item.digest)):
            if path == stored or path.startswith((stored + "#", stored + ":line ")):
                return item.name + path[len(stored):]
    return Path(path).name


class Cancelled(Exception):
    """The user gave up waiting for the store (raised by an `on_wait` callback)."""


@dataclass
class UploadResult:
    """What one submit of uploads did (for the page's message)."""

    files: int
    stored: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    error: str | None = None


def ingest_uploads(uploads: list[tuple[str, bytes]], db: Path,
                   on_file: Callable[[int, int, str], None] | None = None,
                   on_wait: Callable[[float], None] | None = None,
                   notify: Callable[[str], None] | None = None, wait: float | None = None) -> UploadResult:
    """Ingest one submit of uploads in one ingest call (one relink at the end): `on_file(done, total,
    name)` after each file, `on_wait(seconds)` while another ingest holds the store (raise
    `Cancelled` there to give up; nothing is stored then). The same bytes under the same name
    twice in one submit count once. Store problems come back as `error`, one line."""
    from core.ingest import ingest

    unique = list({(name, hashlib.sha256(content).digest()): (name, content) for name, content in uploads}.values())
    folder, saved = save_uploads(unique)
    result = UploadResult(files=len(uploads))
    started = time.monotonic()
    try:
        report = ingest([s.path for s in saved], db=db, progress=False, notify=notify or (lambda message: None),
                        labels={s.path: stored_name(s.name, s.digest) for s in saved}, on_file=on_file,
                        on_wait=on_wait, wait=wait)
        result.stored = report.articles_stored
        result.failures = [(display_name(f.path, saved), f.reason) for f in report.failures]
    except StoreError as error:
        result.error = str(error)
    except Cancelled:
        result.error = (f"Cancelled after waiting {time.monotonic() - started:.0f} s for another ingest to "
                        f"finish; nothing was added.")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return result
