"""Time the local store: bulk load, 2-hop neighbourhood, chain neighbourhood (not a test).

Synthetic documents of 1,000 relations each (fixed seed) are loaded into a fresh store
file per size twice: one by one with `add_document`, as `innograph build` does, and with
`add_documents`, which writes many documents per transaction (as `innograph load` and
`copy_store` do). Then the neighbourhood queries run from random centres (the median
and the slowest of the runs are shown).

Run: .venv/bin/python tests/benchmarks/bench_store.py [--sizes 10000 100000 1000000]
Targets: >= 50,000 relations/s bulk load; < 100 ms for a 2-hop neighbourhood at 1M.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from graph.stores.local import LocalStore  # noqa: E402
from graph.model import (Document, DocumentGraph, Entity, EntityKind, Evidence,  # noqa: E402
                         Mention, Relation, RelationKind)

K, R = EntityKind, RelationKind
RELATIONS_PER_DOC = 1000
ENTITIES_PER_DOC = 400
SEED = 20240501
#: share of each kind in the entity pool
KINDS = [(K.ENTERPRISE, 0.55), (K.INSTITUTE, 0.1), (K.UNIVERSITY, 0.04), (K.LAB, 0.05),
         (K.PLATFORM, 0.05), (K.PARK, 0.07), (K.ALLIANCE, 0.02), (K.INDUSTRY_CHAIN, 0.02),
         (K.REGION, 0.1)]
#: relation kind -> kinds its target is drawn from (sources are any actor)
TARGETS = {R.LOCATED_IN: (K.REGION,), R.FOCUSES_ON: (K.INDUSTRY_CHAIN,),
           R.AFFILIATED_WITH: (K.UNIVERSITY, K.INSTITUTE), R.PART_OF: (K.PARK,),
           R.MEMBER_OF: (K.ALLIANCE,), R.COOPERATES_WITH: (K.ENTERPRISE, K.INSTITUTE),
           R.INTEGRATED_WITH: (K.PARK,)}
REL_WEIGHTS = [0.3, 0.2, 0.1, 0.05, 0.05, 0.25, 0.05]
SENTENCE = "绍兴市推进产业链协同创新，支持企业与高校院所共建研发平台。"


def entity_pool(n: int, rng: random.Random) -> list[Entity]:
    kinds, weights = zip(*KINDS)
    pool = []
    for i in range(n):
        kind = kinds[i] if i < len(kinds) else rng.choices(kinds, weights)[0]
        pool.append(Entity.make(kind, f"{kind.value}{i:07d}"))
    return pool


def synthetic_documents(relations: int, seed: int = SEED) -> Iterator[DocumentGraph]:
    """Documents of RELATIONS_PER_DOC relations among ENTITIES_PER_DOC pooled entities."""
    rng = random.Random(seed)
    pool = entity_pool(max(relations // 5, 2 * ENTITIES_PER_DOC), rng)
    by_kind: dict[EntityKind, list[Entity]] = {}
    for e in pool:
        by_kind.setdefault(e.kind, []).append(e)
    for d in range(max(relations // RELATIONS_PER_DOC, 1)):
        doc_id = f"bench-{d:05d}"
        text = SENTENCE * 40
        graph = DocumentGraph(Document(doc_id, f"{doc_id}.txt", doc_id, len(text)), text)
        chosen = {e.id: e for e in rng.sample(pool, ENTITIES_PER_DOC)}
        for kind in (K.REGION, K.INDUSTRY_CHAIN, K.PARK, K.UNIVERSITY, K.ALLIANCE):
            for e in rng.sample(by_kind[kind], 3):
                chosen[e.id] = e
        local = {k: [e for e in chosen.values() if e.kind in k] for k in set(TARGETS.values())}
        actors = [e for e in chosen.values() if e.kind not in (K.REGION, K.INDUSTRY_CHAIN)]
        rels: dict[str, Relation] = {}
        while len(rels) < RELATIONS_PER_DOC:
            kind = rng.choices(list(TARGETS), REL_WEIGHTS)[0]
            s, t = rng.choice(actors), rng.choice(local[TARGETS[kind]])
            if s.id != t.id:
                r = Relation.make(s.id, kind, t.id)
                rels[r.id] = r
        used = {i for r in rels.values() for i in (r.source_id, r.target_id)}
        for n, eid in enumerate(sorted(used)):
            start = (n * 31) % (len(text) - len(SENTENCE))
            ev = Evidence(doc_id, SENTENCE, start, start + len(SENTENCE), 0.9, "bench")
            graph.entities[eid] = chosen[eid]
            graph.mentions.append((eid, Mention(chosen[eid].name, start, start + 10, ev)))
        for n, r in enumerate(rels.values()):
            start = (n * 17) % (len(text) - len(SENTENCE))
            graph.relations.append(
                (r, Evidence(doc_id, SENTENCE, start, start + len(SENTENCE), 0.9, "bench")))
        yield graph


def timed_runs(fn, centres: list[str]) -> tuple[float, float, int]:
    """(median ms, 95th percentile ms, median node count) of fn(centre) over the centres."""
    times, sizes = [], []
    for c in centres:
        start = time.perf_counter()
        g = fn(c)
        times.append((time.perf_counter() - start) * 1000)
        sizes.append(g.number_of_nodes())
    p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
    return statistics.median(times), p95, int(statistics.median(sizes))


def load(path: Path, graphs: list[DocumentGraph], bulk: bool) -> tuple[LocalStore, float, float]:
    """A new store at `path` holding `graphs`, and the seconds the load took: on the clock
    and on this process's CPU (the second is what one core does on a busy machine)."""
    store = LocalStore(path)
    start, cpu = time.perf_counter(), time.process_time()
    if bulk:
        store.add_documents(graphs)
    else:
        for g in graphs:
            store.add_document(g)
    return store, time.perf_counter() - start, time.process_time() - cpu


