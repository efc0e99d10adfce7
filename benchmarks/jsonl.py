"""Reading a JSON Lines file of many short items: time grows with the number of lines, not its square.

Every item is hashed on its own text; when each hashed the whole file, 10,000 lines took 41 s and
20,000 took 163 s, and 200,000 (12 MB, under the upload limit) would have taken hours. This reads
files of 50,000, 100,000 and 200,000 lines (as an ingest reads them, `core.read.read_file`) and
reports CPU seconds, lines per second and how the time grows.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from benchmarks.measure import Table

LINES = 200_000  # the largest file: the case (a tiny run, scale < 100, reads 2,000)
GROWTH = 6.0  # 4x the lines may take at most this many times as long (linear: about 4x)


def write_jsonl(path: Path, lines: int) -> Path:
    """`lines` short articles, one JSON object per line (about 60 bytes each: 200,000 lines ≈ 12 MB)."""
    with open(path, "w", encoding="utf-8") as out:
        for n in range(lines):
            out.write(json.dumps({"title": f"Item {n}", "text": f"Poland sent {n} troops."}) + "\n")
    return path


def bench_jsonl(settings: object = None) -> Table:
    from core.read import read_file

    top = LINES if getattr(settings, "scale", 300) >= 100 else 2_000
    sizes = (top // 4, top // 2, top)
    table = Table("A JSON Lines file of many items (read as an ingest reads it)",
                  ["lines", "MB", "CPU s", "lines/s", "wall s"])
    seconds = {}
    with tempfile.TemporaryDirectory() as folder:
        for lines in sizes:
            path = write_jsonl(Path(folder) / f"items-{lines}.jsonl", lines)
            wall, cpu = time.perf_counter(), time.process_time()
            docs = read_file(str(path))
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            assert len(docs) == lines
            seconds[lines] = cpu
            table.rows.append([lines, path.stat().st_size / 1e6, cpu, lines / max(cpu, 1e-9), wall])
            del docs
    growth = seconds[sizes[-1]] / max(seconds[sizes[0]], 1e-9)
    table.notes.append(f"{sizes[-1] // sizes[0]}× the lines took {growth:.1f}× the CPU time (target ≤ {GROWTH:g}×, "
                       f"linear: {'met' if growth <= GROWTH else 'not met'})")
    return table
