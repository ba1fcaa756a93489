"""Build throughput on an archive of synthetic documents (not a test).

The documents are made from the dev set's sentences (<shared>/eval/docs) with every
annotated name (<shared>/eval/gold, names and aliases) replaced by another of its type:
invented actors and lexicon places and industries from `synthetic.py`. So they read like
the dev set but name none of its actors. Each build runs in a fresh process on a new
store: documents/s, characters/s, and the peak memory of the building process (which
must stay flat as the number of documents grows) and of its extraction workers.

Run: .venv/bin/python tests/benchmarks/bench_build.py [--docs 250 1000] [--workers 1 2]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from synthetic import Archive  # noqa: E402

SENTENCES_PER_DOC = 30
CHILD = """
import json, resource, sys, time
from graph.ingest import build
from graph.stores.local import LocalStore
folder, db, workers = sys.argv[1], sys.argv[2], int(sys.argv[3])
store = LocalStore(db)
start = time.perf_counter()
report = build(store, [folder], workers=workers)
took = time.perf_counter() - start
relations = sum(store.counts()["relations"].values())
store.close()
print(json.dumps({"added": len(report.added), "failed": len(report.failed), "seconds": took,
                  "relations": relations,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "workers_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def sentence_shapes(shared: Path) -> list[str]:
    """Dev-set sentences with each annotated name replaced by a {Type} slot."""
    shapes = []
    for gold_path in sorted((shared / "eval" / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (shared / "eval" / "docs" / gold["doc"]).read_text(encoding="utf-8")
        forms = sorted({(f, e["type"]) for e in gold["entities"]
                        for f in [e["name"], *e.get("aliases", [])] if len(f) >= 2},
                       key=lambda ft: -len(ft[0]))
        for form, kind in forms:
            text = text.replace(form, "\0" + kind + "\1")
        for sentence in re.split(r"(?<=[。；！？])", text):
            if "\0" in sentence and 10 <= len(sentence) <= 300:
                shapes.append(sentence.strip())
    return shapes


def write_documents(folder: Path, n: int, shapes: list[str], seed: int = 14) -> int:
    """n documents of SENTENCES_PER_DOC filled-in shapes; returns their characters."""
    archive = Archive(max(n * 4, 200), seed)
    rng = random.Random(seed)
    by_kind: dict[str, list[str]] = {}
    for entity, forms, _ in archive.actors:
        by_kind.setdefault(entity.kind.value, []).extend(forms)
    by_kind["Region"] = [p for pair in archive.places for p in pair]
    by_kind["IndustryChain"] = [t for t, _ in archive.industries]

    def fill(match: re.Match) -> str:
        return rng.choice(by_kind.get(match.group(1)) or by_kind["Enterprise"])

    chars = 0
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        place = rng.choice(archive.places)[0]
        body = "".join(re.sub("\0(\\w+)\1", fill, s)
                       for s in rng.sample(shapes, min(SENTENCES_PER_DOC, len(shapes))))
        text = f"{place}{2016 + i % 9}年科技创新工作情况（{i}）\n{body}\n"
        (folder / f"doc_{i:05d}.txt").write_text(text, encoding="utf-8")
        chars += len(text)
    return chars


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--docs", type=int, nargs="+", default=[250, 1000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args(argv)
    if not (args.shared / "eval" / "gold").is_dir():
        print(f"{args.shared}/eval/gold not found: give --shared FOLDER", file=sys.stderr)
        return 2
    shapes = sentence_shapes(args.shared)
    print(f"build of synthetic documents ({len(shapes)} dev-set sentence shapes, other names); "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    head = (f"{'docs':>6} {'workers':>7} {'chars':>10} {'seconds':>8} {'docs/s':>7} "
            f"{'chars/s':>9} {'relations':>9} {'peak MB':>8} {'workers MB':>10}")
    print(head)
    print("-" * len(head))
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.docs:
            folder = Path(tmp) / f"docs_{n}"
            chars = write_documents(folder, n, shapes)
            for workers in args.workers:
                db = Path(tmp) / f"build_{n}_{workers}.db"
                out = subprocess.run([sys.executable, "-c", CHILD, str(folder), str(db),
                                      str(workers)], cwd=ROOT, capture_output=True, text=True)
                if out.returncode:
                    print(out.stderr[-2000:], file=sys.stderr)
                    return 1
                r = json.loads(out.stdout.strip().splitlines()[-1])
                print(f"{r['added']:>6} {workers:>7} {chars:>10,} {r['seconds']:>8.1f} "
                      f"{r['added'] / r['seconds']:>7.1f} {chars / r['seconds']:>9,.0f} "
                      f"{r['relations']:>9,} {r['rss_mb']:>8.0f} {r['workers_rss_mb']:>10.0f}",
                      flush=True)
    print("peak MB: the building process; workers MB: the largest extraction worker "
          "(1 worker: extraction runs in the building process)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
