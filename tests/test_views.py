"""graph.views: what the app's pages show, checked on hand-built ecosystems and the sample."""
from __future__ import annotations

import pytest

from graph.errors import DocumentNotFound, EntityNotFound
from graph.model import EntityKind, entity_id
from graph.views import (GraphFilter, Upload, build_uploads, chain_flows, chain_reports,
                         document_view, entity_detail, explore, filter_options, overview,
                         path_between, search, search_options)
from tests.graph_factory import K, R, doc_graph, ecosystem

ZJU = entity_id(K.UNIVERSITY, "浙江大学")
ZJU_SX = entity_id(K.INSTITUTE, "浙江大学绍兴研究院")
SX = entity_id(K.REGION, "绍兴")
JH = entity_id(K.PARK, "镜湖科技城")
IC = entity_id(K.INDUSTRY_CHAIN, "集成电路")


@pytest.fixture
def eco(local_store):
    """The 5-node, two-document ecosystem of tests/graph_factory.py."""
    for g in ecosystem():
        local_store.add_document(g)
    return local_store


def test_views_overview_counts_by_kind_region_and_documents(eco):
    ov = overview(eco)
    assert ov.entities == 5 and ov.relations == 4 and ov.documents == 2 and ov.indicators == 3
    assert ov.entities_by_kind[EntityKind.UNIVERSITY] == 1
    assert ov.entities_by_kind[EntityKind.LAB] == 0
    assert [(r.name, r.actors) for r in ov.regions] == [("绍兴", 1)]
    assert {d.id for d in ov.recent_documents} == {"doc-a", "doc-b"}
    assert not ov.is_empty


def test_views_overview_of_an_empty_store_is_empty(local_store):
    ov = overview(local_store)
    assert ov.is_empty and ov.entities == 0 and ov.regions == ()


@pytest.mark.parametrize("flt, expected", [
    (GraphFilter(), {ZJU, ZJU_SX, SX, JH, IC}),
    (GraphFilter(kinds=(K.UNIVERSITY, K.PARK)), {ZJU, JH}),
    (GraphFilter(regions=(SX,)), {SX, ZJU_SX}),
    (GraphFilter(chains=("集成电路",)), {IC, JH}),
    (GraphFilter(documents=("doc-a",)), {ZJU, ZJU_SX, SX}),
    (GraphFilter(documents=("doc-b",), kinds=(K.UNIVERSITY,)), {ZJU}),
    (GraphFilter(centre=SX, hops=1), {SX, ZJU_SX}),
    (GraphFilter(centre=SX, hops=2), {SX, ZJU_SX, ZJU}),
    (GraphFilter(centre=SX, hops=3, kinds=(K.PARK,)), {SX, JH}),
])
def test_views_explore_filters(eco, flt, expected):
    result = explore(eco, flt)
    assert set(result.graph.nodes) == expected
    assert not result.truncated


def test_views_explore_keeps_the_best_connected_under_the_cap(eco):
    result = explore(eco, GraphFilter(max_nodes=2))
    assert result.matched == 5 and result.truncated
    # three nodes have 2 links; ties go by id, and the 1-link leaves go first
    assert set(result.graph.nodes) == {ZJU_SX, JH}


def test_views_explore_unknown_centre_raises(eco):
    with pytest.raises(EntityNotFound):
        explore(eco, GraphFilter(centre="University:不存在"))


def test_views_filter_options_list_what_is_present(eco):
    opts = filter_options(eco)
    assert list(opts.kinds) == [K.UNIVERSITY, K.INSTITUTE, K.PARK, K.INDUSTRY_CHAIN, K.REGION]
    assert [e.name for e in opts.regions] == ["绍兴"]
    assert opts.chains == (("集成电路", "集成电路"),)
    assert opts.levels == ()
    assert [d.id for d in opts.documents] == ["doc-a", "doc-b"]


def test_views_entity_detail_has_relations_with_evidence(eco):
    d = entity_detail(eco, ZJU_SX)
    kinds = [(v.kind, v.other_name, v.outgoing) for v in d.relations]
    assert kinds == [(R.AFFILIATED_WITH, "浙江大学", True), (R.LOCATED_IN, "绍兴", True)]
    assert all(v.evidence and "浙江大学绍兴研究院" in v.evidence[0].sentence for v in d.relations)
    assert d.documents == {"doc-a": "title doc-a"}
    assert [m.surface for m in d.mentions] == ["浙江大学绍兴研究院"]


def test_views_entity_detail_of_unknown_entity_raises(eco):
    with pytest.raises(EntityNotFound):
        entity_detail(eco, "Lab:没有")


