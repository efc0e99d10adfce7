"""The benchmarks: each one returns a `Table` (printed by `python -m benchmarks`).

Sizes: `scale` (N, env BENCH_SCALE, default 300) articles for the throughput runs and 10 N for
the scaling runs; the dashboard runs on a store of `dashboard_articles` (env BENCH_DASHBOARD,
default 10 N; the issue's figure is 100,000). Corpora are generated once into `workdir`
(env BENCH_DIR, default /tmp/flankwatch-bench) and reused; stores are rebuilt each run unless
BENCH_REUSE is set (then a store and its figures from an earlier run are used as they are).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.generate import write_corpus
from benchmarks.hostile import bench_hostile
from benchmarks.jsonl import bench_jsonl
from benchmarks.measure import Table, best_of, run_ingest

TARGET_TXT = 1000.0  # articles/s on one core, plain text, end to end into the store
TARGET_HTML_FACTOR = 3.0
TARGET_SCALING = 11.0
TARGET_RSS_MB = 1500.0
TARGET_COLD_S = 2.0
TARGET_FILTER_MS = 200.0
HTML_SHARE = {"html": 1.0, "mixed": 0.25}  # share of saved HTML pages per corpus kind (else plain text)


@dataclass
class Settings:
    workdir: Path = Path(os.environ.get("BENCH_DIR", "/tmp/flankwatch-bench"))
    scale: int = int(os.environ.get("BENCH_SCALE", "300"))
    dashboard_articles: int = int(os.environ.get("BENCH_DASHBOARD", "0"))  # 0: 10 x scale
    reuse: bool = bool(os.environ.get("BENCH_REUSE"))  # keep the stores (and figures) of an earlier run
    workers: int = 2
    seed: int = 7
    runs: dict = field(default_factory=dict)  # (corpus, n, workers) -> ingest figures, shared between benchmarks
    reference: object = None

    @property
    def big(self) -> int:
        return self.dashboard_articles or 10 * self.scale


def corpus(s: Settings, n: int, kind: str = "txt") -> Path:
    """The articles folder of a generated corpus (written on first use, then reused)."""
    folder = s.workdir / f"corpus-{kind}-{n}-seed{s.seed}"
    if not (folder / "complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        write_corpus(folder, n, seed=s.seed, html_share=HTML_SHARE.get(kind, 0.0), gold=False)
        (folder / "complete").write_text("ok\n")
    return folder / "articles"


def ingest(s: Settings, n: int, kind: str = "txt", workers: int = 1, dask: str | None = None) -> dict:
    """Ingest a corpus into a new store (once per settings) and return its figures."""
    key = (kind, n, workers, dask)
    if key not in s.runs:
        db = s.workdir / "stores" / f"{kind}-{n}-w{workers}{'-dask' if dask else ''}.duckdb"
        kept = Path(f"{db}.figures.json")
        if s.reuse and kept.exists() and db.exists():
            s.runs[key] = {**json.loads(kept.read_text()), "db": db}
            return s.runs[key]
        db.parent.mkdir(parents=True, exist_ok=True)
        for path in (db, Path(f"{db}.wal"), Path(f"{db}.lock"), kept):
            path.unlink(missing_ok=True)
        figures = run_ingest([str(corpus(s, n, kind))], db, workers=workers, dask=dask)
        kept.write_text(json.dumps(figures))
        s.runs[key] = {**figures, "db": db}
    return s.runs[key]


def texts(s: Settings, n: int, kind: str = "txt") -> list[str]:
    from core.read import iter_documents

    return [d.text for d in iter_documents([str(corpus(s, n, kind))]) if hasattr(d, "text")]


def reference(s: Settings):
    from benchmarks.reference import reference as measure

    if s.reference is None:
        s.reference = measure(texts(s, min(s.scale, 300)))
    return s.reference


def _per_core(run: dict) -> float:
    return run["articles_stored"] / max(run["cpu"], 1e-9)


# --- ingest ------------------------------------------------------------------------------------


def bench_ingest(s: Settings) -> Table:
    ref = reference(s)
    table = Table("Ingest throughput (end to end into the store)",
                  ["corpus", "articles", "workers", "wall s", "articles/s", "words/s", "articles/s per core",
                   "words/s per core", "peak RSS MB", "workers' RSS MB", "store MB per 1,000", "× reference"])
    runs = [("txt", s.scale, 1, None), ("html", s.scale, 1, None), ("txt", s.scale, s.workers, None),
            ("txt", s.scale, 2, "local"), ("txt", 10 * s.scale, 1, None)]
    if s.big > 10 * s.scale:
        runs.append(("txt", s.big, s.workers, None))
    for kind, n, workers, dask in runs:
        run = ingest(s, n, kind, workers, dask)
        cpu = run["wall"] * workers if dask else run["cpu"]  # a cluster's workers are not our children
        per_core = run["articles_stored"] / max(cpu, 1e-9)
        table.rows.append([kind, run["articles"], f"{workers} (Dask {dask})" if dask else workers, run["wall"],
                           run["articles_stored"] / run["wall"], run["words"] / run["wall"], per_core,
                           run["words"] / max(cpu, 1e-9),
                           run["rss_mb"], run["rss_workers_mb"] if workers > 1 else None,
                           run["store_mb"] / run["articles"] * 1000, f"{per_core / ref.articles_per_s:.2f}×"])
    txt, html = _per_core(ingest(s, s.scale)), _per_core(ingest(s, s.scale, "html"))
    kind, n, workers, dask = runs[-1]
    largest = ingest(s, n, kind, workers, dask)
    table.notes += [
        f"machine: {os.cpu_count()} cores; load average at the end {', '.join(f'{x:.1f}' for x in os.getloadavg())} "
        f"(other processes share the cores: wall figures vary, per-core figures are articles per CPU second)",
        f"reference: {ref.name}, {ref.articles_per_s:.1f} articles/s per core on the same texts ({ref.why})",
        f"target plain text ≥ {TARGET_TXT:,.0f} articles/s per core: {txt:,.1f} "
        f"({'met' if txt >= TARGET_TXT else f'short by {TARGET_TXT / txt:.0f}×'})",
        f"target HTML within {TARGET_HTML_FACTOR:g}× of plain text: {txt / html:.2f}× "
        f"({'met' if txt / html <= TARGET_HTML_FACTOR else 'not met'})",
        "Dask local: a LocalCluster of two worker processes (started inside the timing); per core there is "
        "wall × workers, and its memory figure is this process's only (the workers are not its children)",
        f"target peak memory ≤ {TARGET_RSS_MB:,.0f} MB ({largest['articles']:,} articles): main "
        f"{largest['rss_mb']:,.0f} MB, largest worker {largest['rss_workers_mb']:,.0f} MB",
    ]
    return table


# --- scaling and the cross-article steps --------------------------------------------------------


def _link_steps(db: Path) -> dict[str, Callable[[], object]]:
    """The cross-article steps of `core.ingest.relink`, each a callable over the store's rows."""
    from core import link
    from core.ingest import load_link_inputs

    frames, fingerprints = load_link_inputs(db)
    mentions = frames["program_mentions"]
    duplicates = link.find_duplicates(fingerprints)
    return {
        "find_duplicates": lambda: link.find_duplicates(fingerprints),
        "merge_programs": lambda: link.merge_programs(mentions),
        "build_sites": lambda: link.build_sites(frames["site_mentions"]),
        "build_conflicts": lambda: link.build_conflicts(frames["roles"], frames["site_mentions"],
                                                        frames["deployments"], duplicates),
    }


