"""Table builders: case tables of sentences and the rows they must (and must not) give."""

import pytest

from core.tables.budgets import build_budgets
from core.tables.coalitions import build_coalitions
from core.tables.deployments import build_deployments
from core.tables.events import build_events
from core.tables.sites import build_site_mentions
from tests.conftest import annotated

HEAD = "Headline\n"

BUDGET_CASES = [
    ("country approves", "Belgium has approved a €140.8 million program to acquire mini-drones.",
     [(140_800_000, "EUR", "BEL")]),
    ("two sums one funder", "Latvia has pledged €30 million: €20 million for drones and €10 million for industry.",
     [(30_000_000, "EUR", "LVA"), (20_000_000, "EUR", "LVA"), (10_000_000, "EUR", "LVA")]),
    ("collective list", "The Netherlands, the UK and Latvia have put forward more than 45 million euros.",
     [(45_000_000, "EUR", None)]),
    ("capital as government", "Riga promised to spend at least 10 million euros a year.", [(10_000_000, "EUR", "LVA")]),
    ("parliament as country", "The ministry has asked the Bundestag for EUR 2.93 billion to buy tanks.",
     [(2_930_000_000, "EUR", "DEU")]),
    ("company sales are not a budget", "Rheinmetall reported sales of €9.75 billion for 2024.", []),
    ("GDP is not a budget", "Mines cost the economy around $11.2 billion of gross domestic product.", []),
    ("unit price is not a budget", "A single Shahed costs Russia about $35,000.", []),
    ("conversion in brackets; zlotys name the payer", "It earmarks 200 billion zlotys (about $55 billion) for defence.",
     [(200_000_000_000, "PLN", "POL")]),
    ("budget despite GDP share", "Lithuania approved a defence budget of €4 billion for 2026, about 5.4% of GDP.",
     [(4_000_000_000, "EUR", "LTU")]),
    ("conditional", "Factories could turn out weapons worth up to $35 billion if partners invested.", []),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in BUDGET_CASES], ids=[c[0] for c in BUDGET_CASES])
def test_budgets(text, expected):
    rows = build_budgets(annotated(HEAD + text))
    assert [(r["amount"], r["currency"], r["funder_code"]) for r in rows] == expected


def test_repeated_figure_is_one_row():
    text = HEAD + "Belgium approved a €140.8 million program.\nTotal budget: €140.8 million (2025–2028)\n"
    (row,) = build_budgets(annotated(text))
    assert (row["year_start"], row["year_end"]) == (2025, 2028)


def test_amount_in_euros_uses_the_rate_table():
    (row,) = build_budgets(annotated(HEAD + "Poland approved PLN 10 billion for East Shield in 2024."))
    assert row["amount_eur"] and 2.0e9 < row["amount_eur"] < 2.6e9


DEPLOYMENT_CASES = [
    ("troops at sites", "Approximately 1,700 U.S. troops are deployed in Romania, primarily at the Mihail "
     "Kogalniceanu airbase, as well as the Deveselu and Campia Turzii bases.",
     {("USA", "ROU", None, 1700), ("USA", "ROU", "Mihail Kogălniceanu Air Base", None),
      ("USA", "ROU", "Deveselu (Aegis Ashore)", None), ("USA", "ROU", "Câmpia Turzii (71st Air Base)", None)}),
    ("one site carries the figure", "Five German Eurofighters and about 150 Luftwaffe personnel have been flying "
     "missions from Minsk Mazowiecki air base in central Poland.",
     {("DEU", "POL", "Mińsk Mazowiecki Air Base", 150)}),
    ("host is subject", "Poland already hosts about 10,000 U.S. troops, as well as German Patriot units.",
     {("USA", "POL", None, 10000), ("DEU", "POL", None, None)}),
    ("country sends", "The Czech Republic has also joined, sending up to 150 soldiers to Poland.",
     {("CZE", "POL", None, 150)}),
    ("capital as government", "Paris is sending three Rafale jets to guard Polish skies.", {("FRA", "POL", None, None)}),
    ("domestic forces are not deployments", "Some 40,000 Polish soldiers will be positioned along the border.", set()),
    ("incursion is not a deployment", "Three Russian MiG-31 fighters flew into Estonian airspace.", set()),
    ("aid is not a host", "Two German Patriot systems guarded the airport at Rzeszow-Jasionka, the hub for aid "
     "to Ukraine.", {("DEU", "POL", "Rzeszów-Jasionka Airport", None)}),
    ("led by", "Finland, which hosts a NATO forward land force in Rovaniemi led by Sweden, said the unit would "
     "grow to 1,500 troops.", {("SWE", "FIN", "Rovaniemi", 1500)}),
    ("country has troops", "France has had troops in Finland since 2021.", {("FRA", "FIN", None, None)}),
    ("figure for several sites", "Portugal has roughly 400 troops in Hungary, most of them at Papa airbase and "
     "the Bakony training area.", {("PRT", "HUN", None, 400), ("PRT", "HUN", "Pápa Air Base", None),
                                   ("PRT", "HUN", "Bakony Combat Training Centre", None)}),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in DEPLOYMENT_CASES],
                         ids=[c[0] for c in DEPLOYMENT_CASES])
