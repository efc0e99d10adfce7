"""Who pays a sum and whose forces or people it supports, chosen by grammatical relation.

On the dependency parse of the sentence (`core.syntax`), the sum's own noun phrase
("a €60 million contribution from Denmark", "Sweden's SEK 1.8 billion package") is read
first, then the predicate it belongs to: its passive agent ("was approved by the Dutch
government"), its subject ("Latvia has pledged"), and for verbs of getting ("Kyiv will
receive", "Poland was allocated", "which has €2 billion") the subject is the recipient,
not the payer. "to"/"for" objects and the first object of a two-object verb ("gave
Ukraine €5 million") are recipients. A titled person stands for the country of the office
(`core.tables.roles`), an institution noun with no country ("the ministry") for the
article's own country. Sentences without a parse fall back to `core.tables.funders_text`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from core import refdata
from core.annotate import AnnotatedSentence
from core.records import Mention
from core.syntax import Parse
from core.tables.common import country_mentions
from core.tables.money_grammar import sized_noun

#: Dependency labels that stay inside a noun phrase's core ("the Dutch government", "Sweden's package").
_CORE_DEPS = frozenset({"amod", "compound", "poss", "nmod", "det", "nummod", "quantmod", "case", "appos"})
_INSTITUTIONS = frozenset({"ministry", "government", "cabinet", "parliament", "army", "military", "navy", "forces",
                           "state", "country", "executive", "authorities", "treasury", "office", "agency"})
_COLLECTIVES = frozenset({"members", "states", "partners", "allies", "countries", "donors", "participants",
                          "signatories", "nations", "governments", "contributors"})
_RECIPIENT_PREPS = ("to", "for", "into", "towards", "toward")
_RANKING = frozenset({"comes", "come", "came"})  # a share in a ranking, only with the sum "with" it
#: Nouns after a demonym that make it a country's forces or people ("the Moldovan armed forces").
_FORCE_NOUNS = frozenset({"forces", "force", "army", "armed", "military", "troops", "soldiers", "navy", "people",
                          "government", "ministry", "brigade", "battalion", "units", "defence", "defense", "state"})
#: A sum that sizes one of these is paid by the buyer it goes "to", not by the seller who tells it.
_SALES = frozenset({"sale", "sales", "export", "exports", "transfer"})
#: "Italy will receive €14.9bn, followed by Belgium (€8.3bn)": the next in a ranking, not a payer.
_RANKING_PASSIVES = frozenset({"followed", "trailed", "preceded", "ranked"})
_ORDERS = frozenset({"deal", "deals", "contract", "contracts", "order", "orders", "agreement", "agreements"})
_PRONOUNS = frozenset({"it", "its", "they", "their", "he", "she", "his", "her", "we"})


@dataclass(frozen=True)
class Party:
    """A funder or recipient: a country (code and name) or an actor (name only)."""

    code: str | None
    name: str | None


@dataclass(frozen=True)
class Parties:
    """What the grammar of a sentence tells about one sum.

    `funder`/`recipient` are None where the sentence does not tell; `each` lists (funder,
    recipient) pairs when a list of parties each gets or gives the sum ("France and Hungary
    are each down for €16bn"); `handed` says that the sum was told as handed to its recipient
    (a share of a larger pool, whose payer the pool tells).
    """

    funder: Party | None = None
    recipient: Party | None = None
    each: tuple[tuple[Party | None, Party | None], ...] = ()
    handed: bool = False


@dataclass(frozen=True)
class Context:
    """What the article tells beyond the sentence: titled people, its own country, the last payer."""

    people: dict[str, str]
    home: Party | None
    last_funder: Party | None


@lru_cache(maxsize=1)
def _roles() -> dict[str, str]:
    return {r["form"].lower(): r["role"] for r in refdata.rows("vocab/money_roles.csv")}


def parties_by_grammar(sentence: AnnotatedSentence, money: Mention, context: Context) -> Parties | None:
    """The funder and recipient of `money` read from the parse, or None when the sentence has none."""
    parse, head = sentence.parse, sentence.head(money)
    if parse is None or head is None:
        return None
    names = _argument_mentions(sentence)
    noun = sized_noun(parse, head)
    inner = verb = parse.clause_of(noun)
    while parse.deps[verb] == "xcomp" and parse.heads[verb] != verb:  # "promised to spend": the promiser
        verb = parse.heads[verb]
    if parse.lower(verb) in _RANKING_PASSIVES and parse.heads[verb] != verb:  # "receive €14.9bn, followed by
        inner = verb = parse.heads[verb]  # Belgium (€8.3bn)": Belgium is next in the same predicate
    role = verb_role(parse, inner) or verb_role(parse, verb)
    if role == "receiver" and parse.lower(verb) in _RANKING and not any(  # "comes second with €16bn", not
            parse.lower(a) == "with" for a in parse.ancestors(head)[:4]):  # "the contribution comes on top of"
        role = None
    passive = any(parse.deps[c] in ("auxpass", "nsubjpass") for c in parse.children[inner])
    subjects = [t for t in parse.subjects(verb) if t != noun and t not in parse.subtree(noun)]
    each_of_which = [t for t in subjects if parse.lower(t) == "each" and parse.deps[verb] == "relcl"]
    if each_of_which:  # "France and Hungary, each of which has ...": the nouns the clause modifies
        antecedent = parse.heads[verb]
        subjects = parse.conjuncts(antecedent)
        if not _mentions_at(sentence, parse, names, subjects):  # "the plans of France and Hungary, each of which"
            subjects = [o for _, o in parse.prep_objects(antecedent, ("of",))] or subjects
    if noun != head and _mentions_at(sentence, parse, names, [noun]):  # "... and Iceland €2 million": gapped
        subjects = [noun]
    parties = [p for p in (_party(sentence, parse, names, t, context, verb) for t in subjects) if p is not None]
    if not parties and parse.deps[verb] == "ccomp" and "to" in map(parse.lower, parse.children_with(verb, ("aux",))):
        verb = parse.heads[verb]  # "Lithuania, which expects them to cost up to €1 billion": who expects it pays
        subjects = [t for t in parse.subjects(verb) if t not in parse.subtree(noun)]
        parties = [p for p in (_party(sentence, parse, names, t, context, verb) for t in subjects) if p is not None]
    getter = (role == "receiver" and not _buys(parse, verb, parties)) or (role == "giver" and passive)
    funder = _funder(sentence, parse, names, context, head, noun, (inner, verb), bool(parties) and not getter)
    recipient = _recipient(sentence, parse, names, head, noun, verb, subjects, funder)
    if parse.lower(noun) in _SALES and recipient is not None:  # "approved a $1.85 billion sale ... to Poland"
        return Parties(recipient, recipient)
    if len(parties) > 1 and (each_of_which or _each(parse, verb, subjects)):
        pairs = tuple((funder, p) if getter else (p, recipient) for p in parties)
        return Parties(funder, recipient, each=pairs, handed=getter)
    subject: Party | None
    if _collective(parse, verb, subjects) or len(parties) > 1:
        subject = Party(None, _coalition(sentence))
    else:
        subject = parties[0] if parties else None
    if getter:
        return Parties(funder, recipient or subject, handed=subject is not None)
    return Parties(funder or subject, recipient)


def _buys(parse: Parse, verb: int, parties: list[Party]) -> bool:
    """"Poland secured a deal for launchers valued at €1.13bn": a state that gets an order is its buyer
    (a company that wins one is paid: "Rheinmetall won a €300m contract")."""
    return bool(parties) and all(p.code for p in parties) and any(
        parse.lower(o) in _ORDERS for o in parse.objects(verb))


def verb_role(parse: Parse, verb: int) -> str | None:
    """giver or receiver (data/vocab/money_roles.csv), from the verb or its particle ("are down for")."""
    roles = _roles()
    for t in (verb, *parse.children_with(verb, ("advmod", "prt", "acomp"))):
        if parse.lower(t) in roles:
            return roles[parse.lower(t)]
    return None


def _funder(sentence: AnnotatedSentence, parse: Parse, names: list[Mention], context: Context, head: int,
            noun: int, verbs: tuple[int, int], has_subject: bool) -> Party | None:
    """A payer the sum's own phrase or its predicate names: "a contribution from Denmark", "Sweden's
    package", "£1.6 billion of UK export finance", "approved by the Dutch government", "with EU funds"."""
    inner, verb = verbs

    def party(t: int) -> Party | None:
        return _party(sentence, parse, names, t, context, verb)

    from_noun = [t for _, t in parse.prep_objects(noun, ("from",))]
    if noun == head:
        from_noun += [t for _, t in parse.prep_objects(head, ("of",))]
    sources = [t for t in from_noun if not (has_subject and _is_fund(sentence, parse, names, t))]
    sources += _possessors(parse, noun, verb) + parse.agents(verb)
    clause_verbs = list(dict.fromkeys((inner, verb, *parse.children_with(inner, ("xcomp",)))))  # "is to come from SAFE"
    owners = [*clause_verbs, noun, head, *(o for h in (noun, head) for _, o in parse.prep_objects(h, ("of",)))]
    sources += [t for h in dict.fromkeys(owners) for _, t in parse.prep_objects(h, ("from", "with"))
                if _is_money_source(parse, t)]  # "... of the bill with EU funds"
    for v in clause_verbs if not has_subject else ():  # "won a contract from the army"
        sources += [t for _, t in parse.prep_objects(v, ("from",))]
    return _first(party(t) for t in sources)


def _is_fund(sentence: AnnotatedSentence, parse: Parse, names: list[Mention], t: int) -> bool:
    """A fund or facility named as the source ("€1.5 billion from the European Peace Facility") is the
    program, not the payer, when the predicate has a subject."""
    return any(m.kind == "actor" and m.value.kind == "fund" for m in _mentions_at(sentence, parse, names, [t]))


def _is_money_source(parse: Parse, t: int) -> bool:
    return parse.lower(t) in ("funds", "funding", "money", "loans", "loan", "financing", "finance", "budget")


def _first(items) -> Party | None:
    return next((p for p in items if p is not None), None)


def _argument_mentions(sentence: AnnotatedSentence) -> list[Mention]:
    """Country-like and actor mentions of the sentence, minus those inside a sum ("US$" is no country)."""
    inside = [(m.start, m.end) for m in sentence.money]
    names = [*country_mentions(sentence), *(m for m in sentence.names if m.kind in ("actor", "coalition"))]
    return [m for m in names if not any(s <= m.start < e for s, e in inside)]


def _possessors(parse: Parse, noun: int, verb: int) -> list[int]:
    """ "Sweden's package", and for a copula "Estonia's share ... is €24 million" the subject's owner."""
    owners = parse.children_with(noun, ("poss",))
    if not owners and parse.lower(verb) in ("is", "was", "are", "were", "be", "been", "reached", "reaches"):
        for s in parse.subjects(verb):
            owners.extend(parse.children_with(s, ("poss",)))
    return owners


def _core(parse: Parse, t: int) -> list[int]:
    out, stack = [], [t]
    while stack:
        x = stack.pop()
        out.append(x)
        stack.extend(c for c in parse.children[x] if parse.deps[c] in _CORE_DEPS)
    return out


def _mentions_at(sentence: AnnotatedSentence, parse: Parse, names: list[Mention], tokens: list[int]) -> list[Mention]:
    spans = [(parse.starts[t], parse.ends[t]) for t in tokens]
    found = []
    for m in names:
        s, e = sentence.local(m)
        if any(s < te and ts < e for ts, te in spans):
            found.append(m)
    return found


def _party(sentence: AnnotatedSentence, parse: Parse, names: list[Mention], t: int, context: Context,
           verb: int) -> Party | None:
    """The country or actor a token stands for: a name in its noun phrase, a titled person's country
    (or, for a title with no known holder, the article's country), an institution noun of the
    article's own country, a pronoun for the subject of the clause it is reported in ("Norway said
    that it would give ...") or else the last payer."""
    core = _core(parse, t)
    found = _mentions_at(sentence, parse, names, core)
    if found:
        return party_of(found[0])
    for word in (parse.words[c] for c in core):
        if word in context.people:
            code = context.people[word]
            return Party(code, refdata.country_name(code))
    lower = parse.lower(t)
    if (lower in _INSTITUTIONS and lower not in ("state", "country")) or any(parse.lower(c) in _titles()
                                                                                for c in core):
        return context.home
    if lower in _PRONOUNS and parse.deps[t] in ("nsubj", "poss", "nsubjpass"):
        partners = [o for v in (verb, *parse.children[verb]) for _, o in parse.prep_objects(v, ("with",))]
        if lower in ("we", "they") and partners:  # "Together with Estonia, we are investing ...": a joint sum
            named = [party_of(m) for o in partners for m in _mentions_at(sentence, parse, names, _core(parse, o))]
            together = [p.name for p in (context.home, *named) if p is not None and p.name]
            return Party(None, " and ".join(dict.fromkeys(together)) or None)
        reporter = parse.heads[verb] if parse.deps[verb] == "ccomp" else None
        for s in parse.subjects(reporter) if reporter is not None else []:
            outer = _mentions_at(sentence, parse, names, _core(parse, s))
            if outer:
                return party_of(outer[0])
        return context.last_funder
    return None


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    """Single words of office titles ("minister", "president", "secretary"), from data/vocab/role_titles.csv."""
    words = {w.lower() for r in refdata.rows("vocab/role_titles.csv") for w in r["title"].split()}
    return frozenset(words - {"of", "for", "the", "and", "state", "affairs", "foreign", "defence", "defense"})


def party_of(m: Mention) -> Party:
    """The party a name mention stands for."""
    if m.kind in ("actor", "coalition") or not m.value.code:
        return Party(None, m.value.name)
    return Party(m.value.code, refdata.country_name(m.value.code) or m.value.name)


def _recipient(sentence: AnnotatedSentence, parse: Parse, names: list[Mention], head: int, noun: int, verb: int,
               subjects: list[int], funder: Party | None) -> Party | None:
    """A country the money goes to: a "to"/"for" object of the sum's noun, its predicate, the
    predicate's object or subject ("drones for Ukraine", "the Programme for Ukraine"), or of a purpose
    clause ("to cover Ukraine's needs"); the first object of a two-object verb; "provide X with"; the
    owner of a share someone else sets ("set Poland's share at €43.7 billion")."""
    beside_money = set(parse.conjuncts(head)) | set(parse.conjuncts(noun))
    objects = parse.objects(verb)
    hosts = [noun, verb, *objects, *subjects]
    hosts += [c for c in parse.children[verb] if parse.deps[c] in ("advcl", "xcomp")
              and any(parse.lower(a) == "to" for a in parse.children_with(c, ("aux",)))]
    candidates = [t for h in hosts for _, t in parse.prep_objects(h, _RECIPIENT_PREPS)]
    candidates += parse.children_with(verb, ("dative",))
    purpose = [c for c in hosts[len(objects) + len(subjects) + 2:]]
    candidates += [o for c in purpose for o in parse.objects(c)]
    if verb_role(parse, verb) == "giver" and parse.prep_objects(verb, ("with",)):
        candidates += objects
    candidates += [o for o in objects if parse.children_with(o, ("poss",)) and o != noun]
    for t in candidates:
        if t in beside_money:
            continue
        for inner in [t, *(o for _, o in parse.prep_objects(t, ("to", "for", "of")))]:
            for m in _mentions_at(sentence, parse, names, _core(parse, inner)):
                if m.kind in ("coalition", "actor") or (m.kind == "demonym" and parse.lower(inner) not in _FORCE_NOUNS):
                    continue  # a recipient is a country whose forces or people the money supports
                party = party_of(m)
                if party != funder or party.code:
                    return party
    return None


def _each(parse: Parse, verb: int, subjects: list[int]) -> bool:
    """ "France and Hungary are each down for ...", "..., each of which has ...": a distributive list."""
    words = [parse.lower(c) for c in parse.children[verb]] + [parse.lower(c) for s in subjects
                                                                  for c in parse.children[s]]
    return "each" in words


def _collective(parse: Parse, verb: int, subjects: list[int]) -> bool:
    """ "member states have contributed", "partners together pledged": all members, no one country."""
    return any(parse.lower(t) in _COLLECTIVES for t in subjects)


def _coalition(sentence: AnnotatedSentence) -> str | None:
    names = [m.value.name for m in sentence.names if m.kind == "coalition"]
    return names[0] if names else None
