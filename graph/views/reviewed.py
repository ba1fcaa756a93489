"""The part of a graph a planner has checked: for a demo limited to reviewed facts."""
from __future__ import annotations

import networkx as nx

from graph.curation.rules import Curation
from graph.model import Entity, EntityKind, Relation


def reviewed_only(g: nx.MultiDiGraph, curation: Curation) -> nx.MultiDiGraph:
    """The reviewed relations with their ends, and the reviewed entities."""
    keep = nx.MultiDiGraph()
    for node, data in g.nodes(data=True):
        entity = Entity(id=node, kind=EntityKind(data["kind"]), name=data["name"])
        if curation.is_reviewed_entity(entity):
            keep.add_node(node, **data)
    for source, target, kind in g.edges(keys=True):
        if curation.is_reviewed_relation(Relation.make(source, kind, target)):
            for node in (source, target):
                keep.add_node(node, **g.nodes[node])
            keep.add_edge(source, target, key=kind, **g.edges[source, target, kind])
    return keep
