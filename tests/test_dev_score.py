"""The issue's bar on the dev corpus: mean F1 >= 0.90, no table below 0.85, duplicates right."""

import json
import subprocess
import sys

from tests.conftest import ROOT


def test_dev_corpus_score(dev_corpus, tmp_path):
    report = tmp_path / "report.json"
    proc = subprocess.run([sys.executable, str(ROOT.parent / "shared" / "eval" / "score.py"), "--json", str(report)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(report.read_text())
    assert result["mean_f1"] >= 0.90
    assert min(result[t]["f1"] for t in ("budgets", "deployments", "coalitions", "events", "sites")) >= 0.85
    assert result["duplicates"]["found"] == result["duplicates"]["of"] and result["duplicates"]["false"] == 0
