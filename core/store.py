"""The embedded store: one DuckDB file holding every table of `core.schema`.

Concurrency: DuckDB lets one process write a file and forbids others to open it
meanwhile, so every connection here is short-lived. An ingest holds a lock file for its
whole run (a second ingest waits for it, saying so) but opens the database only to
write a batch, in one transaction; readers (the dashboard) open it read-only between
batches and retry while a batch is being written. A killed ingest loses at most the
batch it was writing: DuckDB's write-ahead log makes each commit atomic.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd

from core.schema import TABLES, column_names
from core.store_errors import (  # noqa: F401 - StoreError is part of this module's interface
    StoreError,
    first_line,
    from_database_error,
    from_os_error,
    is_lock_error,
)
from core.store_lock import WAIT_TICK, writer_lock  # noqa: F401 - part of this module's interface

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SCHEMA_VERSION = "2"  # 2: budgets.eur_rate_date and eur_rate_basis
_SQL_TYPES = {"str": "VARCHAR", "int": "BIGINT", "float": "DOUBLE", "date": "VARCHAR", "list": "VARCHAR[]",
              "json": "VARCHAR"}
#: Tables of the store beyond the contract's: bookkeeping for re-ingest and linking.
INTERNAL_TABLES = {
    "files": "path VARCHAR PRIMARY KEY, file_hash VARCHAR, seq BIGINT, ingested_at VARCHAR",
    "documents": "path VARCHAR PRIMARY KEY, file_path VARCHAR, article_id VARCHAR, seq BIGINT",
    "article_texts": "article_id VARCHAR PRIMARY KEY, text VARCHAR",
    "fingerprints": "article_id VARCHAR PRIMARY KEY, seq BIGINT, words BIGINT[], numbers BIGINT[], names BIGINT[]",
    "program_mentions": "article_id VARCHAR, program VARCHAR, kind VARCHAR, country_codes VARCHAR[]",
    "meta": "key VARCHAR PRIMARY KEY, value VARCHAR",
}


def default_db() -> Path:
    """The store file: $FLANKWATCH_DB; else store/flankwatch.duckdb in the project when running from a
    checkout; else, for an installed package (never inside site-packages), flankwatch/flankwatch.duckdb
    in the user's data folder ($XDG_DATA_HOME, or ~/.local/share)."""
    if os.environ.get("FLANKWATCH_DB"):
        return Path(os.environ["FLANKWATCH_DB"])
    if (PROJECT_ROOT / "pyproject.toml").is_file():
        return PROJECT_ROOT / "store" / "flankwatch.duckdb"
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return data_home / "flankwatch" / "flankwatch.duckdb"


def _busy_wait() -> float:
    """Seconds to wait for another process's hold on the store ($FLANKWATCH_STORE_WAIT, default 30)."""
    try:
        return float(os.environ.get("FLANKWATCH_STORE_WAIT", "30"))
    except ValueError:
        return 30.0


def connect(db: Path, read_only: bool, wait: float | None = None) -> duckdb.DuckDBPyConnection:
    """Open the store, retrying while another process holds it; StoreError when it cannot be opened."""
    deadline = time.monotonic() + (_busy_wait() if wait is None else wait)
    delay = 0.05
    while True:
        try:
            # no extension is ever downloaded on our behalf (a SQLite file given as the store would)
            return duckdb.connect(str(db), read_only=read_only, config={"autoinstall_known_extensions": False})
        except (duckdb.IOException, duckdb.Error) as error:
            if is_lock_error(error) and time.monotonic() < deadline:
                time.sleep(delay)
                delay = min(delay * 1.5, 0.5)
                continue
            problem = from_database_error(db, error)
            if "may be corrupt" not in str(problem):  # busy, full, read-only, permission: said as such
                raise problem from error
            raise StoreError(f"{db}: cannot open the store ({first_line(error)}); it may be corrupt or not a "
                             f"Flankwatch store: move it aside and run 'make store' or 'python -m core ingest' "
                             f"to build a new one") from error


