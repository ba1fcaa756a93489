"""Plotly figures of the app; each can also be saved as a standalone, offline HTML page."""
from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from app.ui.graph_html import FONT, kind_style

_LAYOUT = dict(font=dict(family=FONT.replace("'", ""), size=15, color="#1A202C"),
               paper_bgcolor="#ffffff", plot_bgcolor="#ffffff",
               margin=dict(l=10, r=10, t=40, b=10))


def bar(labels: Sequence[str], values: Sequence[int], *, title: str = "",
        colors: Sequence[str] | None = None, height: int = 360, font_size: int = 15) -> go.Figure:
    """A horizontal bar chart, largest at the top, each bar labelled with its value."""
    fig = go.Figure(go.Bar(x=list(values)[::-1], y=list(labels)[::-1], orientation="h",
                           text=list(values)[::-1], textposition="outside",
                           marker_color=list(colors)[::-1] if colors else "#0072B2",
                           cliponaxis=False))
    fig.update_layout(**_LAYOUT, title=dict(text=title, font=dict(size=font_size + 3)),
                      height=height, showlegend=False)
    fig.update_layout(font=dict(size=font_size))
    fig.update_xaxes(visible=False)
    # Streamlit's chart theme shrinks and greys tick labels: the category names must read
    fig.update_yaxes(tickfont=dict(size=font_size, color="#1A202C"))
    return fig


def sankey(flows: Sequence, *, height: int = 520, font_size: int = 14) -> go.Figure:
    """Chains on the left, research partners on the right (`graph.views.ChainFlow`)."""
    chains = list(dict.fromkeys(f.chain_name for f in flows))
    partners = list(dict.fromkeys(f.partner_name for f in flows))
    kinds = {f.partner_name: f.partner_kind.value for f in flows}
    labels = chains + partners
    colors = ["#6A3D9A"] * len(chains) + [kind_style(kinds[p]).color for p in partners]
    index = {name: i for i, name in enumerate(labels)}
    fig = go.Figure(go.Sankey(
        arrangement="snap",
        node=dict(label=labels, color=colors, pad=14, thickness=16,
                  line=dict(color="#ffffff", width=0.5)),
        link=dict(source=[index[f.chain_name] for f in flows],
                  target=[len(chains) + partners.index(f.partner_name) for f in flows],
                  value=[1] * len(flows), color="rgba(106,61,154,0.25)")))
    fig.update_layout(**_LAYOUT, height=max(height, 26 * len(partners)))
    fig.update_layout(font=dict(size=font_size))
    return fig


def heatmap(rows: Sequence[str], columns: Sequence[str], values: Sequence[Sequence[int]], *,
            height: int | None = None, font_size: int = 14) -> go.Figure:
    """Counts per chain and capability; zero cells (gaps) stand out in pale red."""
    z = [[min(v, 5) for v in row] for row in values]
    fig = go.Figure(go.Heatmap(
        z=z, x=list(columns), y=list(rows), text=[[str(v) for v in row] for row in values],
        texttemplate="%{text}", textfont=dict(size=font_size + 1), zmin=0, zmax=5,
        colorscale=[[0, "#FDE2E1"], [0.001, "#E6F2FA"], [1, "#0072B2"]], showscale=False,
        xgap=3, ygap=3, hovertemplate="%{y} · %{x}: %{text}<extra></extra>"))
    fig.update_layout(**_LAYOUT, height=height or max(260, 42 * len(rows) + 80))
    fig.update_layout(font=dict(size=font_size))
    fig.update_yaxes(autorange="reversed", tickfont=dict(size=font_size, color="#1A202C"))
    fig.update_xaxes(side="top", tickfont=dict(size=font_size, color="#1A202C"))
    return fig


def standalone_html(fig: go.Figure) -> str:
    """The figure as one HTML page with plotly.js inlined (works offline)."""
    return fig.to_html(include_plotlyjs=True, full_html=True,
                       config={"displaylogo": False})
