"""Page furniture: lines that are not the story, marked without changing the text, give no rows."""

import pytest

from core.furniture import furniture_kind, furniture_spans
from core.pipeline import extract_document
from core.records import Document

FURNITURE = [  # (id, line, kind)
    ("byline", "By Ioana Marin", "byline"),
    ("byline with publisher", "By Radu Enache, Black Sea Monitor", "byline"),
    ("staff byline", "By Baltic Defence Wire staff", "byline"),
    ("reporting credit", "(Reporting by Victor Rusu; editing by Elena Ciobanu)", "byline"),
    ("photo caption", "Photo: Polish soldiers at the border near Usnarz Górny, 12 May 2024.", "caption"),
    ("caption with credit", "Soldiers at Ādaži on 12 May 2024. (Photo: Reuters/Ints Kalniņš)", "caption"),
    ("credit after slash", "A Patriot launcher at Rzeszów airport, 3 March 2025. PAP/Darek Delmanowicz", "caption"),
    ("getty credit", "Jets over Ämari. (Photo by Jaap Arriens/NurPhoto via Getty Images)", "caption"),
    ("read also", "READ ALSO: Poland signs €4 billion deal for Apache helicopters", "related"),
    ("read more", "Read more: Lithuania approves 2026 defence budget", "related"),
    ("related heading", "Related articles", "related"),
    ("see also", "See also: NATO launches Baltic Sentry on 14 January", "related"),
    ("teaser", "Don't miss: How the Drone Wall will work", "teaser"),
    ("newsletter", "Subscribe to our newsletter for daily Black Sea security briefings.", "newsletter"),
    ("sign up", "Sign up for our weekly defence industry newsletter", "newsletter"),
    ("newsletter habit", "Flank Briefing is published every Tuesday. Forward to a colleague | Unsubscribe",
     "newsletter"),
    ("share prompt", "Share this article: Facebook | X | LinkedIn | Email", "share"),
    ("share bar", "Facebook | X | WhatsApp | Copy link", "share"),
    ("follow", "Follow us on X and Telegram", "share"),
    ("tags", "Tags: Slovakia, Bulgaria, F-16, air policing", "tags"),
    ("copyright", "© Baltic Defence Wire. All rights reserved.", "copyright"),
]

STORY = [  # (id, line): story lines that open with the same words
    ("by a year", "By 2027 the army will have 16 jets."),
    ("by a month", "By March the battalion had left Riga."),
    ("by the end", "By the end of the year Poland will spend 4.7% of GDP."),
    ("share prices", "Share prices of Rheinmetall rose 5% on 2 May."),
    ("according to an agency", "The ministry confirmed the find on 4 May, according to Reuters."),
    ("related as adjective", "Related talks in Brussels ended on Tuesday without a deal."),
    ("image as noun", "Image analysis showed the drone was a Gerbera."),
    ("long paragraph", "Subscribe " + "word " * 90),
]


@pytest.mark.parametrize(("line", "kind"), [c[1:] for c in FURNITURE], ids=[c[0] for c in FURNITURE])
def test_furniture_lines(line, kind):
    assert furniture_kind(line) == kind


@pytest.mark.parametrize("line", [c[1] for c in STORY], ids=[c[0] for c in STORY])
def test_story_lines(line):
    assert furniture_kind(line) is None


ARTICLE = """Drone debris found near Plauru
By Ioana Marin
Photo: Romanian soldiers search the field near Plauru on 2 September 2023. (Reuters)
Romanian soldiers found drone debris near Plauru on 9 September 2023, the ministry said.
READ ALSO: Poland approved €1 billion for East Shield on 4 May 2024
Subscribe to our newsletter
Share this article: Facebook | X | Email
"""


def test_furniture_gives_no_rows_and_keeps_offsets():
    doc = Document(path="case.txt", text=ARTICLE, title="Drone debris found near Plauru")
    result = extract_document(doc)
    assert [r["date"] for r in result.tables["events"]] == ["2023-09-09"]
    assert result.tables["budgets"] == []
    for table in ("events", "site_mentions"):
        for row in result.tables[table]:
            if "start" in row:
                assert ARTICLE[row["start"]:row["end"]] == row["evidence"]


def test_headline_is_never_furniture():
    assert furniture_spans("Share: the story\nBody") == []
