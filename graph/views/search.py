"""Search and autocomplete over entity names and aliases."""
from __future__ import annotations

from dataclasses import dataclass

from graph.errors import EntityNotFound
from graph.model import Entity, EntityKind
from graph.stores import GraphStore


@dataclass(frozen=True)
class SearchOption:
    """One entry of the autocomplete list."""

    id: str
    name: str
    kind: EntityKind
    aliases: tuple[str, ...]

    @property
    def text(self) -> str:
        """Name followed by aliases, the string a type-ahead box matches against."""
        return self.name + (f"（{'、'.join(self.aliases)}）" if self.aliases else "")


def search_options(store: GraphStore, kinds: tuple[EntityKind, ...] = ()) -> list[SearchOption]:
    """Every entity (optionally of these kinds) as an autocomplete entry, sorted by name."""
    entities = store.entities(kinds=kinds or None)
    return sorted((SearchOption(e.id, e.name, e.kind, e.aliases) for e in entities),
                  key=lambda o: (o.name, o.id))


def search(store: GraphStore, query: str, *, limit: int = 20) -> list[Entity]:
    """Entities whose name or an alias contains the query, exact matches first."""
    return store.find_entities(query, limit=limit)


def resolve_name(store: GraphStore, name: str) -> Entity:
    """The one entity `name` means (exact name or alias first); a clear error otherwise."""
    hits = store.find_entities(name, limit=50)
    exact = [e for e in hits if e.name == name or name in e.aliases]
    if len(exact) == 1:
        return exact[0]
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise EntityNotFound(f"no entity named {name!r} in the store: `innograph stats` shows "
                             "what it holds; try a shorter part of the name")
    listed = "; ".join(f"{e.name} ({e.kind.value})" for e in (exact or hits)[:10])
    raise EntityNotFound(f"{name!r} is ambiguous, it matches: {listed} -- repeat with the "
                         "full name")
