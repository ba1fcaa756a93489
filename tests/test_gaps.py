"""graph.analytics.gaps: chain reports, gaps and the capability matrix."""
from __future__ import annotations

import networkx as nx
import pytest

from graph.analytics import capability_matrix, chain_gaps
from tests.analytics_graphs import graph, textile


@pytest.fixture
def report():
    (r,) = chain_gaps(textile())
    return r


def test_gaps_groups_actors_by_capability(report):
    assert report.chain == "modern_textile"
    assert dict(report.actors) == {"research": ("Institute:纺织研究院",), "lab": (), "platform": (),
                                   "park": ("Park:柯桥高新区",), "alliance": (),
                                   "enterprise": ("Enterprise:某印染公司",)}
    assert report.names["Institute:纺织研究院"] == "纺织研究院"


def test_gaps_flags_chain_gaps_with_both_languages(report):
    chain_level = [(g.capability, g.reason, g.reason_en) for g in report.gaps if g.segment is None]
    assert chain_level == [
        ("lab", "有企业但无实验室支撑", "enterprises but no laboratory"),
        ("platform", "缺少创新载体(研发/公共服务平台)",
         "no innovation platform (R&D or public service platform)"),
        ("alliance", "缺少产业(技术创新)联盟", "no industry or technology-innovation alliance")]


def test_gaps_flags_segments(report):
    by_segment = {}
    for g in report.gaps:
        if g.segment:
            by_segment.setdefault(g.segment, []).append(g.capability)
    assert by_segment == {"fiber": ["segment"], "spinning_weaving": ["enterprise"],
                          "dyeing_finishing": ["research", "lab"], "garments_home": ["segment"],
                          "technical_textiles": ["segment"]}


def test_gaps_coverage_formula(report):
    # research, park, enterprise present of 6; 2 of 5 segments served: (3 + 0.4) / 7
    assert report.coverage == round(3.4 / 7, 3)


def test_gaps_lists_only_touched_chains_unless_asked():
    g = graph([("Region", "绍兴")], [])
    assert chain_gaps(g) == []
    (r,) = chain_gaps(g, chain="集成电路")
    assert r.chain == "integrated_circuit" and r.coverage == 0.0
    assert all(not ids for ids in r.actors.values())
    assert [g.capability for g in r.gaps if g.segment is None] == ["platform", "park", "alliance"]


def test_gaps_unknown_chain_names_the_choices():
    with pytest.raises(KeyError, match="integrated_circuit"):
        chain_gaps(nx.MultiDiGraph(), chain="没有的链")


def test_gaps_order_is_by_coverage_then_id():
    g = textile()
    g.add_node("Platform:甲茶叶综合体", kind="Platform", name="甲茶叶综合体", aliases=[])
    reports = chain_gaps(g)
    assert [r.chain for r in reports] == ["tea", "modern_textile"]
    assert reports == chain_gaps(g)


def test_gaps_rejects_other_inputs():
    with pytest.raises(TypeError, match="GraphStore"):
        chain_gaps([1, 2])


def test_gaps_capability_matrix_counts(report):
    (row,) = capability_matrix([report])
    assert row == {"chain": "modern_textile", "name": "现代纺织", "coverage": report.coverage,
                   "research": 1, "lab": 0, "platform": 0, "park": 1, "alliance": 0,
                   "enterprise": 1}
    assert capability_matrix([]) == []


def test_gaps_report_to_dict_is_json_ready(report):
    import json

    data = json.loads(json.dumps(report.to_dict(), ensure_ascii=False))
    assert data["actors"]["research"] == [{"id": "Institute:纺织研究院", "name": "纺织研究院"}]
