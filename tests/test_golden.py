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
from tests.conftest import SEEDS

GOLDEN = Path(__file__).parent / "golden"
KEEP = {
    "budgets": ("budget_id", "amount", "currency", "funder_code", "recipient_code", "kind", "part_of", "year_start",
                "year_end", "evidence"),
    "deployments": ("force_code", "host_code", "site", "personnel", "status"),
    "coalitions": ("coalition", "member_code", "role", "date"),
    "events": ("date", "event_type"),
    "site_mentions": ("site", "name", "score"),
    "roles": ("country_code", "role", "person"),
}


def _snapshot(path: Path) -> dict:
    (doc,) = read_file(str(path))
    result = extract_document(doc)
    out = {"article_id": result.article["article_id"], "title": result.article["title"]}
    for table, columns in KEEP.items():
        out[table] = [{c: row.get(c) for c in columns} for row in result.tables[table]]
    return out


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_seed_matches_golden(seed):
    snapshot = _snapshot(SEEDS / seed)
    golden = GOLDEN / f"{seed}.json"
    if os.environ.get("FLANKWATCH_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(snapshot, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert snapshot == json.loads(golden.read_text(encoding="utf-8"))
