"""benchmarks: the corpus generator's output and gold, and a tiny run of every benchmark."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from benchmarks import generate, reference, suite
from benchmarks.measure import Table
from core.read import read_file

SCORED = ("budgets", "deployments", "coalitions", "events", "sites")


def test_generation_is_deterministic_for_a_seed():
    first = [(a.name, a.text, a.gold) for a in generate.generate(12, seed=5)]
    again = [(a.name, a.text, a.gold) for a in generate.generate(12, seed=5)]
    other = [a.text for a in generate.generate(12, seed=6)]
    assert first == again
    assert [text for _, text, _ in first] != other


def test_articles_are_about_500_words_in_txt_and_html():
    articles = list(generate.generate(40, seed=1, html_share=0.5))
    assert {a.fmt for a in articles} == {"txt", "html"}
    for article in articles:
        if article.fmt == "txt":
            assert 400 <= len(article.text.split()) <= 650, article.name
        else:
            assert article.text.startswith("<!DOCTYPE html>")


def test_gold_has_the_dev_corpus_format(tmp_path):
    folder = generate.write_corpus(tmp_path, 30, seed=2, duplicate_share=0.3)
    golds = sorted((tmp_path / "gold").glob("*.gold.json"))
    assert len(golds) == len(list(folder.iterdir())) == 30
    duplicates = 0
    for path in golds:
        gold = json.loads(path.read_text())
        assert set(gold) - {"duplicate_of"} == {"article", *SCORED}
        assert (tmp_path / "gold" / gold["article"]).resolve() == (folder / gold["article"]).resolve()
        duplicates += "duplicate_of" in gold
        for row in gold["budgets"]:
            assert row["currency"] in {"EUR", "USD", "GBP", "PLN", "SEK", "NOK", "DKK", "CZK", "RON", "HUF"}
        for row in gold["events"]:
            assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", row["date"])
        for row in gold["sites"]:
            assert isinstance(row["lat"], float)
    assert duplicates


def test_every_currency_form_is_written():
    import random

    rng = random.Random(0)
    written = " ".join(generate.money(generate.amount_for(c, rng), c, rng)
                       for c in ("EUR", "USD", "GBP", "PLN") for _ in range(200))
    for form in (r"€\d[\d.]* billion", r"EUR \d+ million", r"\d+ million euros", r"£\d+m\b", r"\$\d[\d.]*bn\b",
                 r"US\$\d+ million", r"PLN \d[\d.]* billion"):
        assert re.search(form, written), form


def test_every_date_form_is_written():
    import datetime as dt
    import random

    rng = random.Random(0)
    published = dt.date(2025, 9, 18)
    forms = {generate.render_date(published - dt.timedelta(days=d % 40 + 1), published, rng)[0]
             for d in range(400)}
    written = " ".join(forms)
    for form in (r"on \d{1,2} [A-Z][a-z]+ 2025", r"on [A-Z][a-z]+ \d{1,2}, 2025", r"on \d\d\.\d\d\.2025",
                 r"in [A-Z][a-z]+ 2025", r"in 2025", r"on (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day",
                 r"on (?:Aug|Sept)\. \d", r"on \d{1,2} (?:August|September)\b(?! 2025)"):
        assert re.search(form, written), form


def test_the_reader_dates_generated_articles(tmp_path):
    folder = generate.write_corpus(tmp_path, 10, seed=3, html_share=0.5, gold=False)
    for path in folder.iterdir():
        [doc] = read_file(str(path))
        assert doc.published and doc.title, path.name


def test_a_table_renders_with_its_notes():
    table = Table("T", ["a", "b"], [["x", 1234.5], ["y", 0.25]], ["a note"])
    text = table.render()
    assert "## T" in text and "1,234" in text and "0.25" in text and "- a note" in text


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> suite.Settings:
    settings = suite.Settings(workdir=tmp_path_factory.mktemp("bench"), scale=6, dashboard_articles=0)
    settings.reference = reference.lookup_reference(suite.texts(settings, 6))  # spaCy would take seconds to load
    return settings


@pytest.mark.slow
@pytest.mark.parametrize("name", list(suite.BENCHMARKS))
def test_each_benchmark_runs_at_a_tiny_scale(tiny, name):
    table = suite.BENCHMARKS[name](tiny)
    assert table.rows and all(len(row) == len(table.columns) for row in table.rows)
    assert not any(isinstance(v, str) and v.startswith("error:") for row in table.rows for v in row), table.rows
    assert table.render()
    assert isinstance(Path(tiny.workdir), Path)


def test_stage_timers_find_every_stage_and_are_removed_afterwards():
    from benchmarks.stages import STAGES, timed_stages
    from core import annotate, link

    before = (annotate.find_names, link.fingerprint)
    with timed_stages() as times:
        assert annotate.find_names is not before[0]
        annotate.annotate(__import__("core.records", fromlist=["Document"]).Document(
            path="a.txt", text="Poland will spend €2 billion on drones in 2025.", title="t"))
    assert (annotate.find_names, link.fingerprint) == before
    assert set(STAGES) - {"parse"} <= times.found, set(STAGES) - times.found
    assert times.cpu["names"] > 0 and times.cpu["money"] > 0
