"""Issue 12, points 7-10, in headless Chromium (run with INNOGRAPH_BROWSER_TESTS=1 or
--browser): each test saves its screenshot under docs/screens/.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.ingest import build
from graph.stores.local import LocalStore
from tests.conftest import ROOT
from tests.test_app_browser import (_serve, _stop, _visit, _wait_graph, _wait_rendered,
                                    browser)  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

SCREENS = ROOT / "docs" / "screens"
DEV_DOCS = ROOT.parent / "shared" / "eval" / "docs"


@pytest.fixture(scope="module")
def dev_app(tmp_path_factory):
    """The app on the 27-document dev set (the sample report where that is missing)."""
    db = tmp_path_factory.mktemp("dev") / "dev.db"
    store = LocalStore(db)
    build(store, [DEV_DOCS if DEV_DOCS.is_dir() else ROOT / "data" / "docs"], workers=1)
    store.close()
    proc, url = _serve(db)
    yield url
    _stop(proc)


def _idle(page) -> None:
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning] h1",
                           timeout=60_000)
    page.wait_for_timeout(800)


def _visible_text(locator) -> str:
    """The text a reader sees: no icon ligatures, nothing hidden or drawn at size 0."""
    return locator.evaluate("""(root) => {
        const out = [];
        const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        while (walk.nextNode()) {
            const el = walk.currentNode.parentElement;
            if (!el || el.closest('[data-testid=stIconMaterial]')) continue;
            const css = getComputedStyle(el);
            if (css.display === 'none' || css.visibility === 'hidden'
                || parseFloat(css.fontSize) === 0 || !el.getClientRects().length) continue;
            out.push(walk.currentNode.textContent);
        }
        return out.join(' ');
    }""")


def test_first_use_7_chain_sankey_follows_the_chosen_chain(browser, dev_app):
    page, rec = _visit(browser, f"{dev_app}/chains")
    heading = page.locator("h3", has_text="上游 → 下游的环节与主体")
    first_title = heading.inner_text()
    box = page.locator("[data-testid=stEChartsChart]").last
    box.scroll_into_view_if_needed()
    page.wait_for_timeout(800)
    first = box.screenshot()
    # the chain's own box in the main area (the sidebar's region box comes first in the page)
    chain_box = page.locator("[data-testid=stMain] [data-testid=stSelectbox]",
                             has_text="选择产业链").first
    choice = chain_box.locator("input[role=combobox]")
    before = choice.input_value()
    choice.click()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_function("(v) => [...document.querySelectorAll("
                           "'[data-testid=stMain] [data-testid=stSelectbox] input[role=combobox]')]"
                           ".some(e => e.value !== v)", arg=before, timeout=20_000)
    _idle(page)
    second_title = page.locator("h3", has_text="上游 → 下游的环节与主体").inner_text()
    assert second_title != first_title  # the heading names the chosen chain
    box = page.locator("[data-testid=stEChartsChart]").last
    box.scroll_into_view_if_needed()
    page.wait_for_timeout(800)
    assert box.screenshot() != first, "the Sankey is the same picture for another chain"
    page.screenshot(path=str(SCREENS / "point7_chain_sankey.png"), full_page=True)
    assert not rec.errors, rec.errors
    page.close()


def test_first_use_8_explorer_opens_on_an_overview_and_expands_on_click(browser, dev_app):
    page, rec = _visit(browser, f"{dev_app}/explorer")
    frame = _wait_graph(page)
    drawn = frame.evaluate("() => network.body.nodeIndices.length")
    caption = page.inner_text("body")
    total = int(re.search(r"显示 (\d+) 个节点", caption).group(1))
    assert "概览" in caption and drawn < 60 <= total, (drawn, total)
    page.wait_for_timeout(500)
    page.screenshot(path=str(SCREENS / "point8_explorer_overview.png"))
    cluster = frame.evaluate("""() => network.body.nodeIndices
        .filter(i => String(i).startsWith('cluster:'))
        .sort((a, b) => network.body.nodes[b].options.value - network.body.nodes[a].options.value)[0]""")
    assert cluster, "no cluster node in the overview"
    label = frame.evaluate("(id) => network.body.nodes[id].options.label", cluster)
    from tests.test_app_browser import _click_node

    _click_node(page, frame, label)
    page.wait_for_function(
        "(n) => { const f = document.querySelector('iframe'); return !!f; }", arg=drawn)
    _idle(page)
    frame = _wait_graph(page)
    after = frame.evaluate("() => network.body.nodeIndices.length")
    assert after > drawn, (drawn, after)
    assert not frame.evaluate("(id) => network.body.nodeIndices.includes(id)", cluster)
    page.screenshot(path=str(SCREENS / "point8_explorer_expanded.png"))
    assert not rec.errors, rec.errors
    page.close()


def test_first_use_8_demo_map_is_an_overview(browser, dev_app):
    page, rec = _visit(browser, f"{dev_app}/demo")
    page.get_by_role("button", name="下一页").click()
    _idle(page)
    frame = _wait_graph(page)
    assert frame.evaluate("() => network.body.nodeIndices.length") < 60
    assert frame.evaluate("() => network.body.nodeIndices.some(i => String(i).startsWith('cluster:'))")
    page.wait_for_timeout(500)
    page.screenshot(path=str(SCREENS / "point8_demo_map.png"))
    assert not rec.errors, rec.errors
    page.close()


def test_first_use_9_demo_next_advances_one_step_per_click(browser, dev_app):
    page, rec = _visit(browser, f"{dev_app}/demo")
    titles = [page.inner_text("h1")]
    for _ in range(3):
        page.get_by_role("button", name="下一页").click()  # exactly once per step
        page.wait_for_function("(t) => document.querySelector('h1').innerText !== t",
                               arg=titles[-1], timeout=20_000)
        _idle(page)
        titles.append(page.inner_text("h1"))
    assert titles[0] == "创新生态概况" and titles[1] == "创新生态图谱"
    assert titles[2].startswith("重点产业链") and "短板" in titles[3]
    page.screenshot(path=str(SCREENS / "point9_demo_last_step.png"))
    assert not rec.errors, rec.errors
    page.close()


def test_first_use_10_upload_panel_speaks_chinese_and_names_the_upload(browser, dev_app,
                                                                      tmp_path):
    page, rec = _visit(browser, f"{dev_app}/documents")
    page.get_by_role("tab", name="上传文档").click()
    page.wait_for_timeout(800)
    text = _visible_text(page.locator("[role=tabpanel]:visible"))
    english = set(re.findall(r"[A-Za-z]{3,}", text)) - {
        "TXT", "HTML", "DOCX", "PDF", "CSV", "XLSX", "GBK", "Excel"}
    assert not english, (english, text)
    (tmp_path / "空白报告.txt").write_bytes(b"")
    page.locator("input[type=file]").first.set_input_files([str(tmp_path / "空白报告.txt")])
    page.wait_for_timeout(1000)
    page.get_by_role("button", name="构建图谱").click()
    page.wait_for_selector("text=未能读取", timeout=30_000)
    warning = page.locator("[data-testid=stAlert]", has_text="未能读取").inner_text()
    assert "空白报告.txt：文件为空" in warning and "/tmp" not in warning
    # the roster beside the documents
    roster = tmp_path / "名录.csv"
    roster.write_bytes("企业名称,区域,产业\n（虚构示例）甲示例装备有限公司,越城区,高端装备\n乙公司,越城\n"
                       .encode("gbk"))
    page.locator("input[type=file]").nth(1).set_input_files([str(roster)])
    page.wait_for_timeout(1000)
    page.get_by_role("button", name="导入名录").click()
    page.wait_for_selector("text=导入 1 行", timeout=30_000)
    skipped = page.locator("[data-testid=stAlert]", has_text="跳过").inner_text()
    assert "名录.csv" in skipped and "row 3" in skipped and "/tmp" not in skipped
    page.wait_for_timeout(500)
    page.screenshot(path=str(SCREENS / "point10_upload_panel.png"), full_page=True)
    assert not rec.errors, rec.errors
    page.close()
