"""Deployments read by grammar: case tables per phenomenon (invented sentences, not the dev articles).

Each case gives the text and the set of (force, host, site, personnel, status) rows it must give.
"""

import pytest

from tests.conftest import deployment_rows as rows_of

FORCE_CASES = [
    ("demonym on a military noun", "Some 250 Danish soldiers are deployed in Estonia.",
     {("DNK", "EST", None, 250, "current")}),
    ("possessive", "Spain's Eurofighters are flying from Šiauliai.",
     {("ESP", "LTU", "Šiauliai Air Base", None, "current")}),
    ("soldiers from X and Y", "Soldiers from Belgium and Luxembourg serve in Romania.",
     {("BEL", "ROU", None, None, "current"), ("LUX", "ROU", None, None, "current")}),
    ("led by", "A battalion led by Canada is based in Latvia.", {("CAN", "LVA", None, None, "current")}),
    ("subject of a deployment verb", "Sweden will deploy 600 troops to Finland.",
     {("SWE", "FIN", None, 600, "planned")}),
    ("compound noun phrase", "A Dutch Patriot air-defence unit is protecting the airport at Rzeszów.",
     {("NLD", "POL", "Rzeszów", None, "current")}),
    ("country name as a label is not the force", "Germany is building its Lithuania brigade.", set()),
    ("a government for its country", "The Czech government decided to send 100 soldiers to Lithuania.",
     {("CZE", "LTU", None, 100, "planned")}),
    ("relative clause of the country", "Canada, which leads the brigade in Latvia, will send 2,200 troops there.",
     {("CAN", "LVA", None, 2200, "current")}),
]

HOST_CASES = [
    ("host from the same clause only", "Speaking in Riga, Denmark's minister said Danish soldiers would be sent "
     "to Estonia.", {("DNK", "EST", None, None, "planned")}),
    ("minehunter based in a port", "A German minehunter is based in Tallinn.",
     {("DEU", "EST", "Tallinn", None, "current")}),
    ("building up at a base", "Sweden is building up its battalion at Ādaži.",
     {("SWE", "LVA", "Ādaži", None, "current")}),
    ("parallel clauses keep their own base", "Spanish jets fly from Šiauliai, while Italian jets fly from Ämari.",
     {("ESP", "LTU", "Šiauliai Air Base", None, "current"), ("ITA", "EST", "Ämari Air Base", None, "current")}),
    ("the host of 'hosts'", "Lithuania hosts about 1,500 Dutch soldiers.", {("NLD", "LTU", None, 1500, "current")}),
    ("'where' points at the place", "The brigade trains near Rukla, where a battalion led by Norway is based.",
     {("NOR", "LTU", "Rukla", None, "current")}),
    ("a locator is not a site", "The troops from France are based at Rūdninkai, south of Vilnius.",
     {("FRA", "LTU", "Rūdninkai Training Area", None, "current")}),
    ("near a country is not in it", "Belgian troops operate in contested areas near Belarus.", set()),
]

STATUS_CASES = [
    ("withdrawal", "Hungary withdrew its Gripens from Lithuania.", {("HUN", "LTU", None, None, "ended")}),
    ("left a country", "British troops left Afghanistan in 2021.", {("GBR", "AFG", None, None, "ended")}),
    ("hand-over", "Portugal handed the air-policing mission at Ämari over to Italy.",
     {("PRT", "EST", "Ämari Air Base", None, "ended"), ("ITA", "EST", "Ämari Air Base", None, "current")}),
    ("take-over", "Spanish jets took over the air-policing mission at Šiauliai from the Portuguese Air Force.",
     {("ESP", "LTU", "Šiauliai Air Base", None, "current"), ("PRT", "LTU", "Šiauliai Air Base", None, "ended")}),
    ("negated plan", "Spain has no plans to send troops to Moldova.", set()),
    ("hypothetical", "French troops could be stationed in Romania if the talks fail.", set()),
    ("request", "Poland asked the United States to station a brigade in Lithuania.", set()),
    ("remain is current", "About 800 British troops will remain in Estonia.", {("GBR", "EST", None, 800, "current")}),
    ("plan verb", "Norway plans to send two frigates to Latvia.", {("NOR", "LVA", None, None, "planned")}),
    ("a past stay is over", "Two Dutch Patriot batteries guarded the airport at Rzeszów last year.",
     {("NLD", "POL", "Rzeszów", None, "ended")}),
    ("a move under way is planned", "Denmark is sending 200 soldiers to Latvia.",
     {("DNK", "LVA", None, 200, "planned")}),
]

