"""Near-duplicate stories: the same news told twice (a wire story and its rewrite, a retelling).

Two articles tell the same story when they share the facts that belong to that story, not
merely the world they are set in. Each article's fingerprint holds three sets of hashes:
- `words`: a MinHash of its content words (folded, so "Kogălniceanu" and "Kogalniceanu" agree);
- `numbers`: the figures it writes;
- `names`: its folded capitalised words, and its extracted facts: the force, host and site of each
  deployment, each budget's sum, each event's date (relative dates resolved, so "on Tuesday"
  and "on 4 March" agree), each site, person and coalition membership.
A feature that many articles share (a year, the minister of the day, a battlegroup every article
of a templated corpus mentions) is weak evidence: every shared feature is weighed by its inverse
document frequency over the articles compared. A pair is a duplicate when its word overlap is
high, or when the weighed features it shares cover most of the smaller article's and at least
`MIN_RARE` of them are rare (told by at most `RARE_DF` articles) and its words overlap somewhat.

Nothing is quadratic: candidates come from an inverted index of the features (a posting list
longer than `MAX_POSTINGS` is ignored), and each article's feature sets are built once.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter, defaultdict
from functools import lru_cache

import numpy as np

from core.text import fold

N_HASHES = 64
MAX_POSTINGS = 200
#: Words alone: a MinHash agreement from which two texts are one story whatever else they share.
SAME_WORDS = 0.6
#: Facts plus text: the least word agreement, the least weighed cover of the smaller article's
#: features, and the least number of rare shared features.
MIN_WORDS = 0.12
MIN_COVER = 0.45
MIN_RARE = 3
RARE_DF = 3
_MASKS = np.random.default_rng(20240217).integers(0, 2**63 - 1, size=N_HASHES, dtype=np.uint64) * np.uint64(2) + \
    np.uint64(1)
_STOP = frozenset(
    ["that", "this", "with", "from", "have", "been", "were", "will", "would", "their", "which", "about", "after",
     "into", "more", "than", "said", "also", "they", "them", "there", "when", "what", "while", "other", "over",
     "only", "some", "such", "most", "many", "first", "last", "year", "years", "could", "these", "those", "being",
     "under", "since", "until", "where", "because", "against", "between", "before", "during", "told", "says",
     "according"])
_WORD = re.compile(r"[a-z]{4,}")
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_NAME = re.compile(r"\b[^\W\d_][^\W\d_]{3,}\b")
_MASK63 = (1 << 63) - 1
#: The low bits of a name's hash say what it is: 0 a name, else a fact of a kind. Dates and sums are
#: the story's own facts (what happened when, what was paid); two articles that both give some and
#: share none tell two stories.
_KIND = 0b11
_DATE, _SUM, _OTHER_FACT = 1, 2, 3
_FACT_KINDS = {"date": _DATE, "sum": _SUM}


@lru_cache(maxsize=1 << 16)  # the same words, names and facts over and over across articles
def _hash64(token: str) -> int:
    """A stable 63-bit hash (fits a signed BIGINT in the store)."""
    data = token.encode("utf-8")
    return (zlib.crc32(data) | (zlib.crc32(data[::-1], 0x9E3779B9) << 32)) & _MASK63


def fingerprint(text: str, tables: dict[str, list[dict]] | None = None) -> dict[str, list[int]]:
    """What near-duplicate detection compares: a MinHash of content words, number hashes, and the
    hashes of names and of the facts extracted from the article (`tables`, as the builders give them)."""
    folded = fold.__wrapped__(text)  # not through fold's cache: an article's text is not worth keeping there
    words = {w for w in _WORD.findall(folded) if w not in _STOP}
    hashed = np.fromiter((_hash64(w) for w in words), dtype=np.uint64, count=len(words))
    minhash = ((hashed[:, None] ^ _MASKS[None, :]).min(axis=0) if len(hashed)
               else np.full(N_HASHES, np.iinfo(np.uint64).max, dtype=np.uint64))
    numbers = sorted({_hash64("#" + n.replace(",", "").rstrip(".")) for n in _NUMBER.findall(text)})
    names = {_hash64("@" + fold(n)) & ~_KIND for n in _NAME.findall(text) if n[0].isupper()}
    names |= {(_hash64("!" + fact) & ~_KIND) | _FACT_KINDS.get(fact.split("|", 1)[0], _OTHER_FACT)
              for fact in facts(tables or {})}
    return {"words": [int(x) & _MASK63 for x in minhash], "numbers": numbers, "names": sorted(names)}


def facts(tables: dict[str, list[dict]]) -> set[str]:
    """The story's facts as strings: who is deployed where, sums, dates, sites, people, memberships."""
    out: set[str] = set()
    for row in tables.get("deployments", []):
        out.add(f"deployment|{row.get('force_code')}|{row.get('host_code')}|{row.get('site') or ''}")
        if row.get("personnel"):
            out.add(f"personnel|{row.get('force_code')}|{row.get('personnel')}")
    for row in tables.get("budgets", []):
        if row.get("amount"):
            out.add(f"sum|{row.get('currency')}|{float(row['amount']):.4g}")
    for row in tables.get("events", []):
        date = str(row.get("date") or "")
        if len(date) >= 10:  # a day: its month and day say when (a year-less "--09-10" agrees with "2025-09-10")
            out.add(f"date|{date[-5:]}")
        if date and not date.startswith("--"):
            out.add(f"when|{date}")
    for row in tables.get("site_mentions", []):
        out.add(f"site|{row.get('site')}")
    for row in tables.get("roles", []):
        if row.get("person"):
            out.add(f"person|{fold(str(row['person'])).split()[-1]}")
    for row in tables.get("coalitions", []):
        out.add(f"member|{row.get('member_code')}|{row.get('coalition')}")
    return out


