"""Run every tests/benchmarks/bench_*.py in turn (benchmarks are not tests).

Run: .venv/bin/python tests/benchmarks/run_all.py
"""
from __future__ import annotations

import runpy
import sys
from pathlib import Path


def main() -> int:
    here = Path(__file__).resolve().parent
    root = here.parent.parent
    sys.path.insert(0, str(root))
    failed = []
    for bench in sorted(here.glob("bench_*.py")):
        print(f"== {bench.name}", flush=True)
        sys.argv = [str(bench)]  # each bench parses its own (empty) arguments
        try:
            runpy.run_path(str(bench), run_name="__main__")
        except SystemExit as exc:  # a bench ending with `raise SystemExit(main())`
            if exc.code not in (None, 0):
                failed.append(bench.name)
        print()
    if failed:
        print("failed: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
