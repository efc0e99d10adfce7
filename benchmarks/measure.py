"""Measuring helpers: wall and CPU clocks, an ingest run in a process of its own, and tables.

An ingest is measured in a fresh Python process (`python -m benchmarks.measure ingest ...`)
so that its peak memory (the maximum resident set size the kernel reports for the process
and, separately, for its worker processes) is the ingest's alone.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Clock:
    """Wall seconds and CPU seconds (this process and its finished children) of a block."""

    wall: float = 0.0
    cpu: float = 0.0


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@contextmanager
def clock() -> Iterator[Clock]:
    result = Clock()
    wall, cpu = time.perf_counter(), _cpu()
    try:
        yield result
    finally:
        result.wall, result.cpu = time.perf_counter() - wall, _cpu() - cpu


def best_of(fn: Callable[[], object], repeat: int = 3) -> float:
    """The fastest wall time of `repeat` calls (seconds): the figure least disturbed by other load."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size in MB.

    For this process, the kernel's high-water mark of this program image (VmHWM): `ru_maxrss`
    would also count what the parent had when it started us, as Linux keeps it across exec.
    """
    if who == resource.RUSAGE_SELF:
        try:
            with open("/proc/self/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            pass
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


def store_mb(db: Path) -> float:
    return sum(p.stat().st_size for p in (db, Path(f"{db}.wal")) if p.exists()) / 1e6


def run_ingest(paths: list[str], db: Path, workers: int = 1, dask: str | None = None) -> dict:
    """Ingest in a child process; its figures (wall, cpu, peak RSS, counts) as a dict."""
    command = [sys.executable, "-m", "benchmarks.measure", "ingest", "--db", str(db), "--workers", str(workers),
               *(["--dask", dask] if dask else []), *paths]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"ingest failed ({done.returncode}): {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _ingest_main(args: argparse.Namespace) -> None:
    import duckdb

    from core.ingest import ingest

    with clock() as taken:
        if args.dask:
            from core.distributed import ingest_with_dask

            report = ingest_with_dask(args.paths, args.db, args.dask, progress=False, notify=lambda _: None)
        else:
            report = ingest(args.paths, args.db, workers=args.workers, progress=False, notify=lambda _: None)
    con = duckdb.connect(str(args.db), read_only=True)
    try:
        articles, words = con.execute("SELECT count(*), coalesce(sum(words), 0) FROM articles").fetchone()
    finally:
        con.close()
    print(json.dumps({
        "wall": taken.wall, "cpu": taken.cpu, "rss_mb": rss_mb(), "rss_workers_mb": rss_mb(resource.RUSAGE_CHILDREN),
        "files_seen": report.files_seen, "files_skipped": report.files_skipped,
        "articles_stored": report.articles_stored, "articles": articles, "words": int(words),
        "store_mb": store_mb(args.db), "workers": args.workers,
    }))


# --- tables ----------------------------------------------------------------------------------


@dataclass
class Table:
    """One benchmark's results: printed as an aligned text table with notes below."""

    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def render(self) -> str:
        cells = [[_cell(v) for v in row] for row in self.rows]
        widths = [max(len(c), *(len(r[i]) for r in cells)) if cells else len(c) for i, c in enumerate(self.columns)]
        line = "  ".join(c.ljust(w) for c, w in zip(self.columns, widths, strict=True))
        out = [f"## {self.title}", "", line, "  ".join("-" * w for w in widths)]
        out += ["  ".join(v.rjust(w) if _numeric(v) else v.ljust(w) for v, w in zip(r, widths, strict=True))
                for r in cells]
        out += [""] + [f"- {n}" for n in self.notes] + [""] if self.notes else [""]
        return "\n".join(out)

    def as_dict(self) -> dict:
        return {"title": self.title, "columns": self.columns, "rows": self.rows, "notes": self.notes}


def _cell(value: object) -> str:
    if isinstance(value, float):
        if value == 0 or abs(value) >= 100:
            return f"{value:,.0f}"
        return f"{value:.3g}" if abs(value) < 10 else f"{value:.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return "" if value is None else str(value)


def _numeric(text: str) -> bool:
    return bool(text) and text.replace(",", "").replace(".", "").replace("-", "").replace("×", "").isdigit()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.measure")
    sub = parser.add_subparsers(dest="command", required=True)
    ingest = sub.add_parser("ingest", help="ingest PATHS into --db and print the figures as JSON")
    ingest.add_argument("paths", nargs="+")
    ingest.add_argument("--db", type=Path, required=True)
    ingest.add_argument("--workers", type=int, default=1)
    ingest.add_argument("--dask", default=None)
    args = parser.parse_args(argv)
    os.environ.setdefault("TQDM_DISABLE", "1")
    _ingest_main(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
