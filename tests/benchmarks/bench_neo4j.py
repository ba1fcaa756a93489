"""Time the Neo4j store beside the local store: bulk load and 2-hop neighbourhood (not a test).

The seeded synthetic documents of bench_store.py are written with `add_documents`
(batched ``UNWIND … MERGE``) into an emptied Neo4j and into a fresh local store; then
2-hop neighbourhoods from random actors: p50 and p95.

Run: tests/neo4j/with-neo4j.sh .venv/bin/python tests/benchmarks/bench_neo4j.py
     [--sizes 100000 1000000]   (or with NEO4J_URI/USER/PASSWORD of any server; it is cleared)
Targets: >= 50,000 relations/s load; p95 < 50 ms for a 2-hop neighbourhood at 1M.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import SEED, synthetic_documents  # noqa: E402
from graph.settings import Settings  # noqa: E402
from graph.stores import open_store  # noqa: E402
from graph.stores.local import LocalStore  # noqa: E402


def _p(times: list[float], q: float) -> float:
    return statistics.quantiles(times, n=100)[int(q) - 1] if len(times) > 1 else times[0]


def measure(store, graphs, centres) -> tuple[float, float, float]:
    """(load seconds, 2-hop p50 ms, 2-hop p95 ms)."""
    start = time.perf_counter()
    store.add_documents(graphs)
    load_s = time.perf_counter() - start
    times = []
    for c in centres:
        t = time.perf_counter()
        store.neighbourhood([c], hops=2)
        times.append((time.perf_counter() - t) * 1000)
    return load_s, _p(times, 50), _p(times, 95)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=50, help="centres per query")
    args = parser.parse_args(argv)
    if not os.environ.get("NEO4J_URI"):
        print("skipped: no Neo4j (run it under tests/neo4j/with-neo4j.sh, or set NEO4J_URI)")
        return 0
    neo = open_store(Settings.from_env(store="neo4j"))
    print(f"{'relations':>10} {'store':>6} {'load s':>8} {'rel/s':>9} {'2-hop p50':>10} "
          f"{'p95 ms':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            graphs = list(synthetic_documents(size))
            n_rel = sum(len(g.relations) for g in graphs)
            ents = sorted({e for g in graphs for e in g.entities
                           if not e.startswith(("Region:", "IndustryChain:"))})
            centres = random.Random(SEED).sample(ents, min(args.runs, len(ents)))
            local = LocalStore(Path(tmp) / f"{size}.db")
            neo.clear()
            for name, store in (("local", local), ("neo4j", neo)):
                load_s, p50, p95 = measure(store, graphs, centres)
                print(f"{n_rel:>10,} {name:>6} {load_s:>8.1f} {n_rel / load_s:>9,.0f} "
                      f"{p50:>10.1f} {p95:>8.1f}", flush=True)
            local.close()
    neo.close()
    print("targets: >= 50,000 relations/s load; 2-hop p95 < 50 ms at 1M relations")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
