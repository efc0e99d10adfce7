"""Shared fixtures: paths to the seeds, the dev corpus and a helper to extract one text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from core.annotate import annotate
from core.records import Document

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DEV = ROOT.parent / "shared" / "corpus" / "dev"


def annotated(text: str, published: str | None = None):
    """An annotated article made of `text` (headline first)."""
    return annotate(Document(path="case.txt", text=text, title=text.splitlines()[0], published=published))


@pytest.fixture
def make_annotated():
    return annotated


@pytest.fixture
def dev_corpus() -> Path:
    if not DEV.is_dir():
        pytest.skip(f"the dev corpus is not beside the project ({DEV})")
    return DEV


@pytest.fixture(autouse=True)
def _no_user_store(monkeypatch, tmp_path):
    """Tests never touch the user's store: FLANKWATCH_DB points into the test's tmp folder."""
    if "FLANKWATCH_DB" not in os.environ or not os.environ["FLANKWATCH_DB"].startswith(str(tmp_path.parent)):
        monkeypatch.setenv("FLANKWATCH_DB", str(tmp_path / "store.duckdb"))
