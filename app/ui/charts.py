"""The app's charts as ECharts options for `st.echarts_chart` (see `app.ui.layout.chart`).

Every function returns a `Chart`: a plain, JSON-compatible option dict (str, int, float,
list, dict only) and the pixel height to draw it at. Names from the documents only ever
travel as data values (`name`, axis `data`), never inside a `formatter` template: ECharts
tooltip templates are HTML, its data values are escaped.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from app.ui.graph_html import FONT, kind_style

TEXT = "#1A202C"  #: dark text of every label
BLUE = "#0072B2"
GAP = "#FDE2E1"  #: a heatmap cell with no actor: a gap, pale red
PALE_BLUE = "#E6F2FA"  #: the lightest non-zero heatmap cell
CHAIN = "#6A3D9A"
CAP = 5  #: heatmap counts at or above this get the full colour


class Chart(NamedTuple):
    option: dict
    height: int


def _number(v) -> int | float:
    """A JSON number from whatever counts arrive (NumPy scalars included)."""
    f = float(v)
    return int(f) if f.is_integer() else f


def _text(size: int, **extra) -> dict:
    return {"fontFamily": FONT, "fontSize": size, "color": TEXT, **extra}


def _text_width(text: str, size: int) -> int:
    """Rough pixel width of a label: CJK glyphs are a full em, the rest about 0.6 em."""
    return int(sum(size if ord(ch) > 0x2E7F else 0.6 * size for ch in text)) + 1


def _base(font_size: int) -> dict:
    return {"textStyle": _text(font_size), "animationDuration": 400, "tooltip": {}}


def bar(labels: Sequence[str], values: Sequence[int], *, title: str = "",
        colors: Sequence[str] | None = None, height: int = 360, font_size: int = 15) -> Chart:
    """A horizontal bar chart, largest (first) at the top, each bar labelled with its value."""
    labels = [str(x) for x in labels]
    values = [_number(v) for v in values]
    colors = [str(c) for c in colors] if colors else [BLUE] * len(values)
    widest = max((_text_width(str(v), font_size) for v in values), default=0)
    option = _base(font_size) | {
        "grid": {"left": 4, "right": widest + 16, "bottom": 4,
                 "top": (font_size + 3) * 2 + 8 if title else 8, "containLabel": True},
        "xAxis": {"type": "value", "show": False},
        # inverse: the first category (the largest) at the top
        "yAxis": {"type": "category", "data": labels, "inverse": True,
                  "axisTick": {"show": False},
                  "axisLabel": _text(font_size, interval=0)},
        "series": [{"type": "bar", "barMaxWidth": 2 * font_size + 8,
                    "data": [{"value": v, "itemStyle": {"color": c}}
                             for v, c in zip(values, colors)],
                    "label": _text(font_size, show=True, position="right")}],
    }
    if title:
        option["title"] = {"text": title, "left": 0, "top": 0,
                           "textStyle": _text(font_size + 3, fontWeight="bold")}
    return Chart(option, int(height))


def sankey(flows: Sequence, *, height: int | None = None, font_size: int = 14) -> Chart:
    """Chains on the left, research partners on the right (`graph.views.ChainFlow`).

    One node per chain id and per partner id, so two partners with the same name (or a
    partner named like a chain) stay apart; their ids only differ by invisible characters.
    """
    chains = list(dict.fromkeys((f.chain, f.chain_name) for f in flows))
    partners = list(dict.fromkeys((f.partner_id, f.partner_name) for f in flows))
    kinds = {f.partner_id: f.partner_kind.value for f in flows}
    ids: dict[tuple[str, str], str] = {}
    taken: set[str] = set()

    def node_id(side: str, key: str, name: str) -> str:
        nid = str(name)
        while nid in taken:  # the tooltip of a link shows the ids: keep them readable
            nid += "\u200b"
        taken.add(nid)
        ids[side, key] = nid
        return nid

    nodes = [{"id": node_id("c", c, name), "name": str(name), "depth": 0,
              "itemStyle": {"color": CHAIN}} for c, name in chains]
    nodes += [{"id": node_id("p", p, name), "name": str(name), "depth": 1,
               "itemStyle": {"color": kind_style(kinds[p]).color}} for p, name in partners]
    links = [{"source": ids["c", f.chain], "target": ids["p", f.partner_id], "value": 1}
             for f in flows]
    # chain labels left of their nodes, partner labels right of theirs: outside the bands
    # (+ room for the PNG button of the toolbox at the top right, see `app.ui.layout.chart`)
    left = max((_text_width(str(n), font_size) for _, n in chains), default=0) + 16
    right = max((_text_width(str(n), font_size) for _, n in partners), default=0) + 40
    option = _base(font_size) | {
        "series": [{
            "type": "sankey", "left": left, "right": right, "top": 8, "bottom": 8,
            "nodeWidth": 16, "nodeGap": 10, "nodeAlign": "justify", "draggable": False,
            "layoutIterations": 0,  # keep the given order: chains and partners as listed
            "emphasis": {"focus": "adjacency"},
            "data": nodes, "links": links,
            "label": _text(font_size, position="right"),
            "levels": [{"depth": 0, "label": {"position": "left"}},
                       {"depth": 1, "label": {"position": "right"}}],
            "lineStyle": {"color": CHAIN, "opacity": 0.25, "curveness": 0.5},
            "itemStyle": {"borderColor": "#ffffff", "borderWidth": 0.5},
        }],
    }
    # about one text line per node on the longer side: a few flows must not become slabs
    rows = max(len(chains), len(partners))
    return Chart(option, int(height or max(160, (font_size + 22) * rows + 16)))


def segment_sankey(flows: Sequence, *, stage_name, segment_name, empty_name: str,
                   height: int | None = None, font_size: int = 14) -> Chart:
    """One chain left to right: its stages, their segments (upstream first), and the
    actors placed in each (`graph.views.SegmentFlow`); an empty segment ends in a red
    `empty_name` node."""
    taken: set[str] = set()
    ids: dict[tuple[str, str], str] = {}

    def node(side: str, key: str, name: str, depth: int, color: str) -> dict | None:
        if (side, key) in ids:
            return None
        nid = str(name)
        while nid in taken:
            nid += "\u200b"
        taken.add(nid)
        ids[side, key] = nid
        return {"id": nid, "name": str(name), "depth": depth, "itemStyle": {"color": color}}

    nodes, links = [], {}
    for f in flows:
        made = [node("stage", f.stage, stage_name(f.stage), 0, "#444444"),
                node("segment", f.segment, segment_name(f), 1, CHAIN)]
        if f.actor_id:
            made.append(node("actor", f.actor_id, f.actor_name, 2,
                             kind_style(f.actor_kind.value).color))
            target = ids["actor", f.actor_id]
        else:
            made.append(node("empty", f.segment, empty_name, 2, "#E45756"))
            target = ids["empty", f.segment]
        nodes += [n for n in made if n]
        stage, segment = ids["stage", f.stage], ids["segment", f.segment]
        links[stage, segment] = links.get((stage, segment), 0) + 1
        links[segment, target] = 1
    option = _base(font_size) | {
        "series": [{
            "type": "sankey", "left": 8, "right": 220, "top": 8, "bottom": 8,
            "nodeWidth": 16, "nodeGap": 8, "nodeAlign": "left", "draggable": False,
            "layoutIterations": 0,  # the taxonomy's order: upstream at the top
            "emphasis": {"focus": "adjacency"},
            "data": nodes,
            "links": [{"source": a, "target": b, "value": v} for (a, b), v in links.items()],
            "label": _text(font_size, position="right"),
            "lineStyle": {"color": "gradient", "opacity": 0.3, "curveness": 0.5},
            "itemStyle": {"borderColor": "#ffffff", "borderWidth": 0.5},
        }],
    }
    rows = sum(1 for n in nodes if n["depth"] == 2)
    return Chart(option, int(height or max(200, (font_size + 12) * rows + 16)))


def _mix(a: str, b: str, t: float) -> str:
    ca = [int(a[i:i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02X}" for x, y in zip(ca, cb))


def cell_color(count: int | float) -> str:
    """A heatmap cell: pale red for none, pale to full blue up to `CAP` actors."""
    if count <= 0:
        return GAP
    return _mix(PALE_BLUE, BLUE, (min(count, CAP) - 1) / (CAP - 1))


def heatmap(rows: Sequence[str], columns: Sequence[str], values: Sequence[Sequence[int]], *,
            height: int | None = None, font_size: int = 14) -> Chart:
    """Counts per chain and capability; zero cells (gaps) stand out in pale red.

    Colours stop changing at `CAP`, each cell shows its real count.
    """
    rows = [str(r) for r in rows]
    columns = [str(c) for c in columns]
    data = []
    for y, row in enumerate(values):
        for x, v in enumerate(row):
            v = _number(v)
            dark = v >= 3
            # the name is data, only put into the tooltip template by ECharts, escaped
            data.append({"name": f"{rows[y]} · {columns[x]}", "value": [x, y, v],
                         "itemStyle": {"color": cell_color(v)},
                         "label": {"color": "#ffffff" if dark else TEXT}})
    # containLabel falls short of wrapped top labels by about half a line each
    wrap = 9 * font_size
    lines = max((-(-_text_width(c, font_size) // wrap) for c in columns), default=1)
    option = _base(font_size) | {
        # right: room for the PNG button of the toolbox (`app.ui.layout.chart`)
        "grid": {"left": 4, "right": 30, "top": 8 + (lines - 1) * round(font_size * 0.6),
                 "bottom": 4, "containLabel": True},
        # the capabilities across the top, wrapped rather than cut when the names are long
        "xAxis": {"type": "category", "data": columns, "position": "top",
                  "axisTick": {"show": False}, "axisLine": {"show": False},
                  "splitArea": {"show": False},
                  "axisLabel": _text(font_size, interval=0, width=wrap, overflow="break")},
        # inverse: the rows top-down in the given order
        "yAxis": {"type": "category", "data": rows, "inverse": True,
                  "axisTick": {"show": False}, "axisLine": {"show": False},
                  "splitArea": {"show": False},
                  "axisLabel": _text(font_size, interval=0)},
        "tooltip": {"formatter": "{b}：{@[2]}"},  # chain · capability：count
        "series": [{"type": "heatmap", "data": data,
                    "label": _text(font_size + 1, show=True),
                    "itemStyle": {"borderColor": "#ffffff", "borderWidth": 3},
                    "emphasis": {"itemStyle": {"borderColor": TEXT, "borderWidth": 1}}}],
    }
    return Chart(option, int(height or max(260, 42 * len(rows) + 80) + option["grid"]["top"] - 8))
