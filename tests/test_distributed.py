"""core.distributed: an ingest on a Dask LocalCluster leaves the store exactly as a single-process one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("distributed")

from benchmarks.generate import write_corpus  # noqa: E402
from core import distributed, store  # noqa: E402
from core.ingest import ingest  # noqa: E402
from core.schema import TABLES  # noqa: E402

pytestmark = pytest.mark.slow
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
#: Columns that record when something happened, not what: left out of the comparison.
CLOCK_COLUMNS = {"failures": ["at"], "files": ["ingested_at"]}
INTERNAL = ("files", "documents", "article_texts", "fingerprints", "program_mentions")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    shutil.copytree(SEEDS, root / "seeds")
    write_corpus(root / "generated", 12, seed=3, html_share=0.4, duplicate_share=0.2, gold=False)
    (root / "generated" / "articles" / "broken.json").write_text("{not json", encoding="utf-8")
    return root


def _sorted(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    frame = frame.drop(columns=CLOCK_COLUMNS.get(table, []), errors="ignore").astype(str)
    return frame.sort_values(list(frame.columns)).reset_index(drop=True)


def _tables(db: Path) -> dict[str, pd.DataFrame]:
    return store.load_tables(db, (*TABLES, *INTERNAL))


@pytest.fixture(scope="module")
def stores(corpus, tmp_path_factory) -> tuple[Path, Path, distributed.IngestReport]:
    folder = tmp_path_factory.mktemp("stores")
    paths = [str(corpus / "seeds"), str(corpus / "generated" / "articles")]
    single, dask = folder / "single.duckdb", folder / "dask.duckdb"
    ingest(paths, single, progress=False, notify=lambda _: None)
    report = distributed.ingest_with_dask(paths, dask, "local", progress=False, notify=lambda _: None,
                                          partition_files=4)
    return single, dask, report


def test_dask_ingest_stores_the_same_tables_as_a_single_process(stores):
    single, dask, report = stores
    expected, got = _tables(single), _tables(dask)
    assert report.articles_stored == len(expected["articles"]) > 15
    assert len(report.failures) == 1
    for table in expected:
        pd.testing.assert_frame_equal(_sorted(got[table], table), _sorted(expected[table], table), obj=table)


def test_dask_reingest_skips_unchanged_files(stores, corpus):
    _, dask, _ = stores
    paths = [str(corpus / "seeds"), str(corpus / "generated" / "articles")]
    before = _tables(dask)
    report = distributed.ingest_with_dask(paths, dask, "local", progress=False, notify=lambda _: None)
    assert report.files_skipped == report.files_seen == 18  # the broken file too: its bytes did not change
    assert report.articles_stored == 0
    after = _tables(dask)
    for table in ("articles", "budgets", "deployments", "events"):
        pd.testing.assert_frame_equal(_sorted(after[table], table), _sorted(before[table], table), obj=table)
    assert not list(dask.parent.glob(f".{dask.name}.dask-*")), "the scratch folder is removed"


def test_unreachable_scheduler_is_a_clear_error(tmp_path, monkeypatch, corpus):
    monkeypatch.setattr(distributed, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(distributed.SchedulerError, match="cannot reach the Dask scheduler"):
        distributed.ingest_with_dask([str(corpus / "seeds")], tmp_path / "x.duckdb", "tcp://127.0.0.1:9",
                                     progress=False)
