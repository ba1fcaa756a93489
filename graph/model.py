"""The graph's data model, shared by both stores and the app.

Entities are keyed by a stable id derived from their type and canonical name, so the
same actor mentioned in ten documents is one node carrying ten pieces of evidence.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from extract.vocabulary import (  # noqa: F401  (the model's vocabulary)
    EntityKind,
    IndicatorKind,
    RelationKind,
    normalise_name,
)


def entity_id(kind: EntityKind | str, name: str) -> str:
    """The stable id of an entity: its type and normalised canonical name."""
    return f"{EntityKind(kind).value}:{normalise_name(name)}"


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: document, sentence, character offsets and how sure we are."""

    doc_id: str
    sentence: str
    start: int  #: offset of the sentence in the document text
    end: int  #: end offset (exclusive) of the sentence
    confidence: float = 1.0
    extractor: str = ""


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity in a document, with the sentence around it."""

    surface: str  #: the text as written
    start: int  #: character offset of the mention in the document
    end: int
    evidence: Evidence
    level: str | None = None  #: national / provincial / municipal when the text states it


@dataclass(frozen=True)
class Entity:
    """An actor, chain or region: one node of the graph."""

    id: str
    kind: EntityKind
    name: str  #: canonical name
    aliases: tuple[str, ...] = ()
    level: str | None = None
    attrs: tuple[tuple[str, str], ...] = ()  #: extra key/value facts (e.g. chain id)

    @classmethod
    def make(cls, kind: EntityKind | str, name: str, **kw) -> "Entity":
        return cls(id=entity_id(kind, name), kind=EntityKind(kind), name=name, **kw)


@dataclass(frozen=True)
class Relation:
    """A directed, typed link; symmetric kinds are stored once with sorted ends."""

    source_id: str
    target_id: str
    kind: RelationKind

    @classmethod
    def make(cls, source_id: str, kind: RelationKind | str, target_id: str) -> "Relation":
        kind = RelationKind(kind)
        if kind.symmetric and target_id < source_id:
            source_id, target_id = target_id, source_id
        return cls(source_id, target_id, kind)

    @property
    def id(self) -> str:
        return f"{self.source_id}|{self.kind.value}|{self.target_id}"


@dataclass(frozen=True)
class Indicator:
    """A number the document states: value, unit, period, actual or target, region."""

    indicator: str
    value: float | str
    unit: str
    period: str
    kind: IndicatorKind
    region: str
    evidence: Evidence


@dataclass(frozen=True)
class Document:
    """An ingested document, keyed by the SHA-256 of its text."""

    id: str
    path: str
    title: str
    chars: int
    added_at: str = ""


@dataclass
class DocumentGraph:
    """Everything one document contributes, ingested (or retracted) as one unit."""

    document: Document
    text: str
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[tuple[str, Mention]] = field(default_factory=list)  #: (entity id, mention)
    relations: list[tuple[Relation, Evidence]] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