def similarity(a: dict, b: dict) -> float:
    """The estimated Jaccard similarity of two fingerprints' content words."""
    return float(np.mean(np.asarray(a["words"], dtype=np.int64) == np.asarray(b["words"], dtype=np.int64)))


def find_duplicates(fingerprints: list[tuple[str, dict]]) -> dict[str, str]:
    """article_id -> article_id of the earlier article telling the same story.

    `fingerprints` are (article_id, fingerprint) in order, earliest first.
    """
    ids = [article_id for article_id, _ in fingerprints]
    features = [frozenset(fp["numbers"]) | frozenset(fp["names"]) for _, fp in fingerprints]  # built once
    story = [frozenset(f for f in fp["names"] if f & _KIND in (_DATE, _SUM)) for _, fp in fingerprints]
    postings: dict[int, list[int]] = defaultdict(list)
    for i, feats in enumerate(features):
        for feature in feats:
            postings[feature].append(i)
    n = max(len(features), 1)
    weight = {f: math.log(1 + n / len(p)) for f, p in postings.items()}
    totals = [sum(weight[f] for f in feats) for feats in features]
    words = np.array([fp["words"] for _, fp in fingerprints] or [[]], dtype=np.int64)
    original: dict[str, str] = {}
    for i in range(len(features)):
        best = _best_earlier(i, features, story, postings, weight, totals, words, ids)
        if best is not None:
            original[ids[i]] = original.get(ids[best], ids[best])
    return original


def _best_earlier(i: int, features: list[frozenset[int]], story: list[frozenset[int]], postings: dict[int, list[int]],
                  weight: dict[int, float], totals: list[float], words: np.ndarray, ids: list[str]) -> int | None:
    """The earlier article that tells the same story as article `i`, if any (the most similar one)."""
    rare_df = max(2, min(RARE_DF, len(features) // 10))
    shared: Counter[int] = Counter()
    rare: Counter[int] = Counter()
    for feature in features[i]:
        posting = postings[feature]
        if len(posting) <= MAX_POSTINGS:
            earlier = [j for j in posting if j < i]
            shared.update(earlier)
            if len(posting) <= rare_df:
                rare.update(earlier)
    candidates = [j for j, count in shared.items() if count >= 2 and ids[j] != ids[i]]
    if not candidates:
        return None
    same_words = (words[candidates] == words[i]).mean(axis=1).tolist()
    best, best_score = None, 0.0
    for j, word_score in zip(candidates, same_words, strict=True):
        if not (word_score >= SAME_WORDS or (word_score >= MIN_WORDS and rare[j] >= MIN_RARE)):
            continue
        if word_score < SAME_WORDS and story[i] and story[j] and not story[i] & story[j]:
            continue  # both give dates or sums of their own and share none: two stories
        common = features[i] & features[j]
        cover = sum(weight[f] for f in common) / max(min(totals[i], totals[j]), 1e-9)
        if word_score >= SAME_WORDS or cover >= MIN_COVER:
            score = word_score + cover
            if score > best_score:
                best, best_score = j, score
    return best

