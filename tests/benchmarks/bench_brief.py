"""Time the briefing deck (not a test): `build_deck`, then the PPTX and the PDF.

Two stores: the one built from data/docs, and a synthetic local store of about 100k
relations (the seeded ecosystem of bench_analytics.py: actors named with chain keywords,
parks, regions, affiliations, cooperations; loaded as documents of 100 entities).
"deck" builds the slides (graph export, chain links, analytics, evidence look-ups);
"pptx" draws the pictures and writes the PPTX; "pdf" writes the PDF with the pictures
drawn afresh, as `innograph brief OUT.pdf` does. A CLI run costs deck + one writer.

Run: .venv/bin/python tests/benchmarks/bench_brief.py [--entities 66000]
Target: < 30 s for deck + writer on the 100k-relation store. Wall seconds, CPU in brackets.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE))

from bench_analytics import _loaded, synthetic  # noqa: E402

from graph.briefing import build_deck, write_deck  # noqa: E402
from graph.briefing.pictures import render  # noqa: E402
from graph.ingest import build  # noqa: E402
from graph.stores.local import LocalStore  # noqa: E402


def timed(fn):
    start, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return (time.perf_counter() - start, time.process_time() - cpu), result


def bench(store: LocalStore, folder: Path, label: str) -> None:
    counts = store.counts()
    relations = sum(counts["relations"].values())
    t_deck, deck = timed(lambda: build_deck(store))
    render.cache_clear()
    t_pptx, _ = timed(lambda: write_deck(deck, folder / "b.pptx"))
    render.cache_clear()
    t_pdf, _ = timed(lambda: write_deck(deck, folder / "b.pdf"))
    cli = t_deck[0] + max(t_pptx[0], t_pdf[0])

    def cell(t):
        return f"{t[0]:.2f} s ({t[1]:.2f})"
    print(f"{label:<28} {relations:>9,} {len(deck.slides):>6} {cell(t_deck):>16} "
          f"{cell(t_pptx):>16} {cell(t_pdf):>16} {cli:>9.2f} s", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=66_000,
                        help="entities of the synthetic store (66k: about 100k relations)")
    args = parser.parse_args(argv)
    head = (f"{'store':<28} {'relations':>9} {'slides':>6} {'deck':>16} {'pptx':>16} "
            f"{'pdf':>16} {'CLI total':>11}")
    print(head)
    print("-" * len(head))
    with tempfile.TemporaryDirectory(prefix="innograph-brief-") as tmp:
        folder = Path(tmp)
        store = LocalStore(folder / "docs.db")
        build(store, [str(HERE.parents[1] / "data" / "docs")])
        bench(store, folder, "data/docs")
        store.close()
        (loaded, _), store = timed(lambda: _loaded(LocalStore(folder / "synthetic.db"),
                                                   synthetic(args.entities)))
        bench(store, folder, f"synthetic {args.entities:,} entities")
        store.close()
    print(f"(synthetic store loaded in {loaded:.1f} s; target: CLI total < 30 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
