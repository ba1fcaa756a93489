"""The rules of `data/curation.yaml`, and how they change an entity or a document's facts.

Entity rules are keyed by normalised name; relation rules by (source name, type, target
name) as normalised in entity ids, so a rule written today still applies after a rebuild.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from graph.model import (DocumentGraph, Entity, EntityKind, Evidence, Mention, Relation,
                         RelationKind, entity_id, normalise_name)

#: the `extractor` of evidence a planner added by hand
CURATION_EXTRACTOR = "curation"

RelationKey = tuple[str, str, str]  #: (normalised source name, relation type, normalised target)


def relation_key(source: str, kind: RelationKind | str, target: str) -> RelationKey:
    """The key of a relation between two names; symmetric types ignore the direction."""
    kind = RelationKind(kind)
    a, b = normalise_name(source), normalise_name(target)
    if kind.symmetric and b < a:
        a, b = b, a
    return (a, kind.value, b)


def _key_of(relation: Relation) -> RelationKey:
    return relation_key(relation.source_id.split(":", 1)[1], relation.kind,
                        relation.target_id.split(":", 1)[1])


@dataclass(frozen=True)
class AddedRelation:
    """A relation a planner added, with the sentence of the document that states it."""

    source: str
    source_kind: EntityKind
    kind: RelationKind
    target: str
    target_kind: EntityKind
    doc_id: str
    sentence: str


@dataclass
class Curation:
    """A planner's corrections (see `graph.curation.file` for the YAML)."""

    merge: dict[str, str] = field(default_factory=dict)  #: other name → the name to keep
    rename: dict[str, str] = field(default_factory=dict)
    retype: dict[str, EntityKind] = field(default_factory=dict)
    drop: set[str] = field(default_factory=set)
    keep_apart: set[str] = field(default_factory=set)  #: never merged by alias (split)
    accept: set[str] = field(default_factory=set)  #: entity names checked and right
    accept_relations: set[RelationKey] = field(default_factory=set)
    reject_relations: set[RelationKey] = field(default_factory=set)
    relation_type: dict[RelationKey, RelationKind] = field(default_factory=dict)
    reverse: set[RelationKey] = field(default_factory=set)
    add: list[AddedRelation] = field(default_factory=list)
    different: set[frozenset[str]] = field(default_factory=set)  #: pairs never suggested
    changed: set[RelationKey] = field(default_factory=set)  #: relations as a planner made them

    # --- entities -------------------------------------------------------------------------
    def canonical(self, name: str) -> str:
        """The name a planner wants for `name`, following renames and merges."""
        seen = set()
        key = normalise_name(name)
        while key not in seen:
            seen.add(key)
            new = self.merge.get(key) or self.rename.get(key)
            if new is None:
                break
            name, key = new, normalise_name(new)
        return name

    def kind_of(self, name: str, kind: EntityKind) -> EntityKind:
        """The type a planner wants for an entity of this name and type."""
        return (self.retype.get(normalise_name(self.canonical(name)))
                or self.retype.get(normalise_name(name)) or kind)

    def is_dropped(self, name: str) -> bool:
        return normalise_name(name) in self.drop or normalise_name(self.canonical(name)) in self.drop

    def apply(self, entity: Entity) -> Entity | None:
        """The entity as the planner wants it, or None when it is dropped."""
        if self.is_dropped(entity.name):
            return None
        name = self.canonical(entity.name)
        kind = self.kind_of(entity.name, entity.kind)
        if name == entity.name and kind == entity.kind:
            return entity
        aliases = tuple(sorted(set(entity.aliases) | ({entity.name} - {name})))
        return replace(entity, id=entity_id(kind, name), kind=kind, name=name, aliases=aliases)

    # --- relations ------------------------------------------------------------------------
    def apply_relation(self, relation: Relation) -> Relation | None:
        """The relation as the planner wants it, or None when it is rejected."""
        key = _key_of(relation)
        if key in self.reject_relations:
            return None
        new_kind = self.relation_type.get(key)
        if new_kind is not None:
            relation = Relation.make(relation.source_id, new_kind, relation.target_id)
            key = _key_of(relation)
        if key in self.reverse and not relation.kind.symmetric:
            relation = Relation.make(relation.target_id, relation.kind, relation.source_id)
            key = _key_of(relation)
        return None if key in self.reject_relations else relation

    def is_reviewed_entity(self, entity: Entity) -> bool:
        """A planner accepted the entity, or gave it its name or type."""
        key = normalise_name(entity.name)
        return (key in self.accept or key in self.retype
                or any(normalise_name(n) == key for n in (*self.rename.values(),
                                                          *self.merge.values())))

    def is_reviewed_relation(self, relation: Relation) -> bool:
        """A planner accepted, retyped, reversed or added the relation."""
        key = _key_of(relation)
        return key in self.accept_relations or key in self.changed

    # --- a document's facts ---------------------------------------------------------------
    def finish(self, graph: DocumentGraph, resolve=None) -> DocumentGraph:
        """Apply the split, relation and added-relation rules to one document's facts
        (entities were curated as they were resolved); `resolve` maps a new entity onto
        the node it joins (`Resolver.resolve`)."""
        resolve = resolve or self.apply
        self._split_aliases(graph, resolve)
        relations, seen = [], set()
        for relation, ev in graph.relations:
            curated = self.apply_relation(relation)
            if curated is None or curated.source_id == curated.target_id:
                continue
            if (curated, ev) not in seen:
                seen.add((curated, ev))
                relations.append((curated, ev))
        graph.relations = relations
        for added in self.add:
            if added.doc_id == graph.document.id:
                self._add_relation(graph, added, resolve, seen)
        return graph

    def _split_aliases(self, graph: DocumentGraph, resolve) -> None:
        if not self.keep_apart:
            return
        mentions = []
        for eid, m in graph.mentions:
            entity = graph.entities.get(eid)
            surface = normalise_name(m.surface)
            if (entity is not None and surface in self.keep_apart
                    and surface != normalise_name(entity.name)):
                split = resolve(Entity.make(entity.kind, m.surface))
                if split is None:
                    continue
                graph.entities.setdefault(split.id, split)
                eid = split.id
            mentions.append((eid, m))
        graph.mentions = mentions

    def _add_relation(self, graph: DocumentGraph, added: AddedRelation, resolve, seen) -> None:
        start = graph.text.find(added.sentence)
        if start < 0:
            return
        end = start + len(added.sentence)
        ev = Evidence(graph.document.id, added.sentence, start, end, 1.0, CURATION_EXTRACTOR)
        ids = []
        for name, kind in ((added.source, added.source_kind), (added.target, added.target_kind)):
            entity = resolve(Entity.make(kind, self.canonical(name)))
            if entity is None:
                return
            entity = graph.entities.setdefault(entity.id, entity)
            ids.append(entity.id)
            if not any(eid == entity.id and start <= m.start < end for eid, m in graph.mentions):
                graph.mentions.append((entity.id, _mention_in(entity, graph.text, start, end, ev)))
        relation = Relation.make(ids[0], added.kind, ids[1])
        if ids[0] != ids[1] and (relation, ev) not in seen:
            seen.add((relation, ev))
            graph.relations.append((relation, ev))


def _mention_in(entity: Entity, text: str, start: int, end: int, ev: Evidence) -> Mention:
    """A mention of the entity inside the sentence: where its name or an alias is written,
    else its name over the start of the sentence."""
    for form in sorted((entity.name, *entity.aliases), key=len, reverse=True):
        at = text.find(form, start, end)
        if at >= 0:
            return Mention(form, at, at + len(form), ev)
    return Mention(entity.name, start, min(end, start + len(entity.name)), ev)
