"""An analyst's reviews of conflicts, kept in the store's own `reviews` table.

Conflicts are recomputed by every relink, so a review cannot point at a conflict's row; it
is keyed by what identifies a conflict whatever its row (`conflict_key`: subject, attribute,
both articles and both values). Ingest and relink never write the `reviews` table, so a
review survives every re-ingest, and applies again as soon as the same conflict is found.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from core import store
from core.schema import column_names

STATUSES = ("reviewed", "open")
RIGHT = ("a", "b", "neither", "unsure")
KEY_PARTS = ("subject", "attribute", "article_a", "article_b", "value_a", "value_b")


def conflict_key(subject: object, attribute: object, article_a: object, article_b: object, value_a: object,
                 value_b: object) -> str:
    """The text that names one conflict: its parts joined by a separator no value holds.

    >>> conflict_key("LTU defence minister", "holder", "a1", "a2", "X", "Y")
    'LTU defence minister\\x1fholder\\x1fa1\\x1fa2\\x1fX\\x1fY'
    """
    return "\x1f".join("" if v is None or (isinstance(v, float) and v != v) else str(v)
                       for v in (subject, attribute, article_a, article_b, value_a, value_b))


def conflict_keys(conflicts: pd.DataFrame) -> pd.Series:
    """`conflict_key` of every row of a conflicts table (vectorised)."""
    if conflicts.empty:
        return pd.Series([], index=conflicts.index, dtype="string")
    parts = [conflicts[c].astype("string").fillna("") for c in KEY_PARTS]
    out = parts[0]
    for part in parts[1:]:
        out = out + "\x1f" + part
    return out


def save_review(db: Path, conflict: dict, status: str = "reviewed", right: str | None = None,
                note: str | None = None) -> dict:
    """Store (or replace) the review of one conflict; returns the row written.

    Takes the writer lock like an ingest does, so a review waits for a running ingest's batch."""
    if status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    if right is not None and right not in RIGHT:
        raise ValueError(f"right must be one of {', '.join(RIGHT)}, not {right!r}")
    row = {"conflict_key": conflict_key(*(conflict.get(part) for part in KEY_PARTS)),
           "subject": conflict.get("subject"), "attribute": conflict.get("attribute"), "status": status,
           "right": right, "note": (note or "").strip() or None, "at": store.now()}
    with store.writer_lock(db, wait=30), store.write_transaction(db) as con:
        con.execute("DELETE FROM reviews WHERE conflict_key = ?", [row["conflict_key"]])
        store.insert_rows(con, "reviews", [row], column_names("reviews"))
    return row


def with_reviews(conflicts: pd.DataFrame, reviews: pd.DataFrame | None) -> pd.DataFrame:
    """The conflicts with their review's `status`, `right`, `note` and `reviewed_at` beside them
    (status 'open' where none was saved)."""
    keys = conflict_keys(conflicts)
    out = conflicts.assign(conflict_key=keys.to_numpy())
    if reviews is None or reviews.empty:
        return out.assign(status="open", right=None, note=None, reviewed_at=None)
    latest = reviews.sort_values("at").drop_duplicates("conflict_key", keep="last").set_index("conflict_key")
    out["status"] = keys.map(latest["status"]).fillna("open").to_numpy()
    out["right"] = keys.map(latest["right"]).to_numpy()
    out["note"] = keys.map(latest["note"]).to_numpy()
    out["reviewed_at"] = keys.map(latest["at"]).to_numpy()
    return out
