"""The ECharts options of the app's charts (`app.ui.charts`): order, colours, safety."""
from __future__ import annotations

import json
import re

import pytest

from app.ui import charts
from app.ui.graph_html import FONT, kind_style
from graph.model import EntityKind
from graph.views.chains import ChainFlow

EVIL = "<img src=x onerror=alert(1)>"


def _strings(obj, path=()):
    """Every (path, string) of an option, keys included in the path."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _strings(v, path + (k,))
    elif isinstance(obj, (list, tuple)):
        for i, v in enumerate(obj):
            yield from _strings(v, path + (i,))
    elif isinstance(obj, str):
        yield path, obj


#: a formatter may hold ECharts placeholders (filled in escaped) and punctuation, no text
PLACEHOLDERS_ONLY = re.compile(r"(\{(?:[a-e]|@\[\d+\])\}|[：:·\s])*")


def _assert_safe(option: dict) -> None:
    """JSON only, placeholder-only formatters, the hostile name only as a data value."""
    assert json.loads(json.dumps(option, allow_nan=False)) == option
    for path, text in _strings(option):
        if "formatter" in path:
            assert PLACEHOLDERS_ONLY.fullmatch(text), (path, text)
        if "<" in text:
            assert EVIL in text, path
            assert path[-1] in ("name", "id", "source", "target") or "data" in path, path


def _flow(chain, chain_name, pid, name, kind=EntityKind.UNIVERSITY):
    return ChainFlow(chain, chain_name, pid, name, kind)


def test_bar_largest_at_top_with_a_colour_and_label_per_bar():
    c = charts.bar(["高校", "企业", EVIL], [9, 4, 1], title="按类型",
                   colors=["#0072B2", "#D55E00", "#009E73"], height=480, font_size=20)
    opt = c.option
    assert c.height == 480
    assert opt["yAxis"]["inverse"] is True  # the first category is drawn at the top
    assert opt["yAxis"]["data"] == ["高校", "企业", EVIL]
    series = opt["series"][0]
    assert [d["value"] for d in series["data"]] == [9, 4, 1]
    assert [d["itemStyle"]["color"] for d in series["data"]] == ["#0072B2", "#D55E00",
                                                                 "#009E73"]
    assert series["label"]["show"] and series["label"]["fontSize"] == 20
    label = opt["yAxis"]["axisLabel"]
    assert label["interval"] == 0 and label["color"] == "#1A202C" and label["fontFamily"] == FONT
    assert opt["grid"]["containLabel"] is True
    assert opt["title"]["text"] == "按类型"
    _assert_safe(opt)


def test_bar_default_colour_and_no_title():
    opt = charts.bar(["甲"], [3]).option
    assert opt["series"][0]["data"][0]["itemStyle"]["color"] == charts.BLUE
    assert "title" not in opt
    _assert_safe(opt)


def test_bar_numbers_are_plain_json():
    np = pytest.importorskip("numpy")
    opt = charts.bar(["甲", "乙"], [np.int64(3), np.float64(2.5)]).option
    assert [d["value"] for d in opt["series"][0]["data"]] == [3, 2.5]
    assert type(opt["series"][0]["data"][0]["value"]) is int
    _assert_safe(opt)


def test_heatmap_gaps_are_pale_red_and_cells_show_real_counts():
    c = charts.heatmap(["新能源汽车", EVIL], ["实验室", "企业"], [[0, 7], [2, 5]])
    opt = c.option
    cells = {(d["value"][0], d["value"][1]): d for d in opt["series"][0]["data"]}
    assert cells[0, 0]["value"][2] == 0
    assert cells[0, 0]["itemStyle"]["color"] == "#FDE2E1"
    assert cells[1, 0]["value"][2] == 7  # shown as 7, coloured like 5
    assert cells[1, 0]["itemStyle"]["color"] == cells[1, 1]["itemStyle"]["color"] == "#0072B2"
    assert cells[0, 1]["itemStyle"]["color"] not in ("#FDE2E1", "#0072B2")
    assert opt["series"][0]["label"]["show"] is True
    assert cells[0, 1]["name"] == f"{EVIL} · 实验室"  # the tooltip's {b}: data, escaped
    assert opt["tooltip"]["formatter"] == "{b}：{@[2]}"
    assert opt["xAxis"]["position"] == "top" and opt["xAxis"]["data"] == ["实验室", "企业"]
    assert opt["yAxis"]["inverse"] is True and opt["yAxis"]["data"] == ["新能源汽车", EVIL]
    assert c.height == max(260, 42 * 2 + 80)
    _assert_safe(opt)


def test_heatmap_colours_grow_with_the_count():
    colours = [charts.cell_color(v) for v in range(7)]
    assert colours[0] == "#FDE2E1" and colours[1] == "#E6F2FA"
    assert colours[5] == colours[6] == "#0072B2"
    assert len(set(colours[1:6])) == 5


def test_sankey_one_link_per_flow_and_duplicate_names_stay_apart():
    flows = [_flow("ev", "新能源汽车", "u1", "清华大学"),
             _flow("ev", "新能源汽车", "u2", "清华大学", EntityKind.INSTITUTE),
             _flow("ai", "人工智能", "u1", "清华大学"),
             _flow("ai", "人工智能", "x", "新能源汽车", EntityKind.LAB),
             _flow("ai", "人工智能", "e", EVIL, EntityKind.LAB)]
    c = charts.sankey(flows)
    series = c.option["series"][0]
    nodes, links = series["data"], series["links"]
    assert len(links) == len(flows)
    ids = [n["id"] for n in nodes]
    assert len(set(ids)) == len(ids) == 2 + 4  # 2 chains, 4 partners (u1, u2, x, e)
    assert [n["name"] for n in nodes[:2]] == ["新能源汽车", "人工智能"]
    assert sorted(n["name"] for n in nodes[2:]) == sorted(
        ["清华大学", "清华大学", "新能源汽车", EVIL])
    by_id = {n["id"]: n for n in nodes}
    assert all(by_id[link["source"]]["depth"] == 0 for link in links)
    assert all(by_id[link["target"]]["depth"] == 1 for link in links)
    # the two 清华大学 nodes are different partners, coloured by their kinds
    thu = [n for n in nodes if n["name"] == "清华大学"]
    assert {n["itemStyle"]["color"] for n in thu} == {
        kind_style(EntityKind.UNIVERSITY.value).color,
        kind_style(EntityKind.INSTITUTE.value).color}
    # u1 serves both chains through one node
    u1 = links[0]["target"]
    assert links[2]["target"] == u1 and links[1]["target"] != u1
    # a partner named like a chain is its own node
    assert links[3]["target"] != links[0]["source"]
    assert all(n["itemStyle"]["color"] == charts.CHAIN for n in nodes[:2])
    _assert_safe(c.option)


def test_sankey_height_follows_the_longer_side():
    """About a text line per node: few flows stay thin bands, many flows get room."""
    few = charts.sankey([_flow("ev", "新能源汽车", f"p{i}", f"伙伴{i}") for i in range(3)])
    many = charts.sankey([_flow("ev", "新能源汽车", f"p{i}", f"伙伴{i}") for i in range(40)])
    assert few.height <= 200
    assert many.height >= 40 * 30


def test_empty_charts_still_serialise():
    for c in (charts.bar([], []), charts.sankey([]), charts.heatmap([], [], [])):
        _assert_safe(c.option)
        assert c.height > 0
