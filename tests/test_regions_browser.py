"""Issue 13 in headless Chromium: choose a district in the sidebar's region selector; the
gaps and the partners pages change to that district's.

The district is the one of the store with the most actors, or ``INNOGRAPH_BROWSER_REGION``;
the store is the sample document's, or ``INNOGRAPH_BROWSER_DB``. With
``INNOGRAPH_SCREENS=1`` the screenshots go to ``docs/screens/`` (else ``tests/artifacts/``).
Run with ``--browser`` like tests/test_app_browser.py.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from graph.regions import default_hierarchy
from graph.stores.local import LocalStore
from graph.views.region import region_choices
from tests.test_app_browser import _open, _serve, _stop, _wait_rendered, browser  # noqa: F401

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def region_db(tmp_path_factory, sample_graph) -> Path:
    if os.environ.get("INNOGRAPH_BROWSER_DB"):
        return Path(os.environ["INNOGRAPH_BROWSER_DB"])
    db = tmp_path_factory.mktemp("regions") / "sample.db"
    store = LocalStore(db)
    store.add_document(sample_graph)
    store.close()
    return db


@pytest.fixture(scope="module")
def district(region_db) -> str:
    if os.environ.get("INNOGRAPH_BROWSER_REGION"):
        return os.environ["INNOGRAPH_BROWSER_REGION"]
    store = LocalStore(region_db)
    try:
        hierarchy = default_hierarchy()
        return next(name for _, name, n in region_choices(store)
                    if n and hierarchy.level(name) == "county")
    finally:
        store.close()


@pytest.fixture(scope="module")
def region_app(region_db):
    proc, url = _serve(region_db)
    yield url
    _stop(proc)


def _shots() -> Path:
    folder = ROOT / ("docs/screens" if os.environ.get("INNOGRAPH_SCREENS") else "tests/artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _choose_region(page, name: str) -> None:
    box = page.locator("[data-testid=stSidebar] [data-testid=stSelectbox]").filter(
        has_text="区域")
    box.click()
    page.keyboard.type(f"{name}（")  # the option "name（n 个主体）", filtered as typed
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    _wait_rendered(page)


def test_regions_browser_gaps_and_partners_follow_the_district(browser, region_app, district):
    page, rec = _open(browser, region_app)
    page.set_viewport_size({"width": 1440, "height": 2400})  # the app scrolls inside
    page.goto(f"{region_app}/gaps", wait_until="domcontentloaded")
    _wait_rendered(page)
    _choose_region(page, district)
    page.get_by_text(f"当前区域：{district}").first.wait_for(timeout=60_000)
    assert page.get_by_text("可补短板的区外主体（同省优先）").count() == 1
    page.screenshot(path=str(_shots() / "gaps_region.png"), full_page=True)

    page.locator("[data-testid=stSidebarNav] a").filter(has_text="合作伙伴").click()
    page.get_by_text(f"当前区域：{district}").first.wait_for(timeout=60_000)
    _wait_rendered(page)
    page.wait_for_timeout(500)
    page.screenshot(path=str(_shots() / "partners_region.png"), full_page=True)
    target = page.locator("[data-testid=stMain] [data-testid=stSelectbox]").first
    html = target.inner_html()
    assert district in html and "· 区域" in html  # the district (a Region) is the target
    assert not rec.outside, f"requests left 127.0.0.1: {rec.outside}"
    assert not rec.errors and not rec.failed, f"console errors: {rec.errors} {rec.failed}"
    assert "Traceback" not in page.inner_text("body")
    page.close()
