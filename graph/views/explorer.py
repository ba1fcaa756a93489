"""The explorer's subgraph: filters by type, region, chain, level and document, k-hop expansion."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import islice

import networkx as nx

from graph.model import Document, Entity, EntityKind, RelationKind
from graph.stores import GraphStore
from graph.views.documents import mentions_in_document
from graph.views.snapshot import Snapshot, detached, snapshot

LEVELS = ("national", "provincial", "municipal")


@dataclass(frozen=True)
class GraphFilter:
    """What the explorer shows; an empty tuple means "no restriction"."""

    kinds: tuple[EntityKind, ...] = ()
    regions: tuple[str, ...] = ()  #: Region entity ids: actors located in them (and the regions)
    chains: tuple[str, ...] = ()  #: chain keys (see `chain_key`): actors focusing on them
    levels: tuple[str, ...] = ()  #: national / provincial / municipal
    documents: tuple[str, ...] = ()  #: document ids: entities mentioned in them
    centre: str | None = None  #: expand around this entity
    hops: int = 1  #: how far to expand around `centre`
    max_nodes: int = 500  #: keep the best-connected nodes beyond this


@dataclass(frozen=True)
class FilterOptions:
    """The values the explorer's filters can take in this store."""

    kinds: dict[EntityKind, int]  #: kinds present, with their counts
    regions: tuple[Entity, ...]
    chains: tuple[tuple[str, str], ...]  #: (chain key, display name)
    levels: tuple[str, ...]
    documents: tuple[Document, ...]


@dataclass(frozen=True)
class ExplorerGraph:
    """The graph to draw and how much of the match it holds."""

    graph: nx.MultiDiGraph
    matched: int  #: nodes that matched the filters before the `max_nodes` cap

    @property
    def truncated(self) -> bool:
        return self.matched > self.graph.number_of_nodes()


def chain_key(entity: Entity) -> str:
    """The chain an IndustryChain entity stands for: its taxonomy id, else its name."""
    return dict(entity.attrs).get("chain") or entity.name


def industry_chain_nodes(snap: Snapshot) -> Mapping[str, frozenset[str]]:
    """Chain key (see `chain_key`) -> the IndustryChain nodes standing for it, once per
    snapshot."""
    def compute() -> dict[str, frozenset[str]]:
        found: dict[str, set[str]] = {}
        for node, data in snap.graph.nodes(data=True):
            if data.get("kind") == EntityKind.INDUSTRY_CHAIN.value:
                found.setdefault(data.get("chain") or data["name"], set()).add(node)
        return {key: frozenset(ids) for key, ids in found.items()}
    return snap.memo("industry_chain_nodes", compute)


def filter_options(store: GraphStore) -> FilterOptions:
    """The kinds, regions, chains, levels and documents present in the store."""
    entities = store.entities()
    kinds: dict[EntityKind, int] = {}
    for e in entities:
        kinds[e.kind] = kinds.get(e.kind, 0) + 1
    kinds = {k: kinds[k] for k in EntityKind if k in kinds}
    regions = tuple(sorted((e for e in entities if e.kind is EntityKind.REGION),
                           key=lambda e: e.name))
    chains: dict[str, str] = {}
    for e in sorted(entities, key=lambda e: (len(e.name), e.name)):
        if e.kind is EntityKind.INDUSTRY_CHAIN:
            chains.setdefault(chain_key(e), e.name)
    levels = tuple(lv for lv in LEVELS if any(e.level == lv for e in entities))
    return FilterOptions(kinds, regions, tuple(sorted(chains.items(), key=lambda kv: kv[1])),
                         levels, tuple(store.documents()))


def explore(store: GraphStore, flt: GraphFilter = GraphFilter()) -> ExplorerGraph:
    """The subgraph matching every filter, expanded `hops` around the centre, capped.

    Filters combine with AND; inside one filter the values combine with OR. With a
    centre, the centre's `hops` neighbourhood is taken first and then filtered (the
    centre itself always stays). The cap keeps the nodes with the most links.
    """
    snap = snapshot(store)
    full = snap.graph
    keep = set(full.nodes)
    if flt.centre is not None:
        if flt.centre not in full:
            store.get_entity(flt.centre)  # raises EntityNotFound with its remedy
        undirected = full.to_undirected(as_view=True)
        keep = set(nx.single_source_shortest_path_length(undirected, flt.centre,
                                                         cutoff=max(flt.hops, 0)))
    nodes = full.nodes
    if flt.kinds:
        kinds = set(flt.kinds)
        keep = {n for n in keep if EntityKind(nodes[n]["kind"]) in kinds}
    if flt.levels:
        keep = {n for n in keep if (nodes[n]["level"] or None) in flt.levels}
    if flt.regions:
        keep &= _in_regions(full, set(flt.regions))
    if flt.chains:
        keep &= _on_chains(full, industry_chain_nodes(snap), set(flt.chains))
    if flt.documents:
        mentioned: set[str] = set()
        for doc_id in flt.documents:
            mentioned |= set(mentions_in_document(store, doc_id))
        keep &= mentioned
    if flt.centre is not None:
        keep.add(flt.centre)
    matched = len(keep)
    if matched > flt.max_nodes:
        keep = set(_best_connected(snap, keep, flt.centre, max(flt.max_nodes, 1)))
    return ExplorerGraph(detached(full.subgraph(keep)), matched)


def _best_connected(snap: Snapshot, keep: set[str], centre: str | None,
                    limit: int) -> list[str]:
    """The centre (always in `keep` when given), then the `limit` nodes of `keep` with
    the most links in the whole graph, ties by id."""
    order = snap.memo("by_degree", lambda: _by_degree(snap.graph))
    first = [centre] if centre is not None else []
    rest = (n for n in order if n in keep and n != centre)
    return first + list(islice(rest, limit - len(first)))


def _by_degree(graph: nx.MultiDiGraph) -> tuple[str, ...]:
    degree = dict(graph.degree())
    return tuple(sorted(graph, key=lambda n: (-degree[n], n)))


def _in_regions(g: nx.MultiDiGraph, regions: set[str]) -> set[str]:
    """The regions, what is located in them, and what is part of those (parks in parks)."""
    found = set(regions)
    frontier = set(regions)
    while frontier:
        nxt = set()
        for node in frontier:
            for src, _, kind in g.in_edges(node, keys=True):
                if kind in (RelationKind.LOCATED_IN.value, RelationKind.PART_OF.value) \
                        and src not in found:
                    nxt.add(src)
        found |= nxt
        frontier = nxt
    return found


def _on_chains(g: nx.MultiDiGraph, by_chain: Mapping[str, frozenset[str]],
               chains: set[str]) -> set[str]:
    """The IndustryChain entities of these chains and the actors focusing on them."""
    found = {n for key in chains for n in by_chain.get(key, ())}
    for node in list(found):
        for src, _, kind in g.in_edges(node, keys=True):
            if kind == RelationKind.FOCUSES_ON.value:
                found.add(src)
    return found
