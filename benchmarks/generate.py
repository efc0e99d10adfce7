"""Write a synthetic corpus of defence news with its own gold, for benchmarks at any scale.

    python -m benchmarks.generate OUT --n 1000 [--seed 7] [--html-share 0.3] [--duplicate-share 0.03]

writes `OUT/articles/NNNNNN_slug.txt|.html` (what `python -m core ingest OUT/articles` reads)
and `OUT/gold/NNNNNN_slug.gold.json`, the gold in the dev corpus's format, each beside a
symbolic link to its article, so `python ../shared/eval/score.py --gold OUT/gold` scores it.

The facts are random but consistent: one world per seed fixes who holds which office, which
forces are stationed where and with how many troops, and who leads and belongs to which
coalition; every article tells a few of those facts (plus budgets and dated happenings of its
own) in sentences drawn from varied templates, with every currency form (€2.75 billion,
EUR 30 million, 30 million euros, £200m, $1.5bn, US$400 million, PLN 1.2 billion) and date
form (12 September 2025, Sept. 12, 12.09.2025, in March 2024, in 2023, on Tuesday), padded
to about 500 words with commentary that names nothing. A share of articles retell an earlier
article's story in other words (their gold names it as `duplicate_of`).

Articles are written one at a time (nothing is held in memory) and the output is the same
for the same seed and options.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import os
import random
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from core import refdata

# --- the world: reference facts drawn once per seed -----------------------------------------

FORCES = ("USA", "GBR", "DEU", "FRA", "NLD", "ITA", "ESP", "CAN", "BEL", "DNK", "NOR", "SWE", "CZE", "PRT")
HOSTS = ("POL", "LTU", "LVA", "EST", "ROU", "BGR", "SVK", "HUN", "FIN")
FUNDERS = (*FORCES, *HOSTS, "LUX", "ISL", "AUT", "GRC", "HRV", "SVN")
CURRENCY = {"USA": "USD", "GBR": "GBP", "POL": "PLN", "SWE": "SEK", "NOR": "NOK", "DNK": "DKK", "CZE": "CZK",
            "ROU": "RON", "HUN": "HUF", "CAN": "USD", "ISL": "EUR"}
WITH_ARTICLE = {"USA": "the United States", "GBR": "the United Kingdom", "NLD": "the Netherlands"}
SHORT_NAME = {"USA": ("the United States", "the U.S.", "the US"), "GBR": ("the United Kingdom", "Britain", "the UK")}
OFFICES = ("Defence Minister", "Foreign Minister", "Prime Minister")
SITE_KINDS = ("air base", "army base", "training area", "naval base")
COALITION_IDS = ("drone-coalition", "it-coalition", "demining-coalition", "air-force-capability-coalition",
                 "armoured-vehicles-coalition", "artillery-coalition", "maritime-capability-coalition",
                 "iamd-coalition", "european-sky-shield-initiative", "joint-expeditionary-force",
                 "czech-ammunition-initiative", "coalition-of-the-willing")
#: Leads as data/coalitions.csv notes them (the others get leads drawn per seed).
LEADERS = {"drone-coalition": ("LVA", "GBR"), "it-coalition": ("EST", "LUX"), "demining-coalition": ("LTU", "ISL"),
           "air-force-capability-coalition": ("DNK", "NLD"), "artillery-coalition": ("FRA", "USA"),
           "maritime-capability-coalition": ("GBR", "NOR"), "iamd-coalition": ("DEU", "FRA"),
           "european-sky-shield-initiative": ("DEU",), "joint-expeditionary-force": ("GBR",),
           "czech-ammunition-initiative": ("CZE",), "coalition-of-the-willing": ("GBR", "FRA")}
COALITION_POOL = ("GBR", "DEU", "FRA", "NLD", "ITA", "ESP", "CAN", "BEL", "DNK", "NOR", "SWE", "CZE", "PRT", "POL",
                  "LTU", "LVA", "EST", "ROU", "BGR", "SVK", "FIN", "LUX", "ISL", "AUS", "NZL", "GRC", "HRV", "SVN")

FIRST_NAMES = ("Anna", "Marek", "Katarina", "Tomas", "Ingrid", "Pieter", "Lucia", "Henrik", "Elena", "Jonas",
               "Maria", "Stefan", "Ilse", "Andrei", "Petra", "Mikkel", "Sofia", "Lukas", "Vera", "Oskar",
               "Helena", "Radu", "Agnes", "Karel", "Liisa", "Mateo", "Greta", "Dario", "Nadia", "Emil")
SURNAMES = ("Kowalczyk", "Brandauer", "Lindqvist", "Vermeulen", "Castellano", "Haugland", "Petrescu", "Novakova",
            "Ruutel", "Kalninsh", "Zemaitis", "Dimitrov", "Horvathy", "Fontaine", "Whitcombe", "Sorensen",
            "Marchetti", "Oliveira", "Tanskanen", "Drozdowski", "Esterhazy", "Vasquez", "Lemaire", "Holmgren",
            "Benedek", "Kuusk", "Ostrowski", "Varga", "Ionescu", "Berzins", "Janssens", "Aaltonen", "Moravec",
            "Greenhalgh", "Ferreira", "Brekke", "Sandoval", "Karlsson", "Lukashev", "Pellegrini")
AUTHORS = ("Jana Holub", "Mark Ellison", "Ruta Vaitkute", "Daniel Moser", "Ilona Sz\u00e9p", "Chris Walden",
           "Oana Munteanu", "Peter Lind", "Agata Nowicka", "Tom Rees")
SOURCES = ("Eastern Flank Monitor", "Baltic Defence Wire", "Black Sea Monitor", "Eurowire", "Northern Security Review",
           "Defence Daily Europe", "Flank Report", "Continental Defence News")
COMPANIES = ("Nordavia Systems", "Brightwing Aero", "Skerra Dynamics", "Valtor Defence", "Helmark Industries",
             "Quillon Robotics", "Ostrava Aerotech", "Lumeq Drones")
PURPOSES = ("air defence systems", "counter-drone equipment", "artillery ammunition", "surveillance drones",
            "first-person-view drones", "armoured vehicles", "training for Ukrainian pilots", "demining equipment",
            "coastal defence missiles", "military mobility projects", "long-range strike drones",
            "secure communications", "spare parts for howitzers", "electronic warfare kits", "naval drones")
JETS = ("Eurofighter Typhoons", "F-35 fighters", "F-16 jets", "Rafale jets", "Gripen fighters")
SYSTEMS = ("howitzers", "air defence launchers", "armoured personnel carriers", "reconnaissance drones",
           "radar units", "interceptor drones")
SCALES = {"million": 1e6, "billion": 1e9}


@dataclass
class Place:
    """A gazetteer place and how an article may write it."""

    site: str
    code: str
    kind: str
    lat: float
    lon: float
    spellings: tuple[str, ...]


@dataclass
class Deployment:
    """One force's presence in one host country (fixed for the world)."""

    force: str
    host: str
    personnel: int
    sites: tuple[Place, ...]
    since: int


