"""One test per extraction mechanism, on sentences written for the test (no name of the
evaluation set's gold files appears here)."""
from __future__ import annotations

import pytest

from extract import extract_text


def facts(text: str):
    out = extract_text(text).to_json()
    entities = {(e["name"], e["type"]) for e in out["entities"]}
    relations = {(r["head"], r["type"], r["tail"]) for r in out["relations"]}
    return entities, relations, out


def related(relations, a, kind, b) -> bool:
    """Either direction for the symmetric kinds."""
    return (a, kind, b) in relations or (
        kind in ("COOPERATES_WITH", "INTEGRATED_WITH") and (b, kind, a) in relations)


# --- the document's subject -------------------------------------------------------------
COUNTY_REPORT = ("义乌市科技局2023年工作总结\n"
                 "2023年，义乌坚持创新驱动。义乌新增研发机构12家，金华市级重点项目落地义乌。\n"
                 "湘潭大学义乌研究院、烟台大学义乌创新中心等项目现场签约。\n"
                 "义乌围绕光伏、氢能、储能等产业，招引一批重大项目。")


def test_county_named_more_than_its_city_is_the_subject():
    _, relations, _ = facts(COUNTY_REPORT)
    assert related(relations, "义乌", "FOCUSES_ON", "光伏")
    assert not related(relations, "金华", "FOCUSES_ON", "光伏")


def test_signing_clause_links_the_subject_to_outside_partners_only():
    text = ("金华市科技局工作动态\n金华市与多所高校对接。金华全年引进项目30个。金华加快建设创新平台。\n"
            "湘潭大学、烟台大学等高校项目现场签约，金华湘潭研究院同时签约。")
    _, relations, _ = facts(text)
    assert related(relations, "金华", "COOPERATES_WITH", "湘潭大学")
    assert related(relations, "金华", "COOPERATES_WITH", "烟台大学")
    assert not related(relations, "金华", "COOPERATES_WITH", "金华湘潭研究院")


def test_partner_after_adverb_and_with_marker():
    _, relations, _ = facts("湘潭大学已与烟台大学签署战略合作协议。")
    assert related(relations, "湘潭大学", "COOPERATES_WITH", "烟台大学")


ZONE_INTRO = ("扬州高新区简介\n扬州高新区位于扬州市区西部。高新区总面积50平方公里，"
              "包括三个园区：维扬科技园、邗江产业园、仪征创业园。高新区将持续招商。")


def test_bare_zone_head_refers_to_the_documents_zone():
    _, relations, _ = facts(ZONE_INTRO)
    for part in ("维扬科技园", "邗江产业园", "仪征创业园"):
        assert related(relations, part, "PART_OF", "扬州高新区"), part


# --- names ------------------------------------------------------------------------------
def test_common_word_opening_the_clause_is_not_part_of_the_name():
    entities, _, _ = facts("市政府成立工作专班，委托温州城市规划研究院编制专项规划。")
    assert ("温州城市规划研究院", "Institute") in entities
    assert not any(name.startswith("委托") for name, _ in entities)


def test_a_base_is_named_only_with_the_organisation_running_it():
    entities, relations, _ = facts("打造先进制造基地。扬州大学化学学院金华基地正式揭牌。")
    assert not any("先进制造基地" in name for name, _ in entities)
    assert ("扬州大学化学学院金华基地", "Platform") in entities
    assert related(relations, "扬州大学化学学院金华基地", "AFFILIATED_WITH", "扬州大学化学学院")
    assert related(relations, "扬州大学化学学院", "AFFILIATED_WITH", "扬州大学")
    assert related(relations, "扬州大学化学学院金华基地", "LOCATED_IN", "金华")


def test_numbered_institute_of_a_group_but_not_a_count():
    entities, _, _ = facts("中远重工621所与省内外10所高校开展合作。")
    assert ("中远重工621所", "Institute") in entities
    assert not any(name.endswith("10所") for name, _ in entities)


