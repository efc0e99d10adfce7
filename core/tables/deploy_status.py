"""The verb classes of deployments and the status a predicate gives its row, read from the parse.

`data/vocab/deployment_cues.csv` types the words that tell of forces (move, fly, station, guard,
lead, host, remain, end, handover, takeover, establish, noun); `data/vocab/deployment_verbs.csv`
types the words around them that do not by themselves tell of forces (keep: "has troops in";
plan: "plans to send"; irrealis: "asked the US to station"; hypothetical: "if").

Status: a negated or hypothetical predicate, or one a request governs, gives no row; `end`
verbs, a hand-over's giver and a presence verb in the simple past ("two Patriot systems guarded
the airport") are `ended`; a future, "would", "is to", a plan verb above the predicate or a
movement under way to a place ("sending ... to Poland") is `planned`; the rest is `current`.
"""

from __future__ import annotations

import re
from functools import cache

from core import refdata
from core.annotate import AnnotatedSentence
from core.syntax import Parse
from core.vocab import words_pattern

#: Links that keep a predicate inside the verb that governs it ("plans to send", "has no plans to
#: send", "committed to setting up"); a reported clause (ccomp) is a statement of its own.
_GOVERNED = frozenset({"xcomp", "acl", "pcomp", "prep", "dobj", "attr", "advcl", "conj"})
_FUTURE = frozenset({"will", "shall", "'ll", "wo", "would", "'d"})
_HYPOTHETICAL = frozenset({"could", "might", "may", "should", "must"})
_PAST_AUX = frozenset({"was", "were", "had", "did"})
_PERFECT_AUX = frozenset({"has", "have", "'ve", "'s"})
#: Presence verbs whose simple past tells of a stay that is over ("served", "guarded").
_STAY = frozenset({"station", "guard", "lead", "fly"})


@cache
def cue_classes() -> dict[str, str]:
    """Lower-cased cue (spaces normalised) -> class, from `data/vocab/deployment_cues.csv`."""
    return {" ".join(r["cue"].lower().split()): r["class"] for r in refdata.rows("vocab/deployment_cues.csv")}


@cache
def cue_regex() -> re.Pattern[str]:
    return words_pattern(list(cue_classes()))


@cache
def verb_classes() -> dict[str, str]:
    """Word -> class (keep, plan, irrealis, hypothetical), from `data/vocab/deployment_verbs.csv`."""
    return {r["word"].lower(): r["class"] for r in refdata.rows("vocab/deployment_verbs.csv")}


def cue_tokens(sentence: AnnotatedSentence) -> dict[int, str]:
    """Token index -> cue class for the deployment cues of a parsed sentence (a several-word cue
    is typed on its first word: "took over", "worked out of")."""
    parse = sentence.parse
    out: dict[int, str] = {}
    if parse is None:
        return out
    for m in cue_regex().finditer(sentence.text):
        i = parse.token_at(m.start())
        key = " ".join(re.split(r"[\s-]+", m.group().lower()))
        if i is not None and i not in out and key in cue_classes():
            out[i] = cue_classes()[key]
    return out


def governors(parse: Parse, verb: int) -> list[int]:
    """The predicate and the verbs and nouns that govern it, nearest first, up to a clause that
    stands on its own (root, reported clause, relative clause)."""
    out = [verb]
    i = verb
    while parse.deps[i] in _GOVERNED and parse.heads[i] != i and len(out) < 6:
        if parse.deps[i] == "acl" and verb_classes().get(parse.lower(parse.heads[i])) not in ("plan", "irrealis"):
            break  # "members stationed at Ämari": the participle is a statement of its own
        if parse.deps[i] == "advcl" and parse.lower(i).endswith("ing") and i > 0 and parse.words[i - 1] == ",":
            break  # "has so far declined, keeping 10,000 troops there": a statement of its own
        i = parse.heads[i]
        out.append(i)
    return out


def _aux(parse: Parse, i: int) -> list[str]:
    return [parse.lower(c) for c in parse.children_with(i, ("aux", "auxpass"))]


def _negated(parse: Parse, i: int) -> bool:
    for c in parse.children[i]:
        if parse.deps[c] == "neg" or (parse.deps[c] in ("det", "advmod") and parse.lower(c) in ("no", "never")):
            return True
        if parse.deps[c] in ("dobj", "attr") and any(parse.lower(d) == "no" for d in parse.children[c]):
            return True
    return False


def status_of(parse: Parse, verb: int | None, cls: str | None) -> str | None:
    """`current`, `planned`, `ended`, or None where the predicate is negated, hypothetical or
    only asked for. `verb` is the predicate of the force (None for a bare noun phrase)."""
    if verb is None:
        return "current"
    chain = governors(parse, verb)
    kinds = verb_classes()
    planned = False
    for n, i in enumerate(chain):
        aux = _aux(parse, i)
        if _negated(parse, i) or any(a in _HYPOTHETICAL for a in aux):
            return None
        if any(parse.lower(c) in ("if", "unless") for c in parse.children_with(i, ("mark",))):
            return None
        kind = kinds.get(parse.lower(i))
        if n and kind == "irrealis":
            return None
        if any(a in _FUTURE for a in aux) or (n and kind == "plan"):
            planned = True
        if "to" in aux and parse.heads[i] == i:  # a headline's "Netherlands to send Patriots to Poland"
            planned = True
        if n and parse.lower(i) in ("is", "are", "was", "were", "be") and parse.deps[chain[n - 1]] == "xcomp":
            planned = True  # "are to be based"
        if parse.deps[i] == "ccomp":
            break
    if cls in ("end", "handover") or _has_no_longer(parse, verb):
        return "ended"
    if cls in ("remain", "retain"):
        return "current"
    if planned:
        return "planned"
    if cls in _STAY and _simple_past(parse, verb):
        return "ended"
    if cls in ("move", "fly") and _under_way(parse, verb, cls):
        return "planned"
    return "current"


def _has_no_longer(parse: Parse, verb: int) -> bool:
    words = [parse.lower(c) for c in parse.children[verb]]
    return "longer" in words and any(w in ("no", "not") for w in words) or "longer" in \
        [parse.lower(d) for c in parse.children[verb] for d in parse.children[c]]


def _simple_past(parse: Parse, verb: int) -> bool:
    """A finite verb in the simple past ("served", "guarded", "were stationed"): no perfect or
    present auxiliary, a past-looking form, a subject of its own or of the verb it is joined to."""
    aux = _aux(parse, verb)
    if aux:
        return aux[0] in _PAST_AUX and not any(a in _PERFECT_AUX for a in aux)
    word = parse.lower(verb)
    past_form = word.endswith("ed") or word in ("led", "flew", "kept", "served", "left", "built")
    finite = parse.deps[verb] in ("ROOT", "conj", "relcl", "advcl", "ccomp") and (
        bool(parse.children_with(verb, ("nsubj", "nsubjpass"))) or parse.deps[verb] == "conj")
    return past_form and finite


def _under_way(parse: Parse, verb: int, cls: str) -> bool:
    """A movement in progress: "is sending three jets", "..., sending ... to Poland" (and a flight
    only towards a place: "flying ... to Poland", not "flying from Malbork")."""
    if not parse.lower(verb).endswith("ing"):
        return False
    if parse.deps[verb] != "advcl" and not any(a in ("is", "are", "was", "were", "be", "been") for a in _aux(parse, verb)):
        return False  # "started arriving" is under way already
    if cls == "move":
        return True
    return any(parse.lower(p) in ("to", "into") for p in parse.children_with(verb, ("prep", "dative")))
