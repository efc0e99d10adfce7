"""dashboard.uploads (file names never become paths) and dashboard.reader (no markup from text)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from dashboard import reader, uploads
from dashboard.widgets import md

HOSTILE = ('Title <script>window.__pwned=1</script> <img src=x onerror="window.__pwned=2"> '
           '[click](javascript:alert(1)) ![i](http://x/y.png) :red[boom] $x$ # heading\n- item\n    code')


@pytest.mark.parametrize("name", ["../../etc/passwd", "a/b/c.html", "..\\..\\win.txt", "x.HTML", "noext", "a.exe",
                                  "/abs/path.md", "weird\x00name.json"])
def test_uploads_are_written_under_generated_names(tmp_path, name):
    folder, saved = uploads.save_uploads([(name, b"hello")], folder=str(tmp_path))
    path = Path(saved[0].path)
    assert path.parent == tmp_path and re.fullmatch(r"upload-001-[0-9a-f]{16}\.(txt|html|htm|json|jsonl|md)",
                                                    path.name)
    assert path.read_bytes() == b"hello" and saved[0].name == name


def test_display_name_maps_back_including_feed_items(tmp_path):
    _, saved = uploads.save_uploads([("feed.jsonl", b"{}")], folder=str(tmp_path))
    assert uploads.display_name(saved[0].path + "#3", saved) == "feed.jsonl#3"


def unescaped(markdown: str, chars: str) -> list[str]:
    """Characters from `chars` in `markdown` that are not backslash-escaped."""
    return re.findall(r"(?<!\\)[" + re.escape(chars) + "]", markdown)


def test_md_escapes_every_control_character():
    out = md(HOSTILE)
    assert not unescaped(out, "<>[]()!`*_#$:&|~")
    assert "\n" not in out


def test_highlights_are_our_only_markup():
    text = HOSTILE + "\n\nBelgium pays €10 million. Next sentence."
    start = text.index("Belgium")
    findings = pd.DataFrame({"label": ["B1", "E1"], "start": [start, 0], "end": [start + 26, 5],
                             "evidence": ["Belgium pays €10 million.", "Title"]})
    paragraphs = reader.highlighted_markdown(text, findings, (start, start + 26))
    joined = "\n".join(paragraphs)
    # strip our own markup: the directive heads, its closing bracket and the label code spans
    ours = re.sub(r":(orange|red)-background\[(\*\*)?|(\*\*)?\](?= `)| `[A-Z0-9 a-z]+`", "", joined)
    assert not unescaped(ours, "<>[]()!*_#$:&|~")
    assert ":red-background[**Belgium pays €10 million\\.**] `B1`" in joined
    assert ":orange-background[Title] `E1`" in joined


def test_focus_span_prefers_the_row_at_the_offset():
    text = "One. Two three. Four."
    findings = pd.DataFrame({"label": ["E1"], "start": [5], "end": [15], "evidence": ["Two three."]})
    assert reader.focus_span(text, findings, 5, None) == (5, 15)
    assert reader.focus_span(text, findings.iloc[0:0], None, "Four.") == (16, 21)
    assert reader.focus_span(text, findings, None, None) is None
