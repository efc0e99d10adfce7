"""Coalition memberships: who leads, belongs to or seeks to join a coalition, read off the parse.

Each role word (`data/vocab/coalition_roles.csv`) finds its holders and its coalition among its
grammatical arguments, never by position:
- a verb ("co-leads", "joined", "belongs to"): the holders are its subjects (a relative pronoun
  stands for the noun its clause modifies), or for a passive ("led by") its agents; the coalition
  is its object or prepositional object, or the noun its clause modifies ("the group led by X");
- a noun ("is a member of", "acts as the framework nation", "took over the chairmanship of"):
  the holders are the subjects of the verb it completes, or the countries it is in apposition to;
- a list verb ("whose members include A and B", "now includes A, B and C"): its objects;
- "-led" compounds ("the German-led scheme"): the country leads the noun it modifies;
- a coalition in apposition with a list of countries ("the Bucharest Nine - Bulgaria, ... -").
A role under a word of intent ("wants to join", "bid to join", "in the process of joining") is an
applicant's; negated, hypothetical and conditional roles ("did not join", "might join",
"would consider joining", "has yet to join") give no row. Which coalition a word means is
`core.tables.coalition_refs`' business (names, descriptions, anaphors).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core import refdata
from core.annotate import Annotated, AnnotatedSentence
from core.mentions.dates import format_date
from core.syntax import Parse
from core.tables.coalition_refs import GENERIC_NOUNS, Resolver, named_references, topic
from core.tables.common import clause_bounds, country_mentions, evidence
from core.vocab import coalition_roles, role_particles

ROLE_RANK = {"leader": 3, "member": 2, "applicant": 1}
#: Verbs of joining that may leave the coalition unsaid ("Poland joined as well").
_JOINING = re.compile(r"^(?:re)?join|^sign|^accede")
PARTNER_PREPS = ("with", "alongside")
LIST_VERBS = frozenset({"are", "were", "is", "include", "includes", "included", "comprise", "comprises", "comprised",
                        "groups", "unites", "brings", "brought", "consists", "consist"})
#: Verbs whose object is a role they take ("took over the chairmanship", "shares the leadership").
TAKING_VERBS = frozenset({"took", "take", "takes", "taken", "taking", "assume", "assumed", "assumes", "assuming",
                          "hold", "holds", "held", "holding", "share", "shares", "shared", "sharing", "over",
                          "retain", "retains", "retained", "keep", "keeps", "kept"})
_REFERS_BACK = re.compile(rf"\b(?:[Tt]he|[Tt]his|[Ii]ts)\s+(?:{'|'.join(sorted(GENERIC_NOUNS))})\b|\bIts\b")
_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "pobj", "appos", "oprd", "dative", "compound",
                           "npadvmod", "conj"})
#: Brackets that open a list right after a coalition's name, and what closes them.
_OPENERS = {"-": ("-", "–", "—", "."), "–": ("-", "–", "—", "."), "—": ("-", "–", "—", "."), "(": (")",),
            ":": (".", ";")}
#: Words beside a role predicate that make it not (yet, or no longer) held.
ENDED_WORDS = frozenset({"yet", "until", "till", "formerly", "previously", "once"})
CLIMB_DEPS = frozenset({"xcomp", "pcomp", "pobj", "prep", "acl", "relcl", "advcl", "ccomp", "conj", "dobj", "attr"})


@dataclass(frozen=True)
class Role:
    """A role read from a sentence: who holds it, in which coalition, where (for the date)."""

    role: str
    codes: tuple[str, ...]
    coalition: str
    at: int  # character offset of the role word in the sentence


class SentenceRoles:
    """The roles one parsed sentence gives."""

    def __init__(self, sentence: AnnotatedSentence, parse: Parse, resolver: Resolver,
                 people: dict[str, str], previous_subject: str | None, recent: bool = True) -> None:
        self.sentence, self.p, self.resolver = sentence, parse, resolver
        self.previous_subject = previous_subject
        self.recent = recent  # the coalition in focus was told in this or the last two paragraphs
        self.codes_at = _country_tokens(sentence, parse, people)

    def roles(self) -> list[Role]:
        out: list[Role] = []
        table = coalition_roles()
        for t, word in enumerate(self.p.words):
            w = word.lower()
            if w.endswith("-led") and t in self.codes_at:
                out.extend(self._led_compound(t))
                continue
            for form in ("verb", "noun", "list", "passive", "founding", "phrasal"):
                role = table.get((w, form))
                if role is not None and self._fits(t, form):
                    out.extend(self._role(t, role, form))
        out.extend(self._apposed_lists())
        return out

    def _fits(self, t: int, form: str) -> bool:
        """Phrasal verbs need their particle ("signed up"); founding verbs ("launched", "set up")
        give roles only in the passive ("a format launched by Romania and Poland")."""
        p = self.p
        if form == "phrasal":
            return any(p.lower(c) in role_particles()[p.lower(t)] for c in p.children_with(t, ("prt",)))
        if form == "founding":
            return bool(p.agents(t))
        if form == "noun":  # "lead" is a noun in "took the lead", a verb in "US to lead monitoring"
            return p.deps[t] in _NOMINAL_DEPS or bool(p.children_with(t, ("det", "poss", "amod")))
        return True

    # -- holders -------------------------------------------------------------------------
    def countries(self, tokens: list[int]) -> tuple[str, ...]:
        """Country codes of tokens: names, demonyms, services, known people, a person's possessive
        country ("Germany's Boris Pistorius"), "it"/"they" for the previous sentence's subject."""
        codes: list[str] = []
        for t in tokens:
            if t in self.codes_at:
                codes.append(self.codes_at[t])
            elif self.p.lower(t) in ("it", "they"):
                speaker = self._speaker(t)  # "Spain told partners it intends to join"
                if speaker or self.previous_subject:
                    codes.append(speaker or self.previous_subject or "")
            else:
                codes.extend(self.codes_at[c] for c in self.p.children_with(t, ("poss", "compound"))
                             if c in self.codes_at and self.p.words[t][:1].isupper())
        return tuple(dict.fromkeys(codes))

    def _speaker(self, t: int) -> str | None:
        """The country subject of the clause a pronoun's clause is reported in, if any."""
        for a in self.p.ancestors(self.p.clause_of(t)):
            for s in self.p.children_with(a, ("nsubj",)):
                if s in self.codes_at:
                    return self.codes_at[s]
        return None

    def holders(self, v: int) -> tuple[str, ...]:
        """Countries standing as the subject of predicate `v`, or of the predicate it depends on."""
        for t in [v, *self.p.ancestors(v)][:5]:
            subjects = self.p.subjects(t)
            if subjects:  # "a few more countries were considering joining": no country holds it
                return self.countries(subjects)
            codes = self.countries([c for o in self.p.children_with(t, ("poss",)) for c in self.p.conjuncts(o)])
            if codes:  # "Türkiye's bid to join"
                return codes
            if self.p.deps[t] not in CLIMB_DEPS:
                break
        return ()

    def partners(self, v: int) -> tuple[str, ...]:
        """Co-holders named with "with"/"alongside"/"together with" beside a leader's predicate."""
        found = [o for _, o in self.p.prep_objects(v, PARTNER_PREPS)]
        for near in self.p.children_with(v, ("advmod", "dobj", "attr")):  # "together with", "X with Y"
            found += [o for _, o in self.p.prep_objects(near, PARTNER_PREPS)]
        return self.countries(found)

    # -- the kinds of role words -----------------------------------------------------------
    def _role(self, t: int, role: str, form: str) -> list[Role]:
        if self._cancelled(t):
            return []
        if role == "member" and self._under_intent(t):
            role = "applicant"
        if form == "list":
            return self._list(t, role)
        if form == "noun":
            return self._noun(t, role)
        return self._verb(t, role)

    def _verb(self, v: int, role: str) -> list[Role]:
        p, r = self.p, self.resolver
        if p.agents(v) or p.children_with(v, ("auxpass",)):
            codes = self.countries(p.agents(v))
            targets = p.subjects(v) + [n for n in [p.modified_noun(v)] if n is not None]
        else:
            codes = self.holders(v)
            targets = p.objects(v) + [o for _, o in p.prep_objects(v, ("to", "in", "of", "into", "within"))]
        if role == "leader":
            codes += self.partners(v)
        coalition = next((c for c in map(r.coalition, targets) if c), None)
        if coalition is None and not p.objects(v) and (role == "leader" or _JOINING.match(p.lower(v))):
            skip = {s for subj in p.children_with(v, ("nsubj", "nsubjpass")) for s in p.subtree(subj)}
            coalition = r.in_subtree(v, skip)  # the parser often hangs the object on a partner
        if coalition is None and not targets and _JOINING.match(p.lower(v)) and self.recent:
            coalition = r.focus_at(v)  # "Poland joined as well", "were the first to sign up"
        return [Role(role, codes, coalition, p.starts[v])] if codes and coalition else []

    def _noun(self, n: int, role: str) -> list[Role]:
        p = self.p
        while p.deps[n] == "compound" and p.heads[n] != n:  # "the framework nation", "lead nation"
            n = p.heads[n]
        head, dep = p.heads[n], p.deps[n]
        if dep in ("nsubj", "nsubjpass") and p.lower(head) in LIST_VERBS:
            return self._list(head, role, owner=n)
        if dep == "pobj" and p.lower(head) == "as":
            head = p.heads[head]
        if dep == "appos":
            codes = self.countries(p.conjuncts(head))
            if p.deps[head] == "pobj" and p.lower(p.heads[head]) in PARTNER_PREPS:  # "took over, with X, the chair"
                codes = self.holders(p.heads[p.heads[head]]) + codes
        elif dep in ("attr", "oprd") or (dep == "dobj" and p.lower(head) in TAKING_VERBS) or dep == "pobj":
            codes = self.holders(head)
        elif p.lower(n).endswith("ship"):  # "Britain's membership of", "Poland's chairmanship"
            codes = self.countries(p.children_with(n, ("poss",)))
        else:
            codes = ()
        if role == "leader":
            codes += self.partners(head)
        coalition = self._noun_coalition(n)
        return [Role(role, codes, coalition, p.starts[n])] if codes and coalition else []

    def _noun_coalition(self, n: int) -> str | None:
        p, r = self.p, self.resolver
        for _, o in p.prep_objects(n, ("of", "in", "within", "to")):
            found = r.coalition(o)
            if found:
                return found
        for o in p.children_with(n, ("poss",)):
            found = r.coalition(o)
            if found:
                return found
        clause = p.clause_of(n)
        noun = p.modified_noun(clause) if p.deps[clause] in ("relcl", "acl") else None
        if noun is not None and r.coalition(noun):
            return r.coalition(noun)
        return r.focus_at(n)

    def _list(self, v: int, role: str, owner: int | None = None) -> list[Role]:
        """"A, B and C" as members: objects of "include"/"are" whose subject is a coalition or its members."""
        p, r = self.p, self.resolver
        if owner is not None:
            coalition = self._noun_coalition(owner)
        else:
            subjects = p.children_with(v, ("nsubj",))
            coalition = next((c for c in map(r.coalition, subjects) if c), None)
        codes = self.countries(p.objects(v) + [o for _, o in p.prep_objects(v, ("besides", "of"))])
        return [Role(role, codes, coalition, p.starts[v])] if codes and coalition else []

    def _led_compound(self, t: int) -> list[Role]:
        """"the German-led scheme", "UK-led Joint Expeditionary Force": the country leads the noun."""
        codes = tuple(code for i, code in self.codes_at.items() if i == t)
        coalition = self.resolver.coalition(self.p.heads[t]) if self.p.heads[t] != t else None
        return [Role("leader", codes, coalition, self.p.starts[t])] if codes and coalition else []

    def _bracketed_list(self, t: int) -> tuple[str, ...]:
        """"the Bucharest Nine - Bulgaria, ..., Slovakia -", "the B9 (A, B and C)", "the JEF: A, B and C":
        a list of countries and nothing else between the brackets right after a named coalition."""
        p = self.p
        if t + 1 >= len(p) or p.words[t + 1] not in _OPENERS:
            return ()
        closer = _OPENERS[p.words[t + 1]]
        codes, i = [], t + 2
        while i < len(p) and p.words[i] not in closer:
            if i in self.codes_at:
                codes.append(self.codes_at[i])
            elif p.lower(i) not in (",", "and", "the") and not any(
                    c in self.codes_at for c in p.ancestors(i)[:1]):  # "Czech" of "Czech Republic"
                return ()
            i += 1
        return tuple(codes) if len(codes) >= 2 else ()

    def _apposed_lists(self) -> list[Role]:
        """A named coalition in apposition with a list of countries: its members."""
        out = []
        for t in range(len(self.p)):
            coalition = self.resolver.named(t)
            if coalition is not None and self.resolver.named(t + 1) != coalition:
                codes = self._bracketed_list(t)
                if codes:
                    out.append(Role("member", codes, coalition, self.p.starts[t]))
        for t in range(len(self.p)):
            coalition = self.resolver.named(t)
            if coalition is None or self.p.heads[t] != t and self.resolver.named(self.p.heads[t]) == coalition:
                continue
            for a in self.p.children_with(t, ("appos",)):
                codes = self.countries(self.p.conjuncts(a))
                if len(codes) >= 2:
                    out.append(Role("member", codes, coalition, self.p.starts[a]))
        return out

    # -- cancelling and intent ---------------------------------------------------------------
    def _cancelled(self, t: int) -> bool:
        """Negated, hypothetical or conditional: "did not join", "might join", "has yet to join"."""
        p = self.p
        chain = [t, *p.ancestors(t)][:4]
        for a in chain:
            if p.is_negated(a) or p.modality(a) in ("hypothetical", "conditional"):
                return True
            if any(p.lower(c) in ENDED_WORDS for c in p.children[a]):  # "has yet to join", "led until 2025"
                return True
            if p.deps[a] not in CLIMB_DEPS:
                break
        return False

    def _under_intent(self, t: int) -> bool:
        table = coalition_roles()
        for a in [t, *self.p.ancestors(t)][:5]:
            word = self.p.lower(a)
            if a != t and table.get((word, "intent")):
                return True
            if self.p.deps[a] not in CLIMB_DEPS and a != t:
                break
        return False


