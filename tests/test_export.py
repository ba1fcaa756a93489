"""`innograph export` in every format, and copying one store into another."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from app.cli import cli
from graph.export import (CSV_NODES_HEADER, CSV_RELATIONSHIPS_HEADER, copy_store, export_graph,
                          flat_graph)
from graph.stores.local import LocalStore
from graph.model import EntityKind, Mention, RelationKind, entity_id
from tests.graph_factory import doc_graph, ecosystem

K, R = EntityKind, RelationKind
INST, ZJU = entity_id(K.INSTITUTE, "浙江大学绍兴研究院"), entity_id(K.UNIVERSITY, "浙江大学")


def _ecosystem_with_alias():
    a, b = ecosystem()
    a.mentions.append((ZJU, Mention("浙大", 0, 2, a.mentions[0][1].evidence)))
    return [a, b]


@pytest.fixture
def db(tmp_path):
    """A local store file holding the 5-node ecosystem, 浙江大学 with an alias."""
    path = tmp_path / "eco.db"
    store = LocalStore(path)
    store.add_documents(_ecosystem_with_alias())
    store.close()
    return path


@pytest.fixture
def filled(store):
    """(store of each kind holding the ecosystem, CLI options that open that store)."""
    store.add_documents(_ecosystem_with_alias())
    args = ["--db", store.path] if store.kind.value == "local" else ["--store", "neo4j"]
    return store, args


def _export(db, fmt, out):
    args = ["--db", str(db)] if isinstance(db, Path) else db
    result = CliRunner().invoke(cli, ["export", "--format", fmt, *args, str(out)])
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_export_xml_formats_reparse_with_string_attributes(filled, tmp_path, fmt, read):
    out = tmp_path / f"g.{fmt}"
    _export(filled[1], fmt, out)
    g = read(out)
    assert g.number_of_nodes() == 5 and g.number_of_edges() == 4
    zju = g.nodes[ZJU]
    assert zju["kind"] == "University" and zju["aliases"] == "浙大"
    assert zju.get("label", zju.get("name")) == "浙江大学"
    kinds = sorted(d["kind"] for _, _, d in g.edges(data=True))
    assert kinds == ["AFFILIATED_WITH", "COOPERATES_WITH", "FOCUSES_ON", "LOCATED_IN"]
    assert g.has_edge(INST, ZJU) and not g.has_edge(ZJU, INST)  # direction kept


def test_export_json_is_node_link(db, tmp_path):
    out = tmp_path / "g.json"
    _export(db, "json", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    g = nx.node_link_graph(data, edges="links")
    assert g.is_directed() and g.is_multigraph()
    assert g.number_of_nodes() == 5 and g.number_of_edges() == 4
    assert g.nodes[ZJU]["aliases"] == ["浙大"]


def test_export_csv_matches_neo4j_admin_layout(db, tmp_path):
    out = tmp_path / "import"
    result = _export(db, "csv", out)
    assert "neo4j-admin database import full" in result.output
    with (out / "entities.csv").open(encoding="utf-8") as f:
        nodes = list(csv.reader(f))
    with (out / "relations.csv").open(encoding="utf-8") as f:
        rels = list(csv.reader(f))
    assert nodes[0] == CSV_NODES_HEADER == ["id:ID", "name", "kind", ":LABEL"]
    assert rels[0] == CSV_RELATIONSHIPS_HEADER == [":START_ID", ":END_ID", ":TYPE"]
    assert [ZJU, "浙江大学", "University", "Entity;University"] in nodes
    assert [INST, ZJU, "AFFILIATED_WITH"] in rels
    assert len(nodes) == 6 and len(rels) == 5
    ids = {row[0] for row in nodes[1:]}
    assert all(s in ids and t in ids for s, t, _ in rels[1:])


def test_export_flat_graph_has_only_scalars():
    g = nx.MultiDiGraph()
    g.add_node("a", aliases=["甲", "乙"], level=None, name="丙", count=3)
    g.add_edge("a", "a", key="PART_OF", kind="PART_OF", flag=True)
    flat = flat_graph(g)
    assert flat.nodes["a"] == {"aliases": "甲|乙", "level": "", "name": "丙", "count": 3,
                               "label": "丙"}
    assert flat.edges["a", "a", "PART_OF"] == {"kind": "PART_OF", "flag": "true",
                                              "label": "PART_OF"}


def test_export_empty_store_writes_valid_files(tmp_path):
    store = LocalStore(tmp_path / "empty.db")
    try:
        (out,) = export_graph(store, "graphml", tmp_path / "empty.graphml")
        assert nx.read_graphml(out).number_of_nodes() == 0
    finally:
        store.close()


def _snapshot(store):
    rels = store.relations()
    return (store.counts(), store.entities(), rels,
            [store.relation_evidence(r) for r in rels],
            [store.mentions(e.id) for e in store.entities()],
            store.indicators(), store.documents(),
            [store.document_text(d.id) for d in store.documents()])


def test_export_copy_store_rebuilds_every_fact_and_is_idempotent(tmp_path, store):
    """Copy into each store kind: into Neo4j this is `innograph load --to neo4j`."""
    source = LocalStore(tmp_path / "source.db")
    try:
        a, b = ecosystem()
        c = doc_graph("doc-c", [(K.PARK, "甲园区"), (K.PARK, "乙园区")],
                      [("乙园区", R.INTEGRATED_WITH, "甲园区")])
        source.add_documents([a, b, c])
        store.add_document(b)
        report = copy_store(source, store)
        assert sorted(report.copied) == ["doc-a", "doc-c"] and report.skipped == ["doc-b"]
        assert _snapshot(store)[:6] == _snapshot(source)[:6]
        assert {d.id for d in store.documents()} == {"doc-a", "doc-b", "doc-c"}
        again = copy_store(source, store)
        assert again.copied == [] and len(again.skipped) == 3
    finally:
        source.close()


def test_export_load_without_neo4j_settings_says_what_is_missing(db, monkeypatch):
    for var in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD"):
        monkeypatch.delenv(var, raising=False)
    result = CliRunner().invoke(cli, ["load", "--to", "neo4j", "--db", str(db)])
    assert result.exit_code == 1
    # `load` has no --store option: the message must not offer one (issue 12, point 12)
    assert "NEO4J_URI" in result.output and "--store" not in result.output


def test_export_load_unreachable_neo4j_names_uri_and_fix(db, monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    monkeypatch.setenv("NEO4J_USER", "neo4j")
    monkeypatch.setenv("NEO4J_PASSWORD", "x")
    result = CliRunner().invoke(cli, ["load", "--to", "neo4j", "--db", str(db)])
    assert result.exit_code == 1
    assert "bolt://127.0.0.1:1" in result.output
    assert "docker compose up -d neo4j" in result.output


def test_export_load_missing_local_store_says_build_first(tmp_path):
    result = CliRunner().invoke(cli, ["load", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "innograph build" in result.output
