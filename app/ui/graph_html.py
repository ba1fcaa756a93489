"""A networkx graph as a pyvis page: self-contained (vis-network inlined, no CDN links) or
linked to a local copy of vis-network, which the app serves once and the browser caches.

Colours and shapes follow the entity type (colour-blind-safe Okabe-Ito hues, and a
distinct shape per type so the map still reads in greyscale). Node size follows the
number of links and labels of small nodes appear only when zoomed in, so a 500-node
graph stays readable. Physics stabilises before the first draw and is then switched off.

Escaping: node labels are drawn on a canvas and tooltips are set as plain text by
vis-network 9 (`innerText`); pyvis serialises them with `tojson`, which escapes `<`, `>`
and `&`, so document text cannot close the script. The legend is HTML and escaped here.
"""
from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from pathlib import Path
from typing import Literal

import networkx as nx
import pyvis
from pyvis.network import Network

from graph.model import EntityKind

FONT = "'Noto Sans CJK SC','Noto Sans SC','Microsoft YaHei','PingFang SC',sans-serif"


@dataclass(frozen=True)
class NodeStyle:
    color: str
    shape: str


KIND_STYLE: dict[EntityKind, NodeStyle] = {
    EntityKind.UNIVERSITY: NodeStyle("#0072B2", "dot"),
    EntityKind.INSTITUTE: NodeStyle("#56B4E9", "diamond"),
    EntityKind.LAB: NodeStyle("#CC79A7", "triangle"),
    EntityKind.PARK: NodeStyle("#009E73", "square"),
    EntityKind.PLATFORM: NodeStyle("#E69F00", "hexagon"),
    EntityKind.ENTERPRISE: NodeStyle("#D55E00", "dot"),
    EntityKind.ALLIANCE: NodeStyle("#8E7D00", "triangleDown"),
    EntityKind.INDUSTRY_CHAIN: NodeStyle("#6A3D9A", "star"),
    EntityKind.REGION: NodeStyle("#6B7280", "box"),
}

#: the vis-network build pyvis in-lines; a "linked" page loads these two files instead
VIS_LIBRARY = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
VIS_FILES = ("vis-network.min.js", "vis-network.css")
_VIS_CDN = {
    re.compile(r"<link[^>]*cdnjs[^>]*vis-network[^>]*>"):
        f'<link rel="stylesheet" href="{VIS_FILES[1]}">',
    re.compile(r"<script[^>]*cdnjs[^>]*vis-network[^>]*>\s*</script>"):
        f'<script src="{VIS_FILES[0]}"></script>',
}
_CDN = re.compile(r"<link[^>]*cdn\.jsdelivr[^>]*/>|<script[^>]*cdn\.jsdelivr[^>]*>\s*</script>",
                  re.S)
_CENTER = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>")
_OLD_VIS = re.compile(r"<!--\s*<link[^>]*node_modules.*?-->", re.S)  # a commented-out vis 4


#: above this many nodes labels scale with the links and small ones show only when zoomed in
BIG = 300


def kind_style(kind: str) -> NodeStyle:
    try:
        return KIND_STYLE[EntityKind(kind)]
    except ValueError:
        return NodeStyle("#9CA3AF", "dot")


