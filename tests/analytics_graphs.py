"""Tiny hand-built networkx ecosystems for the analytics tests (answers on paper)."""
from __future__ import annotations

import networkx as nx


def graph(nodes: list[tuple[str, str]], edges: list[tuple[str, str, str]]) -> nx.MultiDiGraph:
    """Nodes as (kind, name) -> id "kind:name"; edges as (source id, KIND, target id)."""
    g = nx.MultiDiGraph()
    for kind, name in nodes:
        g.add_node(f"{kind}:{name}", kind=kind, name=name, aliases=[])
    for u, kind, v in edges:
        g.add_edge(u, v, key=kind, kind=kind)
    return g


def textile() -> nx.MultiDiGraph:
    """A textile cluster in 柯桥: 5 actors, a chain and a region.

    印染公司 LOCATED_IN 柯桥高新区 FOCUSES_ON 现代纺织; 纺织研究院 (name: 纺织) is
    AFFILIATED_WITH 某大学 and LOCATED_IN 柯桥; 柯桥高新区 LOCATED_IN 柯桥.
    """
    return graph(
        [("Enterprise", "某印染公司"), ("Park", "柯桥高新区"), ("IndustryChain", "现代纺织"),
         ("Institute", "纺织研究院"), ("University", "某大学"), ("Region", "柯桥"),
         ("Institute", "远方研究院")],
        [("Enterprise:某印染公司", "LOCATED_IN", "Park:柯桥高新区"),
         ("Park:柯桥高新区", "FOCUSES_ON", "IndustryChain:现代纺织"),
         ("Park:柯桥高新区", "LOCATED_IN", "Region:柯桥"),
         ("Institute:纺织研究院", "AFFILIATED_WITH", "University:某大学"),
         ("Institute:纺织研究院", "LOCATED_IN", "Region:柯桥")])
