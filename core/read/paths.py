"""Paths: folders walked into files, OS errors as reasons, file names made storable."""

from __future__ import annotations

import dataclasses
import errno
import os
import re
import stat
from collections.abc import Iterable, Iterator
from typing import TypeVar

from core.read.common import SUPPORTED_SUFFIXES, SURROGATE
from core.records import Document, ReadFailure

#: A Document or a ReadFailure, kept as the type it was.
DocumentOrFailure = TypeVar("DocumentOrFailure", bound=Document | ReadFailure)


def expand_paths(paths: Iterable[str]) -> Iterator[str | ReadFailure]:
    """Yield the files to read: files as given, folders walked recursively in sorted order.

    Inside folders only files with a supported suffix are yielded, hidden files and folders
    are skipped, each real folder is walked once, and a symlink pointing back to one of its
    own ancestors is reported as a loop. Unreadable folders become `ReadFailure`s.
    """
    seen: set[str] = set()
    for path in paths:
        try:
            is_dir = stat.S_ISDIR(os.stat(path).st_mode)
        except OSError as exc:
            yield ReadFailure(path, os_reason(path, exc))
            continue
        if is_dir:
            yield from _walk_folder(path, frozenset(), seen)
        else:
            yield path


def _walk_folder(folder: str, ancestors: frozenset[str], seen: set[str]) -> Iterator[str | ReadFailure]:
    """Depth-first walk of one folder, entries in name order."""
    real = os.path.realpath(folder)
    if real in ancestors:
        yield ReadFailure(folder, f"folder symlink loop (points back to {real})")
        return
    if real in seen:  # the same folder reached again through another link
        return
    seen.add(real)
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield ReadFailure(folder, os_reason(folder, exc))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if _is_dir(entry):
            yield from _walk_folder(entry.path, ancestors | {real}, seen)
        elif os.path.splitext(entry.name)[1].lower() in SUPPORTED_SUFFIXES:
            yield entry.path


def _is_dir(entry: os.DirEntry) -> bool:
    """Whether a folder entry is a folder (following symlinks); False if it cannot be told."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def os_reason(path: str, exc: OSError) -> str:
    """A one-line reason for an OS error on `path`."""
    if exc.errno == errno.ENOENT:
        return "broken symbolic link" if os.path.islink(path) else "no such file or folder"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    return f"cannot read: {exc.strerror or exc}"


def storable(path: str) -> str:
    """A file name as text that can be encoded (printed, stored, exported): the bytes of a name
    that is not UTF-8 (which Python holds as lone surrogates) written as '\\xNN' escapes.

    >>> storable("caf\\udce9.txt"), storable("Kyiv.txt")
    ('caf\\\\xe9.txt', 'Kyiv.txt')
    """
    return SURROGATE.sub(escape_undecodable, path) if SURROGATE.search(path) else path


def escape_undecodable(match: re.Match[str]) -> str:
    """'\\xNN' for a lone surrogate that stands for an undecodable byte; U+FFFD for any other."""
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else "\ufffd"


def with_storable_path(item: DocumentOrFailure) -> DocumentOrFailure:
    return dataclasses.replace(item, path=storable(item.path))