@dataclass
class Coalition:
    """A coalition's fixed leaders, members and applicants."""

    name: str
    spellings: tuple[str, ...]
    leaders: tuple[str, ...]
    members: tuple[str, ...]
    applicants: tuple[str, ...]
    launched: dt.date


@dataclass
class World:
    countries: dict[str, dict]
    officials: dict[tuple[str, str], str]
    deployments: list[Deployment]
    coalitions: list[Coalition]
    cities: dict[str, list[Place]]
    capitals: dict[str, Place]


def _spellings(row: dict) -> tuple[str, ...]:
    site = row["site"]
    head = site.split()[0].split("-")[0]
    aliases = [a for a in refdata.split_list(row["aliases"]) if a.split()[0].split("-")[0] in (head, _plain(head))]
    forms = ([] if "(" in site else [site]) + aliases
    return tuple(dict.fromkeys(forms)) or (site,)


def _plain(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _place(row: dict) -> Place:
    return Place(row["site"], row["country_code"], row["kind"], float(row["lat"]), float(row["lon"]), _spellings(row))


def build_world(seed: int) -> World:
    """The facts every article of this seed agrees on."""
    rng = random.Random(seed)
    countries = {code: row for code, row in refdata.countries().items()}
    gazetteer = [r for r in refdata.rows("gazetteer.csv") if r["ambiguous"] != "1"]
    bases: dict[str, list[Place]] = {}
    cities: dict[str, list[Place]] = {}
    capitals: dict[str, Place] = {}
    for row in gazetteer:
        if row["kind"] in SITE_KINDS:
            bases.setdefault(row["country_code"], []).append(_place(row))
        elif row["kind"] == "city" and len(row["site"]) > 3 and "," not in row["site"]:
            place = _place(row)
            cities.setdefault(row["country_code"], []).append(place)
            if row["capital"] == "1":
                capitals[row["country_code"]] = place
    officials = {}
    from core.mentions.lexicon import lexicon

    known = lexicon()  # no official may be named like a place or a country
    names = [f"{f} {s}" for f in FIRST_NAMES for s in SURNAMES if s.lower() not in known and f.lower() not in known]
    rng.shuffle(names)
    for code in sorted(set(FUNDERS) | set(COALITION_POOL) | set(HOSTS)):
        for office in OFFICES:
            officials[(code, office)] = names.pop()
    deployments = []
    for host in HOSTS:
        for force in rng.sample(FORCES, 3):
            sites = rng.sample(bases.get(host, []), min(len(bases.get(host, [])), rng.choice((1, 2, 2))))
            deployments.append(Deployment(force, host, rng.choice((150, 250, 300, 400, 600, 800, 1_000, 1_200, 1_500,
                                                                   2_000, 3_500, 4_800)),
                                          tuple(sites), rng.randint(2016, 2023)))
    rows = {r["coalition_id"]: r for r in refdata.rows("coalitions.csv")}
    coalitions = []
    for cid in COALITION_IDS:
        row = rows[cid]
        leaders = LEADERS.get(cid) or tuple(rng.sample(COALITION_POOL, 2))
        pool = rng.sample([c for c in COALITION_POOL if c not in leaders], 11)
        spellings = (row["coalition"], *[a for a in refdata.split_list(row["aliases"])
                                         if len(a) > 6 and "-led" not in a][:3])
        coalitions.append(Coalition(row["coalition"], spellings, leaders, tuple(pool[:9]), tuple(pool[9:11]),
                                    dt.date(rng.randint(2022, 2024), rng.randint(1, 12), 1)))
    return World(countries, officials, deployments, coalitions, cities, capitals)


# --- rendering helpers -----------------------------------------------------------------------


def name_of(world: World, code: str, rng: random.Random) -> str:
    """How the text names a country (with 'the' where English needs it)."""
    if code in SHORT_NAME:
        return rng.choice(SHORT_NAME[code])
    return WITH_ARTICLE.get(code, world.countries[code]["name"])


def demonym(world: World, code: str) -> str:
    return refdata.split_list(world.countries[code]["demonyms"])[0]


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def thousands(n: int) -> str:
    return f"{n:,}"


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
SHORT_MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def render_date(day: dt.date, published: dt.date, rng: random.Random) -> tuple[str, str]:
    """(words as the text puts them after 'on'/'in', gold ISO date at the precision the words give)."""
    age = (published - day).days
    forms = ["dmy", "mdy", "numeric", "month", "year"]
    if 0 < age < 7:
        forms += ["weekday", "weekday"]
    if 0 <= age < 50:
        forms += ["dm", "md", "md"]
    form = rng.choice(forms)
    full = day.isoformat()
    if form == "dmy":
        return f"on {day.day} {MONTHS[day.month - 1]} {day.year}", full
    if form == "mdy":
        return f"on {MONTHS[day.month - 1]} {day.day}, {day.year}", full
    if form == "numeric":
        return f"on {day.day:02d}.{day.month:02d}.{day.year}", full
    if form == "month":
        return f"in {MONTHS[day.month - 1]} {day.year}", full[:7]
    if form == "year":
        return f"in {day.year}", str(day.year)
    if form == "weekday":
        return f"on {WEEKDAYS[day.weekday()]}", full
    if form == "dm":
        return f"on {day.day} {MONTHS[day.month - 1]}", full
    return f"on {SHORT_MONTHS[day.month - 1]} {day.day}", full


def money(amount_units: float, currency: str, rng: random.Random) -> str:
    """A sum as news writes it, in one of the forms of its currency."""
    scale = "billion" if amount_units >= 1e9 else "million"
    n = amount_units / SCALES[scale]
    num = f"{n:g}"
    short = {"million": "m", "billion": "bn"}[scale]
    forms = {
        "EUR": [f"€{num} {scale}", f"EUR {num} {scale}", f"{num} {scale} euros", f"€{num}{short}"],
        "USD": [f"${num} {scale}", f"US${num} {scale}", f"${num}{short}", f"{num} {scale} dollars",
                f"USD {num} {scale}"],
        "GBP": [f"£{num}{short}", f"£{num} {scale}", f"{num} {scale} pounds", f"GBP {num} {scale}"],
        "PLN": [f"PLN {num} {scale}", f"{num} {scale} zlotys", f"{num} {scale} złoty"],
        "SEK": [f"SEK {num} {scale}", f"{num} {scale} Swedish kronor"],
        "NOK": [f"NOK {num} {scale}", f"{num} {scale} Norwegian kroner"],
        "DKK": [f"DKK {num} {scale}", f"{num} {scale} Danish kroner"],
        "CZK": [f"CZK {num} {scale}", f"{num} {scale} Czech crowns"],
        "RON": [f"RON {num} {scale}", f"{num} {scale} lei"],
        "HUF": [f"HUF {num} {scale}", f"{num} {scale} forints"],
    }[currency]
    return rng.choice(forms)


def amount_for(currency: str, rng: random.Random) -> float:
    mantissa = rng.choice((1.2, 1.5, 2, 2.75, 3, 4.5, 12, 15, 20, 25, 30, 42.6, 45, 60, 75, 120, 140.8, 200, 250,
                           300, 400, 500, 750))
    scale = 1e9 if mantissa < 5 and rng.random() < 0.5 else 1e6
    factor = {"CZK": 20, "SEK": 10, "NOK": 10, "DKK": 7, "HUF": 400, "PLN": 4, "RON": 5}.get(currency, 1)
    if factor > 1 and scale == 1e6 and mantissa * factor >= 1000:
        return mantissa * factor / 1000 * 1e9
    return mantissa * scale * factor if factor > 1 and mantissa * factor < 1000 else mantissa * scale


# --- facts -> sentences and gold rows --------------------------------------------------------
#
# Every fact function draws what happened from `rng` and how the text says it from `style`,
# so a retelling (same `rng` seed, another `style`) tells the same facts in other words.


@dataclass
class Told:
    """What one article says: its paragraphs and its gold rows."""

    paragraphs: list[list[str]] = field(default_factory=list)
    gold: dict[str, list[dict]] = field(default_factory=lambda: {t: [] for t in
                                                                 ("budgets", "deployments", "coalitions", "events",
                                                                  "sites")})
    sites: dict[str, Place] = field(default_factory=dict)
    amounts: set[tuple[float, str]] = field(default_factory=set)

    def amount(self, currency: str, rng: random.Random) -> float:
        """A sum not yet told in this article (two equal figures would read as one repeated)."""
        value = amount_for(currency, rng)
        while (value, currency) in self.amounts:
            value = amount_for(currency, rng)
        self.amounts.add((value, currency))
        return value

    def name_place(self, place: Place, style: random.Random) -> str:
        self.sites[place.site] = place
        return style.choice(place.spellings)

    def event(self, date_iso: str, event_type: str) -> None:
        self.gold["events"].append({"date": date_iso, "event_type": event_type})


@dataclass
class Story:
    """The facts of one story (an article and its retellings share one)."""

    seed: int
    origin: dt.date  # the first telling's publication date: facts' dates are drawn before it
    published: dt.date  # this telling's publication date: year-less and weekday dates are relative to it
    main: str  # the country the story is about
    dateline: Place | None
    facts: list[tuple[str, int]]  # (fact kind, its own seed)
    title_seed: int


def _past(story: Story, rng: random.Random, within: int = 400) -> dt.date:
    days = rng.choice((rng.randint(1, 6), rng.randint(1, 45), rng.randint(1, within)))
    return story.origin - dt.timedelta(days=days)


def _when(story: Story, rng: random.Random, style: random.Random, within: int = 400) -> tuple[str, str]:
    return render_date(_past(story, rng, within), story.published, style)


def _years(story: Story, rng: random.Random, style: random.Random) -> tuple[str, dict]:
    choice = rng.random()
    year = story.origin.year + rng.choice((0, 1))
    end = year + rng.choice((1, 2, 3))
    if choice < 0.5:
        return "", {}
    if choice < 0.75:
        return style.choice((f" for {year}", f" in {year}")), {"year_start": year, "year_end": year}
    text = style.choice((f" for {year}-{end}", f" between {year} and {end}", f" from {year} to {end}"))
    return text, {"year_start": year, "year_end": end}


def fact_budget(world: World, story: Story, told: Told, rng: random.Random, style: random.Random) -> None:
    funder = rng.choice((story.main, story.main, rng.choice(FUNDERS)))
    currency = CURRENCY.get(funder, "EUR")
    if currency != "EUR" and rng.random() < 0.25:
        currency = rng.choice(("EUR", "USD"))
    amount = told.amount(currency, rng)
    purpose = rng.choice(PURPOSES)
    kind = rng.choice(("allocation", "allocation", "allocation", "pledge", "pledge", "package", "total"))
    office = rng.choice(OFFICES)
    company = rng.choice(COMPANIES)
    dated = rng.random() < 0.35
    years, year_gold = _years(story, rng, style)
    words = money(amount, currency, style)
    who, adj, official = name_of(world, funder, style), demonym(world, funder), world.officials[(funder, office)]
    templates = {
        "allocation": (f"{cap(who)} has allocated {words} to {purpose}{years}, {office} {official} said.",
                       f"The {adj} defence ministry earmarked {words} for {purpose}{years}.",
                       f"{cap(who)} set aside {words} for {purpose}{years}.",
                       f"The {adj} government ordered {purpose} worth {words} from {company}{years}."),
        "pledge": (f"{cap(who)} pledged {words} for {purpose}{years}.",
                   f"{office} {official} promised that {who} would provide {words} for {purpose}{years}."),
        "package": (f"{cap(who)} announced a new military aid package for Ukraine worth {words}, "
                    f"covering {purpose}{years}.",),
        "total": (f"{cap(who)} has budgeted {words} for {purpose}{years}.",),
    }
    sentences = [style.choice(templates[kind])]
    told.gold["budgets"].append({"amount": round(amount, 2), "currency": currency, "funder_code": funder,
                                 "kind": kind, **year_gold})
    if dated:
        when, iso = _when(story, rng, style)
        etype = rng.choice(("announcement", "approval"))
        if etype == "approval":
            sentences.append(f"The {adj} parliament approved the spending {when}.")
        else:
            sentences.append(f"{office} {official} {style.choice(('announced the decision', 'confirmed the figure'))}"
                             f" {when}.")
        told.event(iso, etype)
    told.paragraphs.append(sentences)


def fact_coalition_money(world: World, story: Story, told: Told, rng: random.Random, style: random.Random) -> None:
    coalition = rng.choice(world.coalitions)
    member = rng.choice(coalition.members + coalition.leaders)
    currency = CURRENCY.get(member, "EUR") if rng.random() < 0.3 else "EUR"
    amount = told.amount(currency, rng)
    total = amount * rng.choice((3, 4, 6))
    while (total, currency) in told.amounts:
        total *= 2
    told.amounts.add((total, currency))
    name, who = style.choice(coalition.spellings), name_of(world, member, style)
    told.gold["budgets"].append({"amount": round(amount, 2), "currency": currency, "funder_code": member,
                                 "kind": "contribution"})
    told.gold["budgets"].append({"amount": round(total, 2), "currency": currency, "funder_code": None,
                                 "kind": "pledge"})
    told.gold["coalitions"].append({"coalition": coalition.name, "member_code": member,
                                    "role": "leader" if member in coalition.leaders else "member"})
    told.paragraphs.append([
        f"Members of the {name} have so far pledged {money(total, currency, style)} in total.",
        f"{cap(who)}, which is part of the {name}, will contribute {money(amount, currency, style)} "
        f"to the coalition's common fund.",
    ])


def fact_deployment(world: World, story: Story, told: Told, rng: random.Random, style: random.Random) -> None:
    options = [d for d in world.deployments if story.main in (d.host, d.force)] or world.deployments
    dep = rng.choice(options)
    shape = rng.random()
    extra = rng.choice((150, 200, 300, 500, 700))
    adj, host, force_name = demonym(world, dep.force), name_of(world, dep.host, style), name_of(world, dep.force, style)
    n = thousands(dep.personnel)
    approx = style.choice(("about ", "around ", "roughly ", ""))
    rows = told.gold["deployments"]

    def row(site: Place | None, personnel: int | None) -> None:
        rows.append({"force_code": dep.force, "host_code": dep.host, "site": site.site if site else None,
                     "lat": site.lat if site else None, "lon": site.lon if site else None, "personnel": personnel})

    if dep.sites and shape < 0.35:
        site = dep.sites[0]
        words = told.name_place(site, style)
        row(site, dep.personnel)
        told.paragraphs.append([style.choice((
            f"{cap(approx)}{n} {adj} troops are stationed at {words} in {host}.",
            f"{cap(force_name)} keeps {approx}{n} soldiers at {words} in {host}.",
        ))])
    elif len(dep.sites) >= 2 and shape < 0.6:
        s1, s2 = dep.sites[:2]
        w1, w2 = told.name_place(s1, style), told.name_place(s2, style)
        row(None, dep.personnel)
        row(s1, None)
        row(s2, None)
        told.paragraphs.append([f"{cap(force_name)} has {approx}{n} troops in {host}, most of them at {w1} "
                                f"and {w2}."])
    elif shape < 0.8:
        row(None, None)
        told.paragraphs.append([style.choice((f"{cap(adj)} forces have been deployed in {host} since {dep.since}.",
                                              f"{cap(force_name)} has had troops in {host} since {dep.since}."))])
        told.event(str(dep.since), "deployment")
    else:
        row(None, extra)
        told.paragraphs.append([f"{cap(force_name)} will send {thousands(extra)} more troops to {host} "
                                f"to reinforce the allied presence there, officials said."])


def fact_air_policing(world: World, story: Story, told: Told, rng: random.Random, style: random.Random) -> None:
    host = rng.choice(("LTU", "EST", "POL", "ROU", "BGR", "SVK"))
    bases = [p for d in world.deployments if d.host == host for p in d.sites if p.kind == "air base"]
    if not bases:
        return fact_deployment(world, story, told, rng, style)
    base = rng.choice(bases)
    force = rng.choice([f for f in FORCES if f != host])
    count, jets = rng.choice(("four", "six", "eight")), rng.choice(JETS)
    when, iso = _when(story, rng, style, 120)
    words = told.name_place(base, style)
    told.gold["deployments"].append({"force_code": force, "host_code": host, "site": base.site, "lat": base.lat,
                                     "lon": base.lon, "personnel": None})
    told.event(iso, "deployment")
    told.paragraphs.append([f"{cap(count)} {demonym(world, force)} {jets} arrived at {words} in "
                            f"{name_of(world, host, style)} {when} to take over NATO's air policing mission."])


def fact_coalition(world: World, story: Story, told: Told, rng: random.Random, style: random.Random) -> None:
    coalition = rng.choice(world.coalitions)
    members = rng.sample(coalition.members, rng.randint(3, 6))
    applicant = rng.choice(coalition.applicants) if rng.random() < 0.5 else None
    launched = rng.random() < 0.5
    name = style.choice(coalition.spellings)
    leads = [name_of(world, c, style) for c in coalition.leaders]
    led = " and ".join(leads)
    names = [name_of(world, c, style) for c in members]
    listed = ", ".join(names[:-1]) + " and " + names[-1]
    for code in coalition.leaders:
        told.gold["coalitions"].append({"coalition": coalition.name, "member_code": code, "role": "leader"})
    for code in members:
        told.gold["coalitions"].append({"coalition": coalition.name, "member_code": code, "role": "member"})
    sentences = [style.choice((
        f"The {name} is led by {led.removesuffix('.')}. Its other members include {listed}.",
        f"{cap(led)} {'co-lead' if len(leads) > 1 else 'leads'} the {name}, whose members also include {listed}.",
    ))]
    if applicant:
        told.gold["coalitions"].append({"coalition": coalition.name, "member_code": applicant, "role": "applicant"})
        who = cap(name_of(world, applicant, style))
        sentences.append(style.choice((f"{who} has asked to join.", f"{who} intends to join the coalition.")))
    if launched:
        when = coalition.launched
        sentences.append(f"The coalition was launched in {MONTHS[when.month - 1]} {when.year}.")
        told.event(when.isoformat()[:7], "establishment")
    told.paragraphs.append(sentences)


def fact_incident(world: World, story: Story, told: Told, rng: random.Random, style: random.Random) -> None:
    host = rng.choice(("POL", "ROU", "LTU", "LVA", "EST", "FIN"))
    place = rng.choice(world.cities[host])
    when, iso = _when(story, rng, style, 60)
    words = told.name_place(place, style)
    told.event(iso, "incident")
    told.paragraphs.append([
        f"A Russian drone crashed near {words} in {name_of(world, host, style)} {when}.",
        "Nobody was hurt, but the debris was taken away for examination.",
    ])


def fact_meeting(world: World, story: Story, told: Told, rng: random.Random, style: random.Random) -> None:
    coalition = rng.choice(world.coalitions)
    city = world.capitals.get(rng.choice(coalition.leaders))
    if city is None:
        return fact_incident(world, story, told, rng, style)
    when, iso = _when(story, rng, style, 200)
    words = told.name_place(city, style)
    told.event(iso, "summit")
    told.paragraphs.append([f"Defence ministers of the {style.choice(coalition.spellings)} met in {words} {when} "
                            f"to review progress."])


def fact_agreement(world: World, story: Story, told: Told, rng: random.Random, style: random.Random) -> None:
    other = rng.choice([c for c in FUNDERS if c != story.main])
    systems = rng.choice(SYSTEMS)
    when, iso = _when(story, rng, style, 300)
    told.event(iso, "agreement")
    told.paragraphs.append([f"{cap(name_of(world, story.main, style))} and {name_of(world, other, style)} signed an "
                            f"agreement on joint production of {systems} {when}."])


def fact_delivery(world: World, story: Story, told: Told, rng: random.Random, style: random.Random) -> None:
    count, systems = rng.choice(("twelve", "eight", "two dozen")), rng.choice(SYSTEMS)
    when, iso = _when(story, rng, style, 300)
    told.event(iso, "delivery")
    told.paragraphs.append([f"The first {count} {systems} bought by {name_of(world, story.main, style)} were "
                            f"delivered to Ukraine {when}."])


FACTS: dict[str, Callable[[World, Story, Told, random.Random, random.Random], None]] = {
    "budget": fact_budget, "coalition_money": fact_coalition_money, "deployment": fact_deployment,
    "air_policing": fact_air_policing, "coalition": fact_coalition, "incident": fact_incident,
    "meeting": fact_meeting, "agreement": fact_agreement, "delivery": fact_delivery,
}
WEIGHTS = {"budget": 5, "coalition_money": 1, "deployment": 4, "air_policing": 1, "coalition": 2, "incident": 1,
           "meeting": 1, "agreement": 1, "delivery": 1}

# --- commentary that names nothing (no names, numbers, dates or money) -----------------------
#
# Sentences are drawn from frames with slots over a few hundred words, so that two unrelated
# articles share about as little wording as two real ones do (near-duplicate detection must
# not pair them).

_FILL = {
    "who": ("analysts", "officials", "diplomats", "military planners", "security experts", "lawmakers",
            "industry executives", "commanders", "observers", "critics", "retired generals", "budget officials",
            "procurement specialists", "think-tank researchers", "defence economists", "regional governors",
            "union leaders", "veterans' groups", "local mayors", "intelligence officers", "staff officers",
            "naval officers", "air force officers", "auditors", "parliamentarians", "columnists", "academics",
            "arms-control advocates", "logistics chiefs", "engineers", "insurance brokers", "shipping firms",
            "farmers near the border", "residents", "municipal leaders", "strategists", "campaigners",
            "former ministers", "investors", "trade unions"),
    "say": ("say", "argue", "note", "warn", "point out", "believe", "stress", "caution", "acknowledge", "insist",
            "contend", "suggest", "concede", "maintain", "reckon", "complain", "predict", "fear", "hope", "estimate"),
    "thing": ("the decision", "the move", "the plan", "the step", "the announcement", "the programme",
              "the agreement", "the order", "the commitment", "the package", "the initiative", "the proposal",
              "the reform", "the overhaul", "the purchase", "the pledge", "the timetable", "the framework",
              "the review", "the strategy", "the roadmap", "the contract", "the tender", "the deal", "the budget line",
              "the scheme", "the blueprint", "the memorandum", "the arrangement", "the mandate", "the rotation",
              "the upgrade", "the expansion", "the programme's second phase", "the funding round", "the directive"),
    "goal": ("deterrence", "air defence", "readiness", "interoperability", "resilience", "logistics",
             "industrial capacity", "border security", "surveillance", "training", "early warning",
             "munitions stockpiles", "civil protection", "reserve mobilisation", "cyber defence", "medical evacuation",
             "fuel supplies", "rail transport", "port security", "maintenance depots", "recruitment",
             "command structures", "satellite imagery", "electronic warfare", "counter-mobility", "coastal patrols",
             "airspace monitoring", "mine clearance", "bridging equipment", "field kitchens", "secure radios",
             "weather forecasting", "camouflage", "anti-tank barriers", "bomb shelters", "blood supplies",
             "spare-parts chains", "tank transporters", "night flying", "winter clothing", "drone detection",
             "missile warning", "harbour defence", "river crossings", "pipeline protection", "data links",
             "pilot training", "sonar coverage", "reconnaissance", "ammunition plants", "explosives production"),
    "where": ("along the eastern flank", "in the region", "on the alliance's border", "across the continent",
              "near the front line", "in frontline states", "around the sea", "in the north", "in the south-east",
              "along the frontier", "in neighbouring countries", "across the alliance", "in rural districts",
              "on the coast", "in border towns", "in the capital region", "among smaller allies",
              "in the defence ministry", "in parliament", "in industry", "along the river", "in the forests",
              "in the mountains", "on the islands", "in garrison towns"),
    "adj": ("significant", "modest", "overdue", "ambitious", "cautious", "pragmatic", "costly", "timely",
            "symbolic", "practical", "bold", "incremental", "controversial", "welcome", "belated", "sensible",
            "risky", "necessary", "limited", "sweeping", "unusual", "historic", "quiet", "hurried", "thorough",
            "fragile", "sturdy", "promising", "disappointing", "expensive", "unprecedented", "awkward",
            "clever", "narrow", "generous", "tentative", "decisive", "vague", "concrete", "realistic",
            "optimistic", "gloomy", "lopsided", "balanced", "rushed", "measured", "provocative", "reassuring",
            "piecemeal", "coherent"),
    "worry": ("cheap drones", "missile strikes", "sabotage", "disinformation", "cyber attacks", "airspace violations",
              "supply shortages", "rising costs", "hybrid threats", "undersea cable damage", "jamming of navigation",
              "arson attacks", "border provocations", "migrant pressure", "espionage", "power-grid outages",
              "fake bomb threats", "surveillance balloons", "drifting sea mines", "shadow-fleet tankers",
              "railway sabotage", "poisoned wells", "forged documents", "stolen explosives", "leaked plans",
              "smuggling", "satellite interference", "loitering munitions", "glide bombs", "artillery shortages",
              "labour shortages", "inflation", "bureaucracy", "corruption", "political infighting", "low morale",
              "desertion", "ageing equipment", "delayed payments", "export bans", "sanctions evasion",
              "propaganda", "election meddling", "blackouts", "hoax calls"),
    "act": ("buy", "build", "repair", "train", "test", "store", "move", "protect", "replace", "modernise",
            "upgrade", "certify", "integrate", "recruit", "stockpile", "assemble", "deliver", "finance",
            "disperse", "camouflage", "harden", "inspect", "refurbish", "lease", "insure", "transport", "license",
            "standardise", "maintain", "relocate", "decommission", "rebuild", "requisition", "share", "pool",
            "co-produce", "export", "import", "scrap", "digitise"),
    "stuff": ("radars", "shelters", "warehouses", "bridges", "runways", "bunkers", "trucks", "generators",
              "field hospitals", "fuel depots", "sensors", "night-vision goggles", "body armour", "spare barrels",
              "mobile workshops", "railway wagons", "jammers", "interceptors", "ammunition crates", "barracks",
              "helmets", "tents", "satellite terminals", "cranes", "ferries", "tugboats", "excavators", "bulldozers",
              "ambulances", "pontoons", "fibre-optic cables", "batteries", "solar panels", "water purifiers",
              "boots", "rifles", "mortars", "grenades", "fuses", "propellant", "rocket motors", "gun barrels",
              "tyres", "engines", "gearboxes", "antennas", "laptops", "servers", "drones", "microchips",
              "thermal cameras", "parachutes", "life rafts", "diving gear", "snowmobiles", "quad bikes",
              "motorcycles", "trailers", "forklifts", "containers", "pallets", "sandbags", "razor wire",
              "concrete blocks", "steel plates", "camouflage nets", "decoys", "smoke generators", "loudspeakers",
              "floodlights"),
    "people": ("conscripts", "reservists", "engineers", "pilots", "technicians", "medics", "logisticians",
               "instructors", "volunteers", "border guards", "drone operators", "mechanics", "sappers", "divers",
               "cooks", "drivers", "nurses", "surgeons", "programmers", "translators", "radar operators",
               "electricians", "welders", "gunners", "sailors", "cadets", "recruits", "contractors", "dockers",
               "firefighters"),
    "pace": ("quickly", "slowly", "cheaply", "reliably", "at scale", "without delay", "in larger numbers",
             "closer to home", "under tighter rules", "with fewer intermediaries", "around the clock",
             "in secret", "in small batches", "on credit", "under licence", "in partnership", "on schedule",
             "behind schedule", "more efficiently", "more openly"),
    "time": ("in the coming months", "over the next few years", "before winter", "by the end of the decade",
             "in the medium term", "sooner than planned", "later than hoped", "within weeks", "after the summer",
             "once contracts are signed", "before the next rotation", "during the spring", "ahead of schedule",
             "when funds allow", "after the elections", "over the holidays", "within the year",
             "before the exercises", "during the autumn", "at the next summit"),
}
FILLER = (
    "{who} {say} {thing} will help {act} {stuff} {where}.",
    "{who} {say} that {thing} is {adj}, though much depends on {goal}.",
    "The debate over {goal} has sharpened as governments confront {worry} {where}.",
    "Several {who} called {thing} {adj} and expect more {time}.",
    "{who} {say} the test is whether suppliers can {act} {stuff} {pace}.",
    "Worries about {worry} have pushed {goal} up the agenda {where}.",
    "Details of {thing} were not published; the ministry would not discuss {goal}.",
    "Supporters call {thing} {adj}; sceptics say it does little about {worry}.",
    "{worry} and {worry} have renewed questions about {goal}.",
    "{who} {say} gaps in {goal} and {goal} remain {where}.",
    "Planners want to answer {worry} without escalation, and to {act} {stuff} {time}.",
    "New rules let ministries {act} {stuff} {pace}.",
    "{who} {say} small states cannot {act} {stuff} alone.",
    "Questions remain about {goal} and about {people}.",
    "{who} {where} welcomed {thing}.",
    "Much of the money will {act} {stuff} and {stuff} {pace}.",
    "{who} {where} want to know how {thing} affects {goal}.",
    "{who} {say} support for {goal} remains strong {where}.",
    "Efforts on {goal} were slowed by {worry} and a lack of {people}.",
    "Ministers promised updates on {thing} {time}.",
    "{who} {say} {worry} will not fade {time}.",
    "The ministry calls {thing} {adj} and defensive.",
    "Drills {time} will test {goal} and {goal}.",
    "{who} {say} the war has changed thinking on {goal}.",
    "Work on {goal} will go on {time}, a spokesperson said.",
    "{who} questioned {thing} but did not block it.",
    "{who} {say} contracts should go to firms that can {act} {stuff} {pace}.",
    "The ministry is talking to allies about {worry} {where}.",
    "Shortages of {stuff} and of {people} trouble many armies.",
    "{who} {say} {thing} sends a signal {where}.",
    "Recruiting {people} is harder than buying {stuff}, {who} admit.",
    "The priority, one officer said, is to {act} {stuff} {time}.",
    "{who} fear {thing} will crowd out {goal}.",
    "In private, some {who} call {thing} {adj}.",
    "How {thing} will be paid for {time} is unclear.",
    "Suppliers say they can {act} {stuff} {pace} if orders are firm.",
    "Planning now centres on {goal}, long neglected.",
    "With {worry} expected {time}, the emphasis is on {goal}.",
    "More {people} will be trained {time}.",
    "{who} want a common approach to {goal} {where}.",
    "Exercises now include {worry} and {worry}.",
    "{who} asked how ministries will {act} {stuff} without overspending.",
    "Inspectors will review {goal} {time}.",
    "The pace has surprised {who}, who warned about {worry}.",
    "Whether {thing} survives a change of government is open.",
    "Stocks of {stuff} ran down after years of cuts.",
    "{goal} cannot be fixed {time}, {who} agree.",
    "A committee will scrutinise {thing} {time}.",
    "{who} {say} {adj} steps on {goal} beat {adj} promises.",
    "The {adj} start on {goal} contrasts with {adj} progress on {goal}.",
)


def filler(rng: random.Random, vocabulary: dict[str, tuple[str, ...]] | None = None) -> str:
    """One sentence of commentary; `vocabulary` narrows the slots to one article's words."""
    words = vocabulary or _FILL
    template = rng.choice(words.get("_frames", FILLER))
    sentence = re.sub(r"\{(\w+)\}", lambda m: rng.choice(words[m.group(1)]), template)
    return cap(sentence)


def article_vocabulary(rng: random.Random, share: float = 0.2) -> dict[str, tuple[str, ...]]:
    """The commentary words of one article: a fifth of each slot's words, a third of the frames."""
    vocabulary = {slot: tuple(rng.sample(words, max(2, round(len(words) * share)))) for slot, words in _FILL.items()}
    vocabulary["_frames"] = tuple(rng.sample(FILLER, len(FILLER) // 3))
    return vocabulary


def _pad(paragraphs: list[list[str]], rng: random.Random, target: int) -> list[list[str]]:
    """Add commentary until the article has about `target` words: after facts and in paragraphs of its own."""
    vocabulary = article_vocabulary(rng)
    out = [list(p) for p in paragraphs]
    words = sum(len(s.split()) for p in out for s in p)
    while words < target:
        sentence = filler(rng, vocabulary)
        words += len(sentence.split())
        if out and rng.random() < 0.4:
            out[rng.randrange(len(out))].append(sentence)
        elif out and len(out[-1]) < 3 and rng.random() < 0.5:
            out[-1].append(sentence)
        else:
            out.insert(rng.randint(1, len(out)) if out else 0, [sentence])
    return out


# --- articles ----------------------------------------------------------------------------------

TITLES = (
    "{main} steps up defence spending as allies watch the eastern flank",
    "{main} moves on drones, air defence and allied troops",
    "Allies and {main}: new money, new troops and a new timetable",
    "{main} sets out defence plans amid drone incursions",
    "What {main}'s latest defence decisions mean for the region",
    "{main} and partners widen support for Ukraine",
)


@dataclass
class Article:
    name: str
    fmt: str  # txt or html
    text: str
    gold: dict


def new_story(world: World, rng: random.Random) -> Story:
    published = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randint(0, 3 * 365))
    main = rng.choice(FUNDERS)
    kinds = list(WEIGHTS)
    facts = [(kind, rng.randrange(2**31)) for kind in rng.choices(kinds, weights=[WEIGHTS[k] for k in kinds],
                                                                   k=rng.randint(4, 8))]
    dateline = world.capitals.get(main) if rng.random() < 0.6 else None
    return Story(rng.randrange(2**31), published, published, main, dateline, facts, rng.randrange(2**31))


def tell(world: World, story: Story, shift: int = 0) -> tuple[Told, str]:
    """The story's facts in sentences; another `shift` words the same facts differently."""
    told = Told()
    for kind, seed in story.facts:
        FACTS[kind](world, story, told, random.Random(seed), random.Random(seed * 7 + 1 + shift))
    title = random.Random(story.title_seed + shift).choice(TITLES).format(main=world.countries[story.main]["name"])
    return told, title


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _plain(title).lower()).strip("-")[:40]


def _render_txt(title: str, published: dt.date, paragraphs: list[str], rng: random.Random,
                dateline_words: str | None) -> str:
    source = rng.choice(SOURCES)
    lines = [title]
    if rng.random() < 0.6:
        lines.append(f"By {rng.choice(AUTHORS)}, {source}")
    date_words = rng.choice((f"{published.day} {MONTHS[published.month - 1]} {published.year}",
                             f"{MONTHS[published.month - 1][:3]} {published.day}, {published.year}"))
    body = list(paragraphs)
    if dateline_words:
        body[0] = f"{dateline_words.upper()}, {date_words} ({source}) - {body[0]}"
    else:
        lines.append(f"{date_words} | {source}")
    lines.append("")
    text = "\n".join(lines) + "\n" + "\n\n".join(body)
    trailer = rng.choice(("Share this article: Facebook | X | LinkedIn | Email",
                          "Subscribe to our newsletter for daily defence coverage.",
                          "(Reporting by our correspondents; editing by the news desk)"))
    return text + "\n\n" + trailer + "\n"


def _render_html(title: str, published: dt.date, paragraphs: list[str], rng: random.Random,
                 dateline_words: str | None) -> str:
    source = rng.choice(SOURCES)
    esc = html.escape
    body = list(paragraphs)
    if dateline_words:
        body[0] = f"{dateline_words.upper()} - {body[0]}"
    parts = []
    for i, p in enumerate(body):
        if i and i % 4 == 0 and rng.random() < 0.5:
            parts.append(f"  <h2>{esc(rng.choice(('Background', 'What comes next', 'Context', 'The numbers')))}</h2>")
        parts.append(f"  <p>{esc(p)}</p>")
    paragraphs_html = "\n".join(parts)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(title)} | {esc(source)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:type" content="article">
<meta property="og:site_name" content="{esc(source)}">
<meta property="article:published_time" content="{published.isoformat()}T{rng.randint(6, 20):02d}:{rng.randint(0, 59):02d}:00Z">
<link rel="stylesheet" href="/static/css/main.css">
</head>
<body>
<div id="cookie-consent" class="banner">
  <p>We use cookies to personalise content and measure traffic. By clicking "Accept all" you agree to this.</p>
  <button>Accept all</button> <button>Manage preferences</button>
</div>
<header>
  <a class="logo" href="/">{esc(source)}</a>
  <nav><ul><li><a href="/news">News</a></li><li><a href="/defence">Defence</a></li><li><a href="/industry">Industry</a></li><li><a href="/analysis">Analysis</a></li></ul></nav>
</header>
<main>
<article>
  <h1>{esc(title)}</h1>
  <p class="byline">By {esc(rng.choice(AUTHORS))} &middot; {rng.randint(3, 7)} min read</p>
{paragraphs_html}
  <div class="share">Share: <a href="#">Facebook</a> <a href="#">X</a> <a href="#">LinkedIn</a> <a href="#">Email</a></div>
</article>
<aside class="related">
  <h3>Related articles</h3>
  <ul><li><a href="/defence/one">Air defence plans under review</a></li><li><a href="/industry/two">Drone makers struggle to scale up production</a></li></ul>
</aside>
</main>
<footer>
  <p>&copy; {esc(source)}. All rights reserved.</p>
  <p><a href="/about">About us</a> | <a href="/privacy">Privacy policy</a> | <a href="/contact">Contact</a></p>
</footer>
</body>
</html>
"""


def write_article(world: World, story: Story, index: int, fmt: str, shift: int = 0,
                  duplicate_of: str | None = None) -> Article:
    """One telling of `story`; a retelling (`shift` > 0) words its facts anew and reorders its paragraphs."""
    told, title = tell(world, story, shift)
    rng = random.Random(story.seed * 31 + shift)
    dateline_words = told.name_place(story.dateline, rng) if story.dateline else None
    padding = random.Random(story.seed)  # a retelling keeps the commentary, as rewritten wire copy does
    paragraphs = [" ".join(p) for p in _pad(told.paragraphs, padding, padding.randint(430, 540))]
    if shift:
        rng.shuffle(paragraphs)
    if fmt == "html":
        text = _render_html(title, story.published, paragraphs, rng, dateline_words)
    else:
        text = _render_txt(title, story.published, paragraphs, rng, dateline_words)
    name = f"{index:06d}_{_slug(title)}.{fmt}"
    gold = {"article": name, **({"duplicate_of": duplicate_of} if duplicate_of else {}), **told.gold}
    gold["sites"] = [{"site": p.site, "lat": p.lat, "lon": p.lon} for p in told.sites.values()
                     if p.kind != "border area"]
    return Article(name, fmt, text, gold)


def generate(n: int, seed: int = 7, html_share: float = 0.3, duplicate_share: float = 0.03) -> Iterator[Article]:
    """The corpus's articles in order (deterministic for the same arguments)."""
    world = build_world(seed)
    rng = random.Random(seed + 1)
    recent: list[tuple[Story, str]] = []
    for index in range(n):
        fmt = "html" if rng.random() < html_share else "txt"
        if recent and rng.random() < duplicate_share:
            story, original = rng.choice(recent)
            retold = replace(story, published=story.origin + dt.timedelta(days=rng.randint(0, 1)))
            yield write_article(world, retold, index, fmt, shift=1 + rng.randrange(1000), duplicate_of=original)
        else:
            story = new_story(world, rng)
            article = write_article(world, story, index, fmt)
            recent = (recent + [(story, article.name)])[-50:]
            yield article


def write_corpus(out: Path, n: int, seed: int = 7, html_share: float = 0.3, duplicate_share: float = 0.03,
                 gold: bool = True) -> Path:
    """Write the corpus under `out` (articles/ and gold/); returns the articles folder."""
    articles, golds = out / "articles", out / "gold"
    articles.mkdir(parents=True, exist_ok=True)
    if gold:
        golds.mkdir(parents=True, exist_ok=True)
    for article in generate(n, seed, html_share, duplicate_share):
        (articles / article.name).write_text(article.text, encoding="utf-8")
        if gold:
            (golds / f"{Path(article.name).stem}.gold.json").write_text(
                json.dumps(article.gold, ensure_ascii=False, indent=1), encoding="utf-8")
            link = golds / article.name
            if not link.is_symlink():
                os.symlink(os.path.join("..", "articles", article.name), link)
    return articles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path, help="folder to write (articles/ and gold/ inside)")
    parser.add_argument("--n", type=int, default=1000, help="number of articles (default 1000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--html-share", type=float, default=0.3, help="share of articles written as HTML pages")
    parser.add_argument("--duplicate-share", type=float, default=0.03, help="share of retold stories")
    parser.add_argument("--no-gold", action="store_true", help="write the articles only")
    args = parser.parse_args(argv)
    folder = write_corpus(args.out, args.n, args.seed, args.html_share, args.duplicate_share, gold=not args.no_gold)
    print(f"wrote {args.n} articles to {folder}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
