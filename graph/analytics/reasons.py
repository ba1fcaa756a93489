"""Why an analytics result was suggested, as data: a code, its arguments, its grounds.

The analytics build `Reason` values instead of sentences, so the app renders them in
its own language from a template per code (`app.ui.i18n`) and never parses text.
``str(reason)`` is the English sentence the CLI and the JSON exports print.
"""
from __future__ import annotations

from dataclasses import dataclass

#: The English sentence of each reason code. ``{0}``, ``{1}`` are the arguments (names,
#: keywords, counts), ``{relations}`` the relation kinds, ``{because}`` the grounds.
ENGLISH: dict[str, str] = {
    "serves": "serves {0}: {because}",
    "linked_to_chain": "linked to the chain",
    "already_linked": "already linked to {0} ({relations})",
    "already_linked_by_chain": "already linked to {0} (chain)",
    "cooperates_with_one": "already cooperates with {0} other partner",
    "cooperates_with": "already cooperates with {0} other partners",
    "place_serves": "in {0}, which serves {1}",
    "neighbour_serves": "linked to {0}, which serves {1}",
    "shared_chain": "shared chain: {0}",
    "same_region": "same region: {0}",
    "same_park": "same park: {0}",
    "via_neighbour": "neighbour of a neighbour: via {0}",
    "focuses_on": "focuses on {0}",
    "name_contains": "name contains '{0}'",
    "listed_company": "listed company in this industry",
    "described_with": "described with '{0}'",
    "inherits_chain": "linked to {0}, which serves the chain",
}


@dataclass(frozen=True)
class Reason:
    """One reason: a code of `ENGLISH`, the names it mentions, and what it rests on.

    >>> r = Reason("serves", ("现代纺织",), because=(Reason("name_contains", ("纺织",)),))
    >>> str(r)
    "serves 现代纺织: name contains '纺织'"
    """

    code: str
    args: tuple[str, ...] = ()  #: names, keywords and counts, inserted as they are
    relations: tuple[str, ...] = ()  #: RelationKind values
    because: tuple[Reason, ...] = ()  #: the grounds, e.g. why a candidate serves a chain

    def __post_init__(self) -> None:
        if self.code not in ENGLISH:
            raise ValueError(f"unknown reason code {self.code!r}")

    @property
    def en(self) -> str:
        """The English sentence (the text the CLI prints)."""
        return ENGLISH[self.code].format(*self.args, relations=", ".join(self.relations),
                                         because="; ".join(b.en for b in self.because))

    def __str__(self) -> str:
        return self.en
