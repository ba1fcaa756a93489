"""graph.analytics.partners: ranked research partners with reasons."""
from __future__ import annotations

import networkx as nx
import pytest

from graph.analytics import ChainLink, Reason, recommend_partners
from graph.analytics.chains import REASONS as CHAIN_REASONS
from graph.analytics.partners import chain_link_reason
from graph.errors import EntityNotFound
from tests.analytics_graphs import graph, textile


def _ranked(suggestions):
    return [(s.id, s.score) for s in suggestions]


def _said(suggestion):
    return tuple(map(str, suggestion.reasons))


def test_partners_for_enterprise_by_shared_chain():
    # 纺织研究院 and the enterprise share the chain node, whose degree is 3 (park,
    # enterprise, institute): resource allocation 1/3
    (s,) = recommend_partners(textile(), "Enterprise:某印染公司")
    assert (s.id, s.score, _said(s)) == ("Institute:纺织研究院", 0.3333, ("shared chain: 现代纺织",))


def test_partners_for_chain_keeps_members_and_their_neighbours():
    found = recommend_partners(textile(), "IndustryChain:现代纺织")
    assert _ranked(found) == [("Institute:纺织研究院", 1.0), ("University:某大学", 0.3333)]
    assert _said(found[0]) == ("serves 现代纺织: name contains '纺织'",)
    assert _said(found[1]) == ("linked to 纺织研究院, which serves 现代纺织",)
    assert found[0].reasons == (Reason("serves", ("现代纺织",),
                                       because=(Reason("name_contains", ("纺织",)),)),)
    assert found[1].reasons == (Reason("neighbour_serves", ("纺织研究院", "现代纺织")),)


def test_partners_accepts_a_taxonomy_chain_id():
    assert _ranked(recommend_partners(textile(), "modern_textile")) == _ranked(
        recommend_partners(textile(), "IndustryChain:现代纺织"))


def test_partners_for_region():
    found = recommend_partners(textile(), "Region:柯桥")
    assert _ranked(found) == [("Institute:纺织研究院", 1.0), ("University:某大学", 0.3333)]
    assert found[0].reasons == (Reason("already_linked", ("柯桥",), relations=("LOCATED_IN",)),)
    assert _said(found[0]) == ("already linked to 柯桥 (LOCATED_IN)",)


def test_partners_actor_sources_drop_existing_partners_unless_asked():
    g = textile()
    assert recommend_partners(g, "University:某大学") == []
    (s,) = recommend_partners(g, "University:某大学", include_linked=True)
    assert s.id == "Institute:纺织研究院" and str(s.reasons[0]).startswith("already linked")


def test_partners_cooperation_bonus_breaks_ties():
    g = graph([("Enterprise", "甲"), ("Region", "乙"), ("Institute", "丙"), ("Institute", "丁"),
               ("Enterprise", "戊")],
              [("Enterprise:甲", "LOCATED_IN", "Region:乙"), ("Institute:丙", "LOCATED_IN", "Region:乙"),
               ("Institute:丁", "LOCATED_IN", "Region:乙"),
               ("Enterprise:戊", "COOPERATES_WITH", "Institute:丁")])
    found = recommend_partners(g, "Enterprise:甲")
    # RA through 乙 (degree 3) = 1/3; 丁 cooperates with one other: + 0.1 * 1/2
    assert _ranked(found) == [("Institute:丁", 0.3833), ("Institute:丙", 0.3333)]
    assert str(found[0].reasons[-1]) == "already cooperates with 1 other partner"


def test_partners_top_limits_and_order_is_score_then_id():
    g = graph([("Region", "乙")] + [("Institute", f"所{i}") for i in range(5)] + [("Enterprise", "甲")],
              [(f"Institute:所{i}", "LOCATED_IN", "Region:乙") for i in range(5)]
              + [("Enterprise:甲", "LOCATED_IN", "Region:乙")])
    found = recommend_partners(g, "Enterprise:甲", top=3)
    assert [s.id for s in found] == ["Institute:所0", "Institute:所1", "Institute:所2"]


@pytest.mark.parametrize("source", ["Institute:远方研究院", "integrated_circuit"])
def test_partners_isolated_or_empty_source_gives_nothing(source):
    assert recommend_partners(textile(), source) == []


def test_partners_unknown_source_raises():
    with pytest.raises(EntityNotFound, match="neither an entity"):
        recommend_partners(nx.MultiDiGraph(), "Enterprise:无")


def test_partners_rejects_bad_top():
    with pytest.raises(ValueError, match="top"):
        recommend_partners(textile(), "Region:柯桥", top=0)


@pytest.mark.parametrize("reason", CHAIN_REASONS)
def test_partners_every_chain_link_reason_maps_to_a_code(reason):
    link = ChainLink("modern_textile", None, reason, "IndustryChain:纺织")
    names = {"IndustryChain:纺织": "现代纺织"}
    assert str(chain_link_reason(link, names)) == link.describe(names)


def test_partners_reason_with_an_unknown_code_is_refused():
    with pytest.raises(ValueError, match="unknown reason code"):
        Reason("because I said so")
