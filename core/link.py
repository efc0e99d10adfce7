"""Link across articles: near-duplicate stories, one row per program, sites, conflicts.

Nothing here is quadratic in the corpus: duplicate candidates come from an inverted
index of rare numbers and names (a posting list longer than `MAX_POSTINGS` is ignored),
and conflicts are group-bys.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable

import numpy as np
import pandas as pd

from core import refdata
from core.text import fold

N_HASHES = 64
MAX_POSTINGS = 200
DUPLICATE_SCORE = 1.0  # words + numbers + names Jaccard
MIN_WORD_JACCARD = 0.15
_MASKS = np.random.default_rng(20240217).integers(0, 2**63 - 1, size=N_HASHES, dtype=np.uint64) * np.uint64(2) + \
    np.uint64(1)
_STOP = frozenset(
    ["that", "this", "with", "from", "have", "been", "were", "will", "would", "their", "which", "about", "after", "into", "more", "than", "said", "also", "they", "them", "there", "when", "what", "while", "other", "over", "only", "some", "such", "most", "many", "first", "last", "year", "years", "could", "these", "those", "being", "under", "since", "until", "where", "because", "against", "between", "before", "during", "told", "says", "according"])
_WORD = re.compile(r"[a-zà-ž]{4,}")
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_NAME = re.compile(r"\b[A-ZÀ-Ž][a-zà-ž]{3,}\b")


_MASK63 = (1 << 63) - 1


def _hash64(token: str) -> int:
    """A stable 63-bit hash (fits a signed BIGINT in the store)."""
    data = token.encode("utf-8")
    return (zlib.crc32(data) | (zlib.crc32(data[::-1], 0x9E3779B9) << 32)) & _MASK63


def fingerprint(text: str) -> dict[str, list[int]]:
    """What near-duplicate detection compares: a MinHash of content words, number and name hashes."""
    words = {w for w in _WORD.findall(text.lower()) if w not in _STOP}
    hashed = np.fromiter((_hash64(w) for w in words), dtype=np.uint64, count=len(words))
    minhash = ((hashed[:, None] ^ _MASKS[None, :]).min(axis=0) if len(hashed)
               else np.full(N_HASHES, np.iinfo(np.uint64).max, dtype=np.uint64))
    numbers = sorted({_hash64("#" + n.rstrip(".,")) for n in _NUMBER.findall(text)})
    names = sorted({_hash64("@" + n) for n in _NAME.findall(text)})
    return {"words": [int(x) & _MASK63 for x in minhash], "numbers": numbers, "names": names}


def _jaccard(a: Iterable[int], b: Iterable[int]) -> float:
    a, b = set(a), set(b)
    return len(a & b) / len(a | b) if a or b else 0.0


def _set_jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def similarity(a: dict, b: dict) -> tuple[float, float]:
    """(combined score, estimated word Jaccard) of two fingerprints."""
    words = float(np.mean(np.asarray(a["words"], dtype=np.int64) == np.asarray(b["words"], dtype=np.int64)))
    return words + _jaccard(a["numbers"], b["numbers"]) + _jaccard(a["names"], b["names"]), words


def find_duplicates(fingerprints: list[tuple[str, dict]]) -> dict[str, str]:
    """article_id -> article_id of the earlier article telling the same story.

    `fingerprints` are (article_id, fingerprint) in order, earliest first.
    """
    postings: dict[int, list[int]] = defaultdict(list)
    original: dict[str, str] = {}
    ids = [article_id for article_id, _ in fingerprints]
    # word MinHashes as one array: a candidate's word score is computed with the others in one step (same
    # values as `similarity`); number and name sets only for the candidates whose words are close enough
    words = np.array([fp["words"] for _, fp in fingerprints] or [[]], dtype=np.int64)
    for i, (article_id, fp) in enumerate(fingerprints):
        counts: Counter[int] = Counter()
        for feature in (*fp["numbers"], *fp["names"]):
            posting = postings[feature]
            if len(posting) < MAX_POSTINGS:
                counts.update(posting)
            posting.append(i)
        candidates = [j for j, shared in counts.items() if shared >= 2 and ids[j] != article_id]
        best, best_score = None, DUPLICATE_SCORE
        if candidates:
            same_words = (words[candidates] == words[i]).mean(axis=1).tolist()
            numbers, names = set(fp["numbers"]), set(fp["names"])
            for j, word_score in zip(candidates, same_words, strict=True):
                if word_score < MIN_WORD_JACCARD:
                    continue
                other = fingerprints[j][1]
                score = word_score + _set_jaccard(numbers, set(other["numbers"])) + \
                    _set_jaccard(names, set(other["names"]))
                if score >= best_score:
                    best, best_score = j, score
        if best is not None:
            earlier = ids[best]
            original[article_id] = original.get(earlier, earlier)
    return original


def merge_programs(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per program across articles (names folded; the most common spelling wins)."""
    columns = ["program", "kind", "country_codes", "articles"]
    if mentions.empty:
        return pd.DataFrame(columns=columns)
    df = mentions.assign(key=mentions["program"].map(_program_key))
    rows = []
    for _, group in df.groupby("key", sort=True):
        codes = sorted({c for codes in group["country_codes"] for c in (list(codes) if codes is not None else [])})
        rows.append({"program": group["program"].mode().iloc[0], "kind": group["kind"].mode().iloc[0],
                     "country_codes": codes, "articles": sorted(set(group["article_id"]))})
    return pd.DataFrame(rows, columns=columns)


