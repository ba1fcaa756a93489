"""graph.views.snapshot: the views' shared graph and chain links, built once per revision."""
from __future__ import annotations

import gc
import subprocess
import sys
import threading
import time
import weakref
from pathlib import Path

import pytest

from graph.analytics import chain_gaps, default_taxonomy, hubs, recommend_partners
from graph.analytics.chains import mention_clauses
from graph.stores.local import LocalStore
from graph.views import (GraphFilter, chain_flows, chain_graph, chain_reports, explore,
                         gap_candidates, network_hubs, partner_candidates, path_between)
from graph.views import snapshot as snapshot_module
from graph.views.snapshot import Snapshot, snapshot
from tests.graph_factory import K, R, doc_graph, ecosystem

ROOT = Path(__file__).resolve().parent.parent


def _uncached_reports(store):
    reports = [r for r in chain_gaps(store, default_taxonomy()) if any(r.actors.values())]
    return sorted(reports, key=lambda r: (-len({a for ids in r.actors.values() for a in ids}),
                                          r.chain))


def _uncached_partners(store, source, top):
    return recommend_partners(store.to_networkx(), source, default_taxonomy(), top=top,
                              mentions=mention_clauses(store))


def _same_graph(a, b) -> bool:
    return (list(a.nodes(data=True)) == list(b.nodes(data=True))
            and list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True)))


class _Counting:
    """Counts the calls of a store's `to_networkx` and of `ChainIndex` builds."""

    def __init__(self, store, monkeypatch):
        self.graphs = self.indexes = 0
        export, index = store.to_networkx, snapshot_module.ChainIndex

        def to_networkx(*args, **kw):
            self.graphs += 1
            return export(*args, **kw)

        def chain_index(*args, **kw):
            self.indexes += 1
            return index(*args, **kw)

        monkeypatch.setattr(store, "to_networkx", to_networkx)
        monkeypatch.setattr(snapshot_module, "ChainIndex", chain_index)


# --- same results as the analytics computed from scratch ------------------------------------
def test_snapshot_views_match_the_uncached_analytics_on_the_sample(built_store):
    reports = chain_reports(built_store)
    assert reports == _uncached_reports(built_store)
    for r in reports:
        assert chain_reports(built_store, r.chain, present_only=False) == \
            chain_gaps(built_store, default_taxonomy(), chain=r.chain)
        assert gap_candidates(built_store, r.chain) == _uncached_partners(built_store, r.chain, 5)
    actors = [e.id for e in built_store.entities(kinds=[K.ENTERPRISE, K.PARK])][:5]
    for a in actors:
        assert partner_candidates(built_store, a) == _uncached_partners(built_store, a, 10)
    assert network_hubs(built_store, top=7) == hubs(built_store.to_networkx(), top=7)
    assert _same_graph(explore(built_store).graph, built_store.to_networkx())


def test_snapshot_chain_graph_matches_the_store_export(built_store):
    from graph.views.chains import CONTEXT_RELATIONS
    from graph.views.explorer import chain_key

    for report in chain_reports(built_store):
        actors = {a for ids in report.actors.values() for a in ids}
        ids = actors | {e.id for e in built_store.entities(kinds=[K.INDUSTRY_CHAIN])
                        if chain_key(e) == report.chain}
        for r in built_store.relations(kinds=CONTEXT_RELATIONS, touching=actors):
            ids.update((r.source_id, r.target_id))
        assert _same_graph(chain_graph(built_store, report), built_store.to_networkx(ids=ids))


def test_snapshot_chain_flows_name_partners_as_the_store_does(built_store):
    reports = chain_reports(built_store)
    flows = chain_flows(built_store, reports)
    entities = {e.id: e for e in built_store.entities()}
    assert flows and all((f.partner_name, f.partner_kind) == (entities[f.partner_id].name,
                                                             entities[f.partner_id].kind)
                         for f in flows)


# --- built once per revision -------------------------------------------------------------
def test_snapshot_is_reused_until_the_store_changes(built_store, monkeypatch):
    counted = _Counting(built_store, monkeypatch)
    first = snapshot(built_store)
    a, b = [e.id for e in built_store.entities(kinds=[K.UNIVERSITY])][:2]
    for _ in range(2):  # what the pages call on each click
        reports = chain_reports(built_store)
        gap_candidates(built_store, reports[0].chain)
        partner_candidates(built_store, a)
        chain_flows(built_store, reports)
        chain_graph(built_store, reports[0])
        network_hubs(built_store)
        explore(built_store, GraphFilter(max_nodes=50))
        path_between(built_store, a, b)
    assert snapshot(built_store) is first
    assert snapshot(built_store).graph is first.graph and first.chains is first.chains
    assert (counted.graphs, counted.indexes) == (1, 1)


