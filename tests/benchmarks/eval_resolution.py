"""Cross-document resolution score: build every gold-annotated document into one store
and count right, missed and wrong merges (see `graph.merge_score`). Not a test.

Run: make eval-resolution  (or .venv/bin/python tests/benchmarks/eval_resolution.py
     --gold ../shared/eval/gold --docs ../shared/eval/docs [--top 10] [--db FILE])
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from graph.ingest import build  # noqa: E402
from graph.merge_score import format_score, score_store  # noqa: E402
from graph.stores.local import LocalStore  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=Path("../shared/eval/gold"))
    parser.add_argument("--docs", type=Path, default=Path("../shared/eval/docs"))
    parser.add_argument("--top", type=int, default=10, help="worst cases listed per kind")
    parser.add_argument("--db", type=Path, help="keep the built store in this (new) file")
    parser.add_argument("--workers", type=int, default=None, help="extraction processes")
    args = parser.parse_args(argv)
    gold_files = sorted(args.gold.glob("*.json"))
    if not gold_files:
        print(f"{args.gold}: no gold files (*.json) found; give --gold FOLDER", file=sys.stderr)
        return 2
    gold = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in gold_files}
    docs = [args.docs / data["doc"] for data in gold.values()]
    missing = [str(d) for d in docs if not d.exists()]
    if missing:
        print(f"{missing[0]}: the document of a gold file is missing; give --docs FOLDER",
              file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "resolution.db"
        store = LocalStore(db)
        try:
            start = time.perf_counter()
            report = build(store, docs, workers=args.workers)
            took = time.perf_counter() - start
            for path, message in report.failed:
                print(f"skipped: {message}", file=sys.stderr)
            print(f"cross-document resolution: {len(report.added)} documents built into one "
                  f"store in {took:.1f}s")
            print(format_score(score_store(store, gold), top=args.top))
        finally:
            store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
