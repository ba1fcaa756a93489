"""The one storage interface both stores implement.

Semantics every store honours:
- relations are directed; symmetric kinds are stored once, with sorted ends;
- a document is ingested as one unit (all of its facts or none) and keyed by content
  hash, so adding it twice changes nothing;
- an entity or relation exists while at least one document supports it: removing a
  document removes exactly the facts no other document supports;
- entity ids are stable (see `graph.model.entity_id`);
- `revision()` changes in the same transaction as every write that changes the graph.
"""
from __future__ import annotations

import random
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from graph.errors import DocumentNotFound, EntityNotFound, StoreUnavailable
from graph.model import (Document, DocumentGraph, Entity, EntityKind, Evidence, Indicator,
                         Mention, Relation, RelationKind)


@dataclass(frozen=True)
class BuildFailure:
    """A file the last build that saw it could not ingest, and why."""

    path: str
    reason: str
    at: str  #: ISO time of that build


@dataclass(frozen=True)
class Removal:
    """What retracting a document took away."""

    document: Document
    entities: int
    relations: int


class GraphStore(ABC):
    """A graph of entities, relations, documents and evidence."""

    kind: StoreKind

    # --- documents -------------------------------------------------------------------
    @abstractmethod
    def add_document(self, graph: DocumentGraph) -> bool:
        """Store a document and all it supports atomically; False if it was already there."""

    @abstractmethod
    def remove_document(self, doc_id: str) -> Removal:
        """Retract a document and whatever only it supported (raises DocumentNotFound)."""

    @abstractmethod
    def documents(self) -> list[Document]:
        """All documents, oldest first."""

    @abstractmethod
    def document_text(self, doc_id: str) -> str:
        """The full text of a stored document."""

    @abstractmethod
    def record_build(self, failed: Iterable[tuple[str, str]], succeeded: Iterable[str]) -> None:
        """Remember the files a build could not ingest (path, reason); forget earlier
        failures of the paths in `succeeded` (built now, or already stored)."""

    @abstractmethod
    def build_failures(self) -> list[BuildFailure]:
        """The files whose last build failed, by path."""

    # --- entities and relations --------------------------------------------------------
    def get_entity(self, entity_id: str) -> Entity:
        """One entity with its aliases (raises EntityNotFound)."""
        found = self.entities(ids=[entity_id])
        if not found:
            raise EntityNotFound(f"no entity {entity_id!r} in the store: `innograph stats` "
                                 "shows what it holds")
        return found[0]

    @abstractmethod
    def entities(self, kinds: Iterable[EntityKind] | None = None,
                 ids: Iterable[str] | None = None) -> list[Entity]:
        """Entities, optionally only of these kinds or ids, sorted by id."""

    @abstractmethod
    def relations(self, kinds: Iterable[RelationKind] | None = None,
                  touching: Iterable[str] | None = None) -> list[Relation]:
        """Relations, optionally only of these kinds or touching these entity ids."""

    @abstractmethod
    def mentions(self, entity_id: str) -> list[Mention]:
        """Every mention of an entity, with its evidence sentence."""

    def mentions_by_entity(self, ids: Iterable[str] | None = None) -> dict[str, list[Mention]]:
        """`mentions` of many entities at once (all of them when `ids` is None), keyed by
        entity id in id order; entities without mentions, unknown ids among them, are left
        out. The stores override this with one streamed read instead of one per entity."""
        ids = sorted({e.id for e in self.entities()} if ids is None else set(ids))
        return {i: ms for i in ids if (ms := self.mentions(i))}

    @abstractmethod
    def relation_evidence(self, relation: Relation) -> list[Evidence]:
        """The sentences that support a relation."""

    @abstractmethod
    def indicators(self, doc_id: str | None = None) -> list[Indicator]:
        """Indicators stated in all documents, or in one."""

    @abstractmethod
    def revision(self) -> int:
        """A number that changes with every write that changes the stored graph (and not
        otherwise), seen by every reader of the same database: derived structures keyed
        by it are rebuilt exactly when they go stale (see `graph.views.snapshot`)."""

    @abstractmethod
    def clear(self) -> None:
        """Delete everything (tests and `innograph load` start from empty)."""

    @abstractmethod
    def close(self) -> None:
        """Release connections."""

    # --- helpers built from the primitives --------------------------------------------
    def counts(self) -> dict[str, dict[str, int]]:
        """Entities by type, relations by type, and documents/indicators totals."""
        ents: dict[str, int] = {}
        for e in self.entities():
            ents[e.kind.value] = ents.get(e.kind.value, 0) + 1
        rels: dict[str, int] = {}
        for r in self.relations():
            rels[r.kind.value] = rels.get(r.kind.value, 0) + 1
        return {"entities": dict(sorted(ents.items())), "relations": dict(sorted(rels.items())),
                "totals": {"documents": len(self.documents()), "indicators": len(self.indicators())}}

    def find_entities(self, query: str, limit: int = 20) -> list[Entity]:
        """Entities whose name or an alias contains the query, exact matches first."""
        q = query.strip()
        if not q:
            return []
        hits = [e for e in self.entities() if q in e.name or any(q in a for a in e.aliases)]
        hits.sort(key=lambda e: (e.name != q and q not in e.aliases, len(e.name), e.id))
        return hits[:limit]

    def find_document(self, ref: str) -> Document:
        """The document with this id, stored path or file name (raises DocumentNotFound
        when none or several match)."""
        docs = self.documents()
        exact = [d for d in docs if ref in (d.id, d.path)]
        hits = exact or [d for d in docs if Path(d.path).name == ref]
        if len(hits) == 1:
            return hits[0]
        if not hits:
            raise DocumentNotFound(f"no document {ref!r} in the store: `innograph documents` "
                                   "lists them")
        raise DocumentNotFound(f"{ref!r} names {len(hits)} documents ("
                               + ", ".join(d.path for d in hits) + "): give the path or the id")

    def add_documents(self, graphs: Iterable[DocumentGraph]) -> int:
        """Add several documents; returns how many were new."""
        return sum(1 for g in graphs if self.add_document(g))

    def to_networkx(self, kinds: Iterable[EntityKind] | None = None,
                    ids: Iterable[str] | None = None) -> nx.MultiDiGraph:
        """The graph (or the part with these entity kinds / ids) as a networkx multigraph."""
        entities = self.entities(kinds=kinds, ids=ids)
        keep = {e.id for e in entities}
        touching = keep if ids is not None else None
        relations = [r for r in self.relations(touching=touching)
                     if r.source_id in keep and r.target_id in keep]
        return build_networkx(entities, relations)

    def located_within(self, region_id: str) -> set[str]:
        """Everything located in a region, including its districts: the ids of the places
        PART_OF it (at any depth) and of every entity LOCATED_IN or PART_OF it or one of
        those places, a Park inside it among them and whatever sits in that Park. The
        region itself is not included; an unknown id contains nothing.

        The stores override this with one query."""
        inward: dict[str, set[str]] = {}
        for r in self.relations(kinds=[RelationKind.LOCATED_IN, RelationKind.PART_OF]):
            inward.setdefault(r.target_id, set()).add(r.source_id)
        found, frontier = set(), {region_id}
        while frontier:
            frontier = {s for t in frontier for s in inward.get(t, ())} - found - {region_id}
            found |= frontier
        return found

    def neighbour_ids(self, ids: set[str]) -> set[str]:
        """The ids of the entities linked to any of `ids` (and those ids themselves)."""
        found = set()
        for r in self.relations(touching=ids):
            found.update((r.source_id, r.target_id))
        return found

    def neighbourhood(self, centre_ids: Iterable[str], hops: int = 1) -> nx.MultiDiGraph:
        """The entities within `hops` links of the centres, with the links among them."""
        seen = set(centre_ids)
        frontier = set(seen)
        for _ in range(max(hops, 0)):
            if not frontier:
                break
            nxt = self.neighbour_ids(frontier)
            frontier = nxt - seen
            seen |= nxt
        return self.to_networkx(ids=seen)