def network_html(g: nx.MultiDiGraph, *, kind_label: Callable[[str], str],
                 relation_label: Callable[[str], str], height: int = 640,
                 edge_labels: bool | None = None,
                 legend_title: str = "", png_label: str = "PNG", font_scale: float = 1.0,
                 spread: float = 1.0,
                 png_name: str = "innograph.png", cluster_hint: str = "",
                 library: Literal["inline", "linked"] = "inline") -> str:
    """The graph as one HTML page: with vis-network inlined (about 0.7 MB, works anywhere)
    or `"linked"` to `VIS_FILES` next to the page (the app's graph view serves them)."""
    n = g.number_of_nodes()
    if edge_labels is None:  # small graphs, but never an overview's bundles (tooltips say it)
        edge_labels = n <= 40 and not any(d.get("cluster") for _, d in g.nodes(data=True))
    net = Network(height=f"{height}px", width="100%", directed=True, bgcolor="#ffffff",
                  cdn_resources="in_line" if library == "inline" else "remote")
    undirected = nx.Graph(g.to_undirected())
    degree = dict(undirected.degree())
    start = _start_positions(undirected, spread)
    for node, data in g.nodes(data=True):
        kind = data.get("kind", "")
        style = kind_style(kind)
        if n > BIG and style.shape == "box":  # a box hides its label until zoomed: an empty bar
            style = NodeStyle(style.color, "square")
        name = str(data.get("name", node))
        tip = [name, kind_label(kind) if kind else ""]
        if data.get("aliases"):
            tip.append("、".join(map(str, data["aliases"])))
        value = degree.get(node, 0) + 1
        if data.get("cluster"):  # an overview cluster (graph.views.clusters): its type, its size
            name = f"{kind_label(kind)} · {name}"
            tip = [name, cluster_hint]
            style = NodeStyle(style.color, "dot")
            value = 2 * len(data.get("members", ())) + 1
        net.add_node(node, label=name, title="\n".join(t for t in tip if t),
                     **start.get(node, {}),
                     color={"background": style.color, "border": style.color,
                            "highlight": {"background": style.color, "border": "#111827"}},
                     shape=style.shape, value=value,
                     borderWidth=1, borderWidthSelected=4,
                     font=({"color": "#ffffff", "strokeWidth": 0} if style.shape == "box"
                           else {"color": "#111827"}))
    for u, v, key, data in g.edges(keys=True, data=True):
        label = relation_label(key)
        weight = data.get("weight")  # a bundle of an overview (graph.views.clusters)
        extra = {"title": f"{label} ×{weight}", "width": 1 + min(weight, 12) / 3} if weight \
            else {"title": label}
        net.add_edge(u, v, label=label if edge_labels else None, **extra)
    net.set_options(json.dumps(_options(n, font_scale, spread)))
    page = net.generate_html()
    page = _OLD_VIS.sub("", _CENTER.sub("", _CDN.sub("", page)))
    if library == "linked":
        page = _link_locally(page)
    page = page.replace('<div class="card" style="width: 100%">', '<div style="width:100%">')
    page = page.replace("border: 1px solid lightgray;", "border: 0;")
    present = [EntityKind(k) for k in EntityKind
               if any(d.get("kind") == k.value for _, d in g.nodes(data=True))]
    page = page.replace("<body>", "<body>" + _legend(present, kind_label, legend_title,
                                                      png_label, font_scale), 1)
    return page.replace("</body>", _script(png_name) + "</body>", 1)


def _link_locally(page: str) -> str:
    """Point pyvis's CDN tags for vis-network at the local copies in `VIS_FILES`."""
    for pattern, tag in _VIS_CDN.items():
        page, found = pattern.subn(tag, page)
        if found != 1:
            raise RuntimeError("pyvis's page template changed: cannot link vis-network locally")
    return page


def _start_positions(g: nx.Graph, spread: float) -> dict[str, dict[str, float]]:
    """Node -> {x, y} from networkx's spring layout (fixed seed), for graphs up to `BIG`
    nodes; vis-network then only polishes it. Its own start (improved layout plus 400
    steps) took about 1 s of the explorer's 2 s in the browser; this takes ~30 ms here,
    and the same graph always lands in the same place."""
    n = g.number_of_nodes()
    if not 2 <= n <= BIG:
        return {}
    scale = 70 * n ** 0.5 * spread  # about one link length between neighbours
    pos = nx.spring_layout(g, seed=42)
    return {node: {"x": round(float(x) * scale, 1), "y": round(float(y) * scale, 1)}
            for node, (x, y) in pos.items()}


