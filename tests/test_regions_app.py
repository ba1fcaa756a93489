"""Issue 13 in the app (AppTest, no browser): one region selector in the sidebar that the
gaps and partners pages follow; the partners page keeps its target across pages and
draws a new path when the target changes. Stores are built from tests/data/regions."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app.ui import state
from graph.ingest import build

APP = str(Path(__file__).resolve().parent.parent / "app" / "streamlit_app.py")
DOCS = Path(__file__).resolve().parent / "data" / "regions"


@pytest.fixture
def regions_db(local_store, tmp_path) -> Path:
    build(local_store, [DOCS], workers=1)
    return tmp_path / "test.db"


def _app(db: Path, monkeypatch, page: str | None = None, **session) -> AppTest:
    monkeypatch.setenv("INNOGRAPH_DB", str(db))
    monkeypatch.setenv("INNOGRAPH_STORE", "local")
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in session.items():
        at.session_state[key] = value
    at.run()
    if page:
        at.switch_page(f"screens/{page}.py")
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_regions_app_selector_lists_places_by_actors(regions_db, monkeypatch):
    at = _app(regions_db, monkeypatch)
    box = at.selectbox(key=state.REGION_PICK)
    assert box.options[0] == "全部（不限区域）"
    counts = [int(o.split("（")[1].split(" ")[0]) for o in box.options[1:]]
    assert counts == sorted(counts, reverse=True) and counts[0] == 3  # 嘉兴: its park, institute and lab


def test_regions_app_gaps_page_follows_the_region(regions_db, monkeypatch):
    at = _app(regions_db, monkeypatch, "gaps", **{state.REGION: "Region:温州"})
    assert any(c.value == "当前区域：温州" for c in at.caption)
    assert "可补短板的区外主体（同省优先）" in [s.value for s in at.subheader]
    assert any("海宁芯片设计研究院" in m.value for m in at.markdown)
    whole = _app(regions_db, monkeypatch, "gaps")
    assert "补短板候选伙伴" in [s.value for s in whole.subheader]


def test_regions_app_gap_links_to_its_candidates(regions_db, monkeypatch):
    at = _app(regions_db, monkeypatch, "gaps", **{state.REGION: "Region:温州"})
    at.button(key="gap_partners_0").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state[state.PARTNER_TARGET] == "chain:integrated_circuit"
    assert at.title[0].value == "合作伙伴"


def test_regions_app_partners_page_follows_the_region(regions_db, monkeypatch):
    at = _app(regions_db, monkeypatch, "partners", **{state.REGION: "Region:温州"})
    assert at.selectbox(key=state.PARTNER_SOURCE).value == "Region:温州"
    suggested, existing = at.dataframe[0].value, at.dataframe[1].value
    assert "海宁芯片设计研究院" in list(suggested["名称"])
    assert list(existing["名称"]) == ["瑞安微电子研究院"]


def test_regions_app_partners_keeps_target_and_clears_the_old_path(regions_db, monkeypatch):
    at = _app(regions_db, monkeypatch, "partners")
    at.selectbox(key=state.PARTNER_SOURCE).set_value("Institute:瑞安微电子研究院").run()
    assert at.selectbox(key=state.PATH_FROM).value == "Institute:瑞安微电子研究院"
    at.selectbox(key=state.PATH_TO).set_value("Region:温州").run()
    at.switch_page("screens/gaps.py").run()
    at.switch_page("screens/partners.py").run()
    assert at.selectbox(key=state.PARTNER_SOURCE).value == "Institute:瑞安微电子研究院"
    at.selectbox(key=state.PARTNER_SOURCE).set_value("Institute:海宁芯片设计研究院").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key=state.PATH_FROM).value == "Institute:海宁芯片设计研究院"
    assert at.selectbox(key=state.PATH_TO).value != "Region:温州"
