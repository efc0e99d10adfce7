"""The tables Flankwatch produces, declared once as data.

The CLI's JSON, the DuckDB store, the dashboard and its CSV downloads all use these
names and types (see ../shared/contract/EXTRACTION.md). The README's data dictionary is
generated from this declaration and a test checks that it stays in step.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    """One column: its name, its logical type and a one-line description."""

    name: str
    dtype: str  # one of: str, int, float, date, list, json
    description: str


def _cols(*specs: tuple[str, str, str]) -> tuple[Column, ...]:
    return tuple(Column(*s) for s in specs)


EVIDENCE = (
    ("evidence", "str", "the sentence the row was read from, verbatim"),
    ("start", "int", "character offset of the evidence in the article's text"),
    ("end", "int", "character offset just past the evidence"),
)

TABLES: dict[str, tuple[Column, ...]] = {
    "articles": _cols(
        ("article_id", "str", "stable id: a hash of the article's normalised text"),
        ("path", "str", "the file as given on the command line (with #n for items of a feed or JSON file)"),
        ("title", "str", "headline"),
        ("published", "date", "publication date (ISO 8601) or null"),
        ("source", "str", "publisher or null"),
        ("words", "int", "number of words in the main text"),
        ("duplicate_of", "str", "article_id of the earlier article telling the same story, or null"),
    ),
    "budgets": _cols(
        ("article_id", "str", "article the figure was read from"),
        ("budget_id", "str", "stable id: the article's id and the row's ordinal (<article_id>-b<n>)"),
        ("amount", "float", "amount in currency units (€140.8 million -> 140800000); a range's larger figure"),
        ("currency", "str", "ISO 4217 code"),
        ("amount_eur", "float", "amount in euros at the rate eur_rate_date and eur_rate_basis name; null where no rate fits"),
        ("eur_rate_date", "str", "ISO date of the ECB rate used, or the year of an annual mean; null for euros"),
        ("eur_rate_basis", "str", "why that rate: the article's date or the budget's first year, and its source"),
        ("funder_code", "str", "ISO alpha-3 of the funding country, null for collective or non-state funders"),
        ("funder", "str", "funding country's name or the actor (coalition, EU, NATO)"),
        ("recipient_code", "str", "ISO alpha-3 of the country whose forces or people the money equips or supports "
         "(Ukraine for aid to Ukraine, also through a coalition or fund; the funder for its own procurement), "
         "null where the text does not tell"),
        ("recipient", "str", "that country's name"),
        ("program", "str", "program, fund or package the money belongs to"),
        ("purpose", "str", "what the money buys, short"),
        ("kind", "str", "total (the whole sum of a budget, program or plan over its period), allocation (money a "
         "government assigns to its own spending: a year's slice, a budget line), contract (an order or contract "
         "with a supplier), pledge (promised to another party, not yet paid), contribution (paid or transferred "
         "into a common fund or to another party), package (a named or numbered tranche of aid to another party) "
         "or other (committed money of none of these kinds: loans, EU instruments)"),
        ("part_of", "str", "budget_id of the larger figure of the same article that this one is a share of, or null; "
         "sums over funders use only rows where it is null"),
        ("year_start", "int", "first year the money covers, or null"),
        ("year_end", "int", "last year the money covers, or null"),
        *EVIDENCE,
    ),
    "deployments": _cols(
        ("article_id", "str", "article the deployment was read from"),
        ("force_code", "str", "ISO alpha-3 of the country whose forces are deployed"),
        ("force", "str", "that country's name"),
        ("host_code", "str", "ISO alpha-3 of the host country"),
        ("host", "str", "host country's name"),
        ("site", "str", "gazetteer name of the site, null for a country-level mention"),
        ("lat", "float", "latitude of the site (host centroid when site is null)"),
        ("lon", "float", "longitude of the site (host centroid when site is null)"),
        ("personnel", "int", "personnel stated for this row, or null"),
        ("status", "str", "current, planned or ended"),
        ("program", "str", "mission or program the deployment belongs to, or null"),
        *EVIDENCE,
    ),
    "coalitions": _cols(
        ("article_id", "str", "article the membership was read from"),
        ("coalition", "str", "canonical coalition name"),
        ("member_code", "str", "ISO alpha-3 of the member"),
        ("member", "str", "member's name"),
        ("role", "str", "leader, member or applicant, as this article states it"),
        ("date", "date", "when the role began, or null"),
        *EVIDENCE,
    ),
    "events": _cols(
        ("article_id", "str", "article the event was read from"),
        ("date", "date", "ISO 8601 at the text's precision, --MM-DD without a year, null if undated"),
        ("event_type", "str", "approval, announcement, agreement, procurement, delivery, deployment, "
         "membership, summit, incident, establishment, funding, report or other"),
        ("actor_codes", "list", "ISO alpha-3 codes of the countries involved"),
        ("program", "str", "program the event belongs to, or null"),
        ("summary", "str", "one line"),
        *EVIDENCE,
    ),
    "sites": _cols(
        ("site", "str", "canonical gazetteer name"),
        ("kind", "str", "air base, naval base, army base, training area, city, border area or other"),
        ("country_code", "str", "ISO alpha-3 of the country the site is in"),
        ("lat", "float", "WGS84 latitude"),
        ("lon", "float", "WGS84 longitude"),
        ("mentions", "json", "one entry per article naming it: article_id and the name as written"),
    ),
    "site_mentions": _cols(
        ("article_id", "str", "article naming the site"),
        ("site", "str", "canonical gazetteer name"),
        ("name", "str", "the name as written in the article"),
        ("score", "float", "match score, 100 for an exact name or alias, lower for a fuzzy match"),
        *EVIDENCE,
    ),
    "programs": _cols(
        ("program", "str", "canonical program name"),
        ("kind", "str", "procurement, coalition, joint production, air defence, deployment, aid package or other"),
        ("country_codes", "list", "ISO alpha-3 codes of the countries involved"),
        ("articles", "list", "article_ids of the articles that tell of it"),
    ),
    "roles": _cols(
        ("article_id", "str", "article naming the office holder"),
        ("country_code", "str", "ISO alpha-3 of the country whose office it is"),
        ("role", "str", "the office, normalised (foreign minister, defence minister, ...)"),
        ("person", "str", "the name as written"),
        *EVIDENCE,
    ),
    "conflicts": _cols(
        ("subject", "str", "what the sources disagree about (a country's office, a site, a deployment)"),
        ("attribute", "str", "the attribute that differs (holder, spelling, personnel)"),
        ("value_a", "str", "the value in article A"),
        ("article_a", "str", "article_id of article A"),
        ("value_b", "str", "the value in article B"),
        ("article_b", "str", "article_id of article B"),
        ("evidence_a", "str", "the sentence in article A"),
        ("evidence_b", "str", "the sentence in article B"),
    ),
    "reviews": _cols(
        ("conflict_key", "str", "the conflict reviewed: its subject, attribute, articles and values, joined"),
        ("subject", "str", "the conflict's subject"),
        ("attribute", "str", "the conflict's attribute"),
        ("status", "str", "reviewed, or open again"),
        ("right", "str", "which source is right: a, b, neither or unsure (null when not said)"),
        ("note", "str", "the analyst's note"),
        ("at", "str", "when the review was saved (UTC, ISO 8601)"),
    ),
    "failures": _cols(
        ("path", "str", "file that could not be read"),
        ("reason", "str", "why, in one line"),
        ("at", "str", "when the failure was recorded (UTC, ISO 8601)"),
    ),
}

#: Tables the contract's JSON output carries, in the contract's order, then ours.
CONTRACT_TABLES = ("articles", "budgets", "deployments", "coalitions", "events", "sites", "programs")



@dataclass(frozen=True)
class Finding:
    """How a table of per-article findings is read across the project (filters, reader, exports).

    tag: the reader's one-letter label; countries: columns of ISO codes of the countries a row
    involves; program: the column naming its program (a coalition counts as one); date: the
    column with the row's own date (else the article's publication date stands in)."""

    tag: str
    countries: tuple[str, ...]
    program: str | None = None
    date: str | None = None


#: Tables with one row per article finding (each tied to an article and a sentence), in order.
FINDINGS: dict[str, Finding] = {
    "budgets": Finding("B", ("funder_code", "recipient_code"), "program"),
    "deployments": Finding("D", ("force_code", "host_code"), "program"),
    "coalitions": Finding("C", ("member_code",), "coalition", "date"),
    "events": Finding("E", ("actor_codes",), "program", "date"),
    "site_mentions": Finding("S", ()),  # a name's country is its site's (core.link builds sites)
    "roles": Finding("R", ("country_code",)),
}
ARTICLE_TABLES = tuple(FINDINGS)

#: Tables computed across articles by core.link.
LINKED_TABLES = ("sites", "programs", "conflicts")

#: Tables an analyst writes from the dashboard: never touched by ingest or relink.
ANALYST_TABLES = ("reviews",)


def column_names(table: str) -> list[str]:
    """The column names of `table`, in declared order.

    >>> column_names("failures")
    ['path', 'reason', 'at']
    """
    return [c.name for c in TABLES[table]]


def data_dictionary_markdown() -> str:
    """The README's data dictionary, one section per table."""
    parts = []
    for table, cols in TABLES.items():
        parts.append(f"### {table}\n\n| column | type | meaning |\n| --- | --- | --- |")
        parts.extend(f"| `{c.name}` | {c.dtype} | {c.description} |" for c in cols)
        parts.append("")
    return "\n".join(parts)