def _options(n: int, font_scale: float, spread: float = 1.0) -> dict:
    """vis-network options; `spread` > 1 lengthens the links of mid-sized graphs, for a
    wide canvas whose labels would otherwise crowd around the hubs. Graphs up to `BIG`
    nodes start from `_start_positions`, so vis-network's own start layout is off."""
    big = n > BIG
    # mid-sized graphs are fitted at about half zoom: draw their labels larger
    base = 16 if (big or n <= 40) else 21
    return {
        "nodes": {
            "font": {"size": round(base * font_scale), "face": FONT, "strokeWidth": 4,
                     "strokeColor": "#ffffff"},
            "scaling": {"min": 10, "max": 40 if big else 26,
                        "label": {"enabled": big, "min": round(14 * font_scale),
                                  "max": round(28 * font_scale),
                                  "drawThreshold": 9 if big else 5, "maxVisible": 40}},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#A0AEC0", "highlight": "#2B6CB0", "hover": "#2B6CB0"},
            "font": {"size": round(12 * font_scale), "face": FONT, "color": "#4A5568",
                     "strokeWidth": 3, "strokeColor": "#ffffff", "align": "middle"},
            "smooth": {"enabled": not big, "type": "continuous"},
            "width": 1.2,
        },
        "layout": {"improvedLayout": False, "randomSeed": 42},
        "physics": {
            "solver": "forceAtlas2Based",
            # big graphs: a coarser Barnes-Hut approximation, no overlap pass and fewer
            # steps; at 2,000 nodes this cut the browser's layout from 12 s to 3 s
            "forceAtlas2Based": {"gravitationalConstant": -30 if big else round(-60 * spread),
                                 "centralGravity": 0.012,
                                 "springLength": 40 if big else
                                 round((160 if n <= 40 else 90) * spread),
                                 "springConstant": 0.08, "damping": 0.5,
                                 "theta": 0.9 if big else 0.5,
                                 "avoidOverlap": 0 if big else (1 if spread > 1 else 0.6)},
            "stabilization": {"enabled": True, "iterations": _iterations(n),
                              "updateInterval": 25, "fit": True},
            "minVelocity": 2,
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big,
                        "navigationButtons": False, "keyboard": False},
    }


def _iterations(n: int) -> int:
    """Layout steps before the first draw: 150 to polish a start layout, fewer above 400
    nodes, where each step costs O(n log n) and there is no start layout."""
    return max(60, min(150, 60_000 // max(n, 1)))


def _legend(kinds: list[EntityKind], kind_label: Callable[[str], str], title: str,
            png_label: str, font_scale: float) -> str:
    items = "".join(
        f'<span class="ig-item"><span class="ig-swatch" style="background:{KIND_STYLE[k].color}">'
        f'</span>{html.escape(kind_label(k.value))}</span>' for k in kinds)
    size = round(14 * font_scale)
    return f"""
<div id="ig-bar" style="display:flex;align-items:flex-start;justify-content:space-between;gap:8px;
 padding:4px 2px 6px;font:{size}px {FONT};color:#1A202C;border-bottom:1px solid #EDF2F7">
 <div id="ig-legend"><b>{html.escape(title)}</b> {items}</div>
 <button id="ig-png" type="button" style="flex:none;font:{size}px {FONT};background:#fff;
  border:1px solid #CBD5E0;border-radius:6px;padding:3px 10px;cursor:pointer"
 >{html.escape(png_label)}</button>
</div>
<style>.ig-item{{display:inline-flex;align-items:center;margin:2px 8px 2px 0;white-space:nowrap}}
.ig-swatch{{display:inline-block;width:12px;height:12px;border-radius:3px;margin-right:4px}}
body{{margin:0}} div.vis-tooltip{{font-family:{FONT};white-space:pre-line}}</style>
"""


def _script(png_name: str) -> str:
    return """
<script type="text/javascript">
(function () {
  if (typeof network === "undefined") { return; }
  network.on("beforeDrawing", function (ctx) {
    ctx.save(); ctx.setTransform(1, 0, 0, 1, 0, 0); ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height); ctx.restore();
  });
  window.addEventListener("message", function (event) {
    // the app's graph view (app/ui/graph_view.py) marks the entity shown beside the graph
    var data = event.data || {};
    if (data.innograph === "focus" && network.body.nodes[data.node]) {
      network.selectNodes([data.node]);
    }
  });
  network.on("click", function (event) {
    // inside the app (app/ui/graph_view.py) a click selects the node; a saved page ignores it
    if (event.nodes.length && window.parent !== window) {
      window.parent.postMessage({innograph: "select", node: String(event.nodes[0])}, "*");
    }
  });
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({physics: {enabled: false}});
    // pyvis fades its progress bar out over 0.5 s, over the graph and catching clicks
    var bar = document.getElementById("loadingBar");
    if (bar) { bar.style.display = "none"; }
    document.body.setAttribute("data-stabilized", "1");
  });
  document.getElementById("ig-png").onclick = function () {
    var canvas = document.querySelector("#mynetwork canvas");
    var a = document.createElement("a");
    a.href = canvas.toDataURL("image/png"); a.download = %s; a.click();
  };
})();
</script>
""" % json.dumps(png_name)
