"""Time chain_gaps and recommend_partners on synthetic ecosystems (not a test).

Run: .venv/bin/python tests/benchmarks/bench_analytics.py  (target: < 1 s at 100k entities)

Three tables. "Uncached" calls compute the chain links of every entity themselves, as a
first call on a fresh graph does. "Cached" calls get a `ChainIndex` built once per graph
(its build time is shown on its own) and are timed on their first and on a repeated call.
"Views" loads the 100k-entity ecosystem into a local store (documents of 100 entities)
and times the `graph.views` functions the Gaps, Chains and Overview pages call: "from
scratch" is what each did on every call before `graph.views.snapshot` (export the graph,
read the mention clauses, link the chains), "1st" the first call on a fresh store (the
snapshot is built in the first of them), "again" a repeated call at the same revision;
`mention_clauses` (the store read inside every snapshot build) is never cached.
Wall-clock seconds; CPU seconds in brackets (the machine may be shared).
"""
from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import networkx as nx

from graph.analytics import (ChainIndex, chain_gaps, default_taxonomy, hubs, link_chains,
                             recommend_partners)
from graph.analytics.chains import mention_clauses
from graph.stores.local import LocalStore
from graph.model import Document, DocumentGraph, Entity, EntityKind, Evidence, Mention, Relation
from graph.stores import GraphStore

KINDS = [("Enterprise", 0.6), ("Institute", 0.08), ("University", 0.03), ("Lab", 0.04),
         ("Platform", 0.05), ("Park", 0.05), ("Alliance", 0.02), ("Region", 0.13)]


def synthetic(n: int, seed: int = 42) -> nx.MultiDiGraph:
    """n entities: actors named with chain keywords, parks/regions, ~2.5 relations each."""
    rng = random.Random(seed)
    tax = default_taxonomy()
    words = [k for c in tax.chains for s in c.segments for k in s.keywords]
    g = nx.MultiDiGraph()
    chains = []
    for c in tax.chains:
        node = f"IndustryChain:{c.name}"
        g.add_node(node, kind="IndustryChain", name=c.name, aliases=[], chain=c.id)
        chains.append(node)
    by_kind: dict[str, list[str]] = {}
    kinds, weights = zip(*KINDS)
    for i in range(n - len(chains)):
        kind = rng.choices(kinds, weights)[0]
        name = f"{rng.choice(words) if rng.random() < 0.5 else '某'}{kind[:3]}{i}"
        node = f"{kind}:{name}"
        g.add_node(node, kind=kind, name=name, aliases=[])
        by_kind.setdefault(kind, []).append(node)
    places = by_kind["Park"] + by_kind["Region"]
    for node, kind in list(g.nodes(data="kind")):
        if kind == "IndustryChain":
            continue
        if kind != "Region":
            g.add_edge(node, rng.choice(places), key="LOCATED_IN", kind="LOCATED_IN")
        if rng.random() < 0.4:
            g.add_edge(node, rng.choice(chains), key="FOCUSES_ON", kind="FOCUSES_ON")
        if kind in ("Institute", "Lab") and rng.random() < 0.7:
            g.add_edge(node, rng.choice(by_kind["University"]), key="AFFILIATED_WITH",
                       kind="AFFILIATED_WITH")
        if kind == "Enterprise" and rng.random() < 0.3:
            g.add_edge(node, rng.choice(by_kind["Institute"]), key="COOPERATES_WITH",
                       kind="COOPERATES_WITH")
    return g


def timed(fn):
    start, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return (time.perf_counter() - start, time.process_time() - cpu), result


def main() -> None:
    tax = default_taxonomy()
    uncached, cached = [], []
    for n in (10_000, 100_000):
        g = synthetic(n)
        firm = sorted(n for n, k in g.nodes(data="kind") if k == "Enterprise")[0]
        t_links, links = timed(lambda: link_chains(g, tax))
        t_gaps, _ = timed(lambda: chain_gaps(g, tax))
        t_partner, _ = timed(lambda: recommend_partners(g, firm, tax))
        t_partner_links, _ = timed(lambda: recommend_partners(g, firm, tax, links=links))
        t_chain_links, _ = timed(lambda: recommend_partners(g, "modern_textile", tax, links=links))
        uncached.append((n, g.number_of_edges(), t_links, t_gaps, t_partner, t_partner_links,
                         t_chain_links))
        t_index, index = timed(lambda: ChainIndex(g, tax))
        t_gaps_1, _ = timed(lambda: chain_gaps(g, tax, links=index))
        t_gaps_2, _ = timed(lambda: chain_gaps(g, tax, links=index))
        t_firm_1, _ = timed(lambda: recommend_partners(g, firm, tax, links=index))
        t_firm_2, _ = timed(lambda: recommend_partners(g, firm, tax, links=index))
        t_chain_2, _ = timed(lambda: recommend_partners(g, "modern_textile", tax, links=index))
        cached.append((n, g.number_of_edges(), t_index, t_gaps_1, t_gaps_2, t_firm_1, t_firm_2,
                       t_chain_2))
    _table("uncached", ("link_chains", "chain_gaps", "partners(firm)",
                        "partners(firm, links given)", "partners(chain, links given)"), uncached)
    _table("cached: ChainIndex built once per graph", (
        "ChainIndex build", "chain_gaps 1st", "chain_gaps again", "partners(firm) 1st",
        "partners(firm) again", "partners(chain)"), cached)
    bench_views(100_000)


ENTITIES_PER_DOC = 100
NAMES_PER_SENTENCE = 20


