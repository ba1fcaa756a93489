"""Extraction benchmark (not a test): quality against a generic baseline, then speed.

Run: .venv/bin/python tests/benchmarks/bench_extract.py [--shared ../shared] [--quick]

(a) Quality on the shared dev set (<shared>/eval/docs and gold, scored with
    <shared>/eval/score.py's own functions): innograph's extractor next to the baseline a
    user would otherwise pick, jieba.posseg (nt → organisation typed by its suffix,
    ns → Region, no relations, no indicators).
(b) Speed: start-up (import + pipeline build in a fresh process), characters per second of
    extract_text on one core over ~1 MB of sample text, jieba.lcut alone on the same text as
    the ceiling, and graph.ingest.build throughput with 1 worker and one per core.
    Targets (from the issue): ≥ 100,000 chars/s on one core, start-up < 3 s. When extraction
    is slower, a cProfile of it lists the hot spots (file:line).
"""
from __future__ import annotations

import argparse
import cProfile
import importlib.util
import io
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SAMPLE_DOCS = ROOT / "data" / "docs"
SAMPLE = SAMPLE_DOCS / "shaoxing_2020_report.txt"
TARGET_CHARS_PER_S = 100_000
TARGET_STARTUP_S = 3.0

# ---------------------------------------------------------------------------------------------
# (a) quality
# ---------------------------------------------------------------------------------------------

#: the baseline's organisation typing: first matching suffix wins, else Enterprise
SUFFIX_TYPES = ((("大学", "学院"), "University"), (("研究院", "研究所"), "Institute"),
                (("实验室",), "Lab"), (("公司", "集团"), "Enterprise"),
                (("联盟", "协会"), "Alliance"), (("园", "区", "城"), "Park"))


def load_scorer(shared: Path):
    """<shared>/eval/score.py as a module (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("innograph_shared_score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def baseline_extract(text: str, tagger) -> dict:
    """jieba.posseg: nt → an organisation typed by suffix, ns → Region; nothing else."""
    entities: dict[str, str] = {}
    for word, flag in tagger.cut(text):
        word = word.strip()
        if not word:
            continue
        if flag == "nt":
            kind = next((k for suffixes, k in SUFFIX_TYPES if word.endswith(suffixes)), "Enterprise")
        elif flag == "ns":
            kind = "Region"
        else:
            continue
        entities.setdefault(word, kind)
    return {"entities": [{"name": n, "type": k} for n, k in entities.items()],
            "relations": [], "indicators": []}


def score_all(scorer, gold_dir: Path, predictions: dict[str, dict]) -> dict[str, tuple]:
    """Micro-averaged (P, R, F) per measure, with score.py's matching rules."""
    totals = {k: [0, 0, 0] for k in ("entity", "entity_untyped", "relation", "indicator")}
    for gpath in sorted(gold_dir.glob("*.json")):
        import json

        gold = scorer.Gold(json.loads(gpath.read_text(encoding="utf-8")))
        pred = predictions.get(gpath.stem, {})
        ents = pred.get("entities", [])
        for key, result in (("entity", scorer.score_entities(gold, ents, typed=True)),
                            ("entity_untyped", scorer.score_entities(gold, ents, typed=False)),
                            ("relation", scorer.score_relations(gold, pred.get("relations", []))),
                            ("indicator", scorer.score_indicators(gold, pred.get("indicators", [])))):
            for j in range(3):
                totals[key][j] += result[j]
    return {k: scorer.prf(*v) for k, v in totals.items()}


def quality(shared: Path) -> None:
    import json

    import jieba
    import jieba.posseg

    eval_dir = shared / "eval"
    if not (eval_dir / "score.py").is_file() or not (eval_dir / "gold").is_dir():
        print(f"(a) quality: skipped, no shared dev set at {eval_dir} (pass --shared DIR)")
        return
    scorer = load_scorer(shared)
    golds = {p.stem: json.loads(p.read_text(encoding="utf-8"))
             for p in sorted((eval_dir / "gold").glob("*.json"))}
    docs = {stem: eval_dir / "docs" / g["doc"] for stem, g in golds.items()}

    from extract import extract_file
    from extract.reading import read_document

    # a tagger with jieba's stock dictionary, untouched by innograph's user dictionary
    tagger = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    base = {stem: baseline_extract(read_document(p), tagger) for stem, p in docs.items()}
    ours = {stem: extract_file(p).to_json() for stem, p in docs.items()}
    s_ours = score_all(scorer, eval_dir / "gold", ours)
    s_base = score_all(scorer, eval_dir / "gold", base)

    print(f"(a) quality on the shared dev set: {len(golds)} documents, "
          f"{sum(len(g['entities']) for g in golds.values())} gold entities, "
          f"{sum(len(g['relations']) for g in golds.values())} relations, "
          f"{sum(len(g['indicators']) for g in golds.values())} indicators")
    print(f"    {'measure':26} {'innograph':>10} {'jieba.posseg':>13} {'ratio':>7}")
    rows = [("entity P (typed)", "entity", 0), ("entity R (typed)", "entity", 1),
            ("entity F (typed)", "entity", 2), ("entity F (untyped)", "entity_untyped", 2),
            ("relation F", "relation", 2), ("indicator F", "indicator", 2)]
    for label, key, i in rows:
        a, b = s_ours[key][i], s_base[key][i]
        ratio = f"{a / b:6.1f}x" if b else ("    n/a" if not a else "    inf")
        print(f"    {label:26} {a:10.2f} {b:13.2f} {ratio:>7}")


