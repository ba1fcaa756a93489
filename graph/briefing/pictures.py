"""The deck's pictures, drawn on the server with matplotlib in a registered CJK font.

Each picture is drawn at the size of its place on the slide, so a point on the picture
is a point on the slide, and saved as PNG at `DPI`.
"""
from __future__ import annotations

import io
import math
from functools import lru_cache

import matplotlib

matplotlib.use("Agg")  # no display: pictures only
import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.transforms import Bbox  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from matplotlib import patheffects  # noqa: E402

from graph.briefing.fonts import use_chart_font  # noqa: E402
from graph.briefing.palette import BLUE, COMMUNITY_COLORS, MUTED, PLAN, TEXT  # noqa: E402
from graph.briefing.slides import BarPanels, Bars, NetworkMap, Picture, PlanVsResult  # noqa: E402

DPI = 200
LABEL = 15  #: points: axis and bar labels
TITLE = 17  #: points: a panel's title
MARKERS = {"University": "o", "Institute": "D", "Lab": "^", "Park": "s", "Platform": "h",
           "Enterprise": "p", "Alliance": "v", "Region": "P", "IndustryChain": "*"}


def figure(picture: Picture, width: float, height: float) -> Figure:
    """The picture drawn on a new figure of `width` x `height` inches."""
    use_chart_font()
    fig = plt.figure(figsize=(width, height), dpi=DPI)
    if isinstance(picture, Bars):
        _bars(fig.add_subplot(1, 1, 1), picture)
    elif isinstance(picture, BarPanels):
        for i, panel in enumerate(picture.panels):
            _bars(fig.add_subplot(1, len(picture.panels), i + 1), panel)
    elif isinstance(picture, PlanVsResult):
        _plan(fig, picture)
    elif isinstance(picture, NetworkMap):
        _network(fig, picture)
    else:
        raise TypeError(f"no drawing for {type(picture).__name__}")
    if not isinstance(picture, NetworkMap):
        fig.tight_layout(pad=0.6, w_pad=2.0)
    return fig


@lru_cache(maxsize=16)  # the PPTX and the PDF of one deck share their pictures
def render(picture: Picture, width: float, height: float) -> bytes:
    """The picture as PNG bytes at `DPI`."""
    fig = figure(picture, width, height)
    try:
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=DPI, facecolor="white")
        return buf.getvalue()
    finally:
        plt.close(fig)


def _clean(ax) -> None:
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    ax.spines["left"].set_color("#CBD5E0")
    ax.tick_params(axis="y", length=0, labelsize=LABEL, colors=TEXT)
    ax.tick_params(axis="x", length=0, labelbottom=False)


MIN_SLOTS = 5  #: a chart of fewer bars keeps this many slots, so its bars stay slim


def _bars(ax, bars: Bars) -> None:
    slots = max(len(bars.labels), MIN_SLOTS)
    y = list(range(slots - 1, slots - 1 - len(bars.labels), -1))
    ax.barh(y, bars.values, color=bars.colors, height=0.68)
    ax.set_yticks(y, bars.labels)
    top = max(bars.values, default=1) or 1
    for yi, v in zip(y, bars.values):
        ax.text(v + top * 0.02, yi, f"{v:,.0f}", va="center", fontsize=LABEL, color=TEXT)
    ax.set_xlim(0, top * 1.18)
    ax.set_ylim(-0.6, slots - 0.4)
    ax.set_title(bars.title, fontsize=TITLE, color=TEXT, loc="left", fontweight="bold", pad=10)
    if bars.legend:
        ax.legend(handles=[Patch(color=c, label=label) for label, c in bars.legend],
                  loc="lower right", fontsize=LABEL - 1, frameon=False)
    _clean(ax)


def _plan(fig: Figure, chart: PlanVsResult) -> None:
    ax = fig.add_subplot(1, 1, 1)
    rows = chart.rows
    n = max(len(rows), MIN_SLOTS - 1)
    for i, row in enumerate(rows):
        y = n - 1 - i
        scale = max(v for v in (row.actual, row.target, 1e-9) if v is not None)
        target = (row.target or 0) / scale
        actual = (row.actual or 0) / scale
        ax.barh(y + 0.19, target, height=0.36, color=PLAN)
        ax.barh(y - 0.19, actual, height=0.36, color=BLUE)
        ax.text(target + 0.02, y + 0.19, f"{chart.target_label} {row.target_text}",
                va="center", fontsize=LABEL - 2, color=MUTED)
        ax.text(actual + 0.02, y - 0.19, f"{chart.actual_label} {row.actual_text}",
                va="center", fontsize=LABEL - 2, color=TEXT)
    ax.set_yticks(range(n - 1, n - 1 - len(rows), -1), [r.label for r in rows])
    ax.set_xlim(0, 2.1)  # room for the figure and period written after each bar
    ax.set_ylim(-0.7, n - 0.3)
    ax.legend(handles=[Patch(color=PLAN, label=chart.target_label),
                       Patch(color=BLUE, label=chart.actual_label)], loc="lower right",
              fontsize=LABEL - 1, frameon=False, ncol=2, bbox_to_anchor=(1.0, 1.0))
    _clean(ax)


