"""The extractor on real sentences of the sample report (data/docs/shaoxing_2020_report.txt)."""
from __future__ import annotations

import pytest

from extract import extract_text


def entities(text: str) -> dict[str, str]:
    return {e.name: e.kind.value for e in extract_text(text).entities}


def relations(text: str) -> set[tuple[str, str, str]]:
    x = extract_text(text)
    names = {e.key: e.name for e in x.entities}
    return {(names[r.head], r.kind.value, names[r.tail]) for r in x.relations}


def test_extract_sample_sentences_come_from_the_sample(sample_text):
    for sentence in SENTENCES:
        assert sentence in sample_text


BOUNDARY = "组织天津大学浙江绍兴研究院申报省级新型研发机构。"
COMPLEXES = ("越城节能环保、柯桥现代住建、上虞泛娱乐、诸暨金属加工、新昌茶叶、滨海现代医药等6家综合体"
             "新进入省创建名单，位居全省第1位。")
LEADERS = ("支持中芯国际、浙江龙盛、浙江医药等行业内10家领军企业，联合产业链上下游企业和高校、"
           "科研院所组建技术创新联盟")
INSTITUTES = ("表彰中纺院江南分院、武汉理工大学绍兴研究院、浙工大新昌研究院、西安工程大学柯桥研究院等"
              "4家绩效评价优秀单位")
CITIES = "重点推进镜湖、滨海、鉴湖三大科技城建设。"
CORRIDORS = "加强与G60、杭州城西、宁波甬江科创走廊合作"
INTEGRATE = "重点推进绍兴国家高新区与滨海现代医药省级高新区、新昌高新区与新昌经济开发区整合提升"
SENTENCES = [BOUNDARY, COMPLEXES, LEADERS, INSTITUTES, CITIES, CORRIDORS, INTEGRATE]


def test_extract_boundary_excludes_verb_and_status():
    found = entities(BOUNDARY)
    assert found["天津大学浙江绍兴研究院"] == "Institute"
    assert not any("组织" in name or "研发机构" in name for name in found)


@pytest.mark.parametrize("name", ["越城节能环保综合体", "柯桥现代住建综合体", "上虞泛娱乐综合体",
                                  "诸暨金属加工综合体", "新昌茶叶综合体", "滨海现代医药综合体"])
def test_extract_coordination_expands_shared_head(name):
    assert entities(COMPLEXES)[name] == "Platform"


def test_extract_coordinated_complexes_are_located_and_focused():
    rels = relations(COMPLEXES)
    assert ("柯桥现代住建综合体", "LOCATED_IN", "柯桥") in rels
    assert ("柯桥现代住建综合体", "FOCUSES_ON", "现代住建") in rels


@pytest.mark.parametrize("name", ["中芯国际", "浙江龙盛", "浙江医药"])
def test_extract_listed_enterprises(name):
    assert entities(LEADERS)[name] == "Enterprise"


def test_extract_generic_mentions_are_not_entities():
    found = entities(LEADERS + "，新认定市级重点实验室3家。")
    assert not any(name.endswith(("领军企业", "技术创新联盟", "重点实验室")) for name in found)


def test_extract_institutes_are_affiliated_with_their_parents():
    rels = relations(INSTITUTES)
    assert ("武汉理工大学绍兴研究院", "AFFILIATED_WITH", "武汉理工大学") in rels
    assert ("西安工程大学柯桥研究院", "LOCATED_IN", "柯桥") in rels
    assert any(h == "中纺院江南分院" and t in ("中纺院", "中国纺织科学研究院")
               for h, kind, t in rels if kind == "AFFILIATED_WITH")
    assert any(h == "浙工大新昌研究院" and t in ("浙工大", "浙江工业大学")
               for h, kind, t in rels if kind == "AFFILIATED_WITH")


def test_extract_count_words_do_not_enter_names():
    found = entities(CITIES)
    assert {"镜湖科技城", "滨海科技城", "鉴湖科技城"} <= set(found)
    assert not any("三大" in name for name in found)


