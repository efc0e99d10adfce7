"""Deployments told by their phase ("Germany began the deployment of a brigade in Lithuania"), an
advance party arriving at a site, a later figure for the whole force that is not the site's, and a
host that "has" another country's unit ("Lithuania has a German-led battlegroup of 1,000 troops at
Rukla"), and a figure for a whole force part of which is at a site ("most of them at X"): invented
sentences. Each case gives the (force, host, site, personnel, status) rows it must give.
"""

import pytest

from tests.conftest import deployment_rows as rows_of

CASES = [
    ("began the deployment of", "Germany began the deployment of a brigade in Lithuania.",
     {("DEU", "LTU", None, None, "current")}),
    ("will start the stationing of", "Norway will start the stationing of a battalion in Finland next year.",
     {("NOR", "FIN", None, None, "planned")}),
    ("an advance party arriving at a site",
     "Sweden on Monday launched the deployment of a mechanised battalion in Latvia, with an advance party of 40 "
     "soldiers arriving in Riga.",
     {("SWE", "LVA", "Riga", 40, "current")}),
    ("a figure for the whole force after the advance party's",
     "Sweden launched the deployment of a battalion in Latvia, with an advance party of 40 soldiers arriving in "
     "Riga. The battalion is to grow to about 800 troops by 2027.",
     {("SWE", "LVA", "Riga", 40, "current"), ("SWE", "LVA", None, 800, "current")}),

    ("a planned figure told after the deployment began keeps its own status",
     "Sweden began the deployment of a battalion in Latvia, with an advance party of 40 soldiers arriving in "
     "Riga. Stockholm said last year it would deploy about 800 troops in Latvia.",
     {("SWE", "LVA", "Riga", 40, "current"), ("SWE", "LVA", None, 800, "planned")}),
    ("a host has another country's unit", "Latvia already has a Canadian-led battlegroup of about 900 troops.",
     {("CAN", "LVA", None, 900, "current")}),
    ("the unit's site after its counted troops",
     "Estonia has a British battlegroup of some 900 soldiers at Tapa.", {("GBR", "EST", "Tapa", 900, "current")}),
    ("most of them at a site: the figure is the whole force's",
     "About 900 Canadian troops will remain in Latvia, most of them at Ādaži.",
     {("CAN", "LVA", None, 900, "current"), ("CAN", "LVA", "Ādaži", None, "current")}),
    ("all of them at a site: the site's figure",
     "About 900 Canadian troops are stationed at Ādaži.", {("CAN", "LVA", "Ādaži", 900, "current")}),
    ("a force that has troops abroad stays the force", "Sweden has 600 troops in Latvia.",
     {("SWE", "LVA", None, 600, "current")}),
]

NO_ROW = [
    ("negated", "Germany did not begin the deployment of a brigade in Lithuania.", set()),
    ("a deployment begun by no country", "The deployment of the brigade began in Lithuania in April.", set()),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_phase(text: str, expected: set[tuple]) -> None:
    assert rows_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in NO_ROW], ids=[c[0] for c in NO_ROW])
def test_no_phase(text: str, expected: set[tuple]) -> None:
    assert rows_of(text) == expected
