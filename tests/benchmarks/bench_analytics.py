"""Time chain_gaps and recommend_partners on synthetic ecosystems (not a test).

Run: .venv/bin/python tests/benchmarks/bench_analytics.py  (target: < 1 s at 100k entities)

Two tables. "Uncached" calls compute the chain links of every entity themselves, as a
first call on a fresh graph does. "Cached" calls get a `ChainIndex` built once per graph
(its build time is shown on its own) and are timed on their first and on a repeated call.
Wall-clock seconds; CPU seconds in brackets (the machine may be shared).
"""
from __future__ import annotations

import random
import time

import networkx as nx

from graph.analytics import (ChainIndex, chain_gaps, default_taxonomy, link_chains,
                             recommend_partners)

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


def _table(title: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    print(f"\n{title}")
    print(" | ".join(("entities", "relations", *columns)))
    for n, e, *times in rows:
        print(" | ".join([f"{n:>8,}", f"{e:>9,}",
                          *(f"{wall:.3f} s ({cpu:.3f})" for wall, cpu in times)]))


if __name__ == "__main__":
    main()