ANAPHORA_CASES = [
    ("the unit", "Canadian troops arrived in Latvia.\nThe unit is based at Ādaži.",
     {("CAN", "LVA", "Ādaži", None, "current")}),
    ("its frigate", "The Royal Netherlands Navy sent three ships.\nIts frigate HNLMS Tromp tied up in Tallinn.",
     {("NLD", "EST", "Tallinn", None, "current")}),
    ("they", "Some 300 Czech soldiers arrived in Slovakia.\nThey will be based in Lešť.",
     {("CZE", "SVK", None, 300, "current"), ("CZE", "SVK", "Lešť Training Area", None, "planned")}),
    ("the formation", "Italian troops serve in Latvia.\nTroops from Spain also serve in the formation.",
     {("ITA", "LVA", None, None, "current"), ("ESP", "LVA", None, None, "current")}),
]

TASK_CASES = [
    ("the task of a guarded airspace", "Latvia's airspace is guarded by its allies.\nDenmark and Norway have taken "
     "turns with the task.", {("DNK", "LVA", None, None, "current"), ("NOR", "LVA", None, None, "current")}),
    ("forces 'with' a detachment", "In Estonia, the detachment has been flying from Ämari since May with four "
     "Belgian F-16s and two Czech Gripens.", {("BEL", "EST", "Ämari Air Base", None, "current"),
                                              ("CZE", "EST", "Ämari Air Base", None, "current")}),
    ("a city beside its base is one place", "Norwegian F-35s landed at Rzeszów-Jasionka airport.\n"
     "About 100 Norwegian soldiers will be stationed in Rzeszów.",
     {("NOR", "POL", "Rzeszów-Jasionka Airport", 100, "current")}),
    ("a clause hung on a partitive", "The jets belong to a Dutch detachment of four aircraft and about 90 "
     "personnel, most of them from Leeuwarden, that has been stationed at Ämari since May.",
     {("NLD", "EST", "Ämari Air Base", 90, "current")}),
    ("current wins over planned", "Some 200 Polish troops will be based in Latvia.\n"
     "Polish troops have been stationed in Latvia since 2017.", {("POL", "LVA", None, 200, "current")}),
]

