"""Budget rows that belong together: shares of a larger figure, and whose forces the money supports.

A row is a share (`part_of`) of a larger figure of the same article when the text says so
("€30 million: €20 million for drones and €10 million for industry", "of which",
"including", "€200 million of that", "Estonia's share", "That includes ...", "€200
million a year ..., or €1 billion over five years"), when a running total takes it in
("raised its contribution to €250 million", "brought the facility's support to €137
million"), when it was handed to a recipient out of a pool the article sizes ("Poland was
allocated €43.7bn" of the €150bn loan instrument), or when consecutive figures add up to
the figure told just before them. A share keeps its parent's payer, recipient and kind
where its own sentence does not tell them. The recipient is then, in order: what the
sentence tells, the parent's, Ukraine for money given to another party in an article
about aid to Ukraine (coalition funds, pledges, packages), the recipient the same payer's
previous sum was told to have, else the payer itself (its own procurement).
"""

from __future__ import annotations

import re
from functools import cache

from core import refdata

_SHARE_BETWEEN = re.compile(r":\s|\bof\s+which\b|\bincluding\b|\bincludes?\b|\bsplit\s+(?:into|between)\b|"
                            r"\bconsisting\s+of\b|\bwith\s+the\s+rest\b", re.IGNORECASE)
SHARE_AFTER = re.compile(r"^\s*(?:of\s+(?:that|this|it|these|the\s+(?:\w+\s+)?(?:total|sum|amount|money|loans?|"
                          r"bill|budget|package|fund|plan|programme|program|envelope|figure|credit)))\b",
                          re.IGNORECASE)
_SHARE_OPENING = re.compile(r"^\s*(?:Of|Out\s+of)\s+(?:that|this|it|these|the\s+(?:\w+\s+)?(?:total|sum|amount|money|"
                            r"budget|package|loans?))\b", re.IGNORECASE)
_OF_WHOLE = re.compile(r"(?:^|[.;:]\s+)(?:Of|Out\s+of)\s+(?:the|that|this|its|their)?\s*$", re.IGNORECASE)
_SHARE_WORD = re.compile(r"\b(?<!for\sits\s)(?<!for\stheir\s)(?<!for\sher\s)(?<!for\shis\s)(?<!for\sour\s)"
                         r"(?:share|portion|part|slice|tranche)\b", re.IGNORECASE)  # not "for its part"
_INCLUDES_START = re.compile(r"^\s*(?:That|This|It|The\s+sum|The\s+total|The\s+figure)\s+(?:also\s+)?"
                             r"(?:includes?|included|covers?|covered|comprises?)\b")
