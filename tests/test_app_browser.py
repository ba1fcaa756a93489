"""The app in headless Chromium: every page renders offline, without console errors.

Run with ``INNOGRAPH_BROWSER_TESTS=1 python -m pytest -q tests/test_app_browser.py``
(or ``--browser``). Needs Debian's ``chromium`` and ``fonts-noto-cjk`` (``.ci/run``
installs them). Screenshots and first-render times go to ``tests/artifacts/``; times
are reported, not asserted.
"""
from __future__ import annotations

import functools
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

from graph.stores.local import LocalStore
from graph.model import EntityKind, RelationKind
from tests.graph_factory import doc_graph

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]
PAGES = ["overview", "explorer", "chains", "gaps", "partners", "documents", "demo"]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
TITLES = {"overview": "总览", "explorer": "图谱探索", "chains": "产业链", "gaps": "短板分析",
          "partners": "合作伙伴", "documents": "文档", "demo": "创新生态概况"}
#: seconds to a drawn page, by how it was opened (see README "Speed")
TIMES: dict[str, dict] = {"first_visit": {}, "navigation": {}}


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
    _wait_healthy(proc, url)
    return proc, url


def _wait_healthy(proc, url: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    proc.kill()
    stderr = proc.stderr.read().decode()[-2000:] if proc.stderr else ""
    raise RuntimeError(f"the app did not start on {url}: {stderr}")


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


def _visit(browser, url: str):
    """A fresh page on `url`, once its script run has drawn, and its `Recorder`."""
    page, rec = _open(browser, url)
    page.goto(url, wait_until="domcontentloaded")
    _wait_rendered(page)
    return page, rec


def _wait_rendered(page, timeout: float = 60_000) -> None:
    """Until the script run has finished and its title, charts and tables are drawn."""
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning] h1",
                           timeout=timeout)
    page.wait_for_function(
        """() => !document.querySelector('[data-testid=stSkeleton]')
              && [...document.querySelectorAll('[data-testid=stEChartsChart]')]
                   .every(c => c.querySelector('canvas'))
              && [...document.querySelectorAll('[data-testid=stDataFrame]')]
                   .every(d => d.querySelector('canvas'))""", timeout=timeout)


def _wait_graph(page, timeout: float = 120_000):
    """Until the first graph (app/ui/graph_view.py: a component frame holding the pyvis page
    in a nested frame) has stabilised its layout and drawn its canvas; returns that page."""
    outer = page.wait_for_selector("iframe", timeout=timeout).content_frame()
    frame = outer.wait_for_selector("iframe", timeout=timeout).content_frame()
    frame.wait_for_selector("#mynetwork canvas", timeout=timeout)
    frame.wait_for_function("() => document.body.getAttribute('data-stabilized') === '1'",
                            timeout=timeout)
    return frame


def _click_node(page, frame, name: str) -> None:
    """Click the node labelled `name` where vis-network drew it (again if the page was
    still scrolling and the click missed: vis then has not selected it)."""
    node = frame.evaluate("""(name) => network.body.nodeIndices.find(
        i => network.body.nodes[i].options.label === name)""", name)
    canvas = frame.query_selector("#mynetwork canvas")
    canvas.scroll_into_view_if_needed()
    for _ in range(3):
        page.wait_for_timeout(300)
        point = frame.evaluate("(id) => network.canvasToDOM(network.getPosition(id))", node)
        box = canvas.bounding_box()
        page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
        page.wait_for_timeout(200)
        try:
            if frame.evaluate("(id) => network.getSelectedNodes().includes(id)", node):
                return
        except Exception:  # the click already replaced the page (it opened the explorer)
            return


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
    TIMES["first_visit"][name] = round(time.perf_counter() - start, 2)
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
    page, rec = _visit(browser, f"{sample_app}/demo")
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


def test_app_browser_navigation_draws_each_page(browser, sample_app):
    """A planner's session: the app is open, each page is reached from the sidebar."""
    page, rec = _open(browser, sample_app)
    page.goto(sample_app, wait_until="domcontentloaded")
    _wait_rendered(page)
    # demo mode hides the sidebar: it comes last
    for name in [p for p in PAGES if p not in ("overview", "demo")] + ["overview", "demo"]:
        start = time.perf_counter()
        page.locator(f'[data-testid=stSidebarNav] a[href$="/{"" if name == "overview" else name}"]'
                     ).first.click()
        page.wait_for_function(
            """(title) => document.querySelector('[data-test-script-state=notRunning]')
                 && [...document.querySelectorAll('h1')].some(h => h.innerText.includes(title))""",
            arg=TITLES[name], timeout=60_000)
        _wait_rendered(page)
        if name == "explorer":
            _wait_graph(page)
        TIMES["navigation"][name] = round(time.perf_counter() - start, 2)
    _report()
    assert not rec.outside and not rec.errors, (rec.outside, rec.errors)
    page.close()


def test_app_browser_clicking_a_node_shows_its_evidence(browser, sample_app):
    # every node drawn (the overview folds this institute into a group)
    page, rec = _visit(browser, f"{sample_app}/explorer?overview=0")
    _click_node(page, _wait_graph(page), "浙江大学绍兴研究院")
    page.wait_for_selector("h3:has-text('浙江大学绍兴研究院')", timeout=30_000)
    # its relations, then its evidence sentences (the detail streams in after the title)
    page.wait_for_function("() => document.body.innerText.includes('隶属于 → 浙江大学')"
                           " && document.body.innerText.includes('证据原文')", timeout=30_000)
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "explorer_selected.png"))
    assert not rec.outside and not rec.errors, (rec.outside, rec.errors)
    page.close()


