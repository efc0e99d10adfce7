"""The search index of one store load: each distinct evidence sentence and each title once,
lower-cased, with a trigram signature (no Streamlit here).

Sentences are told apart by what they are, not by what they say: a sentence is an article plus the
offsets of its evidence (`_aid`, `start`, `end`), so two articles that print the same sentence keep
two entries (their rows are different findings), while the budget, event and site one sentence gave
share one. Rows without offsets or without a known article are sentences of their own, and so is a
row whose evidence is not as long as the sentence it would share (a safety net: the offsets of one
article's text name one span).

Text is folded once with Arrow's `utf8_lower` (the search text with the same function, so "ŁÓDŹ"
finds "Łódź"); a case-sensitive match on folded text is several times faster than a case-insensitive
one. Each text's signature is 256 bits: one per hashed byte trigram it holds. A search reads only the
texts whose signature has every bit of the search text's trigrams (typically a few per cent of them
beside the true hits) and confirms them with a real substring match (DuckDB's `contains` over the
Arrow text), so the index can miss nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from core.schema import FINDINGS

#: 64-bit words per signature (256 bits: about a quarter set by a sentence of 90 characters).
WORDS = 4
#: Texts whose signatures are made in one numpy pass (bounds the temporary arrays to a few MB).
CHUNK = 20_000
#: When more than this share of texts are candidates, one scan of all texts is cheaper.
SCAN_SHARE = 0.5
#: An in-memory DuckDB used only for its substring test (never the store), from this many texts on.
_DUCK = duckdb.connect()
DUCKDB_FROM = 20_000


@dataclass(frozen=True)
class SearchIndex:
    """Folded texts (distinct sentences, then titles), their signatures, and per table each row's text."""

    texts: pa.ChunkedArray  # large_string
    signatures: np.ndarray  # (WORDS, len(texts)) uint64
    rows: dict[str, np.ndarray]  # table -> each row's position in `texts` (articles: their titles)

    def hits(self, text: str) -> dict[str, np.ndarray]:
        """Per table, which rows' sentence (for `articles`, title) holds `text` in any case."""
        found = self.matching(text)
        return {name: found[positions] for name, positions in self.rows.items()}

    def matching(self, text: str) -> np.ndarray:
        """Which texts hold `text` in any case (False for nulls)."""
        needle = fold_text(text)
        candidates = self.candidates(needle)
        if candidates is None:
            return _match(self.texts, needle)
        found = np.zeros(len(self.texts), dtype=bool)
        found[candidates[_match(_take(self.texts, candidates), needle)]] = True
        return found

    def candidates(self, needle: str) -> np.ndarray | None:
        """Positions of the texts that may hold `needle` (None: read them all)."""
        wanted = signatures(pa.array([needle], type=pa.large_string()))[:, 0]
        if len(needle.encode()) < 3 or not wanted.any():
            return None
        mask = np.ones(len(self.texts), dtype=bool)
        for word in np.flatnonzero(wanted):
            mask &= (self.signatures[word] & wanted[word]) == wanted[word]
        positions = np.flatnonzero(mask)
        return None if len(positions) > SCAN_SHARE * len(self.texts) else positions


def _take(texts: pa.ChunkedArray, positions: np.ndarray) -> pa.ChunkedArray:
    """`texts` at the ascending `positions`, chunk by chunk (Arrow's take of a chunked array joins
    the chunks first: a copy of every text)."""
    bounds = np.cumsum([0, *(len(chunk) for chunk in texts.chunks)])
    cuts = np.searchsorted(positions, bounds)
    return pa.chunked_array([chunk.take(pa.array(positions[cuts[k]:cuts[k + 1]] - bounds[k]))
                             for k, chunk in enumerate(texts.chunks)], type=texts.type)


def fold(values: pa.Array) -> pa.Array:
    """Text as the index holds it: lower-cased by Arrow (Unicode-aware, one code point at a time)."""
    return pc.utf8_lower(values)


