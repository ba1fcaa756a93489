"""Issue 13, planning for one place: the region hierarchy, region scopes, region gaps and
partners a planner can act on. The two documents in tests/data/regions are made up: one
about 嘉兴 (its county 海宁), one about 温州 (its county 瑞安)."""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from app.cli import cli
from graph.analytics.chains import ChainIndex
from graph.analytics.partner_plan import RESEARCH_ACTORS, plan_partners
from graph.analytics.scope import within_graph
from graph.analytics.taxonomy import default_taxonomy
from graph.ingest import HIERARCHY_EXTRACTOR, build
from graph.model import Entity, EntityKind, Relation, RelationKind
from graph.regions import default_hierarchy
from graph.resolution import canonical_place

DOCS = Path(__file__).resolve().parent / "data" / "regions"
JIAXING = {"Park:海宁高新区", "Institute:海宁芯片设计研究院", "Lab:嘉兴市微电子重点实验室"}
WENZHOU = {"Park:瑞安经济开发区", "Institute:瑞安微电子研究院"}


@pytest.fixture
def two_regions(store):
    """A store (each kind) holding the 嘉兴 and the 温州 documents."""
    report = build(store, [DOCS], workers=1)
    assert not report.failed
    return store


@pytest.fixture
def two_regions_db(local_store, tmp_path):
    build(local_store, [DOCS], workers=1)
    return str(tmp_path / "test.db")


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("name, canonical, level", [
    ("海宁市", "海宁", "county"), ("海宁", "海宁", "county"), ("嘉兴市", "嘉兴", "city"),
    ("浙江省", "浙江", "province"), ("长三角", "长三角", "economic_region")])
def test_regions_hierarchy_knows_canonical_names_and_levels(name, canonical, level):
    h = default_hierarchy()
    assert (h.canonical(name), h.level(name)) == (canonical, level)


@pytest.mark.parametrize("target, place, tier, distance", [
    ("海宁", "海宁", "district", 0), ("海宁", "桐乡", "city", 2), ("海宁", "瑞安", "province", 4),
    ("嘉兴", "海宁", "city", 1), ("海宁", "南山", "elsewhere", None)])
def test_regions_hierarchy_tiers_and_distances(target, place, tier, distance):
    h = default_hierarchy()
    assert (h.tier(target, place), h.distance(target, place)) == (tier, distance)


def test_regions_economic_region_is_not_a_location():
    h = default_hierarchy()
    assert not h.is_location("长三角") and h.ancestors("长三角") == []
    assert h.tier("海宁", "长三角") == "elsewhere"


def test_regions_resolution_joins_full_and_short_names():
    region = canonical_place(Entity.make(EntityKind.REGION, "海宁市"))
    assert (region.id, region.name, region.aliases) == ("Region:海宁", "海宁", ("海宁市",))


def test_regions_ingest_adds_level_and_part_of_with_evidence(two_regions):
    store = two_regions
    rel = Relation.make("Region:海宁", RelationKind.PART_OF, "Region:嘉兴")
    assert rel in store.relations(kinds=[RelationKind.PART_OF])
    (ev,) = store.relation_evidence(rel)
    assert ev.extractor == HIERARCHY_EXTRACTOR and "海宁" in ev.sentence
    g = store.to_networkx()
    assert (g.nodes["Region:海宁"]["level"], g.nodes["Region:嘉兴"]["level"]) == ("county", "city")


def test_regions_located_within_includes_districts_parks_and_actors(two_regions):
    store = two_regions
    inside = store.located_within("Region:嘉兴")
    assert "Region:海宁" in inside and JIAXING <= inside
    assert not inside & (WENZHOU | {"Region:温州", "Region:瑞安"})
    assert inside == within_graph(store.to_networkx(), "Region:嘉兴")
    assert store.located_within("Region:火星") == set()


def test_regions_gaps_json_counts_only_the_regions_actors(two_regions_db):
    data = json.loads(run("gaps", "--region", "温州", "--db", two_regions_db).output)
    counted = {a["id"] for r in data for group in [r["actors"], *(s["actors"]
                                                                   for s in r["segments"])]
               for ids in group.values() for a in ids}
    assert counted and counted <= WENZHOU and not counted & JIAXING
    (chip,) = [r for r in data if r["chain"] == "integrated_circuit"]
    (design,) = [g for g in chip["gaps"] if g["segment"] == "design"]  # no actor of 温州 designs
    (candidate,) = design["candidates"]
    assert candidate["id"] == "Institute:海宁芯片设计研究院" and candidate["tier"] == "province"
    assert candidate["place"] == "海宁" and candidate["distance"] == 3  # 温州-浙江-嘉兴-海宁
    assert "海宁芯片设计研究院落户海宁高新区" in candidate["evidence"]["sentence"]


