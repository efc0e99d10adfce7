"""JSON and JSON Lines: one object is one article; a list or a file of lines holds one per item.

Each item is hashed on its own text (not the whole file's bytes), so reading a file of n items
takes time in proportion to n.
"""

from __future__ import annotations

import json
import re

from core.read.common import (
    MAX_TITLE_CHARS,
    Result,
    content_hash,
    first_value,
    no_surrogates,
    short_detail,
    text_value,
    with_title,
)
from core.read.datelines import parse_date
from core.read.decoding import decode_or_fail
from core.read.webpage import fragment_text
from core.records import Document, ReadFailure

_TEXT_KEYS = ("text", "body", "content")
_DATE_KEYS = ("published", "date", "published_at", "publishedAt")
_URL_KEYS = ("url", "link")
_SOURCE_KEYS = ("source", "publisher")
_HTML_TAG = re.compile(
    r"</?(?:p|br|div|span|a|b|i|em|strong|ul|ol|li|h[1-6]|blockquote)\b[^<>]*>", re.IGNORECASE
)


def read_json(path: str, raw: bytes) -> Result:
    """A JSON object (one article) or a list of objects (items '#1', '#2', ...)."""
    text = decode_or_fail(path, raw)
    if isinstance(text, ReadFailure):
        return text
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return ReadFailure(path, f"malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")
    except RecursionError:
        return ReadFailure(path, "malformed JSON: nested too deeply")
    except ValueError as exc:  # a number of thousands of digits
        return ReadFailure(path, f"malformed JSON: {short_detail(exc)}")
    if isinstance(data, dict):
        item = _json_item(path, content_hash(raw), data, None)
        return [item] if isinstance(item, Document) else ReadFailure(path, item)
    if not isinstance(data, list):
        return ReadFailure(path, "JSON is neither an object nor a list of objects")
    return [_json_list_item(path, obj, n) for n, obj in enumerate(data, start=1)]


def _json_list_item(path: str, obj: object, n: int) -> Document | ReadFailure:
    item = _json_item(path, _item_hash(obj), obj, n)
    return item if isinstance(item, Document) else ReadFailure(path, f"item {n}: {item}")


def _item_hash(obj: object) -> str:
    """The hash of one item of a JSON list: of its own canonical text."""
    try:
        return content_hash(json.dumps(obj, sort_keys=True, ensure_ascii=False))
    except (TypeError, ValueError, RecursionError):
        return content_hash(repr(obj))


def read_jsonl(path: str, raw: bytes) -> Result:
    """JSON Lines: one object per line; a bad line is a failure named 'path:line N'."""
    text = decode_or_fail(path, raw)
    if isinstance(text, ReadFailure):
        return text
    results: list[Document | ReadFailure] = []
    for n, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            results.append(_jsonl_line(path, line, n))
    return results


def _jsonl_line(path: str, line: str, n: int) -> Document | ReadFailure:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return ReadFailure(f"{path}:line {n}", f"malformed JSON: {exc.msg} (column {exc.colno})")
    except RecursionError:
        return ReadFailure(f"{path}:line {n}", "malformed JSON: nested too deeply")
    except ValueError as exc:  # a number of thousands of digits
        return ReadFailure(f"{path}:line {n}", f"malformed JSON: {short_detail(exc)}")
    item = _json_item(path, content_hash(line), obj, n)
    return item if isinstance(item, Document) else ReadFailure(f"{path}:line {n}", item)


def _json_item(path: str, item_hash: str, obj: object, n: int | None) -> Document | str:
    """A Document from one JSON object, or the reason it is not one."""
    if not isinstance(obj, dict):
        return "not an object"
    body = _json_text(obj)
    if not body:
        return "no text"
    title = text_value(obj.get("title"))
    return Document(
        path=path if n is None else f"{path}#{n}",
        text=with_title(title, body),
        title=(title or body.split("\n", 1)[0])[:MAX_TITLE_CHARS],
        published=parse_date(first_value(obj, _DATE_KEYS)),
        source=json_source(first_value(obj, _SOURCE_KEYS)),
        url=text_value(first_value(obj, _URL_KEYS)),
        content_hash=item_hash,
    )


def _json_text(obj: dict) -> str:
    """The article body: plain text kept as is (line endings normalised), HTML reduced to text."""
    value = first_value(obj, _TEXT_KEYS)
    if isinstance(value, list):  # paragraphs
        value = "\n".join(part for part in value if isinstance(part, str))
    if not isinstance(value, str):
        return ""
    value = no_surrogates(value)
    if _HTML_TAG.search(value):
        return fragment_text(value)
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def json_source(value: object) -> str | None:
    """A source given as a string or as {'name': ...} (the NewsAPI shape)."""
    if isinstance(value, dict):
        value = value.get("name")
    return text_value(value)
