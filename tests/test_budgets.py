"""Budgets per contract v2: case tables per phenomenon (funder, recipient, kind, shares, traps).

Every sentence here is invented; each states one grammatical pattern, not a dev article's wording.
"""

import pytest

from core.tables.budgets import build_budgets
from tests.conftest import annotated

HEAD = "Headline\n"


def rows_of(text: str, people: dict[str, str] | None = None) -> list[dict]:
    return build_budgets(annotated(HEAD + text), people)


FUNDERS = [
    ("subject", "Finland pledged €90 million for long-range drones.", "FIN"),
    ("from X, not the recipient", "Kyiv will receive a €60 million contribution from Denmark for drones.", "DNK"),
    ("passive agent", "A €95 million order for radars was approved by the Dutch government.", "NLD"),
    ("possessive", "Norway's NOK 2 billion package for Ukraine includes radars.", "NOR"),
    ("share of a joint purchase", "Latvia's share of the joint purchase is €30 million.", "LVA"),
    ("capital as government", "Vilnius has set aside €12 million for counter-drone defences.", "LTU"),
    ("contractor is not the funder", "Rheinmetall won a €310 million contract from the Polish armed forces.", "POL"),
    ("a state securing an order is its buyer", "Romania secured a deal for 54 tanks valued at €900 million.", "ROU"),
    ("US$ is not the United States", "Latvia will spend US$40 million on rocket launchers.", "LVA"),
    ("two-object verb: the first object is not the payer",
     "Romania's defence ministry gave Baykar a contract worth $300 million for drones.", "ROU"),
    ("pronoun in a reported clause", "Sweden said on Monday that it would give SEK 3 billion to the fund.", "SWE"),
    ("non-state funder", "The European Union approved €1.5 billion from the European Peace Facility for Ukraine.",
     None),
    ("a sale is paid by its buyer", "Washington approved a possible $1.85 billion sale of missiles to Poland.", "POL"),
    ("a national currency names the payer", "The defence minister announced SEK 500 million for radars.", "SWE"),
    ("agent of the noun a participle sizes", "The agreement, valued at $3.8 billion, was signed by Romania.", "ROU"),
    ("'comes on top of' is no receiving", "The Swedish contribution comes on top of the SEK 16 billion aid "
     "package unveiled in January.", "SWE"),
    ("money source in the clause", "Bucharest hopes to cover €400 million of the bill with European Union funds.",
     None),
    ("who expects a cost pays it", "The new depots will be financed by Latvia, which expects them to cost about "
     "€300 million.", "LVA"),
]


@pytest.mark.parametrize(("text", "code"), [c[1:] for c in FUNDERS], ids=[c[0] for c in FUNDERS])
def test_funder(text, code):
    (row,) = rows_of(text)
    assert row["funder_code"] == code


def test_titled_person_stands_for_the_country_of_the_office():
    (row,) = rows_of("Minister Holm pledged €15 million to the coalition.", people={"Holm": "DNK"})
    assert row["funder_code"] == "DNK"


def test_gapped_clause_takes_its_own_subject():
    rows = rows_of("Finland contributed €8 million to the fund and Iceland €2 million.")
    assert [(r["amount"], r["funder_code"]) for r in rows] == [(8_000_000, "FIN"), (2_000_000, "ISL")]


RECIPIENTS = [
    ("aid to Ukraine", "Sweden pledged SEK 2 billion for Ukraine's air defence.", "UKR"),
    ("through a coalition fund", "Ukraine needs drones. Belgium has contributed €15 million to the coalition fund.",
     "UKR"),
    ("own procurement", "The Czech Army ordered 14 more tanks for CZK 8 billion.", "CZE"),
    ("forces of a demonym", "Brussels approved a €40 million assistance measure for the Moldovan armed forces.", "MDA"),
    ("a getter is the recipient", "Romania was allocated €16 billion under the loan scheme.", "ROU"),
    ("an applicant is the recipient", "Slovakia has applied for €2 billion in loans from the EU scheme.", "SVK"),
]


