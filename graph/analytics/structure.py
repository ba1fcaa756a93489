"""Structure of the ecosystem: hubs, brokers, communities, isolated actors.

All four view the graph undirected and as a simple graph (parallel relations between
two entities count once), which is what "who is connected to whom" asks.
"""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx


@dataclass(frozen=True)
class Ranked:
    """An entity and its centrality score."""

    id: str
    name: str
    kind: str
    score: float


@dataclass(frozen=True)
class Community:
    """A Louvain community: its members, sorted."""

    index: int
    members: tuple[str, ...]


def _simple(graph: nx.Graph) -> nx.Graph:
    if not isinstance(graph, nx.Graph):
        raise TypeError(f"expected a networkx graph, not {type(graph).__name__}")
    return nx.Graph(graph.to_undirected(as_view=True)) if graph.is_directed() or \
        graph.is_multigraph() else graph


def _ranked(graph: nx.Graph, scores: dict[str, float], top: int) -> list[Ranked]:
    if top < 1:
        raise ValueError(f"top must be at least 1, not {top}")
    order = sorted(scores.items(), key=lambda kv: (-round(kv[1], 9), kv[0]))[:top]
    return [Ranked(n, graph.nodes[n].get("name", n), graph.nodes[n].get("kind", ""),
                   round(s, 4)) for n, s in order]


def hubs(graph: nx.MultiDiGraph, *, top: int = 10) -> list[Ranked]:
    """The best-connected entities by degree centrality (undirected, simple).

    Examples
    --------
    >>> g = nx.MultiDiGraph([("A", "hub"), ("B", "hub"), ("C", "hub"), ("C", "B")])
    >>> [(r.id, r.score) for r in hubs(g, top=2)]
    [('hub', 1.0), ('B', 0.6667)]
    """
    simple = _simple(graph)
    return _ranked(graph, nx.degree_centrality(simple), top)


def brokers(graph: nx.MultiDiGraph, *, top: int = 10) -> list[Ranked]:
    """Entities that sit on the shortest paths between others: betweenness centrality
    (normalised, undirected, simple). Entities with betweenness 0 are left out.

    Examples
    --------
    >>> g = nx.MultiDiGraph([("A", "bridge"), ("bridge", "B")])
    >>> [(r.id, r.score) for r in brokers(g)]
    [('bridge', 1.0)]
    """
    simple = _simple(graph)
    scores = {n: s for n, s in nx.betweenness_centrality(simple).items() if s > 0}
    return _ranked(graph, scores, top)


def communities(graph: nx.MultiDiGraph, *, seed: int = 42) -> list[Community]:
    """Louvain communities (`networkx.community.louvain_communities`), largest first,
    then by first member; isolated entities form communities of one.

    Examples
    --------
    >>> g = nx.MultiDiGraph([("a1", "a2"), ("a2", "a3"), ("a3", "a1"),
    ...                      ("b1", "b2"), ("b2", "b3"), ("b3", "b1"), ("a1", "b1")])
    >>> [c.members for c in communities(g)]
    [('a1', 'a2', 'a3'), ('b1', 'b2', 'b3')]
    """
    simple = _simple(graph)
    if simple.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(simple, seed=seed)
    groups = sorted((tuple(sorted(c)) for c in found), key=lambda m: (-len(m), m))
    return [Community(i, m) for i, m in enumerate(groups)]


def isolated(graph: nx.MultiDiGraph) -> list[str]:
    """Entities with no relation at all, sorted.

    Examples
    --------
    >>> g = nx.MultiDiGraph([("a", "b")]); g.add_node("alone")
    >>> isolated(g)
    ['alone']
    """
    return sorted(nx.isolates(graph))
