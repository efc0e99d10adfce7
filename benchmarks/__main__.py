"""`python -m benchmarks [NAME...] [--scale N] [--dashboard-articles N]`: run the benchmarks, print tables.

Defaults keep `make bench` to a few minutes on two cores (N = 300, the scaling run 3,000); the
issue's 100,000-article figures come from `BENCH_DASHBOARD=100000 python -m benchmarks` (about
an hour: the corpus is generated once into BENCH_DIR and reused).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from benchmarks.suite import BENCHMARKS, Settings


def main(argv: list[str] | None = None) -> int:
    defaults = Settings()
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n")[0])
    parser.add_argument("names", nargs="*", choices=[*BENCHMARKS, []], help="benchmarks to run (default: all)")
    parser.add_argument("--scale", type=int, default=defaults.scale, help="N (env BENCH_SCALE, default 300)")
    parser.add_argument("--dashboard-articles", type=int, default=defaults.dashboard_articles,
                        help="articles in the dashboard's store (env BENCH_DASHBOARD, default 10 N)")
    parser.add_argument("--workdir", type=Path, default=defaults.workdir, help="env BENCH_DIR")
    parser.add_argument("--json", type=Path, help="also write the tables as JSON here")
    args = parser.parse_args(argv)
    settings = Settings(workdir=args.workdir, scale=args.scale, dashboard_articles=args.dashboard_articles)
    settings.workdir.mkdir(parents=True, exist_ok=True)
    results = []
    for name in args.names or list(BENCHMARKS):
        started = time.perf_counter()
        table = BENCHMARKS[name](settings)
        table.notes.append(f"benchmark took {time.perf_counter() - started:,.0f} s")
        print(table.render(), flush=True)
        results.append(table.as_dict())
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