@pytest.mark.parametrize(("text", "code"), [c[1:] for c in RECIPIENTS], ids=[c[0] for c in RECIPIENTS])
def test_recipient(text, code):
    rows = rows_of(text)
    assert rows[-1]["recipient_code"] == code


KINDS = [
    ("pledge", "Finland pledged €90 million for drones.", "pledge"),
    ("contribution", "Luxembourg paid €5 million into the trust fund.", "contribution"),
    ("to be paid is a pledge", "The Netherlands would pay EUR 20 million into the joint fund.", "pledge"),
    ("a promise to spend is a pledge", "Riga promised to spend €10 million a year on the initiative.", "pledge"),
    ("allocation", "Slovakia has allocated €45 million this year for radars.", "allocation"),
    ("a year's slice", "The government added €200 million a year for air defence.", "allocation"),
    ("set aside over years is a total", "Sweden set aside SEK 75 billion over the three years 2024 to 2026.", "total"),
    ("order is a contract", "The Czech Army ordered 14 more tanks for CZK 8 billion.", "contract"),
    ("package after a copula", "Denmark's 25th aid package, presented on Friday, is worth DKK 5 billion.", "package"),
    ("loan is other", "London signed a loan of about £2 billion to Kyiv.", "other"),
    ("this year's budget is a year's slice", "The jets are paid from this year's defence budget, which at "
     "€3 billion is a record.", "allocation"),
]


@pytest.mark.parametrize(("text", "kind"), [c[1:] for c in KINDS], ids=[c[0] for c in KINDS])
def test_kind(text, kind):
    (row,) = rows_of(text)
    assert row["kind"] == kind


#: The words real articles use for each kind, beside the ones above (inflections and synonyms).
KIND_WORDS = [
    ("ring-fenced", "Poland has ring-fenced €2 billion for air defence in its 2026 budget.", "allocation"),
    ("sets aside", "Each year Estonia sets aside €40 million for ammunition.", "allocation"),
    ("spent", "Latvia spent €60 million on coastal radars last year.", "allocation"),
    ("inked", "Estonia inked a deal worth €100 million with Rheinmetall for ammunition.", "contract"),
    ("clinched", "Lithuania clinched a €300 million deal for HIMARS launchers.", "contract"),
    ("awarded", "Norway awarded Kongsberg NOK 2 billion for NASAMS launchers.", "contract"),
    ("buying", "Romania is buying 54 tanks for $2.5 billion.", "contract"),
    ("disbursed", "Belgium disbursed €150 million to Ukraine's defence fund.", "contribution"),
    ("chipping in", "Canada is chipping in €20 million to the fund.", "contribution"),
    ("donates", "Iceland donates €5 million to the demining fund.", "contribution"),
    ("committed to a fund", "The Netherlands has committed €400 million to the joint fund.", "contribution"),
    ("vows", "Germany vows €500 million for Ukraine's air defence.", "pledge"),
    ("will receive is a pledge", "Kyiv will receive €500 million from the Netherlands for drones.", "pledge"),
    ("received is a contribution", "Ukraine received €50 million from Sweden.", "contribution"),
    ("lent", "Britain lent Kyiv £2 billion for weapons.", "other"),
]

#: Kinds told by grammar rather than by the word beside the sum.
KIND_GRAMMAR = [
    ("a cue beginning with its auxiliary", "Romania's premier said €4.2 billion of the loans would go to roads.",
     "allocation"),
    ("until a year is a total", "Lithuania puts about €812 million into mines until 2035.", "total"),
    ("over five years is a total", "Vilnius will add €1 billion over five years for air defence.", "total"),
    ("what the predicate calls it", "Estonia's share, nearly €400 million, was described by officials as the "
     "largest defence contract in its history.", "contract"),
    ("a copula's attribute", "The order, worth €90 million, is the biggest contract Latvia has signed.", "contract"),
    ("paid in a deal is a purchase", "Sofia paid $1.2 billion for eight jets in a deal agreed in 2019.", "contract"),
    ("paid under a contract", "Finland paid €90 million under a contract with a Norwegian firm.", "contract"),
    ("to commit is to promise", "Lithuania will commit €25 million to the fund in 2026.", "pledge"),
    ("what a plan is to cost", "The new shelters are expected to cost €200 million.", "total"),
]