_RUNNING_TOTAL = re.compile(r"\b(?:brings?|brought|bringing|raises?|raised|raising|increased?|increasing|takes|"
                            r"took|taking|lifts?|lifted|lifting)\b[^.;]{0,60}\bto\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_UKRAINE = re.compile(r"\b(?:Ukraine|Ukrainian|Kyiv|Kiev)\b")
_TO_ANOTHER = frozenset({"pledge", "contribution", "package"})
_SUM_TOLERANCE = 0.01


@cache
def coalition_names() -> frozenset[str]:
    """Canonical names of the coalitions of data/coalitions.csv (collective funders)."""
    return frozenset(r["coalition"] for r in refdata.rows("coalitions.csv"))


def _eur(row: dict) -> float:
    return row["amount_eur"] if row["amount_eur"] is not None else row["amount"]


def _larger_before(rows: list[dict], i: int, sentences_back: int) -> int | None:
    """The figure larger than row i told last before it (in its sentence or a few sentences back)."""
    row, best, best_at = rows[i], None, -1
    for j, other in enumerate(rows):
        if j == i or _eur(other) <= _eur(row) * (1 + _SUM_TOLERANCE) or other["_parent"] == i:
            continue
        told = [s for s in other["_told"] if s < row["_sentence"] or (s == row["_sentence"] and j < i)]
        if told and row["_sentence"] - max(told) <= sentences_back and max(told) > best_at:
            best, best_at = j, max(told)
    return best


def link_shares(rows: list[dict]) -> None:
    """Set `_parent` (index of the larger figure) on each row that is a share, in place."""
    for i in range(len(rows)):
        if rows[i]["_parent"] is None:
            rows[i]["_parent"] = _told_parent(rows, i)
    for j in range(len(rows)):
        _running_total(rows, j)
    for i, row in enumerate(rows):
        if row["_parent"] is None and row["_handed"]:
            row["_parent"] = _pool(rows, i)
        elif row["_parent"] is None and row["kind"] in ("allocation", "package"):
            row["_parent"] = _period_total(rows, i)
    _summed_shares(rows)


def _told_parent(rows: list[dict], i: int) -> int | None:
    row = rows[i]
    same = [j for j in range(i) if rows[j]["_sentence"] == row["_sentence"]]
    if same and _SHARE_BETWEEN.search(row["_between"]):
        j = _larger_before(rows, i, sentences_back=0)
        if j is not None:
            return j
    if same and _OF_WHOLE.search(rows[same[-1]]["_before"]) and _eur(row) < _eur(rows[same[-1]]):
        return same[-1]  # "Of the €50 million, €30 million will be used to buy drones"
    if same and rows[same[-1]]["_parent"] is not None and _eur(row) < _eur(rows[rows[same[-1]]["_parent"]]):
        return rows[same[-1]]["_parent"]  # "... : €20 million for drones and €10 million for industry"
    if row["_restated_as"]:  # "€200 million a year ..., or €1 billion over five years"
        amount, currency = row["_restated_as"]
        whole = [j for j, r in enumerate(rows) if r["currency"] == currency and abs(r["amount"] - amount) <= 0.005 * amount
                 and row["_sentence"] in r["_told"]]
        if whole:
            return whole[0]
    if SHARE_AFTER.match(row["_after"]) or _SHARE_WORD.search(row["_before"]) or row["_share_told"] \
            or _SHARE_OPENING.match(row["evidence"][:80]) and not same:
        return _larger_before(rows, i, sentences_back=3)
    if _INCLUDES_START.match(row["evidence"]) and not same:
        return _larger_before(rows, i, sentences_back=1)
    return None


def _running_total(rows: list[dict], j: int) -> None:
    """ "raised its contribution to €250 million": the same payer's smaller figures just told are in it."""
    whole = rows[j]
    if not _RUNNING_TOTAL.search(whole["_before"]):
        return
    for k in range(j - 1, -1, -1):
        part = rows[k]
        if whole["_sentence"] - part["_sentence"] > 2:
            break
        if part["_parent"] is None and _eur(part) < _eur(whole) and part["funder"] in (whole["funder"], None):
            part["_parent"] = j
            if whole["kind"] in (None, "other", "allocation"):
                whole["kind"] = "total"  # "brought the facility's support ... to €137 million"


def _period_total(rows: list[dict], i: int) -> int | None:
    """The same payer's total over several years that a year's allocation falls in ("- 2025 allocation:
    €53.7 million" of a 2025–2028 program), or that a package is told beside ("set aside SEK 75 billion
    ... over 2024 to 2026, and its 17th aid package ... was worth SEK 4.6 billion")."""
    row = rows[i]
    for j, whole in enumerate(rows):
        if j == i or whole["_parent"] is not None or _eur(whole) <= _eur(row) or whole["funder"] != row["funder"]:
            continue
        if not (whole["year_start"] and whole["year_end"] and whole["year_end"] > whole["year_start"]):
            continue
        year = row["year_start"]
        if (year and row["year_end"] == year and whole["year_start"] <= year <= whole["year_end"]) or (
                row["kind"] == "package" and row["_sentence"] in whole["_told"]):
            return j
    return None


def _pool(rows: list[dict], i: int) -> int | None:
    """The largest figure of the article that was handed to no one: the pool a handed share came from.
    An instrument before a plan's total ("an €800 billion ReArm EU plan" is no pool of the shares of a
    €150 billion loan instrument), and one told within two sentences of the share before one further off."""
    pools = [j for j, r in enumerate(rows) if j != i and not r["_handed"] and r["_parent"] is None
             and _eur(r) > _eur(rows[i]) and r["recipient_code"] is None and r["funder_code"] is None
             and r["kind"] in (None, "other", "total")]
    pools = [j for j in pools if rows[j]["kind"] != "total"] or pools  # an instrument hands out, a plan adds up
    near = [j for j in pools if any(abs(s - rows[i]["_sentence"]) <= 2 for s in rows[j]["_told"])] or pools
    return max(near, key=lambda j: _eur(rows[j])) if near else None


def _summed_shares(rows: list[dict]) -> None:
    """Figures right after a larger one that add up to it are its shares."""
    for j, whole in enumerate(rows):
        run, total = [], 0.0
        for k in range(j + 1, len(rows)):
            part = rows[k]
            if part["_parent"] not in (None, j) or part["_sentence"] - max(whole["_told"]) > 2 \
                    or _eur(part) >= _eur(whole):
                break
            run.append(k)
            total += _eur(part)
            if len(run) >= 2 and abs(total - _eur(whole)) <= _SUM_TOLERANCE * _eur(whole):
                for n in run:
                    rows[n]["_parent"] = j
                break


def inherit_from_parents(rows: list[dict]) -> None:
    """A share takes its parent's payer and kind where its own sentence does not tell them; a sum handed
    in a fact-box line ("- Poland: €4bn") out of no pool the article sizes is the country's own."""
    for row in rows:
        parent = rows[row["_parent"]] if row["_parent"] is not None else None
        if parent is None:
            if row["_fact_line"] and row["funder"] is None and row["recipient_code"]:
                row["funder_code"], row["funder"] = row["recipient_code"], row["recipient"]
            continue
        if row["_of_parent"] or ((row["_handed"] or not row["_funder_told"])
                                 and (parent["funder"] is not None or row["_handed"])):
            row["funder_code"], row["funder"] = parent["funder_code"], parent["funder"]
        if row["kind"] is None or (row["_handed"] and parent["kind"] == "other"):
            row["kind"] = parent["kind"]
        elif row["kind"] == "total" or (row["kind"] == "allocation" and _SHARE_WORD.search(row["_before"])):
            # "136 billion zloty of that total": a share is never the whole sum; "the largest share, €12
            # million": the word for a share is no kind
            row["kind"] = parent["kind"] if parent["kind"] != "total" else "allocation"


def default_recipients(rows: list[dict], article_text: str) -> None:
    """Recipients the sentences did not tell (see the module docstring); then a sum of a government's own
    with no word for its kind is an allocation."""
    aids_ukraine = bool(_UKRAINE.search(article_text))
    for i, row in enumerate(rows):
        if row["recipient_code"] is None and row["recipient"] is None:
            parent = rows[row["_parent"]] if row["_parent"] is not None else None
            earlier = _same_payer_before(rows, i)
            if parent is not None and parent["recipient_code"] and not row["_handed"] and (
                    not row["funder_code"] or row["funder_code"] == parent["funder_code"] or not parent["funder_code"]):
                chosen = parent["recipient_code"], parent["recipient"]
            elif aids_ukraine and row["funder_code"] != "UKR" and (
                    row["kind"] in _TO_ANOTHER or row["_to_fund"] or row["funder"] in coalition_names()):
                chosen = "UKR", "Ukraine"
            elif earlier is not None:
                chosen = earlier["recipient_code"], earlier["recipient"]
            elif row["funder_code"] and row["kind"] not in _TO_ANOTHER:
                chosen = row["funder_code"], row["funder"]
            elif row["_site_country"] and not row["funder_code"]:
                chosen = row["_site_country"]  # "the runway was rebuilt in a €18.5 million project"
            else:
                chosen = None, None
            row["recipient_code"], row["recipient"] = chosen
        if row["kind"] is None and row["funder_code"] and row["recipient_code"] == row["funder_code"]:
            row["kind"] = "allocation"


def _same_payer_before(rows: list[dict], i: int) -> dict | None:
    """The same payer's sum told in the two sentences before, when its recipient was another country."""
    row = rows[i]
    for other in reversed(rows[:i]):
        if row["_sentence"] - other["_sentence"] > 2:
            break
        if other["funder_code"] and other["funder_code"] == row["funder_code"] and other["_recipient_told"] \
                and other["recipient_code"] not in (None, row["funder_code"]):
            return other
    return None
