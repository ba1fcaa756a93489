"""Industry chains, their gaps and candidate partners, and link paths between two actors.

Thin adapters over `graph.analytics`: they pick the taxonomy, export the graph once and
shape the results the chain, gap and partner pages draw.
"""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from graph.errors import EntityNotFound
from graph.model import EntityKind, RelationKind
from graph.store import GraphStore

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
    from graph.analytics import chain_gaps, default_taxonomy

    reports = chain_gaps(store, default_taxonomy(), chain=chain)
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
    from graph.views.explorer import chain_key

    actors = {a for ids in report.actors.values() for a in ids}
    ids = actors | {e.id for e in store.entities(kinds=[EntityKind.INDUSTRY_CHAIN])
                    if chain_key(e) == report.chain}
    if context and actors:
        for r in store.relations(kinds=CONTEXT_RELATIONS, touching=actors):
            ids.update((r.source_id, r.target_id))
    return store.to_networkx(ids=ids)


def chain_flows(store: GraphStore, reports: list) -> list[ChainFlow]:
    """Chain -> research partner links for a Sankey, in report then partner-name order."""
    ids = {a for r in reports for cap in RESEARCH_CAPABILITIES for a in r.actors.get(cap, ())}
    entities = {e.id: e for e in store.entities(ids=ids)} if ids else {}
    flows = []
    for r in reports:
        partners = {a for cap in RESEARCH_CAPABILITIES for a in r.actors.get(cap, ())}
        for pid in sorted(partners, key=lambda p: (entities[p].name if p in entities else p)):
            if pid in entities:
                e = entities[pid]
                flows.append(ChainFlow(r.chain, r.name, pid, e.name, e.kind))
    return flows


def gap_matrix(reports: list) -> list[dict]:
    """The chain x capability matrix rows (see `graph.analytics.capability_matrix`)."""
    from graph.analytics import capability_matrix

    return capability_matrix(reports)


def gap_candidates(store: GraphStore, chain: str, *, top: int = 5) -> list:
    """Candidate partners (`graph.analytics.PartnerSuggestion`) to close a chain's gaps.

    Empty when no entity of the graph serves the chain.
    """
    from graph.analytics import default_taxonomy, recommend_partners
    from graph.analytics.chains import mention_clauses

    try:
        return recommend_partners(store.to_networkx(), chain, default_taxonomy(), top=top,
                                  mentions=mention_clauses(store))
    except EntityNotFound:
        return []


def partner_candidates(store: GraphStore, entity_id: str, *, top: int = 10) -> list:
    """Ranked candidate partners for an actor, with reasons (raises EntityNotFound)."""
    from graph.analytics import default_taxonomy, recommend_partners
    from graph.analytics.chains import mention_clauses

    store.get_entity(entity_id)
    return recommend_partners(store.to_networkx(), entity_id, default_taxonomy(), top=top,
                              mentions=mention_clauses(store))


def path_between(store: GraphStore, a_id: str, b_id: str, *, limit: int = 3) -> PathView:
    """Up to `limit` shortest paths between two entities and the subgraph they cover."""
    from graph.analytics import link_paths

    store.get_entity(a_id)
    store.get_entity(b_id)
    full = store.to_networkx()
    paths = link_paths(full, a_id, b_id, limit=limit)
    nodes = {n for p in paths for n in p.nodes} or {a_id, b_id}
    sub = nx.MultiDiGraph()
    for n in nodes:
        sub.add_node(n, **full.nodes[n])
    for p in paths:
        for step in p.steps:
            u, v = (step.source, step.target) if step.forward else (step.target, step.source)
            sub.add_edge(u, v, key=step.relation, kind=step.relation)
    return PathView(tuple(paths), sub, {n: full.nodes[n].get("name", n) for n in nodes})
