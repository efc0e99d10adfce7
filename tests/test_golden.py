"""Golden files: each seed article's extraction, compared exactly.

A change to the rules that changes a seed's rows fails here until the golden file is
regenerated on purpose: `FLANKWATCH_UPDATE_GOLDEN=1 pytest tests/test_golden.py`, then
review the diff of tests/golden/ like any other change.
"""

import json
import os
from pathlib import Path

import pytest

from core.pipeline import extract_document
from core.read import read_file
from core.schema import TABLES, column_names
from tests.conftest import SEEDS

GOLDEN = Path(__file__).parent / "golden"


def _snapshot(path: Path) -> dict:
    """Every column of the article's row and of every per-article table (as core.schema declares
    them; a table it does not declare, such as program_mentions, with every key of its rows)."""
    (doc,) = read_file(str(path))
    result = extract_document(doc)
    article = {c: result.article.get(c) for c in column_names("articles")}
    article["path"] = Path(article["path"]).relative_to(SEEDS.parent).as_posix()  # the same in every checkout
    out: dict = {"articles": [article]}
    for table, rows in result.tables.items():
        out[table] = [{c: row.get(c) for c in column_names(table)} if table in TABLES else dict(row) for row in rows]
    return out


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_seed_matches_golden(seed):
    snapshot = _snapshot(SEEDS / seed)
    golden = GOLDEN / f"{seed}.json"
    if os.environ.get("FLANKWATCH_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(snapshot, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert snapshot == json.loads(golden.read_text(encoding="utf-8"))
