"""Cross-document entity resolution and the planners' curation file.

The same actor under different surface forms in different documents becomes one node:
a new entity joins an existing one of the same type when one of its names is already
known as that entity's name or alias. The planners' corrections (`graph.curation`) are
applied to every entity as it is resolved and to every document's facts by `finish`, at
every ingest, so they survive rebuilds.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from graph.curation.file import DEFAULT_CURATION, curation_path, load_curation  # noqa: F401
from graph.curation.rules import Curation
from graph.model import DocumentGraph, Entity, EntityKind, entity_id, normalise_name
from graph.regions import default_hierarchy


def canonical_place(entity: Entity) -> Entity:
    """A Region under the lexicon's canonical name (上虞区 → 上虞, the old name an alias),
    so every form of one place is one node; unknown or ambiguous names stay as they are."""
    canon = default_hierarchy().canonical(entity.name)
    if not canon or canon == entity.name:
        return entity
    aliases = tuple(sorted((set(entity.aliases) | {entity.name}) - {canon}))
    return replace(entity, id=entity_id(entity.kind, canon), name=canon, aliases=aliases)


class Resolver:
    """Maps each new entity onto the node it should join."""

    def __init__(self, known: list[Entity] | None = None, curation: Curation | None = None) -> None:
        self.curation = curation or Curation()
        self.index: dict[tuple[EntityKind, str], Entity] = {}
        for e in known or []:
            self.remember(e)

    @classmethod
    def for_store(cls, store, curation_file: str | Path | None = None) -> "Resolver":
        return cls(store.entities(), load_curation(curation_file or curation_path()))

    def remember(self, entity: Entity) -> None:
        for form in (entity.name, *entity.aliases):
            key = normalise_name(form)
            if key not in self.curation.keep_apart:
                self.index.setdefault((entity.kind, key), entity)

    def known_regions(self) -> dict[str, str]:
        """Canonical place name → entity id of every Region resolved or stored so far."""
        return {e.name: e.id for (kind, _), e in self.index.items() if kind is EntityKind.REGION}

    def resolve(self, entity: Entity) -> Entity | None:
        curated = self.curation.apply(entity)
        if curated is None:
            return None
        if curated.kind is EntityKind.REGION and curated.name == entity.name:
            curated = canonical_place(curated)
        for form in (curated.name, *curated.aliases):
            known = self.index.get((curated.kind, normalise_name(form)))
            if known is not None and known.id != curated.id:
                aliases = set(curated.aliases) | {curated.name}
                curated = replace(curated, id=known.id, name=known.name,
                                  aliases=tuple(sorted(aliases - {known.name})))
                break
        self.remember(curated)
        return curated

    def finish(self, graph: DocumentGraph) -> DocumentGraph:
        """One document's facts with the split, relation and added-relation rules applied."""
        return self.curation.finish(graph, self.resolve)
