"""Files extracted together (`core.files`): their articles' sentences parsed in one batch give the rows
each gives alone; a batch that fails falls back to one article at a time; a failure stays its own."""

from __future__ import annotations

import pytest

from core import files
from core.files import process_file, process_files
from core.pipeline import extract_document, extract_documents
from core.read import read_file
from tests.conftest import SEEDS

SEED_FILES = sorted(str(p) for p in SEEDS.glob("*.txt"))


def _rows(results):
    return [[(a.article, a.tables, a.fingerprint) for a in r.articles] for r in results]


def test_articles_extracted_together_give_the_rows_they_give_alone():
    docs = [doc for path in SEED_FILES for doc in read_file(path)]
    together = extract_documents(docs)
    alone = [extract_document(doc) for doc in docs]
    assert [(t.article, t.tables, t.fingerprint) for t in together] == [(a.article, a.tables, a.fingerprint)
                                                                        for a in alone]


def test_files_processed_together_give_what_each_gives_alone():
    together = process_files(SEED_FILES, SEED_FILES)
    alone = [process_file(path, path) for path in SEED_FILES]
    assert _rows(together) == _rows(alone)
    assert [r.file_hash for r in together] == [r.file_hash for r in alone]


def test_a_batch_parse_that_fails_is_done_again_one_article_at_a_time(monkeypatch):
    real = files.attach_parses

    def fails_on_batches(articles):
        if len(articles) > 1:
            raise MemoryError("the batch is too large")
        real(articles)

    monkeypatch.setattr(files, "attach_parses", fails_on_batches)
    together = process_files(SEED_FILES, SEED_FILES)
    assert all(not r.failures for r in together)
    monkeypatch.setattr(files, "attach_parses", real)
    assert _rows(together) == _rows([process_file(path, path) for path in SEED_FILES])


@pytest.mark.parametrize("step", ["find_mentions", "tables_of"])
def test_an_article_that_fails_keeps_its_failure_to_itself(monkeypatch, step):
    real, broken = getattr(files, step), SEED_FILES[1]

    def fails_on_one(item):
        doc = getattr(item, "doc", item)
        if doc.path == broken:
            raise ValueError("a bug")
        return real(item)

    monkeypatch.setattr(files, step, fails_on_one)
    results = process_files(SEED_FILES, SEED_FILES)
    assert [bool(r.failures) for r in results] == [path == broken for path in SEED_FILES]
    failure, = results[1].failures
    assert failure.reason == "extraction failed: ValueError: a bug" and not results[1].articles
    assert all(r.articles for r in results if r.path != broken)


def test_a_feed_of_many_items_is_extracted_a_few_articles_at_a_time(tmp_path, monkeypatch):
    import json

    seeds = [read_file(path)[0] for path in SEED_FILES]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"title": d.title, "text": d.text.split("\n", 1)[1]}) + "\n"
                            for d in seeds * 3) + "not json\n", encoding="utf-8")
    batches = []
    real = files.attach_parses
    monkeypatch.setattr(files, "attach_parses", lambda articles: (batches.append(len(articles)), real(articles)))
    result = process_file(str(feed), str(feed))
    assert batches and max(batches) <= files.ARTICLES_TOGETHER and sum(batches) == 3 * len(seeds)
    docs = read_file(str(feed))
    alone = [extract_document(d) for d in docs if not hasattr(d, "reason")]
    assert [(a.article, a.tables) for a in result.articles] == [(a.article, a.tables) for a in alone]
    assert len(result.failures) == 1
