"""The 27 evaluation documents built into the local store and into Neo4j: every view the app
shows gives the same answer on both (needs ../shared/eval/docs and a Neo4j, NEO4J_URI)."""
from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

import networkx as nx
import pytest

from graph.ingest import build
from graph.model import EntityKind
from graph.settings import StoreKind
from graph.views import (chain_reports, entity_detail, explore, filter_options, gap_candidates,
                         gap_matrix, overview, partner_candidates, path_between, search)
from tests.conftest import ROOT, _open

EVAL_DOCS = ROOT.parent / "shared" / "eval" / "docs"

pytestmark = pytest.mark.neo4j


def _graph(g: nx.MultiDiGraph):
    return dict(g.nodes(data=True)), sorted(g.edges(keys=True, data=True), key=repr)


def _views(store, centres: list[str]) -> dict[str, object]:
    """Every view of the app, by name, in a form `==` compares; documents without the time
    each store added them (the two builds ran at different times)."""
    ov = overview(store)
    reports = chain_reports(store)
    out: dict[str, object] = {
        "stats": (replace(ov, recent_documents=()), store.counts()),
        "documents": sorted((d.id, d.path, d.title, d.chars) for d in store.documents()),
        "entity list": store.entities(),
        "relations": store.relations(),
        "filter options": replace(filter_options(store), documents=()),
        "chain matrix": gap_matrix(reports),
        "gaps": reports,
        "gap candidates": {r.chain: gap_candidates(store, r.chain) for r in reports},
        "explorer": _graph(explore(store).graph),
    }
    for c in centres:
        out[f"neighbourhood {c}"] = (_graph(store.neighbourhood([c], hops=1)),
                                     _graph(store.neighbourhood([c], hops=2)))
        out[f"detail {c}"] = entity_detail(store, c)
        out[f"partners {c}"] = partner_candidates(store, c)
        out[f"search {c}"] = search(store, store.get_entity(c).name[:2])
    for a, b in itertools.combinations(centres[:5], 2):
        view = path_between(store, a, b)
        out[f"paths {a} {b}"] = (view.paths, view.names, _graph(view.graph))
    return out


def test_neo4j_store_equals_local_store_on_the_27_eval_documents(tmp_path):
    paths = sorted(EVAL_DOCS.glob("*.txt"))
    if len(paths) != 27:
        pytest.skip(f"{EVAL_DOCS}: the 27 evaluation documents are not there")
    local = _open(StoreKind.LOCAL, tmp_path)
    neo = _open(StoreKind.NEO4J, tmp_path)
    try:
        for store in (local, neo):
            report = build(store, paths, workers=1)
            assert len(report.added) == 27, report
        # the 10 best-connected entities of the local graph, ties by id
        g = local.to_networkx()
        centres = sorted(g.nodes, key=lambda n: (-g.degree(n), n))[:10]
        assert len(centres) == 10
        mine, theirs = _views(local, centres), _views(neo, centres)
        assert list(mine) == list(theirs)
        differ = [name for name in mine if mine[name] != theirs[name]]
        assert differ == [], differ
        assert any(p for name, p in mine.items() if name.startswith("paths") and p[0])
        assert {e.kind for e in local.entities()} >= {EntityKind.INDUSTRY_CHAIN, EntityKind.REGION}
    finally:
        local.close()
        neo.close()
