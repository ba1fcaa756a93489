"""Properties of the extractor on any input: it never fails, every offset slices the text it
names, every relation joins entities of the same output, and it is deterministic."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import extract_text

#: pieces of administrative prose: heads, places, organisations, cues, numbers, punctuation
FRAGMENTS = ["研究院", "大学", "学院", "实验室", "高新区", "科技城", "综合体", "联盟", "有限公司",
             "集团", "中试平台", "基地", "所", "温州", "嘉兴", "湘潭", "金华", "义乌", "光伏", "氢能",
             "与", "合作", "共建", "签约", "包括", "由", "发起成立", "以下简称", "“", "”", "（", "）",
             "、", "，", "。", "；", "\n", "等", "家", "12", "3.5", "亿元", "%", "同比增长", "力争",
             "2025年", "全市", "我区", "市级", "省级", "重点", "新增", "研发投入", " ", "x", "Ab"]

prose = st.lists(st.sampled_from(FRAGMENTS), max_size=300).map("".join)
anything = st.text(max_size=400)
PROPERTY = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def check(text: str) -> dict:
    out = extract_text(text).to_json()
    names = {e["name"] for e in out["entities"]}
    for e in out["entities"]:
        for m in e["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
            assert text[m["sentence_start"]:m["sentence_end"]] == m["sentence"]
            assert m["sentence_start"] <= m["start"] < m["end"] <= m["sentence_end"]
    for fact in out["relations"] + out["indicators"]:
        ev = fact["evidence"]
        assert text[ev["start"]:ev["end"]] == ev["sentence"]
    for r in out["relations"]:
        assert r["head"] in names and r["tail"] in names
    return out


@PROPERTY
@given(prose)
def test_prose_of_the_domain(text):
    assert check(text) == extract_text(text).to_json()


@PROPERTY
@given(anything)
def test_any_unicode(text):
    check(text)


@PROPERTY
@given(st.sampled_from(FRAGMENTS), st.integers(1, 3000))
def test_one_fragment_repeated(fragment, times):
    check(fragment * times)


@PROPERTY
@given(st.integers(1, 5000), st.sampled_from(["（", "(", "“", "《", "【"]))
def test_deep_brackets(depth, opening):
    closing = {"（": "）", "(": ")", "“": "”", "《": "》", "【": "】"}[opening]
    check(opening * depth + "湘潭大学温州研究院" + closing * depth)


def test_very_long_line_without_punctuation():
    check(("温州光伏产业园区湘潭大学嘉兴研究院" * 20000))


def test_document_without_entities():
    assert check("今天天气很好。" * 1000)["entities"] == []


def test_five_megabyte_document():
    line = "2024年，温州高新区与湘潭大学共建温州光伏研究院，新增研发投入3.5亿元，同比增长12%。\n"
    text = line * (5_000_000 // len(line.encode("utf-8")) + 1)
    assert len(text.encode("utf-8")) >= 5_000_000
    out = check(text)
    assert any(e["name"] == "湘潭大学" for e in out["entities"])