DISCOURSE_CASES = [  # sentences that name no country, read through the shared memory (core.discourse)
    ("a figure for 'the battalion'", "Germany deployed a battalion to Lithuania in 2024.\nThe battalion, which "
     "arrived in March, now numbers 1,100 soldiers.", {("DEU", "LTU", None, 1100, "current")}),
    ("the unit will grow", "Finland hosts a NATO force in Rovaniemi led by Sweden.\nThe unit will grow to 1,200 "
     "troops.", {("SWE", "FIN", "Rovaniemi", 1200, "current")}),
    ("'its contingent numbers' taken for one noun phrase", "France leads the NATO battlegroup in Romania.\n"
     "Its contingent numbers about 1,000 troops.", {("FRA", "ROU", None, 1000, "current")}),
    ("a figure under 'is meant to'", "Germany has sent a brigade to Lithuania.\nWhen it is fully built up, by "
     "2027, it is meant to number about 4,800 soldiers.", {("DEU", "LTU", None, 4800, "current")}),
    ("a later figure keeps a plan planned", "Sweden will deploy a mechanised battalion to Finland.\nThe unit will "
     "number about 600 soldiers.", {("SWE", "FIN", None, 600, "planned")}),
    ("'it' for the subject country", "Denmark's parliament approved the plan on Tuesday.\nIt will send 300 "
     "troops to Latvia next year.", {("DNK", "LVA", None, 300, "planned")}),
    ("'they' withdrawn later: ended", "The Netherlands sent two Patriot batteries to Poland in 2023.\nThey were "
     "withdrawn in June.", {("NLD", "POL", None, None, "ended")}),
    ("'they' at a base", "Italy sent four Eurofighters to Poland.\nThey fly from Malbork.",
     {("ITA", "POL", "Malbork", None, "current")}),
    ("'it' is the country whose statement is reported", "Germany deployed a brigade to Lithuania.\nThe Finnish "
     "government said on Monday it would send 200 troops to Estonia.",
     {("DEU", "LTU", None, None, "current"), ("FIN", "EST", None, 200, "planned")}),
    ("a reported 'it' with no place is no row for the last force", "Germany deployed a brigade to Lithuania.\n"
     "The Finnish government said on Monday it would send 200 troops.", {("DEU", "LTU", None, None, "current")}),
    ("'they' in reported speech stay", "Belgium sent troops to Romania in 2022.\nOfficials said on Monday they "
     "would stay until 2026.", {("BEL", "ROU", None, None, "current")}),
    ("'it' negated", "Denmark's parliament debated the plan on Tuesday.\nIt has no plans to send troops to "
     "Moldova.", set()),
    ("'it' hypothetical", "Spain's government met on Monday.\nIt could send troops to Romania if asked.", set()),
    ("'they' for bought equipment is aid", "Germany signed a contract for 44 tanks.\nThey will be delivered to "
     "Lithuania in 2027.", set()),
    ("'they' with no country before", "Prices of shells rose in 2024.\nThey are expected to fall to 300 troops "
     "next year.", set()),
]

NEWS_FORMS_CASES = [  # forms wire copy and ministry releases use for sending and stationing
    ("'N-strong' gives the figure", "Berlin has pledged to station a 4,800-strong brigade in Lithuania by 2027.",
     {("DEU", "LTU", None, 4800, "planned")}),
    ("a service as subject counts its objects", "The British Army will send an additional 900 troops to Estonia, "
     "the Ministry of Defence said.", {("GBR", "EST", None, 900, "planned")}),
    ("contribute soldiers to a battlegroup", "Hungary will contribute 200 soldiers to the multinational battlegroup "
     "in Slovakia.", {("HUN", "SVK", None, 200, "planned")}),
    ("soldiers join a battlegroup", "Czech soldiers will join the battlegroup in Slovakia next year.",
     {("CZE", "SVK", None, None, "planned")}),
    ("serve with a battlegroup in a country", "About 250 Italian soldiers serve with the battlegroup in Latvia.",
     {("ITA", "LVA", None, 250, "current")}),
    ("joined, sending", "The Czech Republic has also joined, sending three helicopters and up to 150 soldiers to "
     "Poland.", {("CZE", "POL", None, 150, "planned")}),
    ("joining an alliance is no deployment", "Sweden joined NATO in 2024.", set()),
    ("troops to an aid recipient are a deployment", "France will send troops to Ukraine once a ceasefire holds.",
     {("FRA", "UKR", None, None, "planned")}),
    ("jets to an ally are a deployment", "Norway sent F-35 fighters to Poland.", {("NOR", "POL", None, None, "current")}),
    ("forces 'alongside' are there already", "Polish soldiers will serve alongside Canadian, Spanish and Italian "
     "troops at Ādaži.", {("POL", "LVA", "Ādaži", None, "planned"), ("CAN", "LVA", "Ādaži", None, "current"),
                          ("ESP", "LVA", "Ādaži", None, "current"), ("ITA", "LVA", "Ādaži", None, "current")}),
    ("'in the country' is the one just told of", "Poland has urged Washington to station a division on its soil."
     "\nThe United States has so far declined, keeping about 10,000 troops in the country on a rotational basis.",
     {("USA", "POL", None, 10000, "current")}),
    ("maintains troops", "Britain maintains about 900 troops in Estonia.", {("GBR", "EST", None, 900, "current")}),
    ("declined to station", "Germany declined to station a brigade in Poland.", set()),
    ("refused to send", "Poland refused to send troops to Ukraine.", set()),
    ("rotated through two countries", "German Patriot batteries have rotated through Slovakia and Lithuania.",
     {("DEU", "SVK", None, None, "current"), ("DEU", "LTU", None, None, "current")}),
    ("a headline's 'to send' is planned", "Netherlands to send Patriot unit to Poland", {("NLD", "POL", None, None,
                                                                                     "planned")}),
    ("a noun is not the subject of another party's clause", "The Netherlands will send Patriots to Rzeszów.\nThe Dutch "
     "deployment comes after Norway sent F-35 fighters to Rzeszów.",
     {("NLD", "POL", "Rzeszów", None, "planned"), ("NOR", "POL", "Rzeszów", None, "current")}),
    ("withdrawn from the site they were at", "Norway sent F-35 fighters to Rzeszów in December.\nThey were "
     "withdrawn in February.", {("NOR", "POL", "Rzeszów", None, "ended")}),
    ("contributing money is no deployment", "Germany contributed €50 million to the fund in Kyiv.", set()),
    ("troops contributing to deterrence keep their place", "Belgian troops deployed in Lithuania contribute to "
     "allied deterrence.", {("BEL", "LTU", None, None, "current")}),
    ("a remembered force takes only its own host", "Spanish jets fly from Šiauliai.\nThe Bulgarian Air Force "
     "expects to operate a full squadron.\nCombat air patrols with the new jets should begin in 2026.",
     {("ESP", "LTU", "Šiauliai Air Base", None, "current")}),
]

