"""Write the graph out for other tools, and copy one store into another.

Everything here reads through the `GraphStore` interface only, so it works on either
store:

- `export_graph(store, fmt, out)`: GraphML (yEd, Gephi), GEXF (Gephi), node-link JSON
  (d3, `networkx.node_link_graph`), or CSV files laid out for
  `neo4j-admin database import full`;
- `copy_store(source, target)`: rebuild every document of `source` in `target`, as the
  same documents with the same evidence; documents already in `target` are skipped.
"""
from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

import networkx as nx

from graph.model import DocumentGraph, Entity, Evidence, Indicator, Mention, Relation
from graph.stores import GraphStore

#: joins list values (aliases) in formats whose attributes are scalars
LIST_SEPARATOR = "|"


class ExportFormat(str, Enum):
    """The file formats `export_graph` writes."""

    GRAPHML = "graphml"
    GEXF = "gexf"
    JSON = "json"
    CSV = "csv"

    def __str__(self) -> str:
        return self.value


#: file names of the CSV export (a folder), in neo4j-admin's import layout
CSV_NODES = "entities.csv"
CSV_RELATIONSHIPS = "relations.csv"
CSV_NODES_HEADER = ["id:ID", "name", "kind", ":LABEL"]
CSV_RELATIONSHIPS_HEADER = [":START_ID", ":END_ID", ":TYPE"]


def export_graph(store: GraphStore, fmt: ExportFormat | str, out: str | Path) -> list[Path]:
    """Write the whole graph to `out` (a folder for CSV) and return the files written."""
    fmt = ExportFormat(fmt)
    out = Path(out)
    if fmt is ExportFormat.CSV:
        return write_neo4j_csv(store.to_networkx(), out)
    out.parent.mkdir(parents=True, exist_ok=True)
    graph = store.to_networkx()
    if fmt is ExportFormat.JSON:
        data = nx.node_link_data(graph, edges="links")
        out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    elif fmt is ExportFormat.GRAPHML:
        nx.write_graphml(flat_graph(graph), out, encoding="utf-8")
    else:
        nx.write_gexf(flat_graph(graph), out, encoding="utf-8")
    return [out]


def flat_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attribute values are strings or numbers, as yEd and Gephi require.

    Lists are joined with `LIST_SEPARATOR`, None becomes "", anything else becomes
    its string; nodes get a `label` (the entity's name) and edges a `label` (the
    relation kind) for the viewers to show.
    """
    flat = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        attrs = {k: _scalar(v) for k, v in data.items()}
        attrs.setdefault("label", attrs.get("name", str(node)))
        flat.add_node(node, **attrs)
    for u, v, key, data in graph.edges(keys=True, data=True):
        attrs = {k: _scalar(val) for k, val in data.items()}
        attrs.setdefault("label", str(key))
        flat.add_edge(u, v, key=key, **attrs)
    return flat


def _scalar(value) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float, str)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)


def write_neo4j_csv(graph: nx.MultiDiGraph, folder: str | Path) -> list[Path]:
    """`entities.csv` and `relations.csv` in `folder`, headed for neo4j-admin's importer.

    Nodes carry the labels ``Entity;<Kind>`` as in the Neo4j store, relationships the
    relation kind as their type. Import with::

        neo4j-admin database import full --nodes=entities.csv \\
            --relationships=relations.csv neo4j
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    nodes, rels = folder / CSV_NODES, folder / CSV_RELATIONSHIPS
    with nodes.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(CSV_NODES_HEADER)
        for node, data in sorted(graph.nodes(data=True)):
            w.writerow([node, data.get("name", ""), data.get("kind", ""),
                        f"Entity;{data.get('kind', '')}"])
    with rels.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(CSV_RELATIONSHIPS_HEADER)
        for u, v, key in sorted(graph.edges(keys=True)):
            w.writerow([u, v, key])
    return [nodes, rels]


# --- copying one store into another --------------------------------------------------------
@dataclass
class CopyReport:
    """What `copy_store` did."""

    copied: list[str] = field(default_factory=list)  #: ids of documents added to the target
    skipped: list[str] = field(default_factory=list)  #: ids already in the target


def copy_store(source: GraphStore, target: GraphStore, *,
               progress: Callable[[str], None] | None = None) -> CopyReport:
    """Add every document of `source` missing from `target`, with all it supports.

    Idempotent: a document already in `target` (same id) is skipped, so running it
    twice copies nothing the second time. `progress` is called with each document id.
    """
    report = CopyReport()
    present = {d.id for d in target.documents()}
    todo = []
    for doc in source.documents():
        (report.skipped if doc.id in present else todo).append(doc.id)
    if not todo:
        return report

    def added(graph: DocumentGraph) -> DocumentGraph:
        report.copied.append(graph.document.id)
        if progress:
            progress(graph.document.id)
        return graph

    graphs = document_graphs(source, set(todo))
    n = target.add_documents(added(g) for g in graphs)
    if n != len(report.copied):  # someone else added some meanwhile: report what we added
        now = {d.id for d in target.documents()}
        report.copied = [i for i in report.copied if i in now]
    return report


def document_graphs(store: GraphStore, doc_ids: set[str]) -> list[DocumentGraph]:
    """The documents `doc_ids` of `store`, rebuilt as the facts each contributed."""
    entities: dict[str, Entity] = {e.id: e for e in store.entities()}
    mentions: dict[str, list[tuple[str, Mention]]] = defaultdict(list)
    for eid, ms in store.mentions_by_entity().items():
        for m in ms:
            if m.evidence.doc_id in doc_ids:
                mentions[m.evidence.doc_id].append((eid, m))
    evidence: dict[str, list[tuple[Relation, Evidence]]] = defaultdict(list)
    for rel in store.relations():
        for ev in store.relation_evidence(rel):
            if ev.doc_id in doc_ids:
                evidence[ev.doc_id].append((rel, ev))
    indicators: dict[str, list[Indicator]] = defaultdict(list)
    for ind in store.indicators():
        if ind.evidence.doc_id in doc_ids:
            indicators[ind.evidence.doc_id].append(ind)
    graphs = []
    for doc in store.documents():
        if doc.id not in doc_ids:
            continue
        g = DocumentGraph(doc, store.document_text(doc.id))
        g.mentions = sorted(mentions[doc.id], key=lambda em: (em[1].start, em[0]))
        g.relations = evidence[doc.id]
        g.indicators = indicators[doc.id]
        for eid in [eid for eid, _ in g.mentions] + [
                end for r, _ in g.relations for end in (r.source_id, r.target_id)]:
            if eid in entities:
                g.entities.setdefault(eid, entities[eid])
        graphs.append(g)
    return graphs
