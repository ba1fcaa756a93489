"""graph.analytics.chains: which chain each actor serves, and why."""
from __future__ import annotations

import networkx as nx
import pytest

from graph.analytics import default_taxonomy, link_chains
from graph.analytics.chains import REASONS, ChainIndex, mention_clauses
from graph.model import (Document, DocumentGraph, Entity, EntityKind as K, Evidence, Mention,
                         entity_id)
from tests.analytics_graphs import graph, textile


def _summary(links, node):
    return sorted({(l.chain, l.segment, l.reason, l.via) for l in links.get(node, [])},
                  key=str)


def test_chains_link_by_focus_name_and_neighbour():
    links = link_chains(textile(), default_taxonomy())
    assert _summary(links, "Park:柯桥高新区") == [
        ("modern_textile", None, "focuses_on", "IndustryChain:现代纺织")]
    assert ("modern_textile", None, "neighbour", "Park:柯桥高新区") in _summary(
        links, "Enterprise:某印染公司")
    assert ("modern_textile", "dyeing_finishing", "name", "印染") in _summary(
        links, "Enterprise:某印染公司")
    # the university inherits from its institute? no: AFFILIATED_WITH points the other way
    assert "University:某大学" not in links
    assert "Region:柯桥" not in links and "Institute:远方研究院" not in links


def test_chains_affiliate_inherits_from_parent():
    g = graph([("Institute", "中纺院"), ("Institute", "江南分院")],
              [("Institute:江南分院", "AFFILIATED_WITH", "Institute:中纺院")])
    g.nodes["Institute:中纺院"]["aliases"] = ["中国纺织科学研究院"]
    links = link_chains(g, default_taxonomy())
    assert {l.chain for l in links["Institute:江南分院"]} == {"modern_textile"}
    assert {l.reason for l in links["Institute:江南分院"]} == {"neighbour"}


def test_chains_evidence_sentences_are_used_only_when_given():
    g = graph([("Lab", "甲实验室")], [])
    assert link_chains(g, default_taxonomy()) == {}
    links = link_chains(g, default_taxonomy(), mentions={"Lab:甲实验室": ["加快集成电路实验室建设"]})
    assert _summary(links, "Lab:甲实验室") == [
        ("integrated_circuit", None, "evidence", "集成电路")]


def test_chains_industry_chain_attr_wins_over_name():
    g = graph([("IndustryChain", "环保"), ("Platform", "甲综合体")],
              [("Platform:甲综合体", "FOCUSES_ON", "IndustryChain:环保")])
    g.nodes["IndustryChain:环保"]["chain"] = "energy_saving_env"
    assert {l.chain for l in link_chains(g, default_taxonomy())["Platform:甲综合体"]} == {
        "energy_saving_env"}


@pytest.mark.parametrize("g", [nx.MultiDiGraph(), graph([("Region", "绍兴")], [])])
def test_chains_empty_graph_links_nothing(g):
    assert link_chains(g, default_taxonomy()) == {}


def test_chains_rejects_undirected_graph():
    with pytest.raises(TypeError, match="directed"):
        link_chains(nx.Graph(), default_taxonomy())


def test_chains_lexicon_chain_links_a_listed_company():
    g = graph([("Enterprise", "中芯国际")], [])
    g.nodes["Enterprise:中芯国际"]["chain"] = "integrated_circuit"
    links = link_chains(g, default_taxonomy())
    assert _summary(links, "Enterprise:中芯国际") == [
        ("integrated_circuit", None, "lexicon", "integrated_circuit")]
    (link,) = links["Enterprise:中芯国际"]
    assert link.describe() == "listed company in this industry"
    assert ChainIndex(g).served["integrated_circuit"][""] == {"Enterprise:中芯国际"}


