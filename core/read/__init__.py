"""Reading stage: files and folders on disk → `Document` records (or `ReadFailure`s).

The chain is `expand_paths` (folders → files, `paths`) → `read_file` (bytes → checks → one
reader per format, `files`) → `Document`. Readers: `text` (plain text, Markdown, with
`datelines`), `webpage` (HTML), `jsonfile` (JSON, JSON Lines), `feeds` (RSS, Atom); bytes become
text in `decoding`. Nothing raises for bad input: every problem becomes a `ReadFailure` with a
one-line reason. Heavy libraries (trafilatura, feedparser, lxml, charset_normalizer) are imported
inside the functions that need them.
"""

from core.read.common import CANNOT_DECODE, MAX_BYTES, MAX_TITLE_CHARS, SUPPORTED_SUFFIXES, Result
from core.read.datelines import find_dateline, parse_date
from core.read.decoding import decode_bytes
from core.read.files import iter_documents, read_file
from core.read.paths import expand_paths, storable

__all__ = [
    "CANNOT_DECODE",
    "MAX_BYTES",
    "MAX_TITLE_CHARS",
    "SUPPORTED_SUFFIXES",
    "Result",
    "decode_bytes",
    "expand_paths",
    "find_dateline",
    "iter_documents",
    "parse_date",
    "read_file",
    "storable",
]