def unusable(db: Path, error: Exception) -> StoreError:
    """The StoreError for a DuckDB error met while reading or writing the store: a full disk, a read-only
    or forbidden place said as such (the store is intact), anything else as a damaged file."""
    return from_database_error(db, error)


def _create_sql() -> list[str]:
    statements = []
    for table, columns in TABLES.items():
        cols = ", ".join(f'"{c.name}" {_SQL_TYPES[c.dtype]}' for c in columns)
        statements.append(f"CREATE TABLE IF NOT EXISTS {table} ({cols})")
    statements += [f"CREATE TABLE IF NOT EXISTS {t} ({cols})" for t, cols in INTERNAL_TABLES.items()]
    return statements


def ensure_schema(con: duckdb.DuckDBPyConnection, db: Path) -> None:
    """Create the tables of a new store; refuse a store of another program or version."""
    _check_ours(con, db, _table_names(con))
    con.execute("BEGIN TRANSACTION")
    for statement in _create_sql():
        con.execute(statement)
    con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])
    con.execute("COMMIT")


def _table_names(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}


def _check_ours(con: duckdb.DuckDBPyConnection, db: Path, existing: set[str]) -> None:
    """StoreError unless the file is a new (empty) or a Flankwatch store of this schema version."""
    if existing and "meta" not in existing:
        raise StoreError(f"{db}: this DuckDB file is not a Flankwatch store (tables: "
                         f"{', '.join(sorted(existing)[:5])}); point --db or FLANKWATCH_DB elsewhere")
    if "meta" in existing:
        rows = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()  # no result left open
        row = rows[0] if rows else None
        if row and row[0] != SCHEMA_VERSION:
            raise StoreError(f"{db}: store schema version {row[0]}, this Flankwatch needs {SCHEMA_VERSION}; "
                             f"rebuild it with 'python -m core ingest' into a new file")


def _no_store_yet(db: Path) -> bool:
    """No store file, or an empty one (being created, or its creation was cut short)."""
    try:
        return db.stat().st_size == 0 and not db.is_dir()
    except FileNotFoundError:
        return True
    except OSError:  # cannot tell: opening it will say why
        return False


def open_for_write(db: Path) -> duckdb.DuckDBPyConnection:
    """A read-write connection with the schema in place (creates the store on first use)."""
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
        if db.is_file() and _no_store_yet(db):  # a creation cut short (a kill) leaves an empty file
            db.unlink()
    except OSError as error:
        raise from_os_error(db, error) from error
    con = connect(db, read_only=False)
    try:
        ensure_schema(con, db)
    except Exception:
        con.close()
        raise
    return con


@contextlib.contextmanager
def write_transaction(db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection inside one transaction: committed on success, rolled back on any error
    (a crash mid-way leaves the store as it was before), closed in both cases."""
    con = open_for_write(db)
    try:
        con.execute("BEGIN TRANSACTION")
        yield con
        con.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(duckdb.Error):
            con.execute("ROLLBACK")
        raise
    finally:
        con.close()


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict], columns: list[str]) -> None:
    """Append rows (dicts) to a table in one bulk insert, through an Arrow table built column by column
    (1.6x less CPU than through a DataFrame on a batch of 10,000 rows); a column Arrow cannot type
    (mixed values) goes through a DataFrame as before."""
    if not rows:
        return
    json_columns = set(_json_columns(table))
    data = {}
    for column in columns:
        values = [row.get(column) for row in rows]
        if column in json_columns:
            values = [v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for v in values]
        data[column] = values
    try:
        import pyarrow as pa

        incoming = pa.table({column: pa.array(values, from_pandas=True) for column, values in data.items()})
    except (ImportError, ValueError, TypeError, ArithmeticError):  # pyarrow's ArrowInvalid is a ValueError
        incoming = pd.DataFrame(data, columns=columns)
    con.register("incoming", incoming)
    try:
        names = ", ".join(f'"{c}"' for c in columns)
        con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM incoming")
    finally:
        con.unregister("incoming")


def _json_columns(table: str) -> list[str]:
    return [c.name for c in TABLES.get(table, ()) if c.dtype == "json"]


def replace_table(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    """Replace a derived table's rows (inside the caller's transaction)."""
    con.execute(f"DELETE FROM {table}")
    columns = column_names(table) if table in TABLES else list(frame.columns)
    insert_rows(con, table, frame.to_dict("records"), columns)


def empty_frame(table: str) -> pd.DataFrame:
    """An empty DataFrame with the table's declared columns."""
    return pd.DataFrame(columns=column_names(table))