def _country_tokens(sentence: AnnotatedSentence, parse: Parse, people: dict[str, str]) -> dict[int, str]:
    """Head token -> country code, for every mention that stands for a country (and known people)."""
    out: dict[int, str] = {}
    for m in country_mentions(sentence):
        lo, hi = sentence.local(m)
        head = parse.span_head(lo, hi)
        if head is not None and m.value.code:
            out.setdefault(head, m.value.code)
    for i, word in enumerate(parse.words):
        if i not in out and word in people and word[:1].isupper():
            out[i] = people[word]
    return out


def _subject_country(sentence: AnnotatedSentence, parse: Parse) -> str | None:
    """The country that is the subject of the sentence's main clause, for a following "It"/"They"."""
    codes = _country_tokens(sentence, parse, {})
    roots = [i for i in range(len(parse)) if parse.heads[i] == i]
    for root in roots[:1]:
        for s in parse.subjects(root):
            if s in codes:
                return codes[s]
    return None


def build_coalitions(article: Annotated, people: dict[str, str] | None = None) -> list[dict]:
    """One row per (coalition, member) with the strongest role the article gives it."""
    people = people or {}
    rows: dict[tuple[str, str], dict] = {}
    focus: str | None = None
    focus_paragraph = -10
    previous_subject: str | None = None
    for sentence in article.sentences:
        refs = named_references(sentence)
        recent = sentence.paragraph - focus_paragraph <= 2
        if sentence.parse is not None:
            resolver = Resolver(sentence.parse, refs, focus)
            roles = SentenceRoles(sentence, sentence.parse, resolver, people, previous_subject, recent).roles()
            for role in roles:
                for code in role.codes:
                    _keep(rows, article.article_id, sentence, role.coalition, role.role, code, role.at)
            previous_subject = _subject_country(sentence, sentence.parse) or (
                previous_subject if sentence.text.lstrip().startswith(("It ", "It's", "Its ")) else None)
        about = topic(refs, sentence.parse)
        if about is not None:
            focus, focus_paragraph = about.name, sentence.paragraph
        elif focus and _REFERS_BACK.search(sentence.text):  # "The coalition was launched ...": still the topic
            focus_paragraph = sentence.paragraph
    return list(rows.values())


def _keep(rows: dict, article_id: str, sentence: AnnotatedSentence, coalition: str, role: str, code: str,
          at: int) -> None:
    key = (coalition, code)
    old = rows.get(key)
    if old and ROLE_RANK[old["role"]] >= ROLE_RANK[role]:
        return
    lo, hi = clause_bounds(sentence.text, at)
    dates = [date for d in sentence.dates if d.value.form != "year_span"
             and lo <= sentence.local(d)[0] < hi and (date := format_date(d.value))]
    rows[key] = {"article_id": article_id, "coalition": coalition, "member_code": code,
                 "member": refdata.country_name(code), "role": role, "date": dates[0] if dates else None,
                 **evidence(sentence)}
