"""Bytes → text: what is not text (empty, binary), byte order marks, UTF-8/16, 8-bit guesses."""

from __future__ import annotations

import codecs

from core.read.common import CANNOT_DECODE
from core.records import ReadFailure

_MAGIC = (  # (leading bytes, what the file is)
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office document"),
    (b"\x7fELF", "ELF executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
)
_BOMS = (  # UTF-32 before UTF-16: their BOMs share a prefix
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def sniff(raw: bytes) -> str | None:
    """Why these bytes are not a text file (empty, binary), or None."""
    if not raw.strip():
        return "empty file"
    for magic, kind in _MAGIC:
        if raw.startswith(magic):
            return f"binary file ({kind})"
    if b"\x00" in raw and not _has_bom(raw) and not _utf16_without_bom(raw):
        return "binary file (contains NUL bytes)"
    return None


def _has_bom(raw: bytes) -> bool:
    return any(raw.startswith(bom) for bom, _ in _BOMS)


def _utf16_without_bom(raw: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when every other byte of the start is NUL (ASCII-range text)."""
    sample = raw[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) <= 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) <= 0.1 * len(odd):
        return "utf-16-be"
    return None


def decode_bytes(raw: bytes, declared: str | None = None) -> str | None:
    """Decode text: BOM, UTF-8, UTF-16 without BOM, a declared charset, then a best guess.

    Returns None when nothing decodes with confidence. Line endings become '\\n' and a
    leading BOM is dropped.

    >>> decode_bytes("Ämari".encode("utf-16-le"))
    'Ämari'
    >>> decode_bytes("Déjà vu – a café in Ämari".encode("cp1252"))
    'Déjà vu – a café in Ämari'
    """
    text = _decode(raw, declared)
    if text is None:
        return None
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _decode(raw: bytes, declared: str | None) -> str | None:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _try_decode(raw[len(bom) :], encoding)
    text = _try_decode(raw, "utf-8")
    if text is None and (utf16 := _utf16_without_bom(raw)):
        text = _try_decode(raw, utf16)
    if text is None and declared:
        text = _try_decode(raw, declared)
    return text if text is not None else _guess_8bit(raw)


def _try_decode(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _guess_8bit(raw: bytes) -> str | None:
    """Windows-1252 (a superset of Latin-1's printable range) when the result looks like
    Western European text; else charset_normalizer's best guess; else None."""
    text = _try_decode(raw, "cp1252")
    if text is not None and _looks_like_latin_text(text):
        return text
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        return None
    text = str(best)
    return text if _control_share(text) < 0.01 else None


def _looks_like_latin_text(text: str) -> bool:
    """Mostly ASCII letters, few control characters (Cyrillic read as cp1252 is not)."""
    sample = text[:65536]
    letters = [ch for ch in sample if ch.isalpha()]
    accented = sum(ord(ch) > 127 for ch in letters)
    return _control_share(sample) < 0.001 and accented <= 0.35 * max(len(letters), 1)


def _control_share(text: str) -> float:
    sample = text[:65536]
    controls = sum(1 for ch in sample if (ch < " " and ch not in "\t\n\r\f") or "\x80" <= ch <= "\x9f")
    return controls / max(len(sample), 1)


def decode_or_fail(path: str, raw: bytes, declared: str | None = None) -> str | ReadFailure:
    """Decoded, non-empty text, or the failure."""
    text = decode_bytes(raw, declared)
    if text is None:
        return ReadFailure(path, CANNOT_DECODE)
    if not text.strip():
        return ReadFailure(path, "empty file")
    return text
