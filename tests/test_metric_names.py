"""extract.metric_names and extract.ranks: what a number measures, in sentences of their own."""
from __future__ import annotations

import pytest

from extract.metric_names import NameState, measure_name
from extract.ranks import chinese_number, find_ranks


def names(sentence: str, units: tuple[str, ...]) -> list[str]:
    """The names of the numbers followed by the given units, in order."""
    import re

    state, out = NameState(), []
    for m in re.finditer(r"\d+(?:\.\d+)?(" + "|".join(units) + ")", sentence):
        out.append(measure_name(sentence, m.start(), m.end(), m.group(1), state))
    return out


@pytest.mark.parametrize("sentence, expected", [
    # half-width commas bound a clause as full-width ones do
    ("持续优化创新生态,全区规上企业研发费用支出35.2亿元。", ["规上企业研发费用支出"]),
    ("持续优化创新生态，全区规上企业研发费用支出35.2亿元。", ["规上企业研发费用支出"]),
    # scope and time words go to region/period, the verb introducing the value goes
    ("2023年1-9月,我县科技成果交易额达到12.5亿元。", ["科技成果交易额"]),
])
def test_name_is_the_noun_phrase_before_the_value(sentence, expected):
    assert names(sentence, ("亿元",)) == expected


def test_change_after_a_value_names_the_change_of_that_measure():
    got = names("全年战略性新兴产业投资48.1亿元,同比增长21.5%;研发经费投入强度提升至3.1%,较上年提高0.4个百分点。",
                ("亿元", "%", "个百分点"))
    assert got == ["战略性新兴产业投资", "战略性新兴产业投资增速", "研发经费投入强度", "研发经费投入强度提高"]


def test_share_after_a_value_names_the_share_of_that_measure():
    assert names("开发区工业总产值820亿元,占全市的12.6%。", ("亿元", "%"))[1] == "开发区工业总产值占全市比重"


def test_example_list_gives_way_to_the_category_counted():
    assert names("新认定甲乙新材料研究院、丙丁智能装备研究院等市级企业技术中心4家。", ("家",)) == [
        "新认定市级企业技术中心"]
    assert names("甲乙电子科技有限公司等27家企业入库省科技型中小企业库。", ("家",)) == [
        "企业入库省科技型中小企业库"]


def test_a_bare_verb_takes_the_noun_after_the_count():
    assert names("活动现场共签约18个合作项目。", ("个",)) == ["活动现场共签约合作项目"]
    assert names("年内建成3个省级重点实验室。", ("个",)) == ["建成省级重点实验室"]


def test_repeated_value_of_the_same_measure_keeps_its_name():
    assert names("两批次拨付科技创新券资金120万元、86万元。", ("万元",)) == [
        "两批次拨付科技创新券资金", "两批次拨付科技创新券资金"]


@pytest.mark.parametrize("text, value", [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("三十三", 33),
                                         ("7", 7), ("百", None)])
def test_chinese_rank_numbers(text, value):
    assert chinese_number(text) == value


@pytest.mark.parametrize("sentence, value, name", [
    ("全区科技型企业培育指数跃居全省第二。", 2, "科技型企业培育指数全省排名"),
    ("我县专利密集型产业增加值暂列全市各县区第5位。", 5, "专利密集型产业增加值全市各县区排名"),
    ("某区位居全国创新百强区第18位。", 18, "全国创新百强区排名"),
    ("区域创新能力指数由全省第6位上升到第3位。", 3, "区域创新能力指数全省排名"),
])
def test_ranks_name_the_measure_and_its_scope(sentence, value, name):
    assert [(r.value, r.name) for r in find_ranks(sentence, {})] == [(value, name)]


def test_rank_of_the_value_before_it():
    s = "规上企业研发活动覆盖率为2.9%,列全市第一。"
    assert [(r.value, r.name) for r in find_ranks(s, {s.index("%") + 1: ("规上企业研发活动覆盖率", "%")})] == [
        (1, "规上企业研发活动覆盖率全市排名")]


@pytest.mark.parametrize("sentence", ["举办第三届创新创业大赛。", "入选第二批省级创新联合体名单。",
                                      "对第046号建议的答复。", "增速居全省第1。", "两项指标均列全市第二。"])
def test_ordinals_and_secondary_ranks_are_not_ranks(sentence):
    assert find_ranks(sentence, {}) == []


def test_a_second_verb_over_the_same_object_replaces_the_first():
    assert names("全年新认定市级企业技术中心6家、培育9家。", ("家",)) == ["新认定市级企业技术中心", "培育市级企业技术中心"]
    assert names("全年发放科技券3200万元、使用2100万元。", ("万元",)) == ["发放科技券", "使用科技券"]
    assert names("全年商标申请860件、注册410件。", ("件",)) == ["商标申请", "商标注册"]
