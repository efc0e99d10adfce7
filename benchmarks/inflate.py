"""A large store made from a small one: every article and its rows copied under new ids.

`python -m benchmarks.inflate SRC DST --articles 100000`. The dashboard's data work depends on
how many rows it filters and groups, not on what the sentences say, so a store of N ingested
articles copied k times measures the dashboard at N x k articles in seconds instead of the hours
an ingest of that many would take. Linked tables (sites, programs) are copied once; conflicts
and near-duplicates are copied with their articles.
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path

import duckdb

from core import store
from core.schema import FINDINGS, TABLES


def _suffixed(column: str) -> str:
    return f"CASE WHEN {column} IS NULL THEN NULL ELSE {column} || '~' || k::VARCHAR END AS {column}"


def inflate(src: Path, dst: Path, articles: int) -> int:
    """Write `dst` with at least `articles` articles copied from `src`; returns the count written."""
    for path in (dst, Path(f"{dst}.wal")):
        path.unlink(missing_ok=True)
    store.open_for_write(dst).close()
    con = duckdb.connect(str(dst))
    try:
        con.execute(f"ATTACH '{src}' AS src (READ_ONLY)")
        have = con.execute("SELECT count(*) FROM src.articles").fetchone()[0]
        copies = max(1, math.ceil(articles / max(have, 1)))
        present = {r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_catalog = 'src'").fetchall()}
        replaced = {"articles": ("article_id", "duplicate_of", "path"), "conflicts": ("article_a", "article_b"),
                    **{name: ("article_id",) for name in FINDINGS}}
        for table in TABLES:
            if table not in present:
                continue
            columns = replaced.get(table)
            if columns is None:
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM src.{table}")
                continue
            select = f"SELECT t.* REPLACE ({', '.join(_suffixed(c) for c in columns)}) FROM src.{table} t, " \
                     f"range({copies}) r(k)"
            con.execute(f"INSERT INTO {table} BY NAME {select}")
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src", type=Path)
    parser.add_argument("dst", type=Path)
    parser.add_argument("--articles", type=int, default=100_000)
    args = parser.parse_args()
    print(f"{inflate(args.src, args.dst, args.articles):,} articles in {args.dst}")


if __name__ == "__main__":
    main()