def test_regions_gaps_refuse_an_economic_region(two_regions_db):
    result = run("gaps", "--region", "长三角", "--db", two_regions_db)
    assert result.exit_code == 1 and "economic region" in result.output


def test_regions_partners_for_a_region_are_new_research_actors(two_regions_db):
    data = json.loads(run("partners", "温州", "--db", two_regions_db).output)
    ids = [p["id"] for p in data["partners"]]
    assert ids and not set(ids) & WENZHOU
    assert "Institute:海宁芯片设计研究院" in ids
    for p in data["partners"]:
        assert p["kind"] in RESEARCH_ACTORS and p["score"] == sum(p["parts"].values())
        assert set(p["parts"]) == {"chain_fit", "proximity", "evidence"}
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in r) for r in p["reasons"])
    assert {p["id"] for p in data["existing"]} == {"Institute:瑞安微电子研究院"}
    (chip,) = [p for p in data["partners"] if p["id"] == "Institute:海宁芯片设计研究院"]
    parts = {e["part"]: e["sentence"] for e in chip["evidence"]}
    assert "海宁芯片设计研究院落户海宁高新区" in parts["chain_fit"] == parts["proximity"]
    english = json.loads(run("partners", "温州", "--lang", "en", "--db", two_regions_db).output)
    assert any(r.startswith("serves the same") for r in english["partners"][0]["reasons"])


def test_regions_region_option_on_stats_hubs_indicators(two_regions_db):
    stats = json.loads(run("stats", "--region", "温州", "--format", "json",
                           "--db", two_regions_db).output)
    assert stats["entities"] == {"Institute": 1, "Park": 1, "Region": 1}
    hubs = json.loads(run("hubs", "--region", "温州", "--db", two_regions_db).output)
    assert {h["name"] for h in hubs["hubs"]} <= {"温州", "瑞安", "瑞安经济开发区", "瑞安微电子研究院"}
    assert run("indicators", "--region", "温州", "--db", two_regions_db).exit_code == 0


def _toy():
    g = nx.MultiDiGraph()
    nodes = [("Region:海宁", "Region", "海宁"), ("Region:嘉兴", "Region", "嘉兴"),
             ("Enterprise:甲纺织公司", "Enterprise", "甲纺织公司"),
             ("Institute:乙科学院", "Institute", "乙科学院"),
             ("Institute:乙科学院纺织研究所", "Institute", "乙科学院纺织研究所"),
             ("University:丙大学", "University", "丙大学")]
    for node, kind, name in nodes:
        g.add_node(node, kind=kind, name=name)
    for u, k, v in [("Region:海宁", "PART_OF", "Region:嘉兴"),
                    ("Enterprise:甲纺织公司", "LOCATED_IN", "Region:海宁"),
                    ("Institute:乙科学院纺织研究所", "AFFILIATED_WITH", "Institute:乙科学院"),
                    ("Institute:乙科学院", "FOCUSES_ON", "IndustryChain:现代纺织"),
                    ("Institute:乙科学院纺织研究所", "LOCATED_IN", "Region:嘉兴"),
                    ("University:丙大学", "COOPERATES_WITH", "Enterprise:甲纺织公司"),
                    ("University:丙大学", "FOCUSES_ON", "IndustryChain:现代纺织")]:
        g.add_edge(u, v, key=k)
    g.nodes["IndustryChain:现代纺织"].update(kind="IndustryChain", name="现代纺织")
    return g


def test_regions_partners_parent_gives_way_and_existing_apart():
    g = _toy()
    plan = plan_partners(g, "Enterprise:甲纺织公司", ChainIndex(g, default_taxonomy()))
    assert [p.id for p in plan.suggestions] == ["Institute:乙科学院纺织研究所"]
    assert [p.id for p in plan.existing] == ["University:丙大学"]
    (member,) = plan.suggestions
    assert member.parts["proximity"] == 28  # the same city
    assert [r.code for r in member.reasons][-1] == "member_of"


def test_regions_unknown_region_fails_with_one_line(two_regions_db):
    result = run("gaps", "--region", "火星", "--db", two_regions_db)
    assert result.exit_code == 1 and "no region named '火星'" in result.output


@pytest.mark.parametrize("first, then", [("city", "province"), ("province", "city")])
def test_regions_part_of_does_not_depend_on_document_order(local_store, tmp_path, first, then):
    texts = {"city": "嘉兴市推进集成电路产业发展。", "province": "浙江省推进集成电路产业发展。"}
    for which in (first, then):
        path = tmp_path / f"{which}.txt"
        path.write_text(texts[which], encoding="utf-8")
        build(local_store, [path], workers=1)
    assert local_store.located_within("Region:浙江") == {"Region:嘉兴"}