def test_chains_lexicon_ranks_after_focus_and_name():
    g = graph([("Enterprise", "某纺织公司"), ("IndustryChain", "现代纺织")],
              [("Enterprise:某纺织公司", "FOCUSES_ON", "IndustryChain:现代纺织")])
    g.nodes["Enterprise:某纺织公司"]["chain"] = "modern_textile"
    reasons = [l.reason for l in link_chains(g, default_taxonomy())["Enterprise:某纺织公司"]
               if l.segment is None]
    assert reasons == ["focuses_on", "name", "lexicon"]
    assert REASONS.index("lexicon") > REASONS.index("name") > REASONS.index("focuses_on")
    assert REASONS.index("lexicon") < REASONS.index("evidence")


def test_chains_lexicon_chain_is_ignored_on_chains_regions_and_unknown_ids():
    g = graph([("IndustryChain", "集成电路"), ("Region", "绍兴"), ("Enterprise", "甲公司"),
               ("Enterprise", "乙公司")], [])
    g.nodes["IndustryChain:集成电路"]["chain"] = "integrated_circuit"
    g.nodes["Region:绍兴"]["chain"] = "integrated_circuit"
    g.nodes["Enterprise:甲公司"]["chain"] = "no_such_chain"
    g.nodes["Enterprise:乙公司"]["chain"] = ""
    links = link_chains(g, default_taxonomy())
    assert {l.reason for l in links["IndustryChain:集成电路"]} == {"name"}
    assert "Region:绍兴" not in links
    assert "Enterprise:甲公司" not in links and "Enterprise:乙公司" not in links


def test_chains_lexicon_chain_is_passed_on_to_an_affiliate():
    g = graph([("Enterprise", "卧龙电气"), ("Institute", "卧龙研究院")],
              [("Institute:卧龙研究院", "AFFILIATED_WITH", "Enterprise:卧龙电气")])
    g.nodes["Enterprise:卧龙电气"]["chain"] = "high_end_equipment"
    assert _summary(link_chains(g, default_taxonomy()), "Institute:卧龙研究院") == [
        ("high_end_equipment", None, "neighbour", "Enterprise:卧龙电气")]


def _one_sentence(text: str, actors: list[tuple[K, str]]) -> DocumentGraph:
    """A document of one sentence naming each (kind, name) at its first occurrence."""
    graph = DocumentGraph(Document("d", "d.txt", "d", len(text)), text)
    ev = Evidence("d", text, 0, len(text))
    for kind, name in actors:
        e = Entity.make(kind, name)
        graph.entities[e.id] = e
        start = text.index(name)
        graph.mentions.append((e.id, Mention(name, start, start + len(name), ev)))
    return graph


def test_chains_mention_clauses_blank_other_actors_even_inside_a_name(local_store):
    local_store.add_document(_one_sentence(
        "甲公司与绍兴乙研究院合作，丙，丁联盟支持戊纺织公司。",
        [(K.ENTERPRISE, "甲公司"), (K.REGION, "绍兴"), (K.INSTITUTE, "绍兴乙研究院"),
         (K.INSTITUTE, "乙研究院"), (K.ALLIANCE, "丙，丁联盟"), (K.ENTERPRISE, "戊纺织公司")]))
    clauses = mention_clauses(local_store)
    assert clauses == {  # a blanked comma ends no clause; regions are not blanked
        entity_id(K.ALLIANCE, "丙，丁联盟"): ["丙，丁联盟支持□□□□□"],
        entity_id(K.ENTERPRISE, "戊纺织公司"): ["□□□□□支持戊纺织公司"],
        entity_id(K.ENTERPRISE, "甲公司"): ["甲公司与□□□□□□合作"],
        entity_id(K.INSTITUTE, "乙研究院"): ["□□□与□□□□□□合作"],
        entity_id(K.INSTITUTE, "绍兴乙研究院"): ["□□□与绍兴□□□□合作"]}
    assert mention_clauses(local_store, ids=[entity_id(K.ENTERPRISE, "甲公司")]) == {
        entity_id(K.ENTERPRISE, "甲公司"): ["甲公司与□□□□□□合作"]}
