"""HTML pages: main text via trafilatura, metadata from the page's meta tags; HTML fragments
(a feed summary, a JSON body) reduced to text."""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import Any

from core.read.common import MAX_TITLE_CHARS, Result, clean_lines, content_hash, squash
from core.read.datelines import parse_date
from core.read.decoding import decode_or_fail
from core.read.largepage import LARGE_PAGE_BYTES, PageTooLong, streamed_text
from core.records import Document, ReadFailure

_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([\w.:-]{1,40})""", re.IGNORECASE)
_TITLE_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|·|::)\s+")
_PUBLISHED_KEYS = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate",
    "publishdate", "publish-date", "dc.date.issued", "dc.date", "dcterms.created", "date",
)  # fmt: skip
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "th", "dd", "dt")
_TAG_OR_SKIPPED = re.compile(
    r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->|<[^<>]*>", re.I | re.S
)


def read_html(path: str, raw: bytes) -> Result:
    """A web page: main text via trafilatura, metadata from meta tags (trafilatura's as backup)."""
    declared = _CHARSET.search(raw[:4096])
    markup = decode_or_fail(path, raw, declared[1].decode("ascii") if declared else None)
    if isinstance(markup, ReadFailure):
        return markup
    if len(raw) > LARGE_PAGE_BYTES:
        return _read_large_page(path, raw, markup)
    try:
        tree = _parse_html(markup)
    except Exception as exc:  # lxml's errors have no common base worth naming
        return _html_without_tree(path, raw, markup, exc)
    meta = _html_meta(tree)
    body, extracted = _main_text(tree, markup)
    if not body:
        return ReadFailure(path, "no article text found")
    return [_html_document(path, raw, body, meta, extracted)]


def _read_large_page(path: str, raw: bytes, markup: str) -> Result:
    """A page too large for trafilatura: metadata from its head, text streamed in bounded memory."""
    head_end = markup.find("<body")
    head = markup[:head_end if 0 < head_end < 1_000_000 else 200_000]
    try:
        meta = _html_meta(_parse_html(head))
    except Exception:  # a head lxml cannot parse: no metadata, the text may still be read
        meta = {}
    try:
        body = streamed_text(markup)
    except PageTooLong as error:
        return ReadFailure(path, str(error))
    if not body:
        return ReadFailure(path, "no article text found")
    return [_html_document(path, raw, body, meta, {})]


def _html_without_tree(path: str, raw: bytes, markup: str, exc: Exception) -> Result:
    """Last resort when lxml cannot build a tree: the text between the tags."""
    body = _strip_tags(markup)
    if not body:
        return ReadFailure(path, f"malformed HTML: {exc}")
    return [_html_document(path, raw, body, {}, {})]


def _parse_html(markup: str) -> Any:
    """An lxml tree of the page (trafilatura's loader, which repairs common breakage)."""
    from trafilatura import load_html

    tree = load_html(markup)
    if tree is None:  # trafilatura refuses bare fragments; wrap them
        tree = load_html(f"<html><body><div>{markup}</div></body></html>")
    if tree is None:
        raise ValueError("lxml could not parse the markup")
    return tree


def _html_meta(tree: Any) -> dict[str, str]:
    """Meta tags by lower-cased property/name/itemprop, plus '<title>', '<h1>' and 'canonical'."""
    meta: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop") or ""
        content = (element.get("content") or "").strip()
        if key and content:
            meta.setdefault(key.strip().lower(), content)
    for tag in ("title", "h1"):
        found = tree.find(f".//{tag}")
        if found is not None and (text := squash(found.text_content())):
            meta[f"<{tag}>"] = text
    canonical = tree.find(".//link[@rel='canonical']")
    if canonical is not None and canonical.get("href"):
        meta["canonical"] = canonical.get("href").strip()
    return meta


def _main_text(tree: Any, markup: str) -> tuple[str, dict[str, Any]]:
    """(main text, trafilatura's metadata): trafilatura, else block elements, else bare text."""
    extracted = _trafilatura(tree)
    body = clean_lines(extracted.get("text") or "")
    if not body:
        body = _block_text(markup) or _strip_tags(markup)
    return body, extracted


def _trafilatura(tree: Any) -> dict[str, Any]:
    """trafilatura in fast mode (no fallback extractors), metadata without text-wide date search."""
    from trafilatura import bare_extraction

    result = bare_extraction(
        tree,
        fast=True,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
        date_extraction_params=_date_params(),
    )
    if result is None:
        return {}
    return result if isinstance(result, dict) else result.as_dict()


@cache
def _date_params() -> dict[str, Any]:
    """htmldate settings: markup only (no guessing from the body text), any date up to today."""
    return {"original_date": True, "extensive_search": False, "max_date": date.today().isoformat()}


def _block_text(markup: str) -> str:
    """Text of paragraph-like elements (used when trafilatura finds no main text)."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return ""
    etree.strip_elements(root, "script", "style", "noscript", "template", with_tail=False)
    blocks = (squash(element.text_content()) for element in root.iter(*_BLOCKS))
    return "\n".join(block for block in blocks if block)


def _strip_tags(markup: str) -> str:
    """Text between the tags (for markup too broken or too deep for lxml)."""
    import html

    return clean_lines(html.unescape(_TAG_OR_SKIPPED.sub("\n", markup)))


def _html_document(path: str, raw: bytes, body: str, meta: dict[str, str], extracted: dict) -> Document:
    site = meta.get("og:site_name") or None
    title, site = _html_title(meta, extracted, site)
    first_line = body.split("\n", 1)[0].strip()
    headlines = {title, meta.get("<h1>"), meta.get("og:title"), extracted.get("title")}
    text = body if not title or first_line in headlines else f"{title}\n{body}"
    return Document(
        path=path,
        text=text,
        title=(title or first_line)[:MAX_TITLE_CHARS],
        published=_html_published(meta, extracted),
        source=site or extracted.get("sitename") or None,
        url=meta.get("canonical") or meta.get("og:url") or extracted.get("url") or None,
        content_hash=content_hash(raw),
    )


def _html_title(meta: dict[str, str], extracted: dict, site: str | None) -> tuple[str | None, str | None]:
    """(title, site): og:title, else <title>, else <h1>, else trafilatura's; ' | Site' and ' | date'
    suffixes dropped.

    When no site name is declared but <title> is '<og:title or h1> | X', X is the site name.
    """
    page_title = meta.get("<title>")
    if not site and page_title:
        head, tail = _split_title(page_title)
        site = tail if head and head in (meta.get("og:title"), meta.get("<h1>")) else None
    title = meta.get("og:title") or page_title or meta.get("<h1>") or extracted.get("title")
    names = {n.casefold() for n in (site, extracted.get("sitename")) if n}
    names |= {n.split(".")[0] for n in names if "." in n}  # "DW.COM" is written "DW" in titles
    while title:  # "Headline | DW | 19.01.2020": the site's name and a date are no part of the headline
        head, tail = _split_title(title)
        if not head or not (tail.strip().casefold() in names or _DATE_ONLY.fullmatch(tail.strip())):
            break
        title = head
    return title, site


_DATE_ONLY = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")


def _split_title(title: str) -> tuple[str, str]:
    """('Headline', 'Site') for 'Headline | Site' (the last separator); ('', '') without one."""
    last = next(reversed(list(_TITLE_SEPARATOR.finditer(title))), None)
    return (title[: last.start()], title[last.end() :]) if last else ("", "")


def _html_published(meta: dict[str, str], extracted: dict) -> str | None:
    for key in _PUBLISHED_KEYS:
        if key in meta and (published := parse_date(meta[key])):
            return published
    return parse_date(extracted.get("date"))


def fragment_text(markup: str) -> str:
    """Plain text of an HTML fragment (a feed summary, a JSON body), one block per line."""
    import html

    if "<" not in markup:
        return clean_lines(html.unescape(markup))
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return _strip_tags(markup)
    etree.strip_elements(root, "script", "style", with_tail=False)
    for element in root.iter(*_BLOCKS, "div", "br", "tr", "ul", "ol"):
        element.tail = "\n" + (element.tail or "")
        if element.tag != "br":
            element.text = "\n" + (element.text or "")
    return clean_lines(root.text_content())

