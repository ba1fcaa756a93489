"""Cross-document entity resolution and the planners' curation file.

The same actor under different surface forms in different documents becomes one node:
a new entity joins an existing one of the same type when one of its names is already
known as that entity's name or alias, compared by the keys of `graph.name_keys`. The
planners' corrections (`graph.curation`) are applied to every entity as it is resolved and
to every document's facts by `finish`, at every ingest, so they survive rebuilds.
"""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from pathlib import Path

from graph.curation.file import curation_path, load_curation
from graph.curation.rules import Curation
from graph.model import DocumentGraph, Entity, EntityKind, entity_id, normalise_name
from graph.name_keys import NameKeys, default_keys
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
    """Maps each new entity onto the node it should join.

    An entity joins a known one of its type when a name it was written under (its name,
    or an alias its document wrote: not a taxonomy term the extractor added) has the same
    key (`graph.name_keys`); failing that, when the two differ only by a bracketed
    segment that no third name of that form contradicts. A region's short form takes
    its full name (`NameKeys.canonical`), whichever document comes first.
    """

    def __init__(self, known: list[Entity] | None = None, curation: Curation | None = None,
                 keys: NameKeys | None = None) -> None:
        self.curation = curation or Curation()
        self.keys = keys or default_keys()
        self.index: dict[tuple[EntityKind, str], Entity] = {}
        #: (kind, key without brackets) → bracketed segments → the entity written so
        self.bracketed: dict[tuple[EntityKind, str], dict[str, Entity]] = {}
        for e in known or []:
            self.remember(e)

    @classmethod
    def for_store(cls, store, curation_file: str | Path | None = None) -> "Resolver":
        return cls(store.entities(), load_curation(curation_file or curation_path()))

    def remember(self, entity: Entity, written: Collection[str] | None = None) -> None:
        for form in self._forms(entity, written):
            if normalise_name(form) in self.curation.keep_apart:
                continue
            self.index.setdefault((entity.kind, self.keys.key(entity.kind, form)), entity)
            bare = self.keys.bare_key(entity.kind, form)
            if bare is not None:
                self.bracketed.setdefault((entity.kind, bare[0]), {}).setdefault(bare[1], entity)

    def known_regions(self) -> dict[str, str]:
        """Canonical place name → entity id of every Region resolved or stored so far."""
        return {e.name: e.id for (kind, _), e in self.index.items() if kind is EntityKind.REGION}

    def resolve(self, entity: Entity, written: Collection[str] | None = None) -> Entity | None:
        """The entity as it should be stored; `written`: the surfaces its document wrote
        (None: every alias counts as written)."""
        curated = self.curation.apply(entity)
        if curated is None:
            return None
        if curated.kind is EntityKind.REGION and curated.name == entity.name:
            curated = canonical_place(curated)
        full = self.keys.canonical(curated.kind, curated.name)
        if full != curated.name and normalise_name(curated.name) not in self.curation.keep_apart:
            aliases = tuple(sorted((set(curated.aliases) | {curated.name}) - {full}))
            curated = replace(curated, id=entity_id(curated.kind, full), name=full,
                              aliases=aliases)
            written = None if written is None else {*written, full}
        known = self._known(curated, written)
        if known is not None and known.id != curated.id:
            aliases = set(curated.aliases) | {curated.name}
            curated = replace(curated, id=known.id, name=known.name,
                              aliases=tuple(sorted(aliases - {known.name})))
            written = None if written is None else {*written, known.name}
        self.remember(curated, written)
        return curated

    def _known(self, entity: Entity, written: Collection[str] | None) -> Entity | None:
        forms = [f for f in self._forms(entity, written)
                 if normalise_name(f) not in self.curation.keep_apart]
        for form in forms:
            known = self.index.get((entity.kind, self.keys.key(entity.kind, form)))
            if known is not None:
                return known
        for form in forms:
            bare = self.keys.bare_key(entity.kind, form)
            if bare is not None:  # 某（产业）联盟 meets a 某联盟 seen before
                known = self.index.get((entity.kind, bare[0]))
                others = self.bracketed.get((entity.kind, bare[0]), {})
                if known is not None and set(others) <= {bare[1]}:
                    return known
            else:  # 某联盟 meets the one 某（产业）联盟 seen before
                seen = self.bracketed.get((entity.kind, self.keys.key(entity.kind, form)), {})
                if len(seen) == 1:
                    return next(iter(seen.values()))
        return None

    @staticmethod
    def _forms(entity: Entity, written: Collection[str] | None) -> list[str]:
        return [entity.name, *(a for a in entity.aliases if written is None or a in written)]

    def finish(self, graph: DocumentGraph) -> DocumentGraph:
        """One document's facts with the split, relation and added-relation rules applied."""
        return self.curation.finish(graph, self.resolve)
