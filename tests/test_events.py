"""Events: which dates are happenings, their type (the happening's, not the reporting's) and date."""

import pytest

from core.tables.events import build_events
from tests.conftest import annotated

HEAD = "Headline\n"
PUB = "2025-09-24"  # a Wednesday

TYPE_CASES = [  # (id, sentence, [(date, type)])
    ("happening before the report", "A drone crashed near Tulcea, the ministry said on Monday.",
     [("2025-09-22", "incident")]),
    ("happening in the reported clause", "The ministry said on Monday that a drone had crashed near Tulcea.",
     [("2025-09-22", "incident")]),
    ("report date left out where the happening has its own",
     "The plan was endorsed by the cabinet on 12 September and reported by local media on 14 September.",
     [("2025-09-12", "approval")]),
    ("nothing but a statement is an announcement", "Output could reach 2,000 drones a month, Pollard said on Monday.",
     [("2025-09-22", "announcement")]),
    ("a setting is not the happening", "Ministers agreed at a meeting in Riga in May 2024 to build a drone wall.",
     [("2024-05", "agreement")]),
    ("a summit is one", "The coalition took shape at a summit in London on 2 March 2025.", [("2025-03-02", "summit")]),
    ("announcing a mission establishes it", "On 12 September NATO announced Eastern Sentry, a new mission on the "
     "flank.", [("2025-09-12", "establishment")]),
    ("announcing money is funding", "On 26 July 2024 the minister announced an extra EUR 20 million for drones.",
     [("2024-07-26", "funding")]),
    ("contract signed is procurement", "Poland signed contracts on 30 January for a counter-drone system.",
     [("2025-01-30", "procurement")]),
    ("memorandum signed is agreement", "Lithuania and Iceland signed a memorandum on 14 February 2024.",
     [("2024-02-14", "agreement")]),
    ("coordination after the date is another happening",
     "The detachment took over the mission on 1 August and flew its first scramble on 13 August.",
     [("2025-08-01", "deployment"), ("2025-08-13", "incident")]),
    ("another time's happening", "Output grew fast, the minister said on Monday, three years after Riga "
     "ordered the system.", [("2025-09-22", "announcement")]),
    ("a scheduled happening leaves the report its announcement", "Latvia will receive its first system this "
     "year, the minister said on Monday.", [("2025", "delivery"), ("2025-09-22", "announcement")]),
    ("exercise is other", "Russia and Belarus began the exercise Zapad-2025 on Friday, 12 September 2025.",
     [("2025-09-12", "other")]),
    ("told as the one before", "The first jet landed at Graf Ignatievo on 2 April. A second followed on 8 June.",
     [("2025-04-02", "delivery"), ("2025-06-08", "delivery")]),
    ("list items take their heading's type", "The deliveries so far:\n- 22 July 2024: two jets\n"
     "- December 2024: a third aircraft arrives", [("2024-07-22", "delivery"), ("2024-12", "delivery")]),
    ("an announced plan is an announcement", "Tusk announced on 9 September that the border crossings would "
     "close for the duration of the exercise.", [("2025-09-09", "announcement")]),
    ("an announced pledge is funding", "Norway said on 7 March 2024 that it would give up to NOK 1.6 billion.",
     [("2024-03-07", "funding")]),
    ("a mission presented after a colon", "On 12 September Rutte presented the response at NATO headquarters in "
     "Brussels: Eastern Sentry, a flexible mission.", [("2025-09-12", "establishment")]),
    ("approving a purchase is an approval", "The government approved the purchase on 9 August.",
     [("2025-08-09", "approval")]),
    ("member states are no membership", "Kubilius told reporters on Tuesday that 19 member states had asked "
     "for loans.", [("2025-09-23", "announcement")]),
]