# ---------------------------------------------------------------------------------------------
# (b) speed
# ---------------------------------------------------------------------------------------------

STARTUP_PROBE = """
import time
t0 = time.perf_counter()
import extract
from extract.pipeline import default_pipeline
t1 = time.perf_counter()
default_pipeline()
t2 = time.perf_counter()
print(t1 - t0, t2 - t1)
"""


def startup(runs: int) -> None:
    """Import + pipeline build in fresh interpreters (the interpreter's own start excluded)."""
    imports, builds, walls = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", STARTUP_PROBE], cwd=ROOT, check=True,
                             capture_output=True, text=True)
        walls.append(time.perf_counter() - start)
        imp, build = map(float, out.stdout.split()[-2:])
        imports.append(imp)
        builds.append(build)
    total = statistics.median(i + b for i, b in zip(imports, builds))
    verdict = "ok" if total < TARGET_STARTUP_S else f"OVER the {TARGET_STARTUP_S:.0f} s target"
    print(f"    start-up (median of {runs} fresh processes): import {statistics.median(imports):.2f} s"
          f" + pipeline build {statistics.median(builds):.2f} s = {total:.2f} s  [{verdict}]"
          f"  (whole process incl. interpreter: {statistics.median(walls):.2f} s)")


def corpus_documents(shared: Path, target_bytes: int) -> list[str]:
    """data/docs plus the dev documents, repeated until about `target_bytes` of UTF-8."""
    from extract.reading import read_document
    from graph.ingest import find_documents

    sources = find_documents([SAMPLE_DOCS])
    if (shared / "eval" / "docs").is_dir():
        sources += find_documents([shared / "eval" / "docs"])
    texts = [read_document(p) for p in sources]
    docs, size = [], 0
    while size < target_bytes:
        for t in texts:
            docs.append(t)
            size += len(t.encode("utf-8"))
            if size >= target_bytes:
                break
    return docs


def extraction_speed(docs: list[str], budget_s: float) -> float:
    """chars/s of extract_text, one document at a time, after start-up (one core)."""
    import jieba

    from extract import extract_text

    extract_text(docs[0][:500])  # warm: pipeline built, jieba dictionary loaded
    n_chars, done = 0, 0
    start = time.perf_counter()
    for text in docs:
        extract_text(text)
        n_chars += len(text)
        done += 1
        if time.perf_counter() - start > budget_s:
            break
    elapsed = time.perf_counter() - start
    speed = n_chars / elapsed
    total_chars = sum(map(len, docs))
    total_mb = sum(len(t.encode("utf-8")) for t in docs) / 1e6
    note = "" if done == len(docs) else (
        f"; stopped after the {budget_s:.0f} s budget at {done}/{len(docs)} documents, the whole "
        f"corpus would take ~{total_chars / speed:.0f} s")
    verdict = "ok" if speed >= TARGET_CHARS_PER_S else f"BELOW the {TARGET_CHARS_PER_S:,} target"
    print(f"    extract_text: {speed:,.0f} chars/s on one core  [{verdict}]")
    print(f"        corpus: {len(docs)} documents, {total_chars:,} chars ({total_mb:.2f} MB UTF-8); "
          f"measured on {n_chars:,} chars in {elapsed:.1f} s{note}")

    text = "".join(docs)
    start = time.perf_counter()
    jieba.lcut(text)
    seg = len(text) / (time.perf_counter() - start)
    print(f"    jieba.lcut alone (the ceiling): {seg:,.0f} chars/s on the whole corpus; "
          f"extraction runs at {speed / seg:.1%} of it")
    return speed


def varied_copies(folder: Path, n: int) -> list[Path]:
    """n copies of the sample, each slightly different (so each is a new document)."""
    text = SAMPLE.read_text(encoding="utf-8")
    title, _, body = text.partition("\n")
    paths = []
    for i in range(n):
        varied = f"{title}（第{i + 1}稿）\n" + body.replace("425家", f"{425 + i}家", 1)
        path = folder / f"report_{i:03d}.txt"
        path.write_text(varied, encoding="utf-8")
        paths.append(path)
    return paths