def _packed_layout(g: nx.Graph) -> dict:
    """Spring layout per connected component, the components packed in rows (largest
    first), so small groups neither fly off nor squash the large one."""
    parts = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c))
    width = max(2 * math.sqrt(len(parts[0])), 1.7 * math.sqrt(sum(len(c) for c in parts)))
    pos, x, y, row = {}, 0.0, 0.0, 0.0
    for comp in parts:
        r = math.sqrt(len(comp))
        sub = g.subgraph(comp)
        local = (nx.spring_layout(sub, seed=42, k=2.4 / math.sqrt(len(comp)), iterations=300)
                 if len(comp) > 2 else {n: (i * 1.0 - 0.5 * (len(comp) - 1), 0.0)
                                        for i, n in enumerate(comp)})
        if x > 0 and x + 2 * r > width:
            x, y, row = 0.0, y - row - 0.6, 0.0
        xs = [p[0] for p in local.values()]
        ys = [p[1] for p in local.values()]
        span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
        scale = (2 * r - 0.4) / span if len(comp) > 2 else 0.9
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        for n, (px, py) in local.items():
            pos[n] = (x + r + (px - cx) * scale, y - r + (py - cy) * scale)
        x += 2 * r + 0.6
        row = max(row, 2 * r)
    return pos


def _network(fig: Figure, chart: NetworkMap) -> None:
    g = nx.Graph()
    g.add_nodes_from(n.id for n in chart.nodes)
    g.add_edges_from(chart.edges)
    pos = _packed_layout(g)
    ax = fig.add_axes((0.0, 0.16, 1.0, 0.84))
    ax.set_axis_off()
    for u, v in chart.edges:
        (x1, y1), (x2, y2) = pos[u], pos[v]
        ax.plot([x1, x2], [y1, y2], color="#CBD5E0", linewidth=0.9, zorder=1)
    top = max((n.links for n in chart.nodes), default=1)
    for n in chart.nodes:
        x, y = pos[n.id]
        colour = COMMUNITY_COLORS[min(n.community, len(COMMUNITY_COLORS) - 1)]
        size = 60 + 520 * math.sqrt(n.links / top)
        ax.scatter([x], [y], s=size, c=colour, marker=MARKERS.get(n.kind, "o"),
                   edgecolors="white", linewidths=1.2, zorder=2)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    pad = 0.6
    ax.set_xlim(min(xs) - pad, max(xs) + pad)
    ax.set_ylim(min(ys) - pad, max(ys) + pad)
    _labels(fig, ax, chart, pos, {n.id: math.sqrt(60 + 520 * math.sqrt(n.links / top)) / 2
                                  for n in chart.nodes})
    kinds = [Line2D([], [], marker=MARKERS.get(k, "o"), linestyle="", color=MUTED,
                    markersize=11, label=label) for k, label in chart.kind_labels]
    groups = [Patch(color=COMMUNITY_COLORS[min(i, len(COMMUNITY_COLORS) - 1)], label=text)
              for i, text in enumerate(chart.communities)]
    fig.legend(handles=kinds, loc="lower center", bbox_to_anchor=(0.5, 0.065),
               ncol=len(kinds), fontsize=LABEL - 3, frameon=False, handletextpad=0.2,
               columnspacing=0.9)
    fig.legend(handles=groups, loc="lower center", bbox_to_anchor=(0.5, 0.0),
               ncol=len(groups), fontsize=LABEL - 3, frameon=False, handletextpad=0.3,
               columnspacing=0.9)


def _labels(fig: Figure, ax, chart: NetworkMap, pos, radius: dict) -> None:
    """Label the chosen nodes, most linked first, each where it overlaps no other label
    and no node (`radius`: of each node's marker, in points); a label that fits nowhere
    is left out rather than drawn over another."""
    renderer = fig.canvas.get_renderer()
    scale = fig.dpi / 72
    obstacles = []
    for n in chart.nodes:
        px, py = ax.transData.transform(pos[n.id])
        r = radius[n.id] * scale * 0.85
        obstacles.append(Bbox.from_extents(px - r, py - r, px + r, py + r))
    inside = ax.get_window_extent(renderer)
    order = sorted((n for n in chart.nodes if n.labelled), key=lambda n: -n.links)
    for n in order:
        x, y = pos[n.id]
        gap = radius[n.id] + 3
        for dx, dy in ((0, gap), (0, -gap), (gap, 0), (-gap, 0), (gap, gap), (-gap, gap),
                       (gap, -gap), (-gap, -gap), (0, gap + 14), (0, -gap - 14)):
            ha = "left" if dx > 0 else "right" if dx < 0 else "center"
            va = "bottom" if dy > 0 else "top" if dy < 0 else "center"
            text = ax.annotate(n.name, (x, y), xytext=(dx, dy), textcoords="offset points",
                               ha=ha, va=va, fontsize=LABEL - 1, color=TEXT, zorder=3,
                               fontweight="bold")
            text.set_path_effects([patheffects.withStroke(linewidth=3.5, foreground="white")])
            box = text.get_window_extent(renderer).expanded(1.04, 1.1)
            if (not any(box.overlaps(b) for b in obstacles) and box.x0 >= inside.x0
                    and box.x1 <= inside.x1 and box.y0 >= inside.y0 and box.y1 <= inside.y1):
                obstacles.append(box)
                break
            text.remove()
