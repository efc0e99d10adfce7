"""Link across articles: near-duplicate stories (`core.duplicates`), one row per program, sites, conflicts.

Nothing here is quadratic in the corpus: duplicate candidates come from an inverted index of
features, and conflicts are group-bys.
"""

from __future__ import annotations

import re

import pandas as pd

from core import refdata
from core.duplicates import find_duplicates, fingerprint
from core.text import fold

__all__ = ["build_conflicts", "build_sites", "find_duplicates", "fingerprint", "merge_programs"]

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
    roles = roles[roles.groupby(["country_code", "role"])["surname"].transform("nunique") > 1]  # (the others agree)
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
    keys = ["story", "force_code", "host_code", "site_key"]
    df = df[df.groupby(keys)["personnel"].transform("nunique") > 1]  # (a story with one figure has no conflict)
    for (_, force, host, site), group in df.groupby(keys, sort=True):
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
