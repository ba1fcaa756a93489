"""A graph on the page: a pyvis page in a small component that reports node clicks.

The component (`frontend/graph/index.html`, no build step) shows a `network_html` page in
a nested frame, marks the selected node and sends the id of a clicked node back to
Python. A click selects that entity in the explorer; on any other page it also opens
the explorer, so every drawn node leads to its attributes and evidence. The page links
vis-network from the component's folder (a copy of pyvis's, see its README) instead of
in-lining it: each script run sends ~20 KB instead of ~0.7 MB, and the browser parses the
library once. Downloads stay self-contained.
"""
from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Literal

import networkx as nx
import streamlit as st
import streamlit.components.v1 as components

from app.ui import state
from app.ui.graph_html import network_html
from app.ui.i18n import kind_label, relation_label, t
from app.ui.layout import download_html
from graph.views.clusters import is_cluster

FRONTEND = Path(__file__).resolve().parent / "frontend" / "graph"
LEGEND_HEIGHT = 56  #: the legend bar above the canvas (graph_html._legend)
EXPLORER_PAGE = "screens/explorer.py"

_component = components.declare_component("graph_view", path=str(FRONTEND))


def graph_view(g: nx.MultiDiGraph, *, height: int, key: str, name: str,
               selected: str | None = None,
               click: Literal["open", "select", "ignore"] = "open",
               expanded_key: str | None = None, **style) -> None:
    """Draw `g` with its legend, mark `selected`, and offer `name`.html (self-contained)
    for download; `style` goes to `network_html` (`edge_labels`, `font_scale`).

    A click on a node selects it in the explorer: `"select"` on the explorer itself,
    `"open"` elsewhere (switches to the explorer), `"ignore"` in demo mode. A click on an
    overview cluster (`graph.views.clusters`) opens or closes it instead: its id is
    toggled in the set kept in `st.session_state[expanded_key]`, in every mode.
    """
    labels = dict(kind_label=kind_label, relation_label=relation_label, height=height,
                  legend_title=t("graph.legend"), png_label=t("graph.png"),
                  png_name=f"{name}.png", cluster_hint=t("graph.cluster_hint"), **style)
    on_change = None if click == "ignore" and expanded_key is None else \
        partial(_clicked, key, click, expanded_key)
    _component(html=network_html(g, library="linked", **labels), selected=selected,
               height=height + LEGEND_HEIGHT, key=key, default=None, on_change=on_change)
    download_html(lambda: network_html(g, **labels), key=f"{key}_html",
                  file_name=f"{name}.html")


def open_clicked_entity() -> None:
    """Switch to the explorer if a node was clicked on another page; the app calls this
    before drawing any page, so the flag never outlives the click that set it."""
    if st.session_state.pop(state.OPEN_EXPLORER, False):
        st.switch_page(EXPLORER_PAGE)


def _clicked(key: str, click: str, expanded_key: str | None) -> None:
    """Runs before the next script run, so it may still set the explorer's widgets."""
    value = st.session_state.get(key)
    node = value.get("node") if isinstance(value, dict) else None
    if not isinstance(node, str) or not node:
        return
    if is_cluster(node):
        if expanded_key is not None:
            opened = set(st.session_state.get(expanded_key, ()))
            st.session_state[expanded_key] = opened ^ {node}
        return
    if click == "ignore":
        return
    st.session_state[state.EXPLORER_ENTITY] = node
    if click == "open":
        st.session_state[state.OPEN_EXPLORER] = True