def fold_text(text: str) -> str:
    """A search text folded like the texts it is looked for in.

    >>> fold_text("ŁÓDŹ Air Base")
    'łódź air base'
    """
    return fold(pa.array([text], type=pa.large_string()))[0].as_py()


def _match(texts: pa.Array | pa.ChunkedArray, needle: str) -> np.ndarray:
    """Which of `texts` hold `needle` (both folded; False for nulls): a literal RE2 match for a few
    texts, DuckDB's `contains` for many (a byte-wise substring test on its threads over the Arrow
    text as it is: about twice as fast, after a few ms of setting up a query)."""
    if len(texts) < DUCKDB_FROM:
        return np.asarray(pc.match_substring_regex(texts, re.escape(needle)).fill_null(False)
                          .to_numpy(zero_copy_only=False), dtype=bool)
    return _contains(texts, needle)


def _contains(texts: pa.Array | pa.ChunkedArray, needle: str) -> np.ndarray:
    """DuckDB's `contains` of `needle` in each of `texts` (False for nulls), in a cursor of its own
    (sessions search at once)."""
    cursor = _DUCK.cursor()
    try:
        cursor.register("texts", pa.table({"t": texts}))
        found = cursor.sql("SELECT contains(t, $needle) FROM texts", params={"needle": needle}).to_arrow_table()
    finally:
        cursor.close()
    return np.asarray(found.column(0).fill_null(False).to_numpy(zero_copy_only=False), dtype=bool)


