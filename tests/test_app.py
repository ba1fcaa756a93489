"""The Streamlit pages under `streamlit.testing.v1.AppTest` (no browser, no JavaScript)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app.ui import state
from app.ui.graph_html import network_html
from app.ui.html import highlighted_sentence, highlighted_text
from graph.stores.local import LocalStore
from graph.model import entity_id
from graph.stores import build_networkx
from graph.views import Span
from tests.graph_factory import K, R, doc_graph

APP = str(Path(__file__).resolve().parent.parent / "app" / "streamlit_app.py")
PAGES = {"overview": "总览", "explorer": "图谱探索", "chains": "产业链", "gaps": "短板分析",
         "partners": "合作伙伴", "documents": "文档", "demo": "汇报模式"}
EVIL = "<script>alert(1)</script>研究院"
#: ASCII words allowed in the Chinese UI: file formats, the command to run, the language switch
ALLOWED = {"HTML", "PNG", "TXT", "DOCX", "PDF", "innograph", "build", "data", "docs", "Language",
           "English",
           "CSV", "XLSX", "GBK", "Excel"}  # file formats, an encoding and a product: names


def _app(db: Path, monkeypatch, page: str = "overview", **session) -> AppTest:
    monkeypatch.setenv("INNOGRAPH_DB", str(db))
    monkeypatch.setenv("INNOGRAPH_STORE", "local")
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in session.items():
        at.session_state[key] = value
    at.run()
    if page != "overview":
        at.switch_page(f"screens/{page}.py")
        at.run()
    return at


def _ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.fixture
def sample_db(built_store) -> Path:
    return Path(built_store.path)


@pytest.fixture
def empty_db(tmp_path) -> Path:
    return tmp_path / "empty.db"


@pytest.fixture
def evil_db(tmp_path) -> Path:
    """A store whose institute's name contains a script tag."""
    db = tmp_path / "evil.db"
    store = LocalStore(db)
    store.add_document(doc_graph("evil", [(K.INSTITUTE, EVIL), (K.REGION, "绍兴")],
                                 [(EVIL, R.LOCATED_IN, "绍兴")]))
    store.close()
    return db


@pytest.mark.parametrize("page", list(PAGES))
def test_app_page_renders_on_the_sample(sample_db, monkeypatch, page):
    at = _app(sample_db, monkeypatch, page)
    _ok(at)
    assert at.title[0].value == PAGES[page] or page == "demo"


@pytest.mark.parametrize("page", list(PAGES))
def test_app_page_on_an_empty_store_says_what_to_do(empty_db, monkeypatch, page):
    at = _app(empty_db, monkeypatch, page)
    _ok(at)
    assert any("innograph build" in i.value for i in at.info)


def _ui_text(at: AppTest) -> list[str]:
    texts = [e.value for kind in ("title", "header", "subheader", "caption", "info", "warning",
                                  "success") for e in at.get(kind)]
    texts += [w.label for kind in ("selectbox", "multiselect", "slider", "button", "toggle",
                                   "number_input", "checkbox", "radio", "download_button")
              for w in at.get(kind)]
    texts += [w.placeholder for w in at.get("multiselect")]
    texts += [m.label for m in at.metric]
    texts += [t.label for t in at.tabs]
    return texts


@pytest.mark.parametrize("page", list(PAGES))
def test_app_chinese_ui_shows_no_english(sample_db, monkeypatch, page):
    at = _app(sample_db, monkeypatch, page)
    words = {w for text in _ui_text(at) for w in re.findall(r"[A-Za-z]{3,}", text or "")}
    assert words <= ALLOWED, words - ALLOWED


@pytest.mark.parametrize("page", list(PAGES))
def test_app_english_can_be_switched_on(sample_db, monkeypatch, page):
    at = _app(sample_db, monkeypatch, page, **{state.LANG: "en"})
    _ok(at)
    if page == "explorer":
        assert at.title[0].value == "Explorer"
        assert at.multiselect(key=state.EXPLORER_KINDS).label == "Entity types"
    if page == "gaps":  # segment names come from the taxonomy's English names too
        segments = at.dataframe[0].value["Segment"]
        assert not any(re.search(r"[\u4e00-\u9fff]", s) for s in segments), list(segments)


