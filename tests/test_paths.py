"""graph.analytics.paths: shortest link paths with their relations."""
from __future__ import annotations

import pytest

from graph.analytics import link_paths
from graph.errors import EntityNotFound
from tests.analytics_graphs import graph, textile


def test_paths_follow_relations_either_way():
    (p,) = link_paths(textile(), "Enterprise:某印染公司", "Institute:纺织研究院")
    assert p.nodes == ("Enterprise:某印染公司", "Park:柯桥高新区", "Region:柯桥", "Institute:纺织研究院")
    assert [(s.relation, s.forward) for s in p.steps] == [
        ("LOCATED_IN", True), ("LOCATED_IN", True), ("LOCATED_IN", False)]
    assert p.render({"Enterprise:某印染公司": "某印染公司", "Park:柯桥高新区": "柯桥高新区",
                     "Region:柯桥": "柯桥", "Institute:纺织研究院": "纺织研究院"}) == (
        "某印染公司 -[LOCATED_IN]-> 柯桥高新区 -[LOCATED_IN]-> 柯桥 <-[LOCATED_IN]- 纺织研究院")


def test_paths_several_shortest_and_limit():
    g = graph([("Region", "A"), ("Park", "B"), ("Park", "C"), ("Region", "D")],
              [("Region:A", "COOPERATES_WITH", "Park:B"), ("Region:A", "COOPERATES_WITH", "Park:C"),
               ("Park:B", "LOCATED_IN", "Region:D"), ("Park:C", "LOCATED_IN", "Region:D"),
               ("Park:B", "PART_OF", "Region:D")])
    paths = link_paths(g, "Region:A", "Region:D", limit=5)
    assert [p.nodes[1] for p in paths] == ["Park:B", "Park:B", "Park:C"]
    assert [p.steps[1].relation for p in paths] == ["LOCATED_IN", "PART_OF", "LOCATED_IN"]
    assert len(link_paths(g, "Region:A", "Region:D", limit=1)) == 1


def test_paths_disconnected_and_same_node():
    g = textile()
    assert link_paths(g, "Institute:远方研究院", "Region:柯桥") == []
    (p,) = link_paths(g, "Region:柯桥", "Region:柯桥")
    assert p.nodes == ("Region:柯桥",) and p.steps == ()


def test_paths_unknown_node_raises():
    with pytest.raises(EntityNotFound):
        link_paths(textile(), "Region:柯桥", "Region:火星")
