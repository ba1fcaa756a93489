"""graph.analytics.indicators: plan versus result."""
from __future__ import annotations

import pytest

from graph.analytics import indicator_table
from graph.analytics.indicators import normalise_indicator
from graph.model import Evidence, Indicator, IndicatorKind

A, T = IndicatorKind.ACTUAL, IndicatorKind.TARGET


def ind(name, value, unit, period, kind, region="绍兴", doc="d1"):
    return Indicator(name, value, unit, period, kind, region, Evidence(doc, f"{name}{value}{unit}", 0, 1))


@pytest.mark.parametrize("raw, norm", [("培育高新技术企业", "高新技术企业"), ("新增高新技术企业", "高新技术企业"),
                                       ("2. 稳步推进省级高新区", "省级高新区"), ("技术交易额", "技术交易额")])
def test_indicators_normalise_names(raw, norm):
    assert normalise_indicator(raw) == norm


def test_indicators_pair_target_with_latest_earlier_actual():
    rows = indicator_table([ind("新增高新技术企业", 425, "家", "2020", A),
                            ind("培育高新技术企业", 300, "家", "2021", T),
                            ind("新增高新技术企业", 380, "家", "2019", A)])
    assert [(r.actual, r.actual_period, r.target, r.target_period) for r in rows] == [
        (380, "2019", None, None), (425, "2020", 300, "2021")]
    assert rows[1].progress == round(425 / 300, 3)


def test_indicators_same_period_pairs_first():
    rows = indicator_table([ind("研发经费占比", 2.9, "%", "2021", A), ind("研发经费占比", 2.6, "%", "2020", A),
                            ind("研发经费占比", 3, "%", "2021", T)])
    assert [(r.period, r.actual, r.target) for r in rows] == [("2020", 2.6, None), ("2021", 2.9, 3)]


def test_indicators_unit_and_region_keep_rows_apart():
    rows = indicator_table([ind("技术交易额", 79, "亿元", "2020", A), ind("技术交易额", 100, "亿元", "2021", T, "柯桥"),
                            ind("技术交易额", 12, "%", "2020", A)])
    assert len(rows) == 3 and all(r.actual is None or r.target is None for r in rows)


def test_indicators_repeated_statements_are_one_row():
    rows = indicator_table([ind("技术交易额", 79, "亿元", "2020", A, doc="d1"),
                            ind("技术交易额", 79, "亿元", "2020", A, doc="d2")])
    assert len(rows) == 1


def test_indicators_empty():
    assert indicator_table([]) == []
