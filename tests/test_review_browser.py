"""The 审核 page in headless Chromium: five facts reviewed with the keyboard alone, one
suggested duplicate merged, one relation added; after a reload all seven changes are in
curation.yaml and in the graph. Screenshot: docs/screens/review.png."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from graph.curation.file import CurationFile, load_curation
from graph.curation.queue import all_facts
from graph.curation.rules import relation_key
from graph.model import EntityKind, Relation, RelationKind, entity_id, normalise_name
from graph.stores.local import LocalStore
from tests.graph_factory import K, R, doc_graph
from tests.test_app_browser import (  # noqa: F401  (browser: the shared fixture)
    _free_port, _stop, _visit, _wait_healthy, browser)

pytestmark = pytest.mark.browser

SCREENS = Path(__file__).resolve().parent.parent / "docs" / "screens"
PAIR = doc_graph("pair", [(K.REGION, "某县"), (K.PARK, "某县云谷科技园"), (K.PARK, "云谷科技园"),
                          (K.PARK, "海港物流园")],
                 [("某县云谷科技园", R.LOCATED_IN, "某县"), ("云谷科技园", R.LOCATED_IN, "某县")])


@pytest.fixture
def review_app(tmp_path, sample_graph, browser):
    db = tmp_path / "review.db"
    store = LocalStore(db)
    store.add_document(sample_graph)
    store.add_document(PAIR)
    store.close()
    curation = tmp_path / "curation.yaml"
    curation.write_text("# 手写的说明\nmerge: []\n", encoding="utf-8")
    port = int(os.environ.get("INNOGRAPH_REVIEW_PORT") or _free_port())
    env = {**os.environ, "INNOGRAPH_CURATION": str(curation)}
    env.pop("INNOGRAPH_EDITOR_PASSWORD", None)
    proc = subprocess.Popen([str(Path(sys.executable).with_name("innograph")), "app", "--port",
                             str(port), "--db", str(db)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    _wait_healthy(proc, url)
    yield url, db, curation
    _stop(proc)


def _settle(page) -> None:
    """Until the rerun an action started has finished (tables in hidden tabs never draw,
    so `_wait_rendered` would wait for them)."""
    page.wait_for_timeout(400)
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning] h1",
                           timeout=120_000)
    page.wait_for_timeout(200)


def _pick(page, key: str, text: str) -> None:
    """Choose in the selectbox of this widget key by typing into its search box."""
    page.locator(f".st-key-{key} input").click()
    page.keyboard.type(text)
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")
    _settle(page)


def test_review_browser_keyboard_merge_add_survive_reload(review_app, browser):
    url, db, curation = review_app
    page, rec = _visit(browser, f"{url}/review")
    page.get_by_label("审核人（本次会话记一次即可）").fill("浏览器测试")
    page.keyboard.press("Enter")
    _settle(page)
    page.locator("h1").click()  # focus off the text box: keys go to the shortcuts
    for key in ("a", "x", "n", "a", "a", "a"):
        page.keyboard.press(key)
        _settle(page)
    after_keys = load_curation(curation)
    assert len(after_keys.accept) + len(after_keys.accept_relations) == 4
    assert len(after_keys.drop) + len(after_keys.reject_relations) == 1

    page.get_by_role("tab", name="疑似重复").click()
    card = page.locator("[class*=st-key-review_dup_]").filter(has_text="云谷科技园").first
    card.get_by_role("button", name="合并").click()
    _settle(page)
    assert load_curation(curation).merge

    page.get_by_role("tab", name="补充关系").click()
    _pick(page, "review_add_document", "title pair")
    _pick(page, "review_add_source", "海港物流园")
    _pick(page, "review_add_type", "合作")
    _pick(page, "review_add_target", "某县")
    page.get_by_role("button", name="添加关系").click()
    _settle(page)

    page.reload(wait_until="domcontentloaded")
    _settle(page)
    page.get_by_role("tab", name="修改记录").click()
    page.wait_for_timeout(500)
    cur = load_curation(curation)
    history = [h for h in CurationFile(curation).history() if "undone" not in h]
    assert len(history) == 7 and {h["who"] for h in history} == {"浏览器测试"}
    assert curation.read_text(encoding="utf-8").startswith("# 手写的说明")
    store = LocalStore(db)
    try:
        ids = {e.id for e in store.entities()}
        reviewed = [f for f in all_facts(store, cur) if f.reviewed]
        assert len(reviewed) >= 4  # the four accepted (a merge or add marks more)
        assert len({entity_id(K.PARK, "某县云谷科技园"), entity_id(K.PARK, "云谷科技园")} & ids) == 1
        added = Relation.make(entity_id(K.PARK, "海港物流园"), RelationKind.COOPERATES_WITH,
                              entity_id(EntityKind.REGION, "某县"))
        assert added in store.relations()
        names = {normalise_name(f) for e in store.entities() for f in (e.name, *e.aliases)}
        keys = {relation_key(r.source_id.split(":", 1)[1], r.kind, r.target_id.split(":", 1)[1])
                for r in store.relations()}
        assert cur.drop or cur.reject_relations
        assert not (cur.drop & names) and not (cur.reject_relations & keys)
    finally:
        store.close()
    assert page.get_by_label("审核人（本次会话记一次即可）").input_value() == "浏览器测试"
    page.get_by_role("tab", name="待审核").click()
    page.set_viewport_size({"width": 1440, "height": 1100})
    page.wait_for_timeout(800)
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / "review.png"), full_page=True)
    assert not rec.outside and not rec.errors, (rec.outside, rec.errors)
    page.close()