def _program_key(name: str) -> str:
    key = fold(name)
    key = re.sub(r"^(?:the|international|a|an)\s+", "", key)
    return re.sub(r"\s+(?:for ukraine|programme|program)$", "", key)


def build_sites(site_mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per site with its gazetteer facts and one mention per article naming it."""
    columns = ["site", "kind", "country_code", "lat", "lon", "mentions"]
    if site_mentions.empty:
        return pd.DataFrame(columns=columns)
    gazetteer = refdata.sites()
    rows = []
    first = site_mentions.drop_duplicates(["site", "article_id"])
    for site, group in first.groupby("site", sort=True):
        facts = gazetteer.get(site, {})
        rows.append({"site": site, "kind": facts.get("kind"), "country_code": facts.get("country_code"),
                     "lat": float(facts["lat"]) if facts else None, "lon": float(facts["lon"]) if facts else None,
                     "mentions": [{"article_id": a, "name": n} for a, n in zip(group["article_id"], group["name"],
                                                                             strict=True)]})
    return pd.DataFrame(rows, columns=columns)


def _conflict(subject: str, attribute: str, a: pd.Series, b: pd.Series, value: str) -> dict:
    return {"subject": subject, "attribute": attribute, "value_a": str(a[value]), "article_a": a["article_id"],
            "value_b": str(b[value]), "article_b": b["article_id"], "evidence_a": a["evidence"],
            "evidence_b": b["evidence"]}


def role_conflicts(roles: pd.DataFrame) -> list[dict]:
    """Articles naming different holders of the same office of the same country."""
    out: list[dict] = []
    if roles.empty:
        return out
    roles = roles.assign(surname=roles["person"].map(lambda p: fold(p).split()[-1]))
    for (code, role), group in roles.groupby(["country_code", "role"], sort=True):
        holders = group.drop_duplicates("surname")
        if len(holders) < 2:
            continue
        first = holders.iloc[0]
        subject = f"{refdata.country_name(code) or code} {role}"
        for _, other in holders.iloc[1:].iterrows():
            if other["article_id"] != first["article_id"]:
                out.append(_conflict(subject, "holder", first, other, "person"))
    return out


def spelling_conflicts(site_mentions: pd.DataFrame) -> list[dict]:
    """A site spelt in a way that only fuzzy matching resolved, against another article's spelling."""
    out: list[dict] = []
    if site_mentions.empty:
        return out
    df = site_mentions.assign(key=site_mentions["name"].map(fold))
    for site, group in df.groupby("site", sort=True):
        if group["key"].nunique() < 2 or (group["score"] >= 100).all():
            continue
        exact = group[group["score"] >= 100]
        reference = (exact if not exact.empty else group).iloc[0]
        for _, row in group[group["score"] < 100].drop_duplicates("article_id").iterrows():
            if row["key"] != reference["key"] and row["article_id"] != reference["article_id"]:
                out.append(_conflict(site, "spelling", reference, row, "name"))
    return out


def personnel_conflicts(deployments: pd.DataFrame, duplicate_of: dict[str, str]) -> list[dict]:
    """Articles telling the same story with different personnel figures for one deployment."""
    out: list[dict] = []
    if deployments.empty or not duplicate_of:
        return out
    df = deployments.dropna(subset=["personnel"])
    df = df.assign(story=df["article_id"].map(lambda a: duplicate_of.get(a, a)), site_key=df["site"].fillna(""))
    for (_, force, host, site), group in df.groupby(["story", "force_code", "host_code", "site_key"], sort=True):
        figures = group.drop_duplicates("personnel")
        if len(figures) > 1 and figures["article_id"].nunique() > 1:
            subject = f"{force} forces in {host}" + (f" at {site}" if site else "")
            out.append(_conflict(subject, "personnel", figures.iloc[0], figures.iloc[1], "personnel"))
    return out


def build_conflicts(roles: pd.DataFrame, site_mentions: pd.DataFrame, deployments: pd.DataFrame,
                    duplicate_of: dict[str, str]) -> pd.DataFrame:
    """All disagreements between sources, one row per pair of articles and attribute."""
    from core.schema import column_names

    rows = (role_conflicts(roles) + spelling_conflicts(site_mentions)
            + personnel_conflicts(deployments, duplicate_of))
    return pd.DataFrame(rows, columns=column_names("conflicts"))
