"""The roles one parsed sentence gives: each role word's holders and coalition, by grammar.

See `core.tables.coalitions` for the rules; this module reads one sentence's parse.
"""

from __future__ import annotations

import re

from core.annotate import AnnotatedSentence
from core.syntax import Parse
from core.tables.coalition_lists import (
    LIST_VERBS,
    Role,
    admitted,
    apposed_lists,
    collective_lists,
    core_members,
    led_compound,
    relative_holders,
)
from core.tables.coalition_refs import Resolver, donor_schemes
from core.tables.coalition_shared import (
    CLIMB_DEPS,
    GOVERNMENT_NOUNS,
    among_them,
    among_those,
    before_contrast,
    cancelled,
    coordinated,
    country_tokens,
    echoed,
    examples,
    gapped,
    government_country,
    group_members,
    undated,
    under_intent,
)
from core.vocab import coalition_roles, role_particles

_COLLECTIVES = frozenset({"states", "countries", "nations", "members", "allies", "governments"})
#: Verbs of joining that may leave the coalition unsaid ("Poland joined as well").
_JOINING = re.compile(r"^(?:re)?join|^sign|^accede|^appl(?:y|ie)")
PARTNER_PREPS = ("with", "alongside")
#: Verbs whose object is a role they take ("took over the chairmanship", "shares the leadership").
TAKING_VERBS = frozenset({"took", "take", "takes", "taken", "taking", "assume", "assumed", "assumes", "assuming",
                          "hold", "holds", "held", "holding", "share", "shares", "shared", "sharing", "over",
                          "retain", "retains", "retained", "keep", "keeps", "kept"})
_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "pobj", "appos", "oprd", "dative", "compound",
                           "npadvmod", "conj"})