def test_views_document_view_spans_do_not_overlap(eco):
    view = document_view(eco, "doc-a")
    assert view.text == "浙江大学，浙江大学绍兴研究院，绍兴。"
    marked = [(view.text[s.start:s.end], s.kind) for s in view.spans]
    assert marked == [("浙江大学", K.UNIVERSITY), ("浙江大学绍兴研究院", K.INSTITUTE),
                      ("绍兴", K.REGION)]
    assert all(a.end <= b.start for a, b in zip(view.spans, view.spans[1:]))


def test_views_document_view_of_unknown_document_raises(eco):
    with pytest.raises(DocumentNotFound):
        document_view(eco, "nope")


def test_views_document_view_prefers_the_longer_overlapping_mention(local_store):
    g = doc_graph("d", [(K.INSTITUTE, "浙江大学绍兴研究院")])
    # a second, shorter mention inside the first one
    from graph.model import Entity, Mention
    zju = Entity.make(K.UNIVERSITY, "浙江大学")
    g.entities[zju.id] = zju
    g.mentions.append((zju.id, Mention("浙江大学", 0, 4, g.mentions[0][1].evidence)))
    local_store.add_document(g)
    view = document_view(local_store, "d")
    assert [(s.start, s.end, s.kind) for s in view.spans] == [(0, 9, K.INSTITUTE)]


@pytest.mark.parametrize("query, first", [("浙江大学", "浙江大学"), ("镜湖", "镜湖科技城")])
def test_views_search_finds_names_exact_first(eco, query, first):
    assert search(eco, query)[0].name == first


def test_views_search_options_carry_aliases(local_store, sample_graph):
    local_store.add_document(sample_graph)
    options = {o.name: o for o in search_options(local_store)}
    assert "上海交大" in options["上海交通大学"].text
    only = search_options(local_store, kinds=(K.UNIVERSITY,))
    assert {o.kind for o in only} == {K.UNIVERSITY}


def test_views_build_uploads_ingests_and_reports(local_store, sample_text):
    seen = []
    report = build_uploads(local_store, [Upload("报告.txt", sample_text.encode()),
                                         Upload("notes.xlsx", b"PK..."),
                                         Upload("../../escape.txt", b"   ")],
                           progress=lambda done, total, name: seen.append((done, total, name)))
    assert len(report.added) == 1 and report.added[0].endswith("报告.txt")
    assert [name for name, _ in report.failed][0] == "notes.xlsx"
    assert len(report.failed) == 2  # the xlsx, and a file with no text
    assert seen == [(1, 2, "报告.txt"), (2, 2, "escape.txt")]
    assert local_store.documents()[0].title
    again = build_uploads(local_store, [Upload("copy.txt", sample_text.encode())])
    assert again.added == [] and len(again.unchanged) == 1


def test_views_chain_reports_and_flows_on_the_sample(built_store):
    reports = chain_reports(built_store)
    assert reports and all(any(r.actors.values()) for r in reports)
    flows = chain_flows(built_store, reports)
    assert flows and {f.partner_kind for f in flows} <= {K.UNIVERSITY, K.INSTITUTE, K.LAB}
    assert {f.chain for f in flows} <= {r.chain for r in reports}


def test_views_path_between_spans_the_path(eco):
    view = path_between(eco, ZJU_SX, JH)
    assert view.paths and view.paths[0].nodes[0] == ZJU_SX and view.paths[0].nodes[-1] == JH
    assert set(view.graph.nodes) >= {ZJU_SX, ZJU, JH}
    assert view.names[JH] == "镜湖科技城"


def test_views_path_between_unknown_entity_raises(eco):
    with pytest.raises(EntityNotFound):
        path_between(eco, ZJU, "Park:没有")


def test_views_gap_candidates_for_a_chain_of_the_sample(built_store):
    from graph.views import gap_candidates

    found = gap_candidates(built_store, "modern_textile", top=3)
    assert 0 < len(found) <= 3 and all(c.reasons for c in found)
    assert found[0].kind in ("University", "Institute", "Lab")
    assert gap_candidates(built_store, "no_such_chain") == []


def test_views_featured_chain_and_its_graph(built_store):
    from graph.views import chain_graph, featured_chain

    reports = chain_reports(built_store)
    best = featured_chain(reports)
    placed = len({a for s in best.segments for ids in s.actors.values() for a in ids})
    assert all(placed >= len({a for s in r.segments for ids in s.actors.values() for a in ids})
               for r in reports)
    g = chain_graph(built_store, best)
    actors = {a for ids in best.actors.values() for a in ids}
    assert actors <= set(g.nodes)
    assert any(d["kind"] == "IndustryChain" for _, d in g.nodes(data=True))
    assert featured_chain([]) is None


def test_views_never_import_the_ui():
    import ast
    from pathlib import Path

    import graph.views

    for path in Path(graph.views.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        modules |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        assert not {m.split(".")[0] for m in modules} & {"streamlit", "click", "app", "pyvis"}, path