def test_a_numeral_in_a_company_name_is_not_a_count():
    entities, _, _ = facts("三元集团投资建设新工厂。")
    assert ("三元集团", "Enterprise") in entities


def test_place_in_front_of_a_name_seen_alone_is_the_same_entity():
    _, _, out = facts("金华义乌高新区举行推介会。义乌高新区将加快发展。")
    zones = [e for e in out["entities"] if e["type"] == "Park"]
    assert [z["name"] for z in zones] == ["金华义乌高新区"]
    assert "义乌高新区" in zones[0]["aliases"]


# --- lists and tables -------------------------------------------------------------------
def test_table_rows_glued_by_a_pdf_split_at_the_platform_head():
    text = ("拟认定名单序号平台名称依托单位拟建设类型"
            "1温州海洋生物中试平台温州大学市级中试平台"
            "2温州光伏材料中试平台温州医科大学市级中试平台。")
    entities, relations, _ = facts(text)
    assert ("温州海洋生物中试平台", "Platform") in entities
    assert ("温州光伏材料中试平台", "Platform") in entities
    assert not any(name.endswith("大学中试平台") for name, _ in entities)
    assert related(relations, "温州海洋生物中试平台", "AFFILIATED_WITH", "温州大学")
    assert related(relations, "温州光伏材料中试平台", "AFFILIATED_WITH", "温州医科大学")


def test_region_before_an_industry_list_focuses_on_each_item():
    _, relations, _ = facts("围绕嘉兴光伏、氢能、储能等特色产业链，引进一批高校院所。")
    for chain in ("光伏", "氢能", "储能"):
        assert related(relations, "嘉兴", "FOCUSES_ON", chain), chain


def test_declared_short_name_and_founding_members_of_an_alliance():
    text = ("浙南高新区协同发展联盟（以下简称“联盟”）在温州成立。"
            "联盟由温州高新区、金华高新区、嘉兴高新区共同发起成立。")
    _, relations, out = facts(text)
    alliance = next(e for e in out["entities"] if e["type"] == "Alliance")
    assert "联盟" in alliance["aliases"]
    assert len([m for m in alliance["mentions"] if m["text"] == "联盟"]) >= 1
    for zone in ("温州高新区", "金华高新区", "嘉兴高新区"):
        assert related(relations, zone, "MEMBER_OF", alliance["name"]), zone


# --- robustness -------------------------------------------------------------------------
def test_repeated_heads_do_not_recurse():
    out = extract_text("研究院" * 1000).to_json()  # RecursionError before
    assert out["entities"] == []


def test_long_document_in_chunks_keeps_offsets_in_the_whole_text(monkeypatch):
    import extract.chunks as chunks

    text = "\n".join(f"第{i}段。湘潭大学与烟台大学签署合作协议，共建嘉兴光伏研究院。" for i in range(60))
    whole = extract_text(text).to_json()
    monkeypatch.setattr(chunks, "CHUNK_CHARS", 200)
    pieces = []
    parts = extract_text(text, progress=lambda done, total: pieces.append((done, total))).to_json()
    assert len(pieces) > 5 and pieces[-1] == (len(text), len(text))
    assert {e["name"] for e in whole["entities"]} <= {e["name"] for e in parts["entities"]}
    assert {(r["head"], r["type"], r["tail"]) for r in whole["relations"]} <= \
        {(r["head"], r["type"], r["tail"]) for r in parts["relations"]}
    university = next(e for e in parts["entities"] if e["name"] == "湘潭大学")
    assert len(university["mentions"]) == 60
    for e in parts["entities"]:
        for m in e["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
            assert text[m["sentence_start"]:m["sentence_end"]] == m["sentence"]


@pytest.mark.parametrize("size", [1_100_000])
def test_text_longer_than_spacys_max_length(size):
    text = ("湘潭大学与烟台大学签署合作协议。" * (size // 16 + 1))[:size]
    out = extract_text(text).to_json()  # spaCy's E088 before: over nlp.max_length
    assert any(e["name"] == "湘潭大学" for e in out["entities"])