#: The words real articles use for each type, beside the ones above (inflections and synonyms).
TYPE_WORDS = [
    ("inked", "Estonia and Finland inked a defence accord on 3 March.", [("2025-03-03", "agreement")]),
    ("clinched", "Poland clinched the deal with Seoul on 14 July.", [("2025-07-14", "agreement")]),
    ("a signing near no purchase", "The allies signed a memorandum on 10 July that sets out how the group buys "
     "equipment.", [("2025-07-10", "agreement")]),
    ("rubber-stamped", "Parliament rubber-stamped the plan on 2 June.", [("2025-06-02", "approval")]),
    ("green-lit", "The cabinet green-lit the purchase of radars on 5 May.", [("2025-05-05", "approval")]),
    ("dispatched", "Sweden dispatched two Gripens to Poland on 20 August.", [("2025-08-20", "deployment")]),
    ("ring-fenced", "On 4 April the government ring-fenced €40 million for drones.", [("2025-04-04", "funding")]),
    ("disbursed", "The EU disbursed the second tranche on 11 June.", [("2025-06-11", "funding")]),
    ("convened", "NATO convened its ministers in Brussels on 13 February.", [("2025-02-13", "summit")]),
    ("detonated", "A drone detonated near Izmail on 9 September.", [("2025-09-09", "incident")]),
    ("ratifying an accord is an approval", "Parliament ratified the accession protocol on 14 May.",
     [("2025-05-14", "approval")]),
    ("will meet", "Ministers will meet in Brussels on 13 October to discuss the plan.", [("2025-10-13", "summit")]),
    ("an accord signed earlier keeps its type", "The cabinet approved on Tuesday an agreement with Germany signed in "
     "May.", [("2025-09-23", "approval"), ("2025-05", "agreement")]),
    ("an order that was signed", "An order for 40 long-range radars and their spare parts, worth €90 million, was "
     "signed by the army on 3 June.", [("2025-06-03", "procurement")]),
    ("a purchase that was agreed", "The purchase of six launchers and two command vehicles from a Norwegian "
     "supplier, worth €50 million, was agreed in March.", [("2025-03", "procurement")]),
    ("signing a contribution is funding", "On 2 May Norway signed a further contribution of NOK 500 million.",
     [("2025-05-02", "funding")]),
    ("a sighting over a town", "A drone was seen over Suwałki on 6 May.", [("2025-05-06", "incident")]),
    ("reported over a region", "Two drones were reported over eastern Poland on 8 May.", [("2025-05-08", "incident")]),
    ("a negated cue is no happening", "On 4 May a balloon whose origin has not been established drifted over "
     "Vilnius airport.", [("2025-05-04", "other")]),
    ("a unit that returned home", "A Latvian patrol boat returned home on 4 May.", [("2025-05-04", "deployment")]),
    ("killed", "A stray missile killed two workers at a farm on 15 May.", [("2025-05-15", "incident")]),
    ("tracked over", "A balloon was tracked over Grodno on 3 May.", [("2025-05-03", "incident")]),
    ("a drone launched from somewhere is no launch", "On 9 May a drone, launched from Belarus, came down near "
     "Lida.", [("2025-05-09", "incident")]),
    ("an announcement closing the sentence reports the happening", "Chile and Peru have joined the Drone "
     "Coalition, the group co-led by Latvia and Britain that buys drones for Ukraine's army, the Latvian ministry "
     "announced on Monday.", [("2025-09-22", "membership")]),
    ("a relative clause with the date keeps its happening", "Estonia belongs to the Sky Shield, which Germany "
     "launched in October 2022 to pool purchases of air defences.", [("2022-10", "establishment")]),
    ("a delivery completing an order is no funding", "The first two jets landed on Thursday, completing a "
     "$1.2 billion order.", [("2025-09-18", "delivery")]),
    ("strike drones are weapons, not a strike", "Ukraine's long-range strike drones were shown to ministers on "
     "7 May.", [("2025-05-07", "other")]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in TYPE_WORDS], ids=[c[0] for c in TYPE_WORDS])
def test_event_type_words(text, expected):
    rows = build_events(annotated(HEAD + text, published=PUB))
    assert [(r["date"], r["event_type"]) for r in rows] == expected


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in TYPE_CASES], ids=[c[0] for c in TYPE_CASES])
def test_event_types(text, expected):
    rows = build_events(annotated(HEAD + text, published=PUB))
    assert [(r["date"], r["event_type"]) for r in rows] == expected