def signatures(texts: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """Each text's trigram signature: (WORDS, len(texts)) uint64, bit `h(t)` set for every trigram t of
    its UTF-8 bytes (trigrams never span two texts; nulls and texts under 3 bytes have none)."""
    chunks = texts.chunks if isinstance(texts, pa.ChunkedArray) else [texts]
    parts = [_signatures(chunk.cast(pa.large_string())) for chunk in chunks]
    return np.concatenate(parts, axis=1) if parts else np.zeros((WORDS, 0), dtype=np.uint64)


def _signatures(texts: pa.LargeStringArray) -> np.ndarray:
    out = np.zeros((len(texts), WORDS * 8), dtype=np.uint8)
    if len(texts) and texts.buffers()[2] is not None:
        offsets = np.frombuffer(texts.buffers()[1], dtype=np.int64)[texts.offset:texts.offset + len(texts) + 1]
        data = np.frombuffer(texts.buffers()[2], dtype=np.uint8)
        for lo in range(0, len(texts), CHUNK):
            hi = min(lo + CHUNK, len(texts))
            out[lo:hi] = _chunk_signatures(data[offsets[lo]:offsets[hi]], offsets[lo:hi + 1] - offsets[lo])
    return np.ascontiguousarray(out.view(np.uint64).T)


def _chunk_signatures(data: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Packed 256-bit signatures of the texts at `offsets` (from 0) in the bytes `data`."""
    bits = WORDS * 64
    count = len(offsets) - 1
    if len(data) < 3:
        return np.zeros((count, bits // 8), dtype=np.uint8)
    padded = np.zeros(len(data) + 1, dtype=np.uint8)
    padded[:-1] = data
    # the 4 bytes from every position, read in one strided view: its low 3 bytes are the trigram there
    words = np.ndarray(len(data) - 2, dtype="<u4", buffer=padded, offset=0, strides=(1,))
    bit = ((words & np.uint32(0xFFFFFF)) * np.uint32(2654435761)) >> np.uint32(24)  # Fibonacci hashing, 0..255
    first_slot = np.arange(0, count * bits, bits, dtype=np.int32)  # each text's first flag
    slot = np.repeat(first_slot, np.diff(offsets))[:len(data) - 2] + bit.astype(np.int32)
    ends = offsets[1:]
    spans = np.concatenate([ends[ends >= 1] - 1, ends[ends >= 2] - 2])  # a trigram starting there runs on
    slot[spans[spans < len(slot)]] = count * bits  # into the next text: set a spare bit instead
    flags = np.zeros(count * bits + 1, dtype=bool)
    flags[slot] = True
    return np.packbits(flags[:-1].reshape(count, bits), axis=1)


def sentence_codes(tables: Mapping[str, pd.DataFrame]) -> tuple[np.ndarray, np.ndarray]:
    """For every finding row (the tables of FINDINGS, one after another), its sentence's number, and
    for every sentence the row it is first read from (numbers run in order of first rows)."""
    aid, start, end, length = (np.concatenate([np.zeros(0, dtype=np.int64)] + [read(tables[name]) for name in FINDINGS])
                                for read in (_article, _start, _end, _length))
    key = (aid << 32) | (start & 0xFFFFFFFF)
    own = np.flatnonzero((aid < 0) | (start < 0) | (end < 0))
    key[own] = -1 - own  # no known article or offsets: a sentence of its own
    codes, first = _groups(key)
    shared = first[codes]
    differs = np.flatnonzero((end != end[shared]) | (length != length[shared]))
    if len(differs):  # another span, or another text, from the same start: a sentence of its own
        key[differs] = -1 - differs
        codes, first = _groups(key)
    return codes, first


def _groups(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows of equal `key` as one group: each row's group number (in order of the groups' first rows)
    and each group's first row. One stable radix sort of the keys.

    >>> [g.tolist() for g in _groups(np.array([7, 3, 7, 5, 3]))]
    [[0, 1, 0, 2, 1], [0, 1, 3]]
    """
    if not len(key):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    order = np.argsort(key, kind="stable")
    ordered = key[order]
    new = np.r_[True, ordered[1:] != ordered[:-1]]
    group = np.cumsum(new) - 1  # of each sorted row, in key order
    firsts = order[new]  # each group's first row (stable: its smallest), in key order
    by_first = np.argsort(firsts, kind="stable")
    rank = np.empty(len(firsts), dtype=np.int64)
    rank[by_first] = np.arange(len(firsts))
    codes = np.empty(len(key), dtype=np.int64)
    codes[order] = rank[group]
    return codes, firsts[by_first]


def _text(frame: pd.DataFrame, column: str) -> pa.Array:
    if column not in frame.columns:
        return pa.nulls(len(frame), type=pa.large_string())
    values = pa.array(frame[column], type=pa.large_string(), from_pandas=True)
    return values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values


def _offsets(frame: pd.DataFrame, column: str) -> np.ndarray:
    if column not in frame.columns:
        return np.full(len(frame), -1, dtype=np.int64)
    return pd.to_numeric(frame[column], errors="coerce").astype("Int64").to_numpy(dtype=np.int64, na_value=-1)


def _article(frame: pd.DataFrame) -> np.ndarray:
    return frame["_aid"].to_numpy(dtype=np.int64)


def _start(frame: pd.DataFrame) -> np.ndarray:
    return _offsets(frame, "start")


def _end(frame: pd.DataFrame) -> np.ndarray:
    return _offsets(frame, "end")


def _length(frame: pd.DataFrame) -> np.ndarray:
    """Each row's evidence length in bytes (-1 for null)."""
    return pc.binary_length(_text(frame, "evidence")).fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)


def build_index(tables: Mapping[str, pd.DataFrame]) -> SearchIndex:
    """The index of prepared `tables` (about 1.1 s of CPU for 1.4 million rows and 100,000 titles)."""
    codes, first = sentence_codes(tables)
    sizes = [len(tables[name]) for name in FINDINGS]
    bounds = np.cumsum([0, *sizes])
    parts = []
    for k, name in enumerate(FINDINGS):
        mine = first[(first >= bounds[k]) & (first < bounds[k + 1])] - bounds[k]
        parts.append(_text(tables[name], "evidence").take(pa.array(mine)))
    parts.append(_text(tables["articles"], "title"))
    texts = pa.chunked_array([fold(part).cast(pa.large_string()) for part in parts], type=pa.large_string())
    rows = dict(zip(FINDINGS, np.split(codes.astype(np.int32), bounds[1:-1]), strict=True))
    rows["articles"] = np.arange(len(first), len(first) + len(tables["articles"]), dtype=np.int32)
    return SearchIndex(texts=texts, signatures=signatures(texts), rows=rows)