def load_tables(db: Path | None = None, tables: tuple[str, ...] = tuple(TABLES),
                arrow_lists: tuple[str, ...] = (), one_chunk: bool = False) -> dict[str, pd.DataFrame]:
    """The store's tables as DataFrames; empty ones (with their columns) when there is no store yet.
    List columns of the tables named in `arrow_lists` stay Arrow lists (`pd.ArrowDtype`) instead of
    one numpy array per cell (the dashboard explodes them in one call); with `one_chunk`, each text
    column is one Arrow array rather than one per row group (taking rows of it is then far cheaper)."""
    db = Path(db) if db else default_db()
    if _no_store_yet(db):
        return {t: empty_frame(t) for t in tables}
    con = connect(db, read_only=True)
    try:
        present = _table_names(con)
        _check_ours(con, db, present)
        frames = {}
        reader = con.cursor()
        if one_chunk:  # text as Arrow large_string, the type pandas keeps (no copy converting each column),
            reader.execute("SET arrow_large_buffer_size = true")  # each table written by one thread as one
            reader.execute("SET threads = 1")  # batch: no copy joining chunks (half the CPU of the load)
        for table in tables:
            # through Arrow: the same dtypes as .df(), about 3x faster on large tables
            if table not in present:
                frames[table] = empty_frame(table)
                continue
            relation = reader.sql(f"SELECT * FROM {table}")
            arrow = relation.to_arrow_table(1 << 40) if one_chunk else relation.to_arrow_table()
            frames[table] = (_text_in_one_chunk(arrow) if one_chunk else arrow).to_pandas(
                types_mapper=_arrow_lists if table in arrow_lists else None)
        return frames
    except duckdb.Error as error:
        raise from_database_error(db, error, "read") from error
    finally:
        con.close()


def _text_in_one_chunk(arrow):  # noqa: ANN001, ANN202 - pyarrow is imported only where it is used
    """The Arrow table with each text or list column in one chunk (numbers become one numpy array anyway)."""
    import pyarrow as pa

    for i, field in enumerate(arrow.schema):
        kind = field.type
        if (pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_list(kind)
                or pa.types.is_large_list(kind)) and \
                arrow.column(i).num_chunks > 1:
            arrow = arrow.set_column(i, field, pa.chunked_array([arrow.column(i).combine_chunks()]))
    return arrow


def _arrow_lists(kind: object) -> object:
    import pyarrow as pa

    return pd.ArrowDtype(kind) if pa.types.is_list(kind) or pa.types.is_large_list(kind) else None


def load_table(table: str, db: Path | None = None) -> pd.DataFrame:
    """One table of the store as a DataFrame."""
    return load_tables(db, (table,))[table]


def article_text(article_id: str, db: Path | None = None) -> str | None:
    """The stored text of one article (what evidence offsets point into)."""
    db = Path(db) if db else default_db()
    if _no_store_yet(db):
        return None
    con = connect(db, read_only=True)
    try:
        row = con.execute("SELECT text FROM article_texts WHERE article_id = ?", [article_id]).fetchone()
        return row[0] if row else None
    except duckdb.Error as error:
        raise unusable(db, error) from error
    finally:
        con.close()


def store_version(db: Path | None = None) -> tuple[int, int]:
    """A cheap token that changes whenever the store is written (for cache keys)."""
    db = Path(db) if db else default_db()
    parts = []
    for path in (db, Path(f"{db}.wal")):
        try:
            stat = path.stat()
            parts.append((stat.st_mtime_ns, stat.st_size))
        except OSError:  # no store yet, or a path that cannot hold one (loading it will say why)
            parts.append((0, 0))
    return hash(tuple(parts)), parts[0][1]


def now() -> str:
    """The current UTC time, ISO 8601."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
