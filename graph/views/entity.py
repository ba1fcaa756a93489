"""One entity as the detail panel shows it: attributes, aliases, relations and evidence."""
from __future__ import annotations

from dataclasses import dataclass

from graph.model import Entity, EntityKind, Evidence, Mention, Relation, RelationKind
from graph.stores import GraphStore


@dataclass(frozen=True)
class RelationView:
    """A relation seen from the entity: the other end, the direction and the evidence."""

    relation: Relation
    other_id: str
    other_name: str
    other_kind: EntityKind
    outgoing: bool  #: True when the entity is the relation's source
    evidence: tuple[Evidence, ...]

    @property
    def kind(self) -> RelationKind:
        return self.relation.kind


@dataclass(frozen=True)
class EntityDetail:
    """Everything known about one entity."""

    entity: Entity
    relations: tuple[RelationView, ...]  #: by relation kind, then the other end's name
    mentions: tuple[Mention, ...]  #: in document and text order
    documents: dict[str, str]  #: doc id -> title, for the documents that mention it


def entity_detail(store: GraphStore, entity_id: str) -> EntityDetail:
    """The entity, its relations with evidence and its mentions (raises EntityNotFound)."""
    entity = store.get_entity(entity_id)
    rels = store.relations(touching=[entity_id])
    others = {e.id: e for e in store.entities(
        ids={r.target_id if r.source_id == entity_id else r.source_id for r in rels})}
    views = []
    for r in rels:
        outgoing = r.source_id == entity_id
        other = others.get(r.target_id if outgoing else r.source_id)
        if other is None:
            continue
        views.append(RelationView(r, other.id, other.name, other.kind, outgoing,
                                  tuple(store.relation_evidence(r))))
    views.sort(key=lambda v: (list(RelationKind).index(v.kind), not v.outgoing, v.other_name))
    mentions = tuple(store.mentions(entity_id))
    titles = {d.id: d.title for d in store.documents()}
    docs = {m.evidence.doc_id: titles.get(m.evidence.doc_id, m.evidence.doc_id)
            for m in mentions}
    return EntityDetail(entity, tuple(views), mentions, docs)
