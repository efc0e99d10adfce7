"""Uploaded files to ingestible paths: bytes written under generated names (no Streamlit here).

An uploaded file's name is never used as a path: only its suffix, from a fixed list,
survives, and the file is written into a fresh temporary folder under a name made from
a hash of its bytes.
"""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePath

from core.read import SUPPORTED_SUFFIXES

#: What an upload may be: every format the reader reads (text, Markdown, HTML, JSON, JSON Lines, feeds).
SUFFIXES = SUPPORTED_SUFFIXES


@dataclass(frozen=True)
class Saved:
    """One upload on disk: where it was written and the name the user gave it (display only)."""

    path: str
    name: str


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
        digest = hashlib.sha256(content).hexdigest()[:16]
        path = Path(folder) / f"upload-{number:03d}-{digest}{safe_suffix(name)}"
        path.write_bytes(content)
        saved.append(Saved(str(path), str(name)))
    return folder, saved


def stored_name(name: str) -> str:
    r"""The name an upload is stored under: 'upload/' and the file's own name without any folders
    (a label in the store, never a path on disk).

    >>> stored_name("../../etc/passwd.html"), stored_name("C:\\news\\report.txt")
    ('upload/passwd.html', 'upload/report.txt')
    """
    base = PurePath(str(name).replace("\\", "/")).name.strip() or "unnamed"
    return "upload/" + "".join(c for c in base if c.isprintable())[:200]


def display_name(path: str, saved: list[Saved]) -> str:
    """The user's name for a stored path (items of a feed keep their '#n')."""
    for item in saved:
        if path == item.path or path.startswith(item.path + "#"):
            return item.name + path[len(item.path):]
    return Path(path).name
