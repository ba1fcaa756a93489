"""A readable overview of a big graph: actors grouped by type × region, the top nodes kept.

Beyond `OVERVIEW_MIN_NODES` nodes a drawn graph becomes a hairball. The overview keeps
the `top` best-connected nodes as themselves and folds every other node into one
cluster node per (type, region it is located in); actors alone of their type in their
region (fewer than `MIN_GROUP`) share one group per type ("其他地区"), and a group of
one stays a node.
Clusters named in `expanded` are opened: their members are drawn instead. Edges between
two drawn nodes are bundled into one (of the kind most of them have, with their count
as ``weight``).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import networkx as nx

from graph.model import EntityKind, RelationKind

CLUSTER_PREFIX = "cluster:"
OVERVIEW_MIN_NODES = 60  #: smaller graphs are drawn as they are
TOP_NODES = 12  #: best-connected nodes kept (and labelled) in the overview
MIN_GROUP = 3  #: smaller type × region groups join their type's "other regions" group
NO_REGION = "未定位"  #: the region of actors located nowhere known
OTHER_REGIONS = "其他地区"  #: the group of actors alone of their type in their region
#: kinds grouped by type alone: a region or an industry is not "located" anywhere useful
_PLACELESS = {EntityKind.REGION.value, EntityKind.INDUSTRY_CHAIN.value}


def is_cluster(node: str | None) -> bool:
    """Whether a node id names a cluster of the overview."""
    return isinstance(node, str) and node.startswith(CLUSTER_PREFIX)


def cluster_id(kind: str, region: str) -> str:
    return f"{CLUSTER_PREFIX}{kind}|{region}"


def _region_of(g: nx.MultiDiGraph, node: str) -> str:
    """The name of the first region (by name) the node is LOCATED_IN, else `NO_REGION`."""
    names = sorted(g.nodes[t].get("name", t) for _, t, k in g.out_edges(node, keys=True)
                   if k == RelationKind.LOCATED_IN.value
                   and g.nodes[t].get("kind") == EntityKind.REGION.value)
    return names[0] if names else NO_REGION


def overview_graph(g: nx.MultiDiGraph, *, expanded: Iterable[str] = (), top: int = TOP_NODES,
                   min_nodes: int = OVERVIEW_MIN_NODES) -> nx.MultiDiGraph:
    """`g` folded into type × region clusters around its `top` nodes (see the module).

    Each cluster node has the attributes ``kind`` (its members' type), ``name``
    ("region（n）", or "n 个" for regions and industries, grouped by type alone), ``region``, ``cluster`` (True) and ``members`` (their ids, sorted);
    kept nodes keep their attributes, with ``top`` True for the labelled ones. A graph
    of fewer than `min_nodes` nodes comes back unchanged.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("r", kind="Region", name="绍兴")
    >>> for i in range(5):
    ...     g.add_node(f"e{i}", kind="Enterprise", name=f"企业{i}")
    ...     _ = g.add_edge(f"e{i}", "r", key="LOCATED_IN")
    >>> o = overview_graph(g, top=1, min_nodes=3)
    >>> sorted(o.nodes)
    ['cluster:Enterprise|绍兴', 'r']
    >>> o.nodes["cluster:Enterprise|绍兴"]["name"], len(o.edges)
    ('绍兴（5）', 1)
    >>> len(overview_graph(g, top=1, min_nodes=3, expanded=["cluster:Enterprise|绍兴"]))
    6
    """
    if g.number_of_nodes() < min_nodes:
        return g
    expanded = set(expanded)
    degree = dict(g.degree())
    ranked = sorted(g, key=lambda n: (-degree[n], n))
    kept = set(ranked[:top])
    groups: dict[str, list[str]] = {}
    for node in ranked[top:]:
        kind = g.nodes[node].get("kind", "")
        region = "" if kind in _PLACELESS else _region_of(g, node)
        groups.setdefault(cluster_id(kind, region), []).append(node)
    # the actors alone in their region: one group per type ("other regions") instead
    for cid in [c for c, members in groups.items()
                if len(members) < MIN_GROUP and not c.endswith("|")]:
        kind = cid[len(CLUSTER_PREFIX):].split("|", 1)[0]
        groups.setdefault(cluster_id(kind, OTHER_REGIONS), []).extend(groups.pop(cid))
    where: dict[str, str] = {n: n for n in kept}
    out = nx.MultiDiGraph()
    for node in kept:
        out.add_node(node, **g.nodes[node], top=True)
    for cid, members in groups.items():
        if len(members) == 1 or cid in expanded:
            for m in members:
                where[m] = m
                out.add_node(m, **g.nodes[m], top=False)
            continue
        kind, region = cid[len(CLUSTER_PREFIX):].split("|", 1)
        label = f"{region}（{len(members)}）" if region else f"{len(members)} 个"
        out.add_node(cid, kind=kind, name=label, region=region,
                     cluster=True, members=tuple(sorted(members)))
        for m in members:
            where[m] = cid
    # one edge per pair of drawn nodes, of the kind most of its links have: a bundle
    kinds: dict[tuple[str, str], Counter] = {}
    for u, v, key in g.edges(keys=True):
        a, b = where[u], where[v]
        if a != b:
            kinds.setdefault((a, b), Counter())[key] += 1
    for (a, b), counted in sorted(kinds.items()):
        key = max(sorted(counted), key=counted.get)
        out.add_edge(a, b, key=key, weight=sum(counted.values()))
    return out