def _shown(at: AppTest) -> int:
    caption = next(c.value for c in at.caption if c.value.startswith("显示"))
    return int(re.search(r"显示 (\d+) 个节点", caption).group(1))


def test_app_explorer_filters_change_the_graph(built_store, sample_db, monkeypatch):
    universities = len(built_store.entities(kinds=[K.UNIVERSITY]))
    at = _app(sample_db, monkeypatch, "explorer")
    everything = _shown(at)
    at.multiselect(key=state.EXPLORER_KINDS).set_value([K.UNIVERSITY]).run()
    _ok(at)
    assert _shown(at) == universities < everything
    at.multiselect(key=state.EXPLORER_KINDS).set_value([]).run()
    at.multiselect(key=state.EXPLORER_REGIONS).set_value([entity_id(K.REGION, "柯桥")]).run()
    _ok(at)
    assert 1 < _shown(at) < everything


def test_app_explorer_detail_shows_aliases_relations_and_evidence(sample_db, monkeypatch):
    at = _app(sample_db, monkeypatch, "explorer")
    at.selectbox(key=state.EXPLORER_ENTITY).set_value(
        entity_id(K.INSTITUTE, "上海交通大学绍兴研究院")).run()
    _ok(at)
    assert at.subheader[0].value == "上海交通大学绍兴研究院"
    assert any("上海交大绍兴研究院" in m.value for m in at.markdown)  # the alias
    assert any("隶属于 → 上海交通大学" in m.value for m in at.markdown)
    evidence = [h.value for h in at.get("html") if "border-left" in h.value]
    assert evidence and all("<b " in e for e in evidence)


def test_app_explorer_expands_around_the_selected_entity(sample_db, monkeypatch):
    at = _app(sample_db, monkeypatch, "explorer")
    at.selectbox(key=state.EXPLORER_ENTITY).set_value(entity_id(K.UNIVERSITY, "天津大学")).run()
    at.toggle(key=state.EXPLORER_EXPAND).set_value(True).run()
    one = _shown(at)
    at.number_input(key=state.EXPLORER_HOPS).set_value(3).run()
    _ok(at)
    assert 1 < one < _shown(at)