UNIT_CASES = [  # forces told as part of a unit, an inverted clause, a place that is "home to" them
    ("'including troops from' takes the unit's place", "The brigade at Ādaži, led by Canada and including "
     "soldiers from Spain and Albania, is growing.",
     {("CAN", "LVA", "Ādaži", None, "current"), ("ESP", "LVA", "Ādaži", None, "current"),
      ("ALB", "LVA", "Ādaži", None, "current")}),
    ("'which includes' on a unit", "Italian jets, which include four F-35s, fly from Ämari.",
     {("ITA", "EST", "Ämari Air Base", None, "current")}),
    ("a unit's relative clause includes soldiers", "The battalion based at Tapa, which also includes Icelandic "
     "and Belgian troops, trains daily.", {("ISL", "EST", "Tapa", None, "current"),
                                            ("BEL", "EST", "Tapa", None, "current")}),
    ("'in the country' after a named site is that site's country", "Estonia welcomed the news.\nThe battalion at "
     "Rukla, including 300 troops from Norway, is the largest force in the country.",
     {("NOR", "LTU", "Rukla", 300, "current")}),
    ("inverted 'stationed at X is Y'", "Dutch jets landed at Šiauliai.\nAlso stationed at the base is a French "
     "helicopter unit.", {("NLD", "LTU", "Šiauliai Air Base", None, "current"),
                          ("FRA", "LTU", "Šiauliai Air Base", None, "current")}),
    ("'home to' in apposition", "Orzysz, home to a US armoured battalion, lies near the Suwałki Gap.",
     {("USA", "POL", "Orzysz", None, "current")}),
    ("'home to' fronted", "At Lielvārde, home to the Spanish-led air detachment, the runway is being rebuilt.",
     {("ESP", "LVA", "Lielvārde Air Base", None, "current")}),
    ("a unit of so many people, which will be based", "A Slovak engineering unit of 60 people, which will be based "
     "at Cincu, will arrive in May.", {("SVK", "ROU", "Cincu Training Area", 60, "planned")}),
    ("jets that went home after flying from the base", "Polish F-16s arrived at Ämari.\nThey replace Belgian F-16s "
     "that went home in May after flying 300 sorties from the base.",
     {("POL", "EST", "Ämari Air Base", None, "current"), ("BEL", "EST", "Ämari Air Base", None, "ended")}),
]