def as_documents(g: nx.MultiDiGraph) -> Iterator[DocumentGraph]:
    """The graph as documents of ENTITIES_PER_DOC entities, each named in a sentence of
    the text; a relation goes with the document of its later end."""
    nodes = list(g.nodes)
    doc_of = {n: i // ENTITIES_PER_DOC for i, n in enumerate(nodes)}
    relations: dict[int, list[tuple[str, str, str]]] = {}
    for u, v, k in g.edges(keys=True):
        relations.setdefault(max(doc_of[u], doc_of[v]), []).append((u, v, k))
    for d in range(0, len(nodes), ENTITIES_PER_DOC):
        yield _document(g, d // ENTITIES_PER_DOC, nodes[d:d + ENTITIES_PER_DOC],
                        relations.get(d // ENTITIES_PER_DOC, []))


def _document(g: nx.MultiDiGraph, number: int, nodes: list[str],
              relations: list[tuple[str, str, str]]) -> DocumentGraph:
    doc_id = f"bench-{number:05d}"
    sentences, at = [], {}
    offset = 0
    for i in range(0, len(nodes), NAMES_PER_SENTENCE):
        group = nodes[i:i + NAMES_PER_SENTENCE]
        sentence = "，".join(g.nodes[n]["name"] for n in group) + "。"
        pos = offset
        for n in group:
            at[n] = (pos, (offset, offset + len(sentence), sentence))
            pos += len(g.nodes[n]["name"]) + 1
        sentences.append(sentence)
        offset += len(sentence)
    text = "".join(sentences)
    graph = DocumentGraph(Document(doc_id, f"{doc_id}.txt", doc_id, len(text)), text)
    for n in nodes:
        data = g.nodes[n]
        attrs = (("chain", data["chain"]),) if "chain" in data else ()
        e = Entity(n, EntityKind(data["kind"]), data["name"], attrs=attrs)
        start, (s0, s1, sentence) = at[n]
        graph.entities[n] = e
        graph.mentions.append((n, Mention(e.name, start, start + len(e.name),
                                          Evidence(doc_id, sentence, s0, s1, 0.9, "bench"))))
    for u, v, k in relations:  # the later end is in this document
        s0, s1, sentence = (at[v] if v in at else at[u])[1]
        graph.relations.append((Relation.make(u, k, v),
                                Evidence(doc_id, sentence, s0, s1, 0.9, "bench")))
    return graph


def bench_views(n: int) -> None:
    """First call versus repeat of the page views on a local store of n entities."""
    from graph.views import (chain_flows, chain_graph, chain_reports, explore, featured_chain,
                             gap_candidates, network_hubs)
    from graph.views.explorer import GraphFilter

    with tempfile.TemporaryDirectory(prefix="innograph-bench-") as tmp:
        loaded, store = timed(lambda: _loaded(LocalStore(Path(tmp) / "views.db"), synthetic(n)))
        try:
            print(f"\nviews on a local store of {n:,} entities (loaded in {loaded[0]:.1f} s)")
            print("view | from scratch | 1st | again")
            _row("chain_reports", lambda: _scratch_reports(store), lambda: chain_reports(store))
            _row("mention_clauses", None, lambda: mention_clauses(store))
            reports = chain_reports(store)
            chain = featured_chain(reports)
            _row("gap_candidates", lambda: _scratch_partners(store, chain.chain),
                 lambda: gap_candidates(store, chain.chain, top=8))
            _row("chain_graph", lambda: _scratch_chain_graph(store, chain),
                 lambda: chain_graph(store, chain))
            _row("chain_flows", lambda: _scratch_flows(store, reports),
                 lambda: chain_flows(store, reports))
            _row("network_hubs", lambda: hubs(store.to_networkx(), top=10),
                 lambda: network_hubs(store, top=10))
            _row("explore(300)", None, lambda: explore(store, GraphFilter(max_nodes=300)))
        finally:
            store.close()


def _loaded(store: GraphStore, g: nx.MultiDiGraph) -> GraphStore:
    store.add_documents(as_documents(g))
    return store


def _row(name: str, scratch, view) -> None:
    before = _seconds(timed(scratch)[0]) if scratch else "-"
    first, again = timed(view)[0], timed(view)[0]
    print(f"{name} | {before} | {_seconds(first)} | {_seconds(again)}", flush=True)


def _seconds(t: tuple[float, float]) -> str:
    return f"{t[0]:.3f} s ({t[1]:.3f})"


def _scratch_reports(store: GraphStore) -> list:
    return [r for r in chain_gaps(store, default_taxonomy()) if any(r.actors.values())]


def _scratch_partners(store: GraphStore, chain: str) -> list:
    return recommend_partners(store.to_networkx(), chain, default_taxonomy(), top=8,
                              mentions=mention_clauses(store))


def _scratch_chain_graph(store: GraphStore, report) -> nx.MultiDiGraph:
    from graph.views.chains import CONTEXT_RELATIONS
    from graph.views.explorer import chain_key

    actors = {a for ids in report.actors.values() for a in ids}
    ids = actors | {e.id for e in store.entities(kinds=[EntityKind.INDUSTRY_CHAIN])
                    if chain_key(e) == report.chain}
    for r in store.relations(kinds=CONTEXT_RELATIONS, touching=actors):
        ids.update((r.source_id, r.target_id))
    return store.to_networkx(ids=ids)


def _scratch_flows(store: GraphStore, reports: list) -> dict:
    """The store read chain_flows made on every call (building the flows costs little)."""
    ids = {a for r in reports for cap in ("research", "lab") for a in r.actors.get(cap, ())}
    return {e.id: e for e in store.entities(ids=ids)}


def _table(title: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    print(f"\n{title}")
    print(" | ".join(("entities", "relations", *columns)))
    for n, e, *times in rows:
        print(" | ".join([f"{n:>8,}", f"{e:>9,}",
                          *(f"{wall:.3f} s ({cpu:.3f})" for wall, cpu in times)]))


if __name__ == "__main__":
    main()