@pytest.mark.parametrize(("text", "kind"), [c[1:] for c in KIND_GRAMMAR], ids=[c[0] for c in KIND_GRAMMAR])
def test_kind_by_grammar(text, kind):
    (row,) = rows_of(text)
    assert row["kind"] == kind


@pytest.mark.parametrize(("text", "kind"), [c[1:] for c in KIND_WORDS], ids=[c[0] for c in KIND_WORDS])
def test_kind_words(text, kind):
    (row,) = rows_of(text)
    assert row["kind"] == kind


def _parent_amounts(rows: list[dict]) -> list[tuple[float, float | None]]:
    by_id = {r["budget_id"]: r["amount"] for r in rows}
    return [(r["amount"], by_id.get(r["part_of"])) for r in rows]


SHARES = [
    ("colon list", "Estonia has pledged €30 million: €20 million for drones and €10 million for training.",
     [(30e6, None), (20e6, 30e6), (10e6, 30e6)]),
    ("of which", "Norway set aside NOK 35 billion, of which NOK 20 billion is for weapons.",
     [(35e9, None), (20e9, 35e9)]),
    ("including", "Poland set aside PLN 600 million for drones, including PLN 175 million for naval drones.",
     [(600e6, None), (175e6, 600e6)]),
    ("of that", "The plan is worth €400 million. About €150 million of that is earmarked for industry.",
     [(400e6, None), (150e6, 400e6)]),
    ("shares adding up", "The runway was rebuilt in a €20 million project. Latvia paid €15 million and "
     "Lithuania €5 million.", [(20e6, None), (15e6, 20e6), (5e6, 20e6)]),
    ("running total", "Belgium pledged €50 million in March and raised its contribution to €80 million in May.",
     [(50e6, 80e6), (80e6, None)]),
    ("of the whole, first", "Of the €50 million, €30 million will be used to buy drones.", [(50e6, None), (30e6, 50e6)]),
    ("handed out of a pool", "The EU's €150 billion loan instrument is spoken for. Poland was allocated "
     "€40 billion.", [(150e9, None), (40e9, 150e9)]),
    ("a ranking of bracketed shares", "The EU's €150 billion loan instrument is spoken for. Spain will get "
     "€9 billion, followed by Greece (€7 billion) and Croatia (€3 billion).",
     [(150e9, None), (9e9, 150e9), (7e9, 150e9), (3e9, 150e9)]),
    ("a plan told further on is no pool", "The bloc set up a €150 billion loan facility in May. Greece was "
     "allocated €7 billion. Spain will get €9 billion. Officials met in Athens. Talks went on. Earlier, leaders "
     "had approved an €800 billion rearmament plan.", [(150e9, None), (7e9, 150e9), (9e9, 150e9), (800e9, None)]),
]


def test_headline_and_body_tell_one_figure_though_the_union_is_named_twice():
    rows = build_budgets(annotated("EU approves €90 billion loan package for arms\n\nThe European Commission "
                                   "has confirmed a €90 billion defence loan package."), None)
    assert [r["amount"] for r in rows] == [90e9]


def test_a_loan_package_is_a_loan():
    (row,) = rows_of("The Commission unveiled a €90 billion defence loan package on Tuesday.")
    assert row["kind"] == "other"


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in SHARES], ids=[c[0] for c in SHARES])
def test_part_of(text, expected):
    assert _parent_amounts(rows_of(text)) == expected


def test_a_share_of_a_total_is_not_itself_a_total():
    rows = rows_of("Latvia has allocated €900 million to defence for 2026. Around €300 million of that total will "
                   "come from the state budget itself.")
    assert [(r["amount"], r["kind"]) for r in rows] == [(900e6, "allocation"), (300e6, "allocation")]