def build_throughput(copies: int, chars_per_s: float, budget_s: float) -> None:
    from graph.ingest import build
    from graph.settings import Settings, StoreKind
    from graph.stores import open_store

    cores = os.cpu_count() or 1
    sample_chars = len(SAMPLE.read_text(encoding="utf-8"))
    affordable = int(budget_s * chars_per_s / sample_chars)
    n = copies if affordable >= copies else max(affordable, 4 * cores * 2)
    if n < copies:
        print(f"    build: {n} copies instead of {copies}: at {chars_per_s:,.0f} chars/s the full "
              f"run would take ~{copies * sample_chars / chars_per_s:.0f} s with one worker "
              f"(raise --build-budget to force it)")
    with tempfile.TemporaryDirectory(prefix="innograph-bench-") as tmp:
        tmp = Path(tmp)
        (tmp / "docs").mkdir()
        varied_copies(tmp / "docs", n)
        results = {}
        for workers in sorted({1, cores}):
            store = open_store(Settings(store=StoreKind.LOCAL, db_path=tmp / f"w{workers}.db"))
            try:
                start = time.perf_counter()
                report = build(store, [tmp / "docs"], workers=workers)
                elapsed = time.perf_counter() - start
            finally:
                store.close()
            assert len(report.added) == n, (len(report.added), report.failed[:3])
            results[workers] = elapsed
            print(f"    build, {n} documents ({n * sample_chars / 1e6:.1f} M chars), workers={workers}: "
                  f"{elapsed:.1f} s = {n / elapsed:.2f} docs/s, "
                  f"{n * sample_chars / elapsed:,.0f} chars/s")
        if cores > 1:
            print(f"    speed-up with {cores} workers: {results[1] / results[cores]:.2f}x")


def profile(text: str, top: int) -> None:
    """cProfile of extract_text: the hot spots, with file:line."""
    from extract import extract_text

    extract_text(text[:200])
    prof = cProfile.Profile()
    prof.enable()
    extract_text(text)
    prof.disable()
    stats = pstats.Stats(prof)
    total = stats.total_tt

    def where(func) -> str:
        filename, line, name = func
        path = Path(filename)
        try:
            filename = str(path.relative_to(ROOT))
        except ValueError:
            if "site-packages" in path.parts:
                filename = "/".join(path.parts[path.parts.index("site-packages") + 1:])
        return f"{filename}:{line} {name}"

    print(f"    profile of extract_text on {len(text):,} chars ({total:.1f} s under cProfile)")
    print(f"    by own time:")
    by_own = sorted(stats.stats.items(), key=lambda kv: kv[1][2], reverse=True)[:top]
    for func, (cc, nc, tt, ct, callers) in by_own:
        print(f"      {tt / total:6.1%} own {ct / total:6.1%} cum {nc:>10,} calls  {where(func)}")
    print(f"    innograph functions by cumulative time:")
    ours = [(f, s) for f, s in stats.stats.items() if str(ROOT / "extract") in f[0]]
    for func, (cc, nc, tt, ct, callers) in sorted(ours, key=lambda kv: kv[1][3], reverse=True)[:top]:
        print(f"      {ct / total:6.1%} cum {nc:>8,} calls  {where(func)}")
    # the library functions innograph calls that cost the most, and from where
    outside = [(f, st) for f, st in stats.stats.items() if str(ROOT) not in f[0]
               and any(str(ROOT / "extract") in c[0] for c in st[4])]
    for func, (cc, nc, tt, ct, callers) in sorted(outside, key=lambda kv: kv[1][3],
                                                    reverse=True)[:2]:
        print(f"    {where(func)} ({ct / total:.1%} cum) is called from:")
        ours = [(c, v) for c, v in callers.items() if str(ROOT) in c[0]]
        for caller, (ccc, cnc, ctt, cct) in sorted(ours, key=lambda kv: kv[1][3],
                                                   reverse=True)[:top]:
            print(f"      {cct / total:6.1%} cum {cnc:>6,} calls  {where(caller)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                    help="the shared folder holding eval/ (default: ../shared beside the repo)")
    ap.add_argument("--mb", type=float, default=1.0, help="corpus size for chars/s (MB of UTF-8)")
    ap.add_argument("--copies", type=int, default=200, help="documents for the build benchmark")
    ap.add_argument("--extract-budget", type=float, default=120.0,
                    help="stop the chars/s measurement after this many seconds")
    ap.add_argument("--build-budget", type=float, default=120.0,
                    help="fewer build copies when one worker would need longer than this")
    ap.add_argument("--startup-runs", type=int, default=3)
    ap.add_argument("--profile", choices=("auto", "always", "never"), default="auto",
                    help="profile extraction (auto: when below the chars/s target)")
    ap.add_argument("--profile-chars", type=int, default=8000,
                    help="profile on the first N characters of the sample")
    ap.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    a = ap.parse_args(argv)
    if a.quick:
        a.mb, a.copies, a.extract_budget, a.build_budget, a.startup_runs = 0.1, 16, 20, 20, 1
    shared = a.shared.resolve()

    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict" chatter in the report
    print(f"innograph extraction benchmark — Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} cores")
    quality(shared)
    print("(b) speed")
    startup(a.startup_runs)
    docs = corpus_documents(shared, int(a.mb * 1_000_000))
    speed = extraction_speed(docs, a.extract_budget)
    build_throughput(a.copies, speed, a.build_budget)
    if a.profile == "always" or (a.profile == "auto" and speed < TARGET_CHARS_PER_S):
        profile(SAMPLE.read_text(encoding="utf-8")[:a.profile_chars], top=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
