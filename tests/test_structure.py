"""graph.analytics.structure: hubs, brokers, communities, isolated."""
from __future__ import annotations

import networkx as nx

from graph.analytics import brokers, communities, hubs, isolated
from tests.analytics_graphs import textile


def test_structure_hubs_by_degree():
    # of 6 others, the park has 3 neighbours; the institute and 柯桥 2 each (tie by id)
    top = hubs(textile(), top=3)
    assert [(r.id, r.score) for r in top] == [("Park:柯桥高新区", 0.5),
                                              ("Institute:纺织研究院", 0.3333), ("Region:柯桥", 0.3333)]
    assert top[0].name == "柯桥高新区" and top[0].kind == "Park"


def test_structure_brokers_by_betweenness():
    # the chain 印染公司-高新区-柯桥-研究院-大学 (+ 现代纺织 hanging off the park)
    top = brokers(textile(), top=2)
    assert [r.id for r in top] == ["Park:柯桥高新区", "Region:柯桥"]


def test_structure_multi_edges_count_once():
    g = nx.MultiDiGraph()
    g.add_edge("a", "b", key="X")
    g.add_edge("a", "b", key="Y")
    g.add_edge("c", "a", key="X")
    assert [(r.id, r.score) for r in hubs(g, top=1)] == [("a", 1.0)]


def test_structure_communities_are_deterministic():
    g = textile()
    first = communities(g, seed=7)
    assert first == communities(g, seed=7)
    assert sorted(m for c in first for m in c.members) == sorted(g.nodes)
    assert ("Institute:远方研究院",) in [c.members for c in first]


def test_structure_isolated():
    assert isolated(textile()) == ["Institute:远方研究院"]


def test_structure_empty_graph():
    g = nx.MultiDiGraph()
    assert hubs(g) == [] and brokers(g) == [] and communities(g) == [] and isolated(g) == []
