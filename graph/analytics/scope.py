"""One place a planner works for: the region, the places inside it and their actors."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx

from graph.errors import EntityNotFound
from graph.model import Entity, EntityKind, RelationKind
from graph.regions import ECONOMIC, RegionHierarchy, default_hierarchy
from graph.stores import GraphStore

#: kinds that are contexts, not actors: never counted as a region's actors
NOT_ACTORS = frozenset({EntityKind.REGION.value, EntityKind.INDUSTRY_CHAIN.value})
_INWARD = (RelationKind.LOCATED_IN.value, RelationKind.PART_OF.value)


@dataclass(frozen=True)
class RegionScope:
    """A region and every entity located in it (its districts, parks and actors)."""

    id: str
    name: str
    level: str
    members: frozenset[str]  #: the region itself and everything located in it

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self.members

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "level": self.level,
                "members": len(self.members)}


def region_entity(store: GraphStore, name: str) -> Entity:
    """The Region a planner means by `name` (上虞 or 上虞区); economic regions are refused."""
    hierarchy = default_hierarchy()
    if hierarchy.level(name) == ECONOMIC:
        raise EntityNotFound(f"{name} is an economic region (a group of cities), not a place "
                             "actors are in: give one of its cities or districts")
    canon = hierarchy.canonical(name) or name
    regions = [e for e in store.find_entities(canon, limit=50) if e.kind is EntityKind.REGION]
    exact = [e for e in regions if canon in (e.name, *e.aliases) or name in (e.name, *e.aliases)]
    if not exact:
        raise EntityNotFound(f"no region named {name!r} in the store: `innograph stats "
                             "--format json` lists what it holds; give a city, district or "
                             "province the documents name")
    region = exact[0]
    if hierarchy.level(region.name) == ECONOMIC:
        raise EntityNotFound(f"{region.name} is an economic region (a group of cities), not a "
                             "place actors are in: give one of its cities or districts")
    return region


def region_scope(store: GraphStore, name: str) -> RegionScope:
    """The scope of the region `name`, read with the store's `located_within` query."""
    region = region_entity(store, name)
    inside = store.located_within(region.id)
    level = default_hierarchy().level(region.name) or ""
    return RegionScope(region.id, region.name, level, frozenset(inside | {region.id}))


def within_graph(graph: nx.MultiDiGraph, region_id: str) -> set[str]:
    """`GraphStore.located_within` on an exported graph (the same answer, no store)."""
    found, frontier = set(), {region_id}
    while frontier:
        nxt = set()
        for node in frontier:
            if node in graph:
                nxt.update(u for u, _, key in graph.in_edges(node, keys=True) if key in _INWARD)
        frontier = nxt - found - {region_id}
        found |= frontier
    return found


def actors_by_region(graph: nx.MultiDiGraph, hierarchy: RegionHierarchy | None = None
                     ) -> list[tuple[str, str, int]]:
    """(region id, name, number of actors inside) for every place of the graph, most
    actors first, then by name; economic regions are left out."""
    hierarchy = hierarchy or default_hierarchy()
    out = []
    for node, data in graph.nodes(data=True):
        if data.get("kind") != EntityKind.REGION.value:
            continue
        name = data.get("name", node)
        if hierarchy.level(name) == ECONOMIC:
            continue
        n = sum(1 for i in within_graph(graph, node)
                if graph.nodes[i].get("kind") not in NOT_ACTORS)
        out.append((node, name, n))
    out.sort(key=lambda row: (-row[2], row[1]))
    return out


def places_of(graph: nx.MultiDiGraph, node: str) -> list[str]:
    """The Region names an entity lies in (through LOCATED_IN and PART_OF, parks and
    parents on the way), nearest first."""
    out: list[str] = []
    seen, frontier = {node}, [node]
    while frontier:
        nxt = []
        for n in frontier:
            for _, target, key in graph.out_edges(n, keys=True):
                if key in _INWARD and target not in seen:
                    seen.add(target)
                    nxt.append(target)
                    if graph.nodes[target].get("kind") == EntityKind.REGION.value:
                        out.append(graph.nodes[target].get("name", target))
        frontier = sorted(nxt)
    return out


def actor_places(graph: nx.MultiDiGraph, node: str, mentions: Mapping[str, list] | None = None,
                 hierarchy: RegionHierarchy | None = None,
                 doc_places: Mapping[str, str] | None = None) -> list[str]:
    """Where an actor is: the places it is linked to (`places_of`); failing those, the
    places its name states (中科卫星应用德清研究院: 德清); failing those, the place the
    documents that mention it are about (`doc_places`: document id -> place)."""
    from graph.regions import places_named_in

    hierarchy = hierarchy or default_hierarchy()
    linked = [p for p in places_of(graph, node) if hierarchy.is_location(p)]
    if linked:
        return linked
    named = places_named_in(graph.nodes[node].get("name", ""), hierarchy)
    if named:
        return named
    out: list[str] = []
    for m in (mentions or {}).get(node, ()):
        place = (doc_places or {}).get(m.evidence.doc_id)
        if place and place not in out:
            out.append(place)
    return out


def nearest_tier(hierarchy: RegionHierarchy, target: str, places: Iterable[str]
                 ) -> tuple[int, int, str | None]:
    """(tier index, hierarchy distance, place) of the nearest of `places` to `target`;
    economic regions do not count as places."""
    from graph.regions import TIERS

    best: tuple[int, int, str | None] = (len(TIERS), 99, None)
    known = [p for p in places if hierarchy.is_location(p) and hierarchy.canonical(p)]
    # the most specific places only: 海宁, not also the 嘉兴 that contains it
    wider = {a for p in known for a in hierarchy.ancestors(p, set(known))}
    for place in known:
        if place in wider:
            continue
        tier = TIERS.index(hierarchy.tier(target, place))
        distance = hierarchy.distance(target, place)
        key = (tier, 99 if distance is None else distance, place)
        best = min(best, key)
    return best


def in_scope(ids: Iterable[str], scope: RegionScope | None) -> list[str]:
    """`ids` that lie in the scope (all of them without one)."""
    return list(ids) if scope is None else [i for i in ids if i in scope]


def evidence_of(mentions: Mapping[str, list], entity_id: str) -> dict | None:
    """The first evidence sentence of an entity, as {doc_id, sentence}."""
    found = mentions.get(entity_id) or []
    if not found:
        return None
    ev = found[0].evidence
    return {"doc_id": ev.doc_id, "sentence": ev.sentence}