class SentenceRoles:
    """The roles one parsed sentence gives."""

    def __init__(self, sentence: AnnotatedSentence, parse: Parse, resolver: Resolver,
                 people: dict[str, str], previous_subject: str | None, recent: bool = True) -> None:
        self.sentence, self.p, self.resolver = sentence, parse, resolver
        self.previous_subject = previous_subject
        self.recent = recent  # the coalition in focus was told in this or the last two paragraphs
        self.codes_at = country_tokens(sentence, parse, people)

    def roles(self) -> list[Role]:
        out: list[Role] = []
        table = coalition_roles()
        for t, word in enumerate(self.p.words):
            w = word.lower()
            if t + 1 < len(self.p) and table.get((f"{w} {self.p.lower(t + 1)}", "noun")):  # "framework nation"
                out.extend(self._role(t + 1, table[(f"{w} {self.p.lower(t + 1)}", "noun")], "noun"))
                continue
            if w.endswith("-led") and t in self.codes_at:
                out.extend(led_compound(self, t))
                continue
            for form in ("verb", "noun", "list", "passive", "founding", "phrasal", "admitted", "donation"):
                role = table.get((w, form))
                if role is not None and self._fits(t, form):
                    out.extend(self._role(t, role, form))
        out.extend(apposed_lists(self))
        out.extend(collective_lists(self))
        out.extend(core_members(self))
        out.extend(relative_holders(self))
        return out

    def _fits(self, t: int, form: str) -> bool:
        """Phrasal verbs need their particle ("signed up"); founding verbs ("launched", "set up")
        give roles in the passive ("a format launched by Romania and Poland") or with a coalition object."""
        p = self.p
        if form == "phrasal":
            return any(p.lower(c) in role_particles()[p.lower(t)] for c in p.children_with(t, ("prt",)))
        if form == "founding":  # or with a coalition as object: "A, B and C launched an IT coalition"
            return bool(p.agents(t)) or any(self.resolver.coalition(o) for o in p.objects(t))
        if form == "donation":  # paying into a donor-funded scheme in focus makes a member
            needs = role_particles(("donation",)).get(p.lower(t))
            focus = self.resolver.focus_at(t)
            return (self.recent and focus in donor_schemes()
                    and (not needs or any(p.lower(c) in needs for c in p.children_with(t, ("prt", "prep")))))
        if form == "noun" and p.lower(t) == "part":  # "part of the coalition", "takes part in", not "for its part"
            return bool(p.prep_objects(t, ("of",)) or p.prep_objects(p.heads[t], ("in",)))
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
            elif listed := among_those(self.p, t):  # "Among those that joined are A and B"
                codes.extend(self.codes_at[c] for c in listed if c in self.codes_at)
            elif self.p.lower(t) in _COLLECTIVES:  # "Four Danube states, Austria, Slovakia and Hungary, ..."
                listed = [c for a in self.p.children_with(t, ("appos",)) for c in self.p.conjuncts(a)]
                listed += examples(self.p, t)  # "Eleven countries, including Poland and Estonia, ..."
                if self.p.deps[t] in ("nsubj", "nsubjpass", "dobj"):  # "Several countries have joined, among them X"
                    listed += among_them(self.p, self.p.heads[t])
                codes.extend(self.codes_at[c] for c in listed if c in self.codes_at)
                codes.extend(group_members(self.p, t))  # "the three Baltic states"
            elif self.p.lower(t) in GOVERNMENT_NOUNS:  # "Italy's government", "Meloni, whose government"
                codes.extend(government_country(self.p, self.codes_at, t))
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
            subjects = before_contrast(self.p, self.p.subjects(t))  # "A and B, but not C, joined"
            if subjects:  # "a few more countries were considering joining": no country holds it
                return self.countries(subjects)
            codes = self.countries([c for o in self.p.children_with(t, ("poss",)) for c in self.p.conjuncts(o)])
            if codes:  # "Türkiye's bid to join"
                return codes
            if self.p.deps[t] not in CLIMB_DEPS:
                break
        return ()

    def partners(self, v: int) -> tuple[str, ...]:
        """Co-holders named with "with"/"alongside"/"together with" beside a leader's predicate (not
        "with current members including A and B": those are members, `members_beside`)."""
        return self.countries([o for o in self._beside(v) if self.p.lower(o) not in _COLLECTIVES])

    def members_beside(self, v: int) -> tuple[str, ...]:
        """"co-led by A and B, with members including C and D": the countries a collective noun
        after "with" lists belong to the same coalition as members."""
        return self.countries([o for o in self._beside(v) if self.p.lower(o) in _COLLECTIVES])

    def _beside(self, v: int) -> list[int]:
        found = [o for _, o in self.p.prep_objects(v, PARTNER_PREPS)]
        for s in self.p.children_with(v, ("nsubj",)):  # "Lithuania, together with Iceland, leads"
            found += [o for _, o in self.p.prep_objects(s, PARTNER_PREPS)]
        for near in self.p.children_with(v, ("advmod", "dobj", "attr")):  # "together with", "X with Y"
            found += [o for _, o in self.p.prep_objects(near, PARTNER_PREPS)]
        return found

    # -- the kinds of role words -----------------------------------------------------------
    def _role(self, t: int, role: str, form: str) -> list[Role]:
        if form == "donation":  # "said it would give": reported, not hypothetical
            if self.p.is_negated(t):
                return []
            codes = self.holders(t)
            focus = self.resolver.focus_at(t)
            return [Role(role, codes, focus, self.p.starts[t])] if codes and focus else []
        if cancelled(self.p, t):
            return []
        if role == "member" and under_intent(self.p, t):
            role = "applicant"
        if form == "list":
            return self._list(t, role)
        if form == "noun":
            return self._noun(t, role)
        if form == "admitted":
            return admitted(self, t, role)
        return self._verb(t, role)

    def _verb(self, v: int, role: str) -> list[Role]:
        p, r = self.p, self.resolver
        if p.agents(v) or p.children_with(v, ("auxpass",)):
            codes = self.countries(p.agents(v))
            targets = p.subjects(v) + [n for n in [p.modified_noun(v)] if n is not None]
        else:
            codes = self.holders(v)
            targets = p.objects(v) + [o for _, o in p.prep_objects(v, ("to", "in", "of", "into", "within"))]
            targets += [s for s in p.children_with(v, ("nsubj",)) if s > v]  # a misparsed object: "X leads the C"
        codes += self.partners(v)  # "co-chairs X together with Poland", "joined alongside Y"
        codes += self.countries(echoed(p, v))  # "Finland joined the coalition, as did Estonia"
        found = next(((t, c) for t in targets if (c := r.coalition(t))), None)
        coalition = found[1] if found else None
        if coalition is None and p.agents(v):  # "the X Task Group, set up in 2024 by A and B": just named
            coalition = next((c for t in range(v - 1, max(-1, v - 4), -1) if (c := r.named(t))), None)
        if coalition is None and not p.objects(v) and (role == "leader" or _JOINING.match(p.lower(v))):
            skip = {s for subj in p.children_with(v, ("nsubj", "nsubjpass")) for s in p.subtree(subj)}
            coalition = r.in_subtree(v, skip)  # the parser often hangs the object on a partner
        if coalition is None and not undated(self.sentence, p, targets) and _JOINING.match(p.lower(v)) and self.recent:
            coalition = r.focus_at(v)  # "Poland joined as well", "were the first to sign up", "joined in May"
        if not (codes and coalition):
            return []
        also = coordinated(p, r, found[0]) if found else []  # "lead the Air Force Coalition as well as the ..."
        roles = [Role(role, codes, c, p.starts[v]) for c in dict.fromkeys([coalition, *also])]
        if role == "leader" and (members := self.members_beside(v)):
            roles.append(Role("member", members, coalition, p.starts[v]))
        return roles + gapped(p, r, self.codes_at, v, role, coalition)

    def _noun(self, n: int, role: str) -> list[Role]:
        p = self.p
        while p.deps[n] == "compound" and p.heads[n] != n:  # "the framework nation", "lead nation"
            n = p.heads[n]
        head, dep = p.heads[n], p.deps[n]
        if dep in ("nsubj", "nsubjpass") and p.lower(head) in LIST_VERBS:
            return self._list(head, role, owner=n)
        if dep == "pobj" and p.lower(head) in ("besides", "except", "beyond"):
            return []  # "Besides the two co-chairs, they include ...": the role is told elsewhere
        if dep == "pobj" and p.lower(head) == "as":
            head = p.heads[head]
        if dep == "appos":
            codes = self.countries(p.conjuncts(head))
            if p.deps[head] == "pobj" and p.lower(p.heads[head]) in PARTNER_PREPS:  # "took over, with X, the chair"
                codes = self.holders(p.heads[p.heads[head]]) + codes
        elif dep in ("attr", "oprd") or (dep == "dobj" and p.lower(head) in TAKING_VERBS) or dep == "pobj":
            codes = self.holders(head)
            if dep == "pobj" and p.lower(head) == "among" and p.heads[head] != head:  # "counts A among its members"
                codes += self.countries(p.objects(p.heads[head]))
        elif p.lower(n).endswith("ship"):  # "Britain's membership of", "Poland's chairmanship"
            codes = self.countries(p.children_with(n, ("poss",)))
        else:
            codes = ()
        codes += self.countries([c for a in p.children_with(n, ("appos",)) for c in p.conjuncts(a)])
        codes += self.countries(examples(p, n) + [e for _, o in p.prep_objects(n, ("of",)) for e in examples(p, o)])
        codes += self.partners(head) + self.partners(n)  # "a founding member, together with Luxembourg"
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
        if p.deps[n] == "dobj" and p.heads[n] != n:  # "takes part in the coalition", "plays a role in it"
            found = next((c for _, o in p.prep_objects(p.heads[n], ("in", "within")) if (c := r.coalition(o))), None)
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
            if coalition is None and self.recent and any(p.lower(s) in ("they", "these") for s in subjects):
                coalition = r.focus_at(v)  # "The coalition has 18 members. Besides the co-chairs, they include A"
        codes = self.countries(before_contrast(p, p.objects(v)) + [o for _, o in p.prep_objects(v, ("besides", "of"))])
        return [Role(role, codes, coalition, p.starts[v])] if codes and coalition else []
