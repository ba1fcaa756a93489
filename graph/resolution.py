"""Cross-document entity resolution and the planners' curation file.

The same actor under different surface forms in different documents becomes one node:
a new entity joins an existing one of the same type when one of its names is already
known as that entity's name or alias. `data/curation.yaml` lets a planner merge, rename,
retype or drop entities, and keep names apart; it is applied at every ingest, so it
survives rebuilds.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from graph.errors import LexiconError
from graph.model import Entity, EntityKind, entity_id, normalise_name
from graph.regions import default_hierarchy

#: beside the lexicons, so a build run from any folder applies the planners' corrections
DEFAULT_CURATION = Path(__file__).resolve().parent.parent / "data" / "curation.yaml"


@dataclass
class Curation:
    """A planner's corrections, by entity name."""

    merge: dict[str, str] = field(default_factory=dict)  #: other name → the name to keep
    rename: dict[str, str] = field(default_factory=dict)
    retype: dict[str, EntityKind] = field(default_factory=dict)
    drop: set[str] = field(default_factory=set)
    keep_apart: set[str] = field(default_factory=set)  #: never merged by alias

    @classmethod
    def load(cls, path: str | Path = DEFAULT_CURATION) -> "Curation":
        path = Path(path)
        if not path.exists():
            return cls()
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise LexiconError(f"{path}: not valid YAML ({exc}); fix it or move it aside") from exc
        cur = cls()
        for group in raw.get("merge") or []:
            if not isinstance(group, list) or len(group) < 2:
                raise LexiconError(f"{path}: each `merge` entry lists two or more names, "
                                   f"the one to keep first (got {group!r})")
            for other in group[1:]:
                cur.merge[normalise_name(other)] = group[0]
        cur.rename = {normalise_name(k): v for k, v in (raw.get("rename") or {}).items()}
        for name, kind in (raw.get("retype") or {}).items():
            try:
                cur.retype[normalise_name(name)] = EntityKind(kind)
            except ValueError:
                raise LexiconError(f"{path}: retype {name!r} to {kind!r}: the type must be one of "
                                   + ", ".join(k.value for k in EntityKind)) from None
        cur.drop = {normalise_name(n) for n in raw.get("drop") or []}
        cur.keep_apart = {normalise_name(n) for n in raw.get("split") or []}
        return cur

    def apply(self, entity: Entity) -> Entity | None:
        """The entity as the planner wants it, or None when it is dropped."""
        key = normalise_name(entity.name)
        if key in self.drop:
            return None
        name = self.merge.get(key) or self.rename.get(key) or entity.name
        kind = self.retype.get(key, entity.kind)
        if name == entity.name and kind == entity.kind:
            return entity
        aliases = tuple(sorted(set(entity.aliases) | ({entity.name} - {name})))
        return replace(entity, id=entity_id(kind, name), kind=kind, name=name, aliases=aliases)


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
    def for_store(cls, store, curation_path: str | Path = DEFAULT_CURATION) -> "Resolver":
        return cls(store.entities(), Curation.load(curation_path))

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
