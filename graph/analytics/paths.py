"""Shortest link paths between two entities, with the relation kinds along them."""
from __future__ import annotations

import itertools
from dataclasses import dataclass

import networkx as nx

from graph.errors import EntityNotFound


@dataclass(frozen=True)
class PathStep:
    """One hop: from -> to over a relation, `forward` when stored in that direction."""

    source: str
    target: str
    relation: str
    forward: bool

    def arrow(self) -> str:
        """``-[KIND]->`` or ``<-[KIND]-`` as the relation is stored."""
        return f"-[{self.relation}]->" if self.forward else f"<-[{self.relation}]-"


@dataclass(frozen=True)
class Path:
    """A path as its node ids and its steps."""

    nodes: tuple[str, ...]
    steps: tuple[PathStep, ...]

    def render(self, names=None) -> str:
        """``浙江大学 <-[AFFILIATED_WITH]- 浙江大学绍兴研究院 -[LOCATED_IN]-> 绍兴``."""
        names = names or {}
        out = [names.get(self.nodes[0], self.nodes[0])]
        for step in self.steps:
            out += [step.arrow(), names.get(step.target, step.target)]
        return " ".join(out)


def link_paths(graph: nx.MultiDiGraph, a_id: str, b_id: str, *, limit: int = 3) -> list[Path]:
    """The shortest link paths from `a_id` to `b_id`, ignoring direction.

    Paths are found on the undirected view (``graph.to_undirected(as_view=True)``) with
    `networkx.all_shortest_paths`, so only paths of the minimal length are returned;
    each step names the relation kinds stored between its two ends (one step per kind
    when two entities are linked several ways) and whether it runs along the stored
    direction.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        As exported by ``GraphStore.to_networkx()``.
    a_id, b_id : str
        Entity ids.
    limit : int
        At most this many paths, in a deterministic order (by node ids, then relations).

    Returns
    -------
    list of Path
        Empty when the two are not connected; one path of no step when ``a_id == b_id``.

    Raises
    ------
    EntityNotFound
        When either id is not in the graph.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("Institute:浙大绍兴研究院", "University:浙江大学", key="AFFILIATED_WITH")
    >>> _ = g.add_edge("Institute:浙大绍兴研究院", "Region:绍兴", key="LOCATED_IN")
    >>> (p,) = link_paths(g, "University:浙江大学", "Region:绍兴")
    >>> p.render()
    'University:浙江大学 <-[AFFILIATED_WITH]- Institute:浙大绍兴研究院 -[LOCATED_IN]-> Region:绍兴'
    """
    for node in (a_id, b_id):
        if node not in graph:
            raise EntityNotFound(f"{node!r} is not in the graph: look names up with "
                                 "`innograph partners NAME` or GraphStore.find_entities")
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    if a_id == b_id:
        return [Path((a_id,), ())]
    undirected = graph.to_undirected(as_view=True)
    try:
        node_paths = sorted(nx.all_shortest_paths(undirected, a_id, b_id))
    except nx.NetworkXNoPath:
        return []
    out: list[Path] = []
    for nodes in node_paths:
        options = [_steps(graph, u, v) for u, v in itertools.pairwise(nodes)]
        for combo in itertools.product(*options):
            out.append(Path(tuple(nodes), tuple(combo)))
            if len(out) >= limit:
                return out
    return out


def _steps(graph: nx.MultiDiGraph, u: str, v: str) -> list[PathStep]:
    steps = []
    for a, b, forward in ((u, v, True), (v, u, False)):
        data = graph.get_edge_data(a, b) or {}
        kinds = data.keys() if graph.is_multigraph() else [data.get("kind", "")]
        steps += [PathStep(u, v, str(k), forward) for k in kinds]
    return sorted(steps, key=lambda s: (s.relation, not s.forward))