def test_app_shows_a_script_in_a_name_as_text(evil_db, monkeypatch):
    at = _app(evil_db, monkeypatch, "explorer")
    at.selectbox(key=state.EXPLORER_ENTITY).set_value(entity_id(K.INSTITUTE, EVIL)).run()
    _ok(at)
    html = "".join(h.value for h in at.get("html"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>" not in html
    docs = _app(evil_db, monkeypatch, "documents")
    _ok(docs)
    text = "".join(h.value for h in docs.get("html"))
    assert "&lt;script&gt;" in text and "<script>alert" not in text


def test_app_graph_html_is_offline_and_keeps_names_as_text():
    g = build_networkx([], [])
    g.add_node("Institute:x", kind="Institute", name=EVIL, aliases=["<b>别名</b>"])
    g.add_node("Region:y", kind="Region", name="绍兴")
    g.add_edge("Institute:x", "Region:y", key="LOCATED_IN", kind="LOCATED_IN")
    page = network_html(g, kind_label=str, relation_label=str, legend_title="<i>图例</i>")
    assert "cdn.jsdelivr" not in page and "bootstrap" not in page
    assert not re.search(r"""(src|href)=["']https?://""", page)
    assert "<script>alert" not in page and "<b>别名" not in page
    assert "&lt;i&gt;图例" in page
    assert "vis-network" in page and "new vis.Network" in page


def test_app_big_graph_draws_regions_as_squares_not_empty_boxes():
    """Above `BIG` nodes small labels hide until zoomed; a box would be left as an empty bar."""
    from app.ui.graph_html import BIG

    g = build_networkx([], [])
    for i in range(BIG + 1):
        g.add_node(f"Region:r{i}", kind="Region", name=f"区{i}")
    page = network_html(g, kind_label=str, relation_label=str, library="linked")
    assert '"shape": "square"' in page and '"shape": "box"' not in page


def test_app_graph_starts_from_the_same_server_side_layout_every_time():
    """Mid-sized graphs get spring-layout start positions (vis only polishes them), so a
    rerun draws the graph where it was; big graphs are left to vis-network."""
    g = build_networkx([], [])
    for i in range(12):
        g.add_node(f"Park:p{i}", kind="Park", name=f"园{i}")
        g.add_edge(f"Park:p{i}", "Park:p0", key="PART_OF", kind="PART_OF")
    first = network_html(g, kind_label=str, relation_label=str, library="linked")
    again = network_html(g, kind_label=str, relation_label=str, library="linked")
    assert first == again and '"x": ' in first and '"improvedLayout": false' in first


def test_app_graph_page_links_the_served_vis_network_copy():
    """The app's graph view links vis-network from its own folder, a copy of the build pyvis
    in-lines into downloads (copy it again after upgrading pyvis)."""
    from app.ui.graph_html import VIS_FILES, VIS_LIBRARY
    from app.ui.graph_view import FRONTEND

    g = build_networkx([], [])
    g.add_node("Institute:x", kind="Institute", name=EVIL)
    linked = network_html(g, kind_label=str, relation_label=str, library="linked")
    inline = network_html(g, kind_label=str, relation_label=str)
    assert len(linked) < 50_000 < len(inline)
    assert not re.search(r"""(src|href)=["']https?://""", linked)
    refs = set(re.findall(r"""<(?:script|link)[^>]*(?:src|href)=["']([^"']+)""", linked))
    assert refs == set(VIS_FILES)
    for name in VIS_FILES:
        assert (FRONTEND / name).read_bytes() == (VIS_LIBRARY / name).read_bytes(), name


def test_app_highlighting_escapes_document_text():
    text = "<b>甲</b>与浙江大学"
    out = highlighted_text(text, [Span(9, 13, "University:浙江大学", K.UNIVERSITY, "浙江大学")],
                           kind_label=str)
    assert "&lt;b&gt;甲&lt;/b&gt;" in out and "浙江大学<span" in out
    assert "&lt;script&gt;" in highlighted_sentence("<script>x</script>", ["x"], "Lab")


def test_app_chain_page_switches_chain(sample_db, monkeypatch):
    at = _app(sample_db, monkeypatch, "chains")
    box = at.selectbox(key=state.CHAIN)
    assert len(box.options) > 1
    first = [m.value for m in at.markdown]
    box.set_value(box.options[-1] if box.value != box.options[-1] else box.options[0]).run()
    _ok(at)
    assert [m.value for m in at.markdown] != first


def test_app_gaps_page_lists_gaps_and_candidates(sample_db, monkeypatch):
    at = _app(sample_db, monkeypatch, "gaps")
    _ok(at)
    assert [s.value for s in at.subheader][:3] == ["产业链 × 创新能力矩阵", "短板清单",
                                                  "补短板候选伙伴"]
    flagged = at.dataframe[0].value
    assert len(flagged) and not flagged.duplicated().any(), "each gap is listed once"


def test_app_partners_page_draws_a_path(sample_db, monkeypatch):
    at = _app(sample_db, monkeypatch, "partners", **{
        state.PARTNER_TARGET: entity_id(K.INSTITUTE, "天津大学浙江绍兴研究院"),
        state.PATH_FROM: entity_id(K.INSTITUTE, "天津大学浙江绍兴研究院"),
        state.PATH_TO: entity_id(K.REGION, "绍兴")})
    _ok(at)
    assert any(m.value.startswith("**路径 1") for m in at.markdown)


def test_app_documents_page_removes_a_document(sample_db, monkeypatch):
    at = _app(sample_db, monkeypatch, "documents")
    assert at.button(key="remove_document").disabled
    at.checkbox(key=state.REMOVE_CONFIRM).check().run()
    at.button(key="remove_document").click().run()
    _ok(at)
    assert any("innograph build" in i.value for i in at.info)


def test_app_demo_steps_through_the_story(sample_db, monkeypatch):
    at = _app(sample_db, monkeypatch, "demo")
    titles = [at.title[0].value]
    for _ in range(3):
        at.button(key="demo_next").click().run()
        _ok(at)
        titles.append(at.title[0].value)
    assert titles[0] == "创新生态概况" and titles[1] == "创新生态图谱"
    assert titles[2].startswith("重点产业链") and "短板" in titles[3]
    assert at.button(key="demo_next").disabled


def test_app_demo_map_can_be_limited_to_reviewed_facts(sample_db, monkeypatch, tmp_path):
    monkeypatch.setenv("INNOGRAPH_CURATION", str(tmp_path / "curation.yaml"))  # nothing reviewed
    at = _app(sample_db, monkeypatch, "demo", **{state.DEMO_STEP: 1})
    _ok(at)
    assert not any("尚无已审核" in i.value for i in at.info)
    at.toggle(key=state.DEMO_REVIEWED).set_value(True).run()
    _ok(at)
    assert any("尚无已审核" in i.value for i in at.info)


@pytest.mark.parametrize("page", ["partners", "gaps"])
def test_app_candidate_reasons_are_shown_in_chinese(sample_db, monkeypatch, page):
    at = _app(sample_db, monkeypatch, page, **{state.GAP_CHAIN: "modern_textile"})
    _ok(at)
    reasons = [str(v) for df in at.dataframe if "推荐理由" in df.value.columns
               for v in df.value["推荐理由"]]
    assert reasons
    english = [r for r in reasons if re.search(r"[A-Za-z]{3,}", r)]
    assert not english, english


def test_app_every_chain_reason_has_a_chinese_rendering():
    from app.ui.i18n import reason_label
    from graph.analytics.chains import REASONS, ChainLink
    from graph.analytics.partners import chain_link_reason

    for reason in REASONS:
        said = chain_link_reason(ChainLink("integrated_circuit", None, reason, "集成电路"))
        assert not re.search(r"[A-Za-z]{3,}", reason_label(said)), (reason, said)


def _every_reason():
    from graph.analytics.reasons import ENGLISH, Reason

    grounds = (Reason("name_contains", ("纺织",)), Reason("linked_to_chain"))
    return [Reason(code, ("甲园区", "现代纺织"), because=grounds) for code in ENGLISH]


def test_app_every_reason_code_has_a_chinese_and_an_english_template(monkeypatch):
    from app.ui import i18n
    from graph.analytics.reasons import ENGLISH

    assert set(i18n.REASONS) == set(ENGLISH)
    for reason in _every_reason():
        zh = i18n.reason_label(reason)
        assert zh and not re.search(r"[A-Za-z]{3,}", zh), (reason.code, zh)
    monkeypatch.setattr(i18n, "lang", lambda: "en")
    for reason in _every_reason():  # no relation kinds: the UI's English is the CLI's
        assert i18n.reason_label(reason) == str(reason), reason.code


@pytest.mark.parametrize("name", ["serves 纺织园", "in 柯桥", "甲: 乙", "already linked to 某所 (PART_OF)",
                                  "{0}{because}"])
def test_app_reason_names_are_inserted_as_they_are(name):
    from app.ui.i18n import reason_label
    from graph.analytics.reasons import Reason

    place = Reason("place_serves", (name, "现代纺织"))
    linked = Reason("already_linked", (name,), relations=("LOCATED_IN", "PART_OF"))
    serves = Reason("serves", (name,), because=(Reason("inherits_chain", (name,)), place))
    assert reason_label(place) == f"位于{name}，该地服务现代纺织"
    assert reason_label(linked) == f"已与{name}关联（位于、属于）"
    assert reason_label(serves) == (f"服务{name}：与{name}关联，后者服务该产业链；"
                                    f"位于{name}，该地服务现代纺织")


@pytest.mark.parametrize("name", ["[点我](http://example.com)", ":red[警告]", "$x$研究院"])
def test_app_markdown_names_are_inert(name):
    from app.ui.html import md

    rendered = md(name)
    assert "](" not in rendered.replace("\\]\\(", "") and ":red[" not in rendered
    assert rendered.replace("\\", "") == name
