"""The noun a sum sizes, read off the parse: shared by the funder reader and the kind reader."""

from __future__ import annotations

from core.syntax import Parse

#: Labels by which a sum hangs on the noun it sizes ("a €60 million contribution", "a contract worth $3m").
_SIZE_DEPS = frozenset({"nummod", "compound", "amod", "quantmod", "nmod", "npadvmod", "appos"})
#: Words through which a sum sizes a noun: "a contract worth $3m", "a loan of £2bn", "valued at".
_SIZING = frozenset({"worth", "valued", "of", "at", "totalling", "totaling", "amounting", "estimated"})


def sized_noun(parse: Parse, head: int) -> int:
    """The noun a sum sizes ("contribution" in "a €60 million contribution", "contract" in "a contract
    worth $321 million", "loan" in "a loan of £2 billion"), else the sum's own head token."""
    t = head
    for _ in range(4):
        up = parse.heads[t]
        if parse.deps[up] == "acl" and parse.lower(up) in _SIZING and (parse.lower(t) in _SIZING or t == head):
            return parse.heads[up]  # "The agreement, valued at $3.8 billion, was signed by ..."
        if up == t or parse.clause_of(up) == up:  # never climb onto a predicate ("was worth NOK 75 billion")
            break
        if parse.deps[t] in _SIZE_DEPS or (parse.deps[t] in ("pobj", "prep", "npadvmod", "advmod")
                                           and parse.lower(up) in _SIZING) or parse.lower(t) in _SIZING:
            t = up
            if parse.lower(t) not in _SIZING:
                return t
            continue
        break
    return head
