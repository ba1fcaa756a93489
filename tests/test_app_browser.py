"""The app in headless Chromium: every page renders offline, without console errors.

Run with ``INNOGRAPH_BROWSER_TESTS=1 python -m pytest -q tests/test_app_browser.py``
(or ``--browser``). Needs Debian's ``chromium`` and ``fonts-noto-cjk`` (``.ci/run``
installs them). Screenshots and first-render times go to ``tests/artifacts/``; times
are reported, not asserted.
"""
from __future__ import annotations

import json
import random
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from graph.local_store import LocalStore
from graph.model import EntityKind, RelationKind
from tests.graph_factory import doc_graph

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]
PAGES = ["overview", "explorer", "chains", "gaps", "partners", "documents", "demo"]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
TIMES: dict[str, float] = {}


def _stop(proc) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=15)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(db: Path):
    port = _free_port()
    exe = Path(sys.executable).with_name("innograph")
    proc = subprocess.Popen([str(exe), "app", "--port", str(port), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"the app did not start on {url}: {proc.stderr.read().decode()[-2000:]}")


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory, sample_graph) -> Path:
    db = tmp_path_factory.mktemp("app") / "sample.db"
    store = LocalStore(db)
    store.add_document(sample_graph)
    store.close()
    return db


@pytest.fixture(scope="module")
def big_db(tmp_path_factory) -> Path:
    """A synthetic 2,000-entity ecosystem (fixed seed) for the explorer's render time."""
    rnd = random.Random(42)
    kinds = [k for k in EntityKind]
    entities = [(kinds[i % len(kinds)], f"主体{i:04d}") for i in range(2000)]
    rels = set()
    while len(rels) < 3000:
        a, b = rnd.sample(range(2000), 2)
        rels.add((entities[a][1], RelationKind.COOPERATES_WITH, entities[b][1]))
    db = tmp_path_factory.mktemp("big") / "big.db"
    store = LocalStore(db)
    store.add_document(doc_graph("big", entities, sorted(rels)))
    store.close()
    return db


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("browser test: install Debian's chromium (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def sample_app(sample_db):
    proc, url = _serve(sample_db)
    yield url
    _stop(proc)


class Recorder:
    """Every request the page makes (outside ones are blocked) and every console error."""

    def __init__(self, page):
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.failed: list[str] = []  #: responses with an error status
        self.probes = 0
        page.route("**/*", self._route)
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("response", self._response)

    def _response(self, response) -> None:
        # Opened on a deep link (/explorer), Streamlit's frontend first probes
        # /explorer/_stcore/{health,host-config} to discover its base path, gets 404 and
        # falls back to /_stcore/: expected, and the only 404s allowed.
        path = urlparse(response.url).path
        if response.status == 404 and path.endswith(("/_stcore/health", "/_stcore/host-config")):
            self.probes += 1
        elif response.status >= 400:
            self.failed.append(f"{response.status} {response.url}")

    def _console(self, message) -> None:
        if message.type != "error":
            return
        if "status of 404" in message.text and self.probes:
            self.probes -= 1  # the console line of a base-path probe
            return
        self.errors.append(message.text)

    def _route(self, route):
        url = route.request.url
        parsed = urlparse(url)
        if parsed.scheme in ("http", "https", "ws", "wss") and parsed.hostname not in LOCAL_HOSTS:
            self.outside.append(url)
            route.abort()
        else:
            route.continue_()


def _open(browser, url: str):
    page = browser.new_page(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    return page, Recorder(page)


def _wait_rendered(page, timeout: float = 60_000) -> None:
    """Until the script run has finished and its title, charts and tables are drawn."""
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning] h1",
                           timeout=timeout)
    page.wait_for_function(
        """() => !document.querySelector('[data-testid=stSkeleton]')
              && [...document.querySelectorAll('[data-testid=stPlotlyChart]')]
                   .every(c => c.querySelector('.main-svg'))
              && [...document.querySelectorAll('[data-testid=stDataFrame]')]
                   .every(d => d.querySelector('canvas'))""", timeout=timeout)


def _wait_graph(page, timeout: float = 120_000):
    """Until the vis-network canvas inside the first graph iframe has been stabilised and drawn."""
    frame_el = page.wait_for_selector("iframe", timeout=timeout)
    frame = frame_el.content_frame()
    frame.wait_for_selector("#mynetwork canvas", timeout=timeout)
    frame.wait_for_function("() => document.body.getAttribute('data-stabilized') === '1'",
                            timeout=timeout)
    return frame


def _painted_pixels(frame) -> int:
    return frame.evaluate("""() => {
        const c = document.querySelector('#mynetwork canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 16) {
            if (d[i] < 240 || d[i + 1] < 240 || d[i + 2] < 240) n++;
        }
        return n;
    }""")


def _report() -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "render_times.json").write_text(json.dumps(TIMES, indent=2, ensure_ascii=False))


@pytest.mark.parametrize("name", PAGES)
def test_app_browser_page_renders_offline(browser, sample_app, name):
    page, rec = _open(browser, sample_app)
    start = time.perf_counter()
    page.goto(f"{sample_app}/{'' if name == 'overview' else name}", wait_until="domcontentloaded")
    _wait_rendered(page)
    if name == "explorer":
        frame = _wait_graph(page)
        assert _painted_pixels(frame) > 500, "the vis-network canvas is blank"
    TIMES[name] = round(time.perf_counter() - start, 2)
    page.wait_for_timeout(500)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    _report()
    assert not rec.outside, f"requests left 127.0.0.1: {rec.outside}"
    assert not rec.errors and not rec.failed, f"console errors: {rec.errors} {rec.failed}"
    body = page.inner_text("body")
    assert "Traceback" not in body and "Error" not in body
    page.close()


def test_app_browser_demo_map_draws(browser, sample_app):
    page, rec = _open(browser, sample_app)
    page.goto(f"{sample_app}/demo", wait_until="domcontentloaded")
    _wait_rendered(page)
    page.get_by_role("button", name="下一页").click()
    page.wait_for_timeout(300)
    _wait_rendered(page)
    frame = _wait_graph(page)
    assert _painted_pixels(frame) > 500
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "demo_map.png"), full_page=False)
    page.get_by_role("button", name="下一页").click()
    page.wait_for_timeout(300)
    _wait_rendered(page)
    page.wait_for_timeout(1500)
    page.screenshot(path=str(ARTIFACTS / "demo_chain.png"), full_page=False)
    assert not rec.outside and not rec.errors, (rec.outside, rec.errors)
    page.close()


def test_app_browser_explorer_2000_nodes(browser, big_db):
    proc, url = _serve(big_db)
    try:
        page, rec = _open(browser, url)
        start = time.perf_counter()
        page.goto(f"{url}/explorer?max_nodes=2000", wait_until="domcontentloaded")
        _wait_rendered(page, timeout=180_000)
        frame = _wait_graph(page, timeout=180_000)
        TIMES["explorer_2000_nodes"] = round(time.perf_counter() - start, 2)
        _report()
        assert _painted_pixels(frame) > 500
        assert "2000" in page.inner_text("body")
        page.screenshot(path=str(ARTIFACTS / "explorer_2000.png"))
        assert not rec.outside and not rec.errors, (rec.outside, rec.errors)
        page.close()
    finally:
        _stop(proc)