def bench_scaling(s: Settings) -> Table:
    from core.ingest import relink

    small, large = ingest(s, s.scale), ingest(s, 10 * s.scale)
    table = Table(f"Scaling: {s.scale:,} → {10 * s.scale:,} articles (10×)",
                  ["step", f"{s.scale:,} articles s", f"{10 * s.scale:,} articles s", "ratio", "target"])
    table.rows.append(["ingest, end to end (CPU s)", small["cpu"], large["cpu"], large["cpu"] / small["cpu"],
                       f"≤ {TARGET_SCALING:g}×"])
    table.rows.append(["ingest, end to end (wall s)", small["wall"], large["wall"], large["wall"] / small["wall"],
                       f"≤ {TARGET_SCALING:g}×"])
    steps_small, steps_large = _link_steps(small["db"]), _link_steps(large["db"])
    for name in steps_small:
        a, b = best_of(steps_small[name], 2), best_of(steps_large[name], 2)
        table.rows.append([f"core.link.{name}", a, b, b / a if a else None, "not quadratic (≪ 100×)"])
    a, b = best_of(lambda: relink(small["db"]), 1), best_of(lambda: relink(large["db"]), 1)
    table.rows.append(["core.ingest.relink (all of them, with store I/O)", a, b, b / a if a else None,
                       "not quadratic (≪ 100×)"])
    return table


