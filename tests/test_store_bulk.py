"""The bulk and pushed-down helpers agree with the ABC's plain versions, on each store."""
from __future__ import annotations

import networkx as nx
import pytest

from graph.model import EntityKind, RelationKind, entity_id
from graph.stores import GraphStore
from tests.graph_factory import doc_graph, ecosystem

K, R = EntityKind, RelationKind


def _same_graph(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> bool:
    return (dict(a.nodes(data=True)) == dict(b.nodes(data=True))
            and sorted(a.edges(keys=True)) == sorted(b.edges(keys=True)))


def test_store_add_documents_counts_each_new_document_once(store):
    a, b = ecosystem()
    assert store.add_documents([a, a, b]) == 2
    assert store.add_documents([a, b]) == 0
    assert [d.id for d in sorted(store.documents(), key=lambda d: d.id)] == ["doc-a", "doc-b"]
    assert len(store.mentions(entity_id(K.UNIVERSITY, "浙江大学"))) == 2


def test_store_add_documents_many_small_documents(store):
    docs = [doc_graph(f"d{i:03d}", [(K.ENTERPRISE, f"企业{i}"), (K.REGION, "绍兴")],
                      [(f"企业{i}", R.LOCATED_IN, "绍兴")], indicators=1) for i in range(120)]
    assert store.add_documents(iter(docs)) == 120
    counts = store.counts()
    assert counts["totals"] == {"documents": 120, "indicators": 120}
    assert counts["relations"] == {"LOCATED_IN": 120}
    assert len(store.relation_evidence(docs[0].relations[0][0])) == 1


@pytest.mark.parametrize("ids", [None, ["University:浙江大学", "Park:镜湖科技城"],
                                 ["University:浙江大学", "Institute:浙江大学绍兴研究院", "nope"], []])
@pytest.mark.parametrize("kinds", [None, [K.UNIVERSITY, K.PARK, K.INSTITUTE]])
def test_store_to_networkx_matches_the_plain_version(store, ids, kinds):
    store.add_documents(ecosystem())
    fast = store.to_networkx(kinds=kinds, ids=ids)
    plain = GraphStore.to_networkx(store, kinds=kinds, ids=ids)
    assert _same_graph(fast, plain)


@pytest.mark.parametrize("hops", [0, 1, 2, 3])
def test_store_neighbourhood_matches_the_plain_version(store, hops):
    store.add_documents(ecosystem())
    centre = [entity_id(K.REGION, "绍兴")]
    assert _same_graph(store.neighbourhood(centre, hops=hops),
                       GraphStore.neighbourhood(store, centre, hops=hops))


def test_store_counts_and_find_match_the_plain_versions(store):
    store.add_documents(ecosystem())
    assert store.counts() == GraphStore.counts(store)
    assert store.find_entities("浙江") == GraphStore.find_entities(store, "浙江")
