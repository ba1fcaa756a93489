"""Cross-document entity resolution and the planners' curation file.

The same actor under different surface forms in different documents becomes one node:
a new entity joins an existing one of the same type when one of its names is already
known as that entity's name or alias, compared by the keys of `graph.name_keys`. `data/curation.yaml` lets a planner merge, rename,
retype or drop entities, and keep names apart; it is applied at every ingest, so it
survives rebuilds.
"""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from graph.errors import LexiconError
from graph.model import Entity, EntityKind, entity_id, normalise_name
from graph.name_keys import NameKeys, default_keys

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
    def for_store(cls, store, curation_path: str | Path = DEFAULT_CURATION) -> "Resolver":
        return cls(store.entities(), Curation.load(curation_path))

    def remember(self, entity: Entity, written: Collection[str] | None = None) -> None:
        for form in self._forms(entity, written):
            if normalise_name(form) in self.curation.keep_apart:
                continue
            self.index.setdefault((entity.kind, self.keys.key(entity.kind, form)), entity)
            bare = self.keys.bare_key(entity.kind, form)
            if bare is not None:
                self.bracketed.setdefault((entity.kind, bare[0]), {}).setdefault(bare[1], entity)

    def resolve(self, entity: Entity, written: Collection[str] | None = None) -> Entity | None:
        """The entity as it should be stored; `written`: the surfaces its document wrote
        (None: every alias counts as written)."""
        curated = self.curation.apply(entity)
        if curated is None:
            return None
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
