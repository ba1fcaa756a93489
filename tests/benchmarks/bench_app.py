"""Time the app at archive size in headless Chromium (not a test).

For each size, a synthetic store (`synthetic.py`, fixed seed) is built and served; every
page is opened fresh twice (the first open pays for the snapshot the pages read, the
second shows a warm app) and timed from navigation to a drawn page (title, charts and
tables painted: `tests/test_app_browser.py`'s wait). The explorer's search box is timed
from the last key typed to the filtered list shown.

Run: .venv/bin/python tests/benchmarks/bench_app.py [--sizes 10000 100000] [--port 8661]
Targets (issue 14): every page's first view < 3 s at 100k relations; search < 200 ms.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import build_store  # noqa: E402
from tests.test_app_browser import (CHROMIUM, FLAGS, PAGES, _stop, _wait_healthy,  # noqa: E402
                                    _wait_rendered)


def _serve(db: Path, port: int):
    exe = Path(sys.executable).with_name("innograph")
    proc = subprocess.Popen([str(exe), "app", "--port", str(port), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    _wait_healthy(proc, url)
    return proc, url


def _time_page(browser, url: str) -> float:
    page = browser.new_page(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    try:
        start = time.perf_counter()
        page.goto(url, wait_until="domcontentloaded")
        _wait_rendered(page, timeout=180_000)
        return time.perf_counter() - start
    finally:
        page.close()


def _time_search(browser, url: str, query: str, runs: int = 5) -> list[float]:
    """Seconds from typing the query's last character into the explorer's search box to
    its filtered options being shown."""
    page = browser.new_page(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    times = []
    try:
        page.goto(f"{url}/explorer", wait_until="domcontentloaded")
        _wait_rendered(page, timeout=180_000)
        box = page.locator("[data-testid=stSelectbox] input").first
        for _ in range(runs):
            box.click()
            box.fill(query[:-1])
            page.wait_for_timeout(200)
            start = time.perf_counter()
            page.keyboard.insert_text(query[-1])
            page.wait_for_function(
                """(q) => [...document.querySelectorAll('[role=option]')]
                       .some(o => o.textContent.includes(q))""", arg=query, timeout=30_000)
            times.append(time.perf_counter() - start)
            box.press("Escape")
    finally:
        page.close()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--port", type=int, default=8661)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing: apt-get install chromium fonts-noto-cjk", file=sys.stderr)
        return 2
    print(f"app first view, seconds (first open / second open); load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'relations':>10} {'entities':>9} " + " ".join(f"{p:>12}" for p in PAGES)
          + f" {'search ms':>12}")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        try:
            for size in args.sizes:
                db = Path(tmp) / f"synthetic_{size}.db"
                build_store(db, size)
                from graph.stores.local import LocalStore
                store = LocalStore(db)
                counts = store.counts()
                query = store.entities()[len(store.entities()) // 2].name[:3]
                store.close()
                proc, url = _serve(db, args.port)
                try:
                    cells = []
                    for name in PAGES:
                        first = _time_page(browser, f"{url}/{name}")
                        second = _time_page(browser, f"{url}/{name}")
                        cells.append(f"{first:5.1f}/{second:<5.1f}")
                    search = sorted(_time_search(browser, url, query))
                    search_cell = f"{1000 * search[len(search) // 2]:.0f} ({1000 * search[-1]:.0f})"
                finally:
                    _stop(proc)
                print(f"{sum(counts['relations'].values()):>10,} "
                      f"{sum(counts['entities'].values()):>9,} "
                      + " ".join(f"{c:>12}" for c in cells) + f" {search_cell:>12}", flush=True)
        finally:
            browser.close()
    print("search ms: median (max) of 5; targets: < 3 s per page at 100k, < 200 ms search")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
