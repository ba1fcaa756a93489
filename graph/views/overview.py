"""The figures of the overview page: what the store holds, where, and who is central."""
from __future__ import annotations

from dataclasses import dataclass

from graph.model import Document, EntityKind, RelationKind
from graph.stores import GraphStore
from graph.views.snapshot import snapshot

#: entity kinds that are actors (not chains or places)
ACTOR_KINDS = tuple(k for k in EntityKind
                    if k not in (EntityKind.INDUSTRY_CHAIN, EntityKind.REGION))


@dataclass(frozen=True)
class RegionCount:
    """A region and how many actors are located in it."""

    id: str
    name: str
    actors: int


@dataclass(frozen=True)
class Overview:
    """Totals of the store, in the schema's entity order."""

    entities_by_kind: dict[EntityKind, int]  #: every kind, zero when absent
    relations_by_kind: dict[RelationKind, int]
    regions: tuple[RegionCount, ...]  #: most actors first
    documents: int
    indicators: int
    recent_documents: tuple[Document, ...]  #: newest first

    @property
    def entities(self) -> int:
        return sum(self.entities_by_kind.values())

    @property
    def relations(self) -> int:
        return sum(self.relations_by_kind.values())

    @property
    def is_empty(self) -> bool:
        """True when no document has been ingested yet."""
        return self.documents == 0


def overview(store: GraphStore, *, recent: int = 5) -> Overview:
    """Counts by entity and relation type, actors per region and the newest documents."""
    entities = store.entities()
    relations = store.relations()
    by_kind = {k: 0 for k in EntityKind}
    for e in entities:
        by_kind[e.kind] += 1
    by_rel = {k: 0 for k in RelationKind}
    for r in relations:
        by_rel[r.kind] += 1
    kinds = {e.id: e.kind for e in entities}
    names = {e.id: e.name for e in entities}
    located: dict[str, set[str]] = {}
    for r in relations:
        if (r.kind is RelationKind.LOCATED_IN and kinds.get(r.target_id) is EntityKind.REGION
                and kinds.get(r.source_id) in ACTOR_KINDS):
            located.setdefault(r.target_id, set()).add(r.source_id)
    regions = sorted((RegionCount(rid, names[rid], len(ids)) for rid, ids in located.items()),
                     key=lambda rc: (-rc.actors, rc.name))
    docs = store.documents()
    newest = sorted(docs, key=lambda d: (d.added_at, d.path), reverse=True)[:recent]
    return Overview(by_kind, by_rel, tuple(regions), len(docs), len(store.indicators()),
                    tuple(newest))


def key_indicators(store: GraphStore, *, limit: int | None = None) -> list:
    """Plan-versus-actual rows (`graph.analytics.IndicatorRow`) of all stated indicators."""
    from graph.analytics import indicator_table

    rows = indicator_table(store.indicators())
    return rows[:limit] if limit else rows


def network_hubs(store: GraphStore, *, top: int = 10) -> list:
    """The most connected actors (`graph.analytics.Ranked`), highest score first."""
    from graph.analytics import hubs

    snap = snapshot(store)
    return list(snap.memo(("hubs", top), lambda: tuple(hubs(snap.graph, top=top))))