OPERATED_CASES = [  # places a force runs, units it brings along, places the parser takes for verbs
    ("a camp run by a country", "The Swedes will live at Camp Valdemar in Ādaži, a camp run by Denmark.",
     {("SWE", "LVA", "Ādaži", None, "planned"), ("DNK", "LVA", "Ādaži", None, "current")}),
    ("a site operated by a service", "The radar site at Deveselu, operated by the US Navy, will be upgraded.",
     {("USA", "ROU", "Deveselu (Aegis Ashore)", None, "current")}),
    ("a base manned by a country", "Šiauliai, an air base manned by Spain this winter, got new shelters.",
     {("ESP", "LTU", "Šiauliai Air Base", None, "current")}),
    ("a country's own base is no deployment", "Tapa, a base run by Estonia, is growing.", set()),
    ("leading with troops at a site", "Italy, which leads the brigade in Latvia with about 600 troops at Ādaži, "
     "said nothing.", {("ITA", "LVA", "Ādaži", 600, "current")}),
    ("a team of a military noun", "Norway is sending a team of divers to Tapa for a month.",
     {("NOR", "EST", "Tapa", None, "planned")}),
    ("back at the base after an earlier stint", "Belgian F-16s, which flew from Ämari during a rotation in 2022, "
     "returned to the base on Monday.", {("BEL", "EST", "Ämari Air Base", None, "current")}),
    ("a place the parser takes for a verb", "Britain is sending a team of sappers to Constanța for three months.",
     {("GBR", "ROU", "Constanța", None, "planned")}),
]

NOT_DEPLOYMENT_CASES = [
    ("aid", "Germany delivered IRIS-T systems to Ukraine.", set()),
    ("tanks sent to an aid recipient", "Germany sent tanks to Ukraine.", set()),
    ("a passive aid transfer", "German Leopard tanks were sent to Ukraine in 2023.", set()),
    ("own soil", "Estonian soldiers trained at Tapa.", set()),
    ("incursion", "Russian jets flew into Estonian airspace.", set()),
    ("interception", "Polish F-16s and Dutch F-35s shot down drones over Poland.", set()),
    ("visit", "The German defence minister visited Vilnius.", set()),
]


def _cases(table):
    return pytest.mark.parametrize(("text", "expected"), [c[1:] for c in table], ids=[c[0] for c in table])


@_cases(FORCE_CASES)
def test_force(text, expected):
    assert rows_of(text) == expected


@_cases(HOST_CASES)
def test_host_and_site(text, expected):
    assert rows_of(text) == expected


@_cases(STATUS_CASES)
def test_status(text, expected):
    assert rows_of(text) == expected


@_cases(ANAPHORA_CASES)
def test_anaphora(text, expected):
    assert rows_of(text) == expected


@_cases(TASK_CASES)
def test_tasks_and_merges(text, expected):
    assert rows_of(text) == expected


@_cases(DISCOURSE_CASES)
def test_discourse(text, expected):
    assert rows_of(text) == expected


@_cases(NEWS_FORMS_CASES)
def test_news_forms(text, expected):
    assert rows_of(text) == expected


@_cases(UNIT_CASES)
def test_units_inversions_and_homes(text, expected):
    assert rows_of(text) == expected


@_cases(OPERATED_CASES)
def test_operated_places_and_units_brought(text, expected):
    assert rows_of(text) == expected


@_cases(NOT_DEPLOYMENT_CASES)
def test_not_a_deployment(text, expected):
    assert rows_of(text) == expected


KNOWN_MISSES = [
    ("an earlier stint", "The battery was moved to Ämari after an earlier stint in Lithuania by Italy's air force.",
     {("ITA", "EST", "Ämari Air Base", None, "current"), ("ITA", "LTU", None, None, "ended")}),
]


@pytest.mark.xfail(strict=True, reason="stays told by a noun are not read")
@_cases(KNOWN_MISSES)
def test_known_misses(text, expected):
    assert rows_of(text) == expected
