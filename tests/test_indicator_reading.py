"""extract.indicators: which numbers are indicators, their kind and period (own sentences)."""
from __future__ import annotations

from extract import extract_text


def found(text: str) -> list[tuple]:
    return [(i.indicator, i.value, i.unit, i.kind.value, i.period) for i in extract_text(text).indicators]


def test_respective_changes_go_to_the_measures_in_turn():
    got = found("某市2022年科技工作总结\n全年实用新型专利申请520件、授权310件,同比分别增长12%、9%。")
    assert [(n, v) for n, v, *_ in got] == [("实用新型专利申请", 520), ("实用新型专利授权", 310),
                                          ("实用新型专利申请增速", 12), ("实用新型专利授权增速", 9)]


def test_share_as_a_fraction():
    got = found("某区2022年工作总结\n新增省级企业研究院12家,占全市1/3。")
    assert ("新增省级企业研究院占全市比重", "1/3", "") in [(n, v, u) for n, v, u, *_ in got]


def test_numbers_inside_names_are_no_indicators():
    got = found("中电科10所承担省级重点研发项目3个。")
    assert [(v, u) for _, v, u, *_ in got] == [(3, "个")]


def test_base_year_of_a_change_is_not_its_period():
    got = found("某区2022年工作总结\n区域创新指数居全省第5位,较2020年提升4位。")
    assert [(n, v, p) for n, v, _, _, p in got] == [("区域创新指数全省排名", 5, "2022"),
                                                   ("区域创新指数全省排名提升", 4, "2022")]


def test_as_of_a_past_date_is_an_actual_and_obtaining_funds_is_no_target():
    got = found("某市2021年工作总结\n截止到2021年底,全市工业总产值约5200亿元;争取省科技经费3亿元。")
    assert [(v, k) for _, v, _, k, _ in got] == [(5200, "actual"), (3, "actual")]


def test_half_year_report_dates_its_values():
    got = found("某市科技局2019年上半年工作总结\n上半年,全市新增众创空间4家。")
    assert got[0][4] == "2019年上半年"


def test_a_document_opening_with_the_coming_year_states_targets():
    text = "2025年,全市科技系统将围绕创新深化,加快建设科创高地。\n一、主要指标\n1.新认定省级企业研究院20家;"
    assert found(text) == [("新认定省级企业研究院", 20, "家", "target", "2025")]


def test_item_numbers_of_a_list_are_not_part_of_the_value():
    text = "某县2023年工作总结\n1.新增省级企业研究院5家;\n2.3家企业入选省级隐形冠军;"
    assert [(v, u) for _, v, u, *_ in found(text)] == [(5, "家"), (3, "家")]