def test_snapshot_is_rebuilt_after_a_write(local_store, monkeypatch):
    a, b = ecosystem()
    local_store.add_document(a)
    old = snapshot(local_store)
    assert set(old.graph) == set(a.entities)
    assert [h.id for h in network_hubs(local_store, top=1)] == ["Institute:浙江大学绍兴研究院"]
    local_store.add_document(b)
    new = snapshot(local_store)
    assert new is not old and new.revision == local_store.revision() != old.revision
    assert len(new.graph) == 5 and len(old.graph) == 3
    assert {h.id for h in network_hubs(local_store, top=5)} == set(new.graph)
    local_store.remove_document("doc-a")
    assert set(explore(local_store).graph) == set(b.entities)


def test_snapshot_chain_links_follow_added_and_removed_documents(built_store):
    before = {r.chain: r for r in chain_reports(built_store)}
    firm = doc_graph("firm", [(K.ENTERPRISE, "某集成电路设计公司"), (K.UNIVERSITY, "某某大学")],
                     [("某集成电路设计公司", R.COOPERATES_WITH, "某某大学")])
    built_store.add_document(firm)
    after = {r.chain: r for r in chain_reports(built_store)}
    assert "Enterprise:某集成电路设计公司" in after["integrated_circuit"].actors["enterprise"]
    assert "Enterprise:某集成电路设计公司" not in before["integrated_circuit"].names
    built_store.remove_document("firm")
    assert chain_reports(built_store) == list(before.values())
    for doc in built_store.documents():
        built_store.remove_document(doc.id)
    assert chain_reports(built_store) == [] and network_hubs(built_store) == []


def test_snapshot_sees_a_write_from_another_process(built_store):
    first = snapshot(built_store)
    graph = first.graph
    child = ("import sys\nfrom graph.stores.local import LocalStore\n"
             "from tests.graph_factory import doc_graph\n"
             "s = LocalStore(sys.argv[1])\n"
             "s.add_document(doc_graph('cli', [('University', '某某大学')]))\ns.close()\n")
    subprocess.run([sys.executable, "-c", child, built_store.path], cwd=ROOT, check=True,
                   timeout=120)
    assert snapshot(built_store) is not first
    assert "University:某某大学" in snapshot(built_store).graph and \
        "University:某某大学" not in graph


def test_snapshot_works_on_every_store(store):
    a, b = ecosystem()
    store.add_document(a)
    first = snapshot(store)
    assert snapshot(store) is first and len(first.graph) == 3
    assert network_hubs(store, top=1)[0].id == "Institute:浙江大学绍兴研究院"
    store.add_document(b)
    assert snapshot(store) is not first and len(snapshot(store).graph) == 5
    store.clear()
    assert len(snapshot(store).graph) == 0


# --- shared safely: copies out, one build under concurrency, bounded ------------------------
def test_snapshot_graphs_handed_out_are_copies(built_store):
    reports = chain_reports(built_store)
    report = reports[0]
    shared = snapshot(built_store).graph
    before = [(n, dict(d, aliases=list(d["aliases"]))) for n, d in shared.nodes(data=True)]
    edges = list(shared.edges(keys=True, data=True))
    a, b = sorted({i for ids in report.actors.values() for i in ids})[:2]
    for g in (explore(built_store).graph, chain_graph(built_store, report),
              path_between(built_store, a, b).graph):
        for _, data in g.nodes(data=True):
            data["aliases"].append("改过")
            data["name"] = "改过"
        g.add_edge(a, "Region:别处", key="LOCATED_IN")
        g.remove_node(b)
    assert snapshot(built_store).graph is shared
    assert list(shared.nodes(data=True)) == before
    assert list(shared.edges(keys=True, data=True)) == edges
    assert chain_reports(built_store) == reports


def test_snapshot_builds_once_when_threads_ask_together(local_store, monkeypatch):
    local_store.add_documents(ecosystem())
    built = []
    export = local_store.to_networkx

    def slow_export(*args, **kw):
        built.append(threading.get_ident())
        time.sleep(0.2)
        return export(*args, **kw)

    monkeypatch.setattr(local_store, "to_networkx", slow_export)
    graphs = []
    threads = [threading.Thread(target=lambda: graphs.append(snapshot(local_store).graph))
               for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(built) == 1 and len(graphs) == 8 and all(g is graphs[0] for g in graphs)


def test_snapshot_keeps_only_the_latest_revision_of_a_live_store(tmp_path):
    store = LocalStore(tmp_path / "bounded.db")
    a, b = ecosystem()
    store.add_document(a)
    old = weakref.ref(snapshot(store))
    assert len(old().graph) == 3
    store.add_document(b)
    latest = weakref.ref(snapshot(store))
    gc.collect()
    assert old() is None and latest() is not None
    store.close()
    del store
    gc.collect()
    assert latest() is None  # the store's entry went with it


def test_snapshot_memo_computes_once_and_keeps_failures_out(local_store):
    snap = Snapshot(local_store, local_store.revision())
    calls = []
    assert snap.memo("k", lambda: calls.append(1) or len(calls)) == 1
    assert snap.memo("k", lambda: calls.append(1) or len(calls)) == 1
    with pytest.raises(ZeroDivisionError):
        snap.memo("bad", lambda: 1 / 0)
    assert snap.memo("bad", lambda: "fine now") == "fine now"