def test_deployments(text, expected):
    rows = build_deployments(annotated(HEAD + text))
    assert {(r["force_code"], r["host_code"], r["site"], r["personnel"]) for r in rows} == expected


def test_anaphor_carries_the_force():
    text = (HEAD + "The country is preparing to host a German armoured brigade of around 4,800 soldiers.\n"
            "The troops are to be based at Rūdninkai and at Rukla in central Lithuania.\n")
    rows = build_deployments(annotated(text))
    assert {(r["force_code"], r["host_code"], r["site"]) for r in rows} >= {
        ("DEU", "LTU", "Rūdninkai Training Area"), ("DEU", "LTU", "Rukla")}


COALITION_CASES = [
    ("passive leaders", "The coalition was launched inside the Drone Coalition framework and is co-led by Latvia "
     "and the United Kingdom.", {("LVA", "leader"), ("GBR", "leader")}),
    ("members list", "The Drone Coalition grows. Its other members are Ukraine, Canada and Poland.",
     {("UKR", "member"), ("CAN", "member"), ("POL", "member")}),
    ("applicants", "Belgium and Turkey have signaled their intent to join the international Drone Coalition.",
     {("BEL", "applicant"), ("TUR", "applicant")}),
    ("prepares to sign up is an applicant", "Spain prepares to sign up to the IT Coalition.", {("ESP", "applicant")}),
    ("demonym-led", "Estonia is a member of the German-led European Sky Shield Initiative.",
     {("EST", "member"), ("DEU", "leader")}),
    ("whose members also include", "Denmark and the Netherlands co-lead the Air Force Capability Coalition, whose "
     "members also include Poland and Portugal.",
     {("DNK", "leader"), ("NLD", "leader"), ("POL", "member"), ("PRT", "member")}),
    ("lower-case name", "Spain joined the drone coalition last year.", {("ESP", "member")}),
    ("inclusion is not membership", "With the inclusion of Belgium in the Drone Coalition, it could unite "
     "20 nations committed to Ukraine.", set()),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in COALITION_CASES], ids=[c[0] for c in COALITION_CASES])
def test_coalitions(text, expected):
    rows = build_coalitions(annotated(HEAD + text))
    assert {(r["member_code"], r["role"]) for r in rows} == expected


EVENT_CASES = [
    ("day month", "It was endorsed by the Council of Ministers on 12 December.", [("--12-12", "approval")]),
    ("deadline is not an event", "The drills are scheduled to run until 16 September.", []),
    ("money period is not an event", "Latvia is contributing EUR 20 million in 2024.", []),
    ("founding year", "The €100 billion special fund was set up in 2022.", [("2022", "funding")]),
    ("since", "The Aegis Ashore site at Deveselu is operational since 2016.", [("2016", "establishment")]),
    ("month year", "The coalition was launched in February 2024.", [("2024-02", "establishment")]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in EVENT_CASES], ids=[c[0] for c in EVENT_CASES])
def test_events(text, expected):
    rows = build_events(annotated(HEAD + text))
    assert [(r["date"], r["event_type"]) for r in rows] == expected


def test_weekday_is_dated_by_publication():
    rows = build_events(annotated(HEAD + "Crosetto announced the extension on Tuesday.", published="2025-09-24"))
    assert [r["date"] for r in rows] == ["2025-09-23"]


SITE_CASES = [
    ("capital as place", "Ministers met in Tallinn this week.", ["Tallinn"]),
    ("capital as government", "Warsaw requested consultations and Moscow denied it.", []),
    ("inside a name", "said a defence economist at Bucharest University.", []),
    ("region", "the narrow strip of land next to Russia's Kaliningrad region", []),
    ("government in", "The government in Tallinn asked allies for consultations.", []),
    ("dateline", "VILNIUS — Chancellor Merz attended the ceremony.", ["Vilnius"]),
    ("ambiguous name needs context", "near the villages of Nufăru and Victoria, on the river", ["Nufăru", "Victoria (Tulcea)"]),
    ("misspelling", "the Deveselu and Cimbia Turzii bases", ["Deveselu (Aegis Ashore)", "Câmpia Turzii (71st Air Base)"]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in SITE_CASES], ids=[c[0] for c in SITE_CASES])
def test_site_mentions(text, expected):
    rows = build_site_mentions(annotated(HEAD + text))
    assert [r["site"] for r in rows] == expected
