"""What the deployments builder remembers across the sentences of one article, so that "the unit",
"its battlegroup", "they", "the base" and "the country" resolve: the force last named (for two
sentences), each force's last host and site, and the country last named.

The country last named and the recent subject country come from the article's shared discourse
memory (`core.discourse`); the forces, hosts and sites are what this builder itself read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.discourse import Before
from core.records import Mention

#: How many sentences after its last mention a force can still be meant by "the unit" or "they".
FORCE_REACH = 2
#: A sentence opening with a pronoun subject: the pronoun means a force told before the sentence.
_OPENING_PRONOUN = re.compile(r"^(?:They|It|These)\b")


@dataclass
class DeployRefs:
    """The per-article memory of the deployments builder."""

    last_force: tuple[str, int] | None = None  # (force code, sentence index)
    hosts: dict[str, str] = field(default_factory=dict)  # force -> last host
    sites: dict[str, Mention] = field(default_factory=dict)  # force -> last site
    last_country: str | None = None  # the country last named (`core.discourse.Before.country`)
    subject: str | None = None  # the recent subject country "it"/"they" may stand for (`core.discourse`)
    last_host: str | None = None
    last_site: Mention | None = None
    recalled: bool = False  # the force being read is one remembered, not named in the sentence
    task_host: str | None = None  # where a guarding told without its force takes place ("X's airspace is guarded")
    opening: str | None = None  # the force an opening pronoun stands for, fixed before the sentence is read

    def begin(self, index: int, text: str) -> None:
        """Before sentence `index` is read: "They have been stationed at X since August, when the French
        took over from Portuguese jets": "They" is the force told before, not one the sentence names later."""
        self.opening = self.force(index) if _OPENING_PRONOUN.match(text) else None

    def note_force(self, force: str, index: int) -> None:
        self.last_force = (force, index)

    def note_row(self, force: str, host: str, site: Mention | None, index: int, status: str = "current") -> None:
        if status != "ended":  # after a hand-over, "the unit" is the one that stays
            self.last_force = (force, index)
        self.hosts[force] = host
        self.last_host = host
        if site is not None:
            self.sites[force] = site
            self.last_site = site

    def note_discourse(self, before: Before) -> None:
        """What the shared discourse memory holds before the sentence being read."""
        self.last_country, self.subject = before.country, before.subject

    def force(self, index: int) -> str | None:
        """The force "the unit" or "they" stands for in sentence `index`, if one was named lately."""
        if self.last_force and 0 <= index - self.last_force[1] <= FORCE_REACH:
            return self.last_force[0]
        return None

    def host(self, force: str) -> str | None:
        """Where "the formation" or "the brigade" of `force` is: its own last host, else (for a force
        the sentence names itself, not one `recalled` from memory) the last host the article named
        for any force."""
        return self.hosts.get(force) if self.recalled else self.hosts.get(force, self.last_host)

    def site(self, force: str) -> Mention | None:
        """The base "the base" means for `force`: its own last site, else (for a force the sentence
        names itself) the site last named for any force ("Also stationed at the base is ...")."""
        return self.sites.get(force) if self.recalled else self.sites.get(force, self.last_site)

    def country_meant(self) -> str | None:
        """The country "the country" means: the recent subject country, else the one last named."""
        return self.subject or self.last_country

    def country(self) -> str | None:
        return self.last_country