def bench_reingest(s: Settings) -> Table:
    table = Table("Re-ingest of an unchanged corpus (content hashes)",
                  ["articles", "first ingest s", "re-ingest s", "files/s", "share of first ingest"])
    for n in sorted({10 * s.scale, s.big}):
        workers = 1 if n == 10 * s.scale else s.workers
        first = ingest(s, n, "txt", workers)
        again = run_ingest([str(corpus(s, n))], first["db"])
        assert again["files_skipped"] == again["files_seen"], again
        table.rows.append([n, first["wall"], again["wall"], n / again["wall"], f"{again['wall'] / first['wall']:.2%}"])
    table.notes.append("re-ingest wall time includes starting Python and reading every file to hash it")
    return table


# --- dashboard ---------------------------------------------------------------------------------


def dashboard_store(s: Settings) -> tuple[Path, int]:
    """The dashboard's store: an ingest of `big` articles, or (BENCH_INFLATE, or when `big` is over 10 N)
    an ingest of N articles copied up to `big` (benchmarks.inflate): the data work depends on row
    counts, and an ingest of 100,000 articles takes hours on two cores."""
    if s.big <= 10 * s.scale and not os.environ.get("BENCH_INFLATE"):
        run = ingest(s, s.big, "txt", 1)
        return run["db"], run["articles"]
    from benchmarks.inflate import inflate

    seed = ingest(s, s.scale, "txt", 1)
    db = s.workdir / "stores" / f"inflated-{s.big}.duckdb"
    return db, inflate(seed["db"], db, s.big)


def bench_dashboard(s: Settings) -> Table:
    from benchmarks.dashboard_pages import measure_pages

    db, articles = dashboard_store(s)
    return measure_pages(db, articles, TARGET_FILTER_MS, TARGET_COLD_S)


def bench_stages(s: Settings) -> Table:
    """Each stage's CPU ms per article on a mixed corpus (a quarter HTML), beside spaCy's full pipeline."""
    from benchmarks.stages import stage_table

    folder = corpus(s, s.scale, "mixed")
    db = s.workdir / "stores" / f"stages-{s.scale}.duckdb"
    db.parent.mkdir(parents=True, exist_ok=True)
    return stage_table(folder, db, spacy_articles=min(s.scale, 150) if s.reference is None else 0)


def bench_reference(s: Settings) -> Table:
    ref = reference(s)
    table = Table("Reference run (same process, same texts)", ["reference", "articles/s per core", "why"])
    table.rows.append([ref.name, ref.articles_per_s, ref.why])
    return table


BENCHMARKS: dict[str, Callable[[Settings], Table]] = {
    "stages": bench_stages,
    "hostile": bench_hostile,
    "jsonl": bench_jsonl,
    "reference": bench_reference,
    "ingest": bench_ingest,
    "scaling": bench_scaling,
    "reingest": bench_reingest,
    "dashboard": bench_dashboard,
}