def test_extract_corridor_list_shares_its_head():
    found = entities(CORRIDORS)
    assert {"G60科创走廊", "杭州城西科创走廊", "宁波甬江科创走廊"} <= set(found)


def test_extract_integration_pairs_parks():
    rels = relations(INTEGRATE)
    assert ("新昌经济开发区", "INTEGRATED_WITH", "新昌高新区") in rels or \
        ("新昌高新区", "INTEGRATED_WITH", "新昌经济开发区") in rels


def test_extract_level_is_a_property_not_part_of_the_name():
    x = extract_text(INTEGRATE)
    park = next(e for e in x.entities if e.name.startswith("滨海现代医药"))
    assert "省级" not in park.name and park.level == "provincial"


@pytest.mark.parametrize("short,full", [("上海交大绍兴研究院", "上海交通大学绍兴研究院"),
                                        ("江南大学绍兴研究院", "江南大学（绍兴）产业技术研究院")])
def test_extract_short_and_full_forms_are_one_entity(short, full):
    x = extract_text(f"加强与高校院所对接，{full}落地。重点提升{short}建设实效。")
    institutes = [e for e in x.entities if e.kind.value == "Institute"]
    assert len(institutes) == 1 and {short, full} <= {institutes[0].name, *institutes[0].aliases}


def test_extract_declared_short_name_is_an_alias():
    x = extract_text("丽水云岫山高新技术产业开发区（以下简称“云岫山高新区”）获批。云岫山高新区新增企业。")
    parks = [e for e in x.entities if e.kind.value == "Park"]
    assert len(parks) == 1 and "云岫山高新区" in parks[0].aliases | {parks[0].name}


def test_extract_every_fact_has_evidence_offsets(sample_extraction):
    text = sample_extraction.text
    for ent in sample_extraction.entities:
        for m in ent.mentions:
            assert text[m.start:m.end] and m.end > m.start
    for rel in sample_extraction.relations:
        assert text[rel.sentence.start:rel.sentence.end] == rel.sentence.text


def test_extract_sample_covers_the_schema(sample_extraction):
    kinds = {e.kind.value for e in sample_extraction.entities}
    assert {"University", "Institute", "Park", "Platform", "Enterprise", "Alliance",
            "IndustryChain", "Region"} <= kinds
    rel_kinds = {r.kind.value for r in sample_extraction.relations}
    assert {"AFFILIATED_WITH", "LOCATED_IN", "PART_OF", "FOCUSES_ON", "INTEGRATED_WITH",
            "COOPERATES_WITH"} <= rel_kinds


@pytest.mark.parametrize("sentence,value,unit,kind", [
    ("今年1-10月，全市规上工业研发经费129.56亿元，同比增长12%。", 129.56, "亿元", "actual"),
    ("2019年，全社会研发经费占地区生产总值为2.65%，提高0.24个百分点。", 0.24, "个百分点", "actual"),
    ("科技创新能力指数由全省第5位上升到第4位。", 4, "位", "actual"),
])
def test_extract_indicators_in_a_summary(sentence, value, unit, kind):
    found = {(i.value, i.unit, i.kind.value) for i in extract_text(sentence).indicators}
    assert (value, unit, kind) in found


def test_extract_indicators_in_a_plan_are_targets():
    text = ("2020年工作总结\n预计新增高新技术企业425家。\n二、2021年工作主要思路\n"
            "力争全年实现培育高新技术企业300家、科技型中小企业1000家以上，争创1-2家省级重点实验室。")
    found = {(i.value, i.unit, i.kind.value) for i in extract_text(text).indicators}
    assert {(425, "家", "actual"), (300, "家", "target"), (1000, "家", "target"),
            ("1-2", "家", "target")} <= found


def test_extract_rank_that_is_not_a_result_is_skipped():
    found = {(i.value, i.unit) for i in extract_text("提升幅度列全省第3位。").indicators}
    assert (3, "位") not in found
