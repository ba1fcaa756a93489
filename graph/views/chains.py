"""Industry chains, their gaps and candidate partners, and link paths between two actors.

Thin adapters over `graph.analytics`: they take the graph and its chain links from the
store's snapshot (`graph.views.snapshot`: built once per revision) and shape the results
the chain, gap and partner pages draw.
"""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from graph.errors import EntityNotFound
from graph.model import EntityKind, RelationKind
from graph.stores import GraphStore
from graph.views.snapshot import Snapshot, fresh, induced, snapshot

#: capability columns whose actors are a chain's research partners
RESEARCH_CAPABILITIES = ("research", "lab")


@dataclass(frozen=True)
class ChainFlow:
    """A link from a chain to one research partner serving it (one Sankey band)."""

    chain: str  #: taxonomy chain id
    chain_name: str
    partner_id: str
    partner_name: str
    partner_kind: EntityKind


@dataclass(frozen=True)
class SegmentFlow:
    """One band of a chain's Sankey: stage -> segment -> actor (no actor: an empty segment)."""

    stage: str  #: upstream / midstream / downstream (the taxonomy's stage id)
    segment: str  #: segment id
    segment_name: str
    segment_name_en: str
    actor_id: str | None
    actor_name: str
    actor_kind: EntityKind | None


@dataclass(frozen=True)
class PathView:
    """The shortest link paths between two entities and the graph they span."""

    paths: tuple  #: `graph.analytics.Path`, shortest first
    graph: nx.MultiDiGraph
    names: dict[str, str]  #: entity id -> name, for every node on a path


def chain_reports(store: GraphStore, chain: str | None = None, *,
                  present_only: bool = True) -> list:
    """Per-chain reports (`graph.analytics.ChainReport`), chains with actors first.

    With `present_only`, chains no entity in the store serves are left out.
    """
    from graph.analytics import chain_gaps

    snap = snapshot(store)
    links = snap.chains
    reports = chain_gaps(snap.graph, links.taxonomy, chain=chain, links=links)
    if present_only:
        reports = [r for r in reports if any(r.actors.values())]
    return sorted(reports, key=lambda r: (-_actor_count(r), r.chain))


def _actor_count(report) -> int:
    return len({a for ids in report.actors.values() for a in ids})


def featured_chain(reports: list):
    """The chain that tells the fullest story: most actors placed in segments, then most
    actors, then the best coverage (None for no reports)."""
    def placed(r) -> int:
        return len({a for seg in r.segments for ids in seg.actors.values() for a in ids})
    return max(reports, key=lambda r: (placed(r), _actor_count(r), r.coverage, r.chain),
               default=None)


#: links that place a chain's actors: where they sit and whom they belong to
CONTEXT_RELATIONS = (RelationKind.LOCATED_IN, RelationKind.PART_OF, RelationKind.AFFILIATED_WITH)


def chain_graph(store: GraphStore, report, *, context: bool = True) -> nx.MultiDiGraph:
    """The chain's actors, the IndustryChain entities standing for it, and their links;
    with `context`, also the regions, parks and parent bodies the actors are linked to."""
    from graph.views.explorer import industry_chain_nodes

    snap = snapshot(store)
    graph = snap.graph
    actors = {a for ids in report.actors.values() for a in ids if a in graph}
    ids = actors | industry_chain_nodes(snap).get(report.chain, set())
    if context:
        ids |= _context_of(graph, actors)
    return induced(graph, ids)


def _context_of(graph: nx.MultiDiGraph, actors: set[str]) -> set[str]:
    """The entities the actors are LOCATED_IN, PART_OF or AFFILIATED_WITH (either way)."""
    kinds = {k.value for k in CONTEXT_RELATIONS}
    found = set()
    for adjacency in (graph.succ, graph.pred):
        for a in actors:
            found.update(other for other, keys in adjacency[a].items()
                         if not kinds.isdisjoint(keys))
    return found


def segment_flows(store: GraphStore, report) -> list[SegmentFlow]:
    """The chosen chain's segments, upstream to downstream as the taxonomy orders them,
    each with the actors placed in it (actors by name); an empty segment has one flow
    without an actor, so the picture shows where the chain is thin."""
    nodes = snapshot(store).graph.nodes
    flows = []
    for seg in report.segments:
        actors = sorted({a for ids in seg.actors.values() for a in ids if a in nodes},
                        key=lambda a: nodes[a]["name"])
        for a in actors or [None]:
            flows.append(SegmentFlow(seg.stage, seg.id, seg.name, seg.name_en or seg.name, a,
                                     nodes[a]["name"] if a else "",
                                     EntityKind(nodes[a]["kind"]) if a else None))
    return flows


def chain_flows(store: GraphStore, reports: list) -> list[ChainFlow]:
    """Chain -> research partner links for a Sankey, in report then partner-name order."""
    nodes = snapshot(store).graph.nodes
    flows = []
    for r in reports:
        partners = {a for cap in RESEARCH_CAPABILITIES for a in r.actors.get(cap, ())}
        for pid in sorted(partners, key=lambda p: (nodes[p]["name"] if p in nodes else p)):
            if pid in nodes:
                data = nodes[pid]
                flows.append(ChainFlow(r.chain, r.name, pid, data["name"],
                                       EntityKind(data["kind"])))
    return flows


def gap_matrix(reports: list) -> list[dict]:
    """The chain x capability matrix rows (see `graph.analytics.capability_matrix`)."""
    from graph.analytics import capability_matrix

    return capability_matrix(reports)


def gap_candidates(store: GraphStore, chain: str, *, top: int = 5) -> list:
    """Candidate partners (`graph.analytics.PartnerSuggestion`) to close a chain's gaps.

    Empty when no entity of the graph serves the chain.
    """
    snap = snapshot(store)
    try:  # once per chain and revision: a chain's 2-hop neighbourhood is large
        return list(snap.memo(("gap_candidates", chain, top),
                              lambda: tuple(_partners(snap, chain, top))))
    except EntityNotFound:
        return []


def partner_candidates(store: GraphStore, entity_id: str, *, top: int = 10) -> list:
    """Ranked candidate partners for an actor, with reasons (raises EntityNotFound)."""
    store.get_entity(entity_id)
    return _partners(snapshot(store), entity_id, top)


def _partners(snap: Snapshot, source_id: str, top: int) -> list:
    """`recommend_partners` on the snapshot's graph and chain links."""
    from graph.analytics import recommend_partners

    links = snap.chains
    return recommend_partners(snap.graph, source_id, links.taxonomy, top=top, links=links)


def path_between(store: GraphStore, a_id: str, b_id: str, *, limit: int = 3) -> PathView:
    """Up to `limit` shortest paths between two entities and the subgraph they cover."""
    from graph.analytics import link_paths

    store.get_entity(a_id)
    store.get_entity(b_id)
    full = snapshot(store).graph
    paths = link_paths(full, a_id, b_id, limit=limit)
    nodes = {n for p in paths for n in p.nodes} or {a_id, b_id}
    sub = nx.MultiDiGraph()
    for n in nodes:
        sub.add_node(n, **fresh(full.nodes[n]))
    for p in paths:
        for step in p.steps:
            u, v = (step.source, step.target) if step.forward else (step.target, step.source)
            sub.add_edge(u, v, key=step.relation, kind=step.relation)
    return PathView(tuple(paths), sub, {n: full.nodes[n].get("name", n) for n in nodes})