def revision_seed() -> int:
    """Where a store's new revision counter starts: random and far above any count of
    writes, so a store rebuilt from scratch does not repeat a revision seen before."""
    return random.SystemRandom().randrange(1 << 32, 1 << 52)


#: a mention row as the stores read it: (entity id, surface, start, end, level, then the
#: `Evidence` fields: doc id, sentence, sentence start, sentence end, confidence, extractor)
MentionRow = tuple[str, str, int, int, str | None, str, str, int, int, float, str]


def group_mentions(rows: Iterable[MentionRow]) -> dict[str, list[Mention]]:
    """Entity id -> mentions, in id order, from rows sorted by (doc id, start, surface).

    Mentions of one sentence share one `Evidence` object (work-report sentences name
    many actors), and only one document's evidence is held for lookup at a time.
    """
    found: dict[str, list[Mention]] = {}
    shared: dict[tuple, Evidence] = {}
    doc = None
    for entity, surface, start, end, level, *evidence in rows:
        if evidence[0] != doc:
            doc = evidence[0]
            shared.clear()
        key = tuple(evidence)
        ev = shared.get(key)
        if ev is None:
            ev = shared[key] = Evidence(*evidence)
        mention = Mention(surface, start, end, ev, level)
        if entity in found:
            found[entity].append(mention)
        else:
            found[entity] = [mention]
    return {entity: found[entity] for entity in sorted(found)}


def build_networkx(entities: Iterable[Entity], relations: Iterable[Relation]) -> nx.MultiDiGraph:
    """A MultiDiGraph with entity attributes on nodes and the relation kind as edge key."""
    g = nx.MultiDiGraph()
    for e in entities:
        # a Region's level (county, city, ...) is an attribute: it wins over the empty one
        g.add_node(e.id, **{"kind": e.kind.value, "name": e.name, "aliases": list(e.aliases),
                            "level": e.level or "", **dict(e.attrs)})
    for r in relations:
        if r.source_id in g and r.target_id in g:
            g.add_edge(r.source_id, r.target_id, key=r.kind.value, kind=r.kind.value)
    return g