def bench(size: int, folder: Path, runs: int = 20) -> dict:
    graphs = list(synthetic_documents(size))
    n_rel = sum(len(g.relations) for g in graphs)
    one, one_s, one_cpu = load(folder / f"one_{size}.db", graphs, bulk=False)
    one.close()
    store, bulk_s, bulk_cpu = load(folder / f"bulk_{size}.db", graphs, bulk=True)
    try:
        rng = random.Random(SEED)
        entities = sorted({e for g in graphs for e in g.entities})
        actors = [e for e in entities if not e.startswith(("Region:", "IndustryChain:"))]
        chains = [e for e in entities if e.startswith("IndustryChain:")]
        two_hop = timed_runs(lambda c: store.neighbourhood([c], hops=2),
                             rng.sample(actors, min(runs, len(actors))))
        chain = timed_runs(lambda c: store.neighbourhood([c], hops=1),
                           rng.sample(chains, min(runs, len(chains))))
        stored = sum(store.counts()["relations"].values())
    finally:
        store.close()
    return {"size": size, "relations": n_rel, "stored": stored, "one_s": one_s,
            "one_cpu": one_cpu, "bulk_s": bulk_s, "bulk_cpu": bulk_cpu, "two_hop": two_hop,
            "chain": chain}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000],
                        help="relations to load per run (default: 10k 100k 1M)")
    parser.add_argument("--runs", type=int, default=100, help="centres per query")
    args = parser.parse_args(argv)
    head = (f"{'relations':>10} {'add_document':>28} {'add_documents':>28} "
            f"{'2-hop ms (p95)':>16} {'nodes':>6} {'chain ms (p95)':>16} {'nodes':>6}")
    print("local store; load: seconds and relations/s on the clock, and relations per CPU "
          "second, one transaction per document (add_document) or per ~200k rows "
          f"(add_documents); queries: neighbourhood(), median (p95) of {args.runs} random "
          f"centres; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(head)
    print("-" * len(head))
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            r = bench(size, Path(tmp), args.runs)
            (m2, x2, n2), (mc, xc, nc) = r["two_hop"], r["chain"]
            one = (f"{r['one_s']:.1f}s {r['relations'] / r['one_s']:>8,.0f}/s "
                   f"cpu {r['relations'] / r['one_cpu']:>7,.0f}")
            bulk = (f"{r['bulk_s']:.1f}s {r['relations'] / r['bulk_s']:>8,.0f}/s "
                    f"cpu {r['relations'] / r['bulk_cpu']:>7,.0f}")
            print(f"{r['relations']:>10,} {one:>28} {bulk:>28} "
                  f"{m2:>8.1f} ({x2:>5.0f}) {n2:>6} {mc:>8.1f} ({xc:>5.0f}) {nc:>6}", flush=True)
    print("targets: >= 50,000 relations/s load; < 100 ms 2-hop neighbourhood at 1M relations")
    return 0


if __name__ == "__main__":
    main()