def test_the_word_share_is_no_kind():
    rows = rows_of("Latvia signed contracts worth €25 million for drones. The largest share, about €12 million, "
                   "will be paid to a local firm.")
    assert [(r["amount"], r["kind"]) for r in rows] == [(25e6, "contract"), (12e6, "contract")]


def test_the_headline_word_yields_to_the_story():
    rows = build_budgets(annotated("Latvia to pay €300 million for radars\n\nThe radars will cost Riga some "
                                   "€300 million over five years, officials said."))
    assert [(r["amount"], r["kind"]) for r in rows] == [(300e6, "total")]


def test_a_years_budget_beside_a_fund_is_an_allocation():
    rows = rows_of("Estonia's defence budget for 2026 stands at €2.4 billion, with more money from a special fund.")
    assert [r["kind"] for r in rows] == ["allocation"]


def test_for_its_part_is_no_share():
    rows = rows_of("Denmark signed a €55 million contract for drones.\nLithuania, for its part, set aside "
                   "€30 million for drones.")
    assert [r["part_of"] for r in rows] == [None, None]


def test_each_of_a_list_is_one_row_per_country():
    rows = rows_of("The EU's €150 billion loan instrument is spoken for. France and Spain are each down for €10bn.")
    assert sorted((r["amount"], r["recipient_code"]) for r in rows if r["amount"] == 10e9) == [
        (10e9, "ESP"), (10e9, "FRA")]


TRAPS = [
    ("market size", "The European market for counter-drone systems could reach €6 billion by 2030.", []),
    ("private investors' money", "Denmark's pension funds invested €1 billion in Danish defence firms.", []),
    ("a state's investment is a budget", "Denmark invested €1 billion in Danish defence firms.", [1e9]),
    ("revenue", "Saab reported sales of SEK 50 billion last year.", []),
    ("market value", "Shares in Saab, now valued at about SEK 200 billion, rose 3% on Monday.", []),
    ("unit price beside the total", "Poland ordered 48 launchers for $4.75 billion, roughly $99 million per launcher.",
     [4.75e9]),
    ("exchange-rate note", "Norway will give NOK 1 billion ($1 = 10.4 crowns) to the fund.", [1e9]),
    ("exchange rate in words", "Warsaw ordered radars for PLN 900 million, with $1 equaling 4.07 zlotys.", [900e6]),
    ("two currencies", "Sweden's package is worth SEK 3 billion (about €260 million).", [3e9]),
    ("range", "Warsaw will spend between PLN 1 billion and PLN 1.5 billion on shelters.", [1.5e9]),
    ("up to", "Norway said that it would give up to NOK 1.6 billion.", [1.6e9]),
    ("hypothetical payment", "Officials said Congress could contribute $60 million, an option rather than a "
     "commitment.", []),
    ("salary", "The new commander earns €120,000 a year.", []),
    ("mobilised spending", "The plan aims to mobilise more than €800 billion of defence spending by 2030.", []),
    ("an estimate of need", "Up to €3 billion will be needed next year to keep the scheme going, officials said.", []),
    ("a need told in the present", "Roughly €500 million is needed to finish the fence, the border guard said.", []),
]


@pytest.mark.parametrize(("text", "amounts"), [c[1:] for c in TRAPS], ids=[c[0] for c in TRAPS])
def test_money_no_one_committed_gives_no_row(text, amounts):
    assert [r["amount"] for r in rows_of(text)] == amounts


def test_budget_ids_are_stable_ordinals():
    rows = rows_of("Latvia pledged €5 million and Estonia paid €3 million.")
    article_id = rows[0]["article_id"]
    assert [r["budget_id"] for r in rows] == [f"{article_id}-b1", f"{article_id}-b2"]


def test_a_region_named_like_a_country_pays_nothing_when_read_by_position():
    """Sentences without a parse choose the payer by position (core.tables.funders_text)."""
    from core.tables.funders_text import parties_by_position

    sentence = annotated(HEAD + "Roads across the Moldavia region get €4 billion.").sentences[1]
    assert parties_by_position(sentence, sentence.money[0], None).funder is None