DATE_CASES = [  # (id, sentence, [date])
    ("range by its start", "The exercise will run from 28 to 30 September near the border.", ["2025-09-28"]),
    ("overnight span by its morning", "Drones entered Polish airspace overnight on Sept. 9-10.", ["2025-09-10"]),
    ("future weekday forward", "Talks will resume on Monday in Geneva.", ["2025-09-29"]),
    ("scheduled year", "Deliveries will begin in 2027.", ["2027"]),
    ("scheduled year span by its start", "Deliveries are to run from 2026 to 2028.", ["2026"]),
    ("scheduled for a year", "The first deliveries are scheduled for 2028.", ["2028"]),
    ("due by a year", "The remaining four jets are due by 2027.", ["2027"]),
    ("deadline with until", "The drills are scheduled to run until 16 October.", []),
    ("not until is a day", "It was not located until Friday, 1 August, when soldiers found the wreckage.",
     ["2025-08-01"]),
    ("a missed due date", "They had been due on 18 September but bad weather kept them grounded.", []),
    ("since starts a state", "Italian jets have been stationed at Ämari since 2017.", ["2017"]),
    ("since bounds a running total", "Some 12,000 recruits have been trained since 2023.", []),
    ("since in one clause, a total in the next", "Moldova has hosted EU monitors since 2023, and some 1,200 people "
     "have been trained since 2022.", ["2023"]),
    ("a count this month is no date", "A drone crashed on Thursday, the second such incident this month.",
     ["2025-09-18"]),
    ("since bounds a sum", "That brought its support since 2021 to €137 million.", []),
    ("year after a past verb", "A second contract for eight more jets followed in 2022.", ["2022"]),
    ("season of a year", "Four allies topped up their funding again in the spring of 2025.", ["2025"]),
    ("year before a happening noun", "Moldova will withdraw from the 1998 agreement.", ["1998"]),
    ("a money period is not a date", "Latvia has pledged €30 million to the coalition in 2025.", []),
    ("a share period is not a date", "Lithuania would allocate 5.25% in 2026.", []),
    ("later this month", "Ministers will sign the plans off later this month.", ["2025-09"]),
    ("a habit is no date", "Flank Briefing is published every Tuesday.", []),
    ("a release's place-and-date line", "Ministry of National Defence press release\n\nWarsaw, 18 November 2025\n\n"
     "The minister signed the contract on 17 November 2025.", ["2025-11-17"]),
    ("a place-and-date line of two words", "Press release\n\nNew York, 3 March 2025", []),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in DATE_CASES], ids=[c[0] for c in DATE_CASES])
def test_event_dates(text, expected):
    rows = build_events(annotated(HEAD + text, published=PUB))
    assert [r["date"] for r in rows] == expected


def test_same_day_same_type_is_one_row_unless_actors_differ():
    text = HEAD + "Bulgaria's first F-16 landed at Graf Ignatievo on 2 April. Two Slovak F-16s landed at Kuchyna " \
        "on 2 April. The Bulgarian jet landed on 2 April after a stop in the Azores."
    rows = build_events(annotated(text, published=PUB))
    assert [(r["date"], r["actor_codes"]) for r in rows] == [("2025-04-02", ["BGR"]), ("2025-04-02", ["SVK"])]


def test_dateline_gives_the_year_when_the_reader_found_none():
    text = HEAD + "VILNIUS, Mar. 4, 2026 (Wire) -- The summit opens on Thursday in Vilnius."
    rows = build_events(annotated(text))
    assert [(r["date"], r["event_type"]) for r in rows] == [("2026-03-05", "summit")]


def test_furniture_gives_no_events():
    text = HEAD + "By Ioana Marin\nPhoto: the site on 2 September 2023.\nREAD ALSO: Jets landed on 3 May 2024\n" \
        "Drones crashed on 9 September 2023."
    assert [r["date"] for r in build_events(annotated(text))] == ["2023-09-09"]