def test_app_browser_clicking_a_chain_node_opens_the_explorer(browser, sample_app):
    page, rec = _visit(browser, f"{sample_app}/chains")
    frame = _wait_graph(page)
    name = frame.evaluate("() => network.body.nodes[network.body.nodeIndices[0]].options.label")
    _click_node(page, frame, name)
    page.wait_for_function("() => location.pathname.endsWith('/explorer')", timeout=30_000)
    page.wait_for_selector(f"h3:has-text('{name}')", timeout=30_000)
    assert not rec.outside and not rec.errors, (rec.outside, rec.errors)
    page.close()


def test_app_browser_another_site_cannot_write_into_the_graph_view(browser, sample_app, tmp_path):
    """A page on another origin frames the app and posts a fake render to the graph view:
    the view takes renders only from Streamlit, and its nested page is sandboxed."""
    import http.server
    import threading

    (tmp_path / "frame.html").write_text(
        f'<iframe id="app" src="{sample_app}/explorer" width="1400" height="1200"></iframe>',
        encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page, _ = _open(browser, sample_app)
        page.goto(f"http://localhost:{server.server_address[1]}/frame.html")  # another origin
        app = page.frame_locator("#app")
        app.locator("[data-testid=stApp][data-test-script-state=notRunning] h1").wait_for(
            timeout=60_000)
        deadline = time.monotonic() + 60
        while not (views := [f for f in page.frames if "/component/" in f.url]):
            assert time.monotonic() < deadline, "the graph view never appeared"
            page.wait_for_timeout(200)
        view = views[0]
        view.wait_for_function("() => document.getElementById('graph').srcdoc.length > 0",
                               timeout=60_000)
        page.evaluate("""() => new Promise(done => {
            const app = document.getElementById('app').contentWindow;
            let n = 0;
            const attack = setInterval(() => {  // again and again: Streamlit re-renders
                for (let i = 0; i < app.frames.length; i++) {
                    app.frames[i].postMessage({type: 'streamlit:render', args: {
                        html: '<script>parent.pwned = 1</' + 'script>', height: 50}}, '*');
                }
                if (++n === 40) { clearInterval(attack); setTimeout(done, 500); }
            }, 50);
        })""")
        assert not view.evaluate("() => window.pwned === 1"), "a foreign page ran script"
        assert view.evaluate("() => document.getElementById('graph').sandbox.value") \
            == "allow-scripts allow-downloads"
        page.close()
    finally:
        server.shutdown()


def test_app_browser_streamlit_floor(browser, tmp_path):
    """Reference, not a check of innograph: an empty Streamlit page in a fresh browser."""
    script = tmp_path / "hello.py"
    script.write_text('import streamlit as st\nst.title("hello")\n', encoding="utf-8")
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(script),
                             "--server.port", str(port), "--server.headless", "true",
                             "--browser.gatherUsageStats", "false"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_healthy(proc, url)
        page, _ = _open(browser, url)
        start = time.perf_counter()
        page.goto(url, wait_until="domcontentloaded")
        _wait_rendered(page)
        TIMES["streamlit_floor"] = round(time.perf_counter() - start, 2)
        _report()
        page.close()
    finally:
        _stop(proc)


@pytest.mark.parametrize("nodes", [500, 2000])
def test_app_browser_explorer_big_graphs(browser, big_db, nodes):
    """The explorer on a synthetic 2,000-entity store: time to a settled canvas and the
    time vis-network takes per frame while the view is panned."""
    proc, url = _serve(big_db)
    try:
        page, rec = _open(browser, url)
        start = time.perf_counter()
        page.goto(f"{url}/explorer?max_nodes={nodes}", wait_until="domcontentloaded")
        _wait_rendered(page, timeout=180_000)
        frame = _wait_graph(page, timeout=180_000)
        drawn = time.perf_counter() - start
        assert _painted_pixels(frame) > 500
        assert f"显示 {nodes} 个节点" in page.inner_text("body")
        TIMES[f"explorer_{nodes}_nodes"] = {"drawn_s": round(drawn, 2),
                                            "frame_ms_median": round(_frame_ms(frame))}
        _report()
        page.screenshot(path=str(ARTIFACTS / f"explorer_{nodes}.png"))
        assert not rec.outside and not rec.errors, (rec.outside, rec.errors)
        page.close()
    finally:
        _stop(proc)


def _frame_ms(frame, frames: int = 20) -> float:
    """Median time vis-network takes to redraw while the view is panned."""
    stamps = frame.evaluate("""(frames) => new Promise(done => {
        const stamps = [];
        network.on('afterDrawing', () => stamps.push(performance.now()));
        let k = 0;
        const pan = () => {
            const p = network.getViewPosition();
            network.moveTo({position: {x: p.x + (k % 2 ? 20 : -20), y: p.y}});
            if (++k < frames) { requestAnimationFrame(pan); } else { setTimeout(() => done(stamps), 200); }
        };
        pan();
    })""", frames)
    gaps = sorted(b - a for a, b in zip(stamps, stamps[1:]))
    return gaps[len(gaps) // 2] if gaps else float("nan")
