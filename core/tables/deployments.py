"""Deployments: forces or military assets of one country stationed in or sent to another.

Each sentence that has a parse is read by grammar (`deploy_grammar`: force, host and site by
dependency relation, status from the predicate, `deploy_status`); a sentence without one falls
back to the positional rules of `deploy_regex`. A hand-over told as a replacement ("X were
relieved by Y", at the base told in that sentence or the one before) is `deploy_replacement`'s.
Claims become rows, one per (force, host, site): a figure for several sites goes on the
country-level row, a single site carries it itself, and a country-level row without a figure is
dropped where the article names a site for that force and host (contract v2).
"""

from __future__ import annotations

import math

from core import refdata
from core.annotate import Annotated, AnnotatedSentence
from core.records import Mention
from core.tables.common import country_mentions, evidence
from core.tables.deploy_grammar import Claim, read_claims
from core.tables.deploy_refs import DeployRefs
from core.tables.deploy_regex import regex_claims
from core.tables.deploy_replacement import replacement_claims, scene_of

Key = tuple[str, str, str | None]
#: How near a base must lie to a city named for the same force to be the same place.
SAME_PLACE_KM = 15.0


def build_deployments(article: Annotated) -> list[dict]:
    """One row per (force, host, site) the article names."""
    rows: dict[Key, dict] = {}
    refs = DeployRefs()
    scene: Mention | None = None  # the base the sentence before named, for a replacement told next
    for sentence, before in zip(article.sentences, article.before, strict=True):
        refs.note_discourse(before)
        refs.begin(sentence.index, sentence.text)
        countries = country_mentions(sentence)
        if countries or refs.force(sentence.index) or (before.subject and sentence.parse is not None):
            if sentence.parse is not None:
                claims = read_claims(sentence, refs) + replacement_claims(sentence, scene)
            else:
                claims = regex_claims(article, sentence, refs)
            for claim in claims:
                _add(rows, article, sentence, claim)
                refs.note_row(claim.force, claim.host, claim.sites[-1] if claim.sites else None, sentence.index,
                              claim.status)
        scene = scene_of(sentence)
    return _without_shadowed_country_rows(_city_beside_base_merged(rows))


def _add(rows: dict[Key, dict], article: Annotated, sentence: AnnotatedSentence, claim: Claim) -> None:
    if claim.figure_only and len(claim.sites) == 1 and claim.personnel is not None:
        held = rows.get((claim.force, claim.host, claim.sites[0].value.name), {}).get("personnel")
        if held is not None and held != claim.personnel:  # "an advance party of 25 at X. The brigade is to
            _put(rows, article, sentence, claim, None, claim.personnel)  # grow to 5,000": not X's figure
            return
    if len(claim.sites) == 1 and not claim.whole:
        _put(rows, article, sentence, claim, claim.sites[0].value.name, claim.personnel)
        return
    _put(rows, article, sentence, claim, None, claim.personnel)
    for site in claim.sites:
        _put(rows, article, sentence, claim, site.value.name, None)


def _put(rows: dict[Key, dict], article: Annotated, sentence: AnnotatedSentence, claim: Claim,
         site: str | None, personnel: int | None) -> None:
    key = (claim.force, claim.host, site)
    if key in rows:
        if rows[key]["personnel"] is None and personnel is not None:
            rows[key]["personnel"] = personnel
            if not claim.figure_only:  # "began deploying a brigade. It said it would deploy 4,800 troops":
                rows[key].update(status=claim.status, **evidence(sentence))  # the figure's own status and sentence
        if claim.figure_only:
            return
        if rows[key]["status"] == "planned" and claim.status == "current":
            rows[key]["status"] = "current"  # forces there now and more announced: it is current
        elif claim.status == "ended" and rows[key]["start"] < sentence.sentence.start:
            rows[key]["status"] = "ended"  # sent, then withdrawn later in the story: it is over
        return
    lat: float | None
    lon: float | None
    if site:
        place = refdata.sites().get(site, {})
        lat, lon = float(place["lat"]), float(place["lon"])
    else:
        lat, lon = refdata.country_centroid(claim.host)
    rows[key] = {"article_id": article.article_id, "force_code": claim.force,
                 "force": refdata.country_name(claim.force), "host_code": claim.host,
                 "host": refdata.country_name(claim.host), "site": site, "lat": lat, "lon": lon,
                 "personnel": personnel, "status": claim.status, "program": _mission(sentence),
                 **evidence(sentence)}


def _city_beside_base_merged(rows: dict[Key, dict]) -> dict[Key, dict]:
    """A city and a base or airport beside it (within `SAME_PLACE_KM`) told for the same force
    and host are one place ("stationed in Rzeszów" and "the airport at Rzeszów-Jasionka"): the
    row named first stays, with the figure either carries."""
    kept: dict[Key, dict] = {}
    for key, row in rows.items():
        twin = next((k for k in kept if k[:2] == key[:2] and k[2] and key[2] and _same_place(k[2], key[2])), None)
        if twin is None:
            kept[key] = row
        elif kept[twin]["personnel"] is None:
            kept[twin]["personnel"] = row["personnel"]
    return kept


def _same_place(a: str, b: str) -> bool:
    sites = refdata.sites()
    first, second = sites.get(a, {}), sites.get(b, {})
    if "city" not in (first.get("kind"), second.get("kind")) or not first or not second:
        return False
    lat1, lon1, lat2, lon2 = map(math.radians, (float(first["lat"]), float(first["lon"]),
                                                float(second["lat"]), float(second["lon"])))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h)) <= SAME_PLACE_KM


def _without_shadowed_country_rows(rows: dict[Key, dict]) -> list[dict]:
    """Drop a country-level row that carries no figure where a site row of the same force and
    host exists: the contract writes country-level rows only where no site is named."""
    with_site = {(force, host) for force, host, site in rows if site}
    return [row for (force, host, site), row in rows.items()
            if site or row["personnel"] is not None or (force, host) not in with_site]


def _mission(sentence: AnnotatedSentence) -> str | None:
    """The coalition or mission the sentence names ("under NATO's Eastern Sentry", "Baltic Air Policing")."""
    names = [m.value.name for m in sentence.names if m.kind == "coalition" or m.kind == "program"
             and m.value.kind == "deployment"]
    return names[0] if names else None
