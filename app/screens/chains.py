"""产业链 Industry chains: segments upstream → downstream with their actors, as columns and as
the chosen chain's Sankey (stage → segment → actor)."""
from __future__ import annotations

import streamlit as st

from app.ui import charts, state
from app.ui.graph_view import graph_view
from app.ui.html import md
from app.ui.i18n import lang, stage_label, t
from app.ui.layout import chart, empty_state, shown_errors, title
from app.ui.store import get_store
from graph.views import chain_graph, chain_reports, featured_chain, segment_flows

store = get_store()
title("chains")
if not store.documents():
    empty_state()
    st.stop()

en = lang() == "en"
with shown_errors():
    reports = chain_reports(store)
    if not reports:
        st.info(t("chains.none"))
        st.stop()
    by_id = {r.chain: r for r in reports}

    def label(chain_id: str) -> str:
        r = by_id[chain_id]
        n = len({a for ids in r.actors.values() for a in ids})
        return t("chains.option", name=r.name_en if en else r.name, n=n)

    if st.session_state.get(state.CHAIN) not in by_id:
        st.session_state[state.CHAIN] = featured_chain(reports).chain
    pick, cover = st.columns([3, 1])
    chosen = pick.selectbox(t("chains.pick"), list(by_id), key=state.CHAIN, format_func=label)
    report = by_id[chosen]
    cover.metric(t("chains.coverage"), f"{report.coverage:.0%}")

    st.subheader(t("chains.segments"))
    names = report.names
    cols = st.columns(len(report.segments) or 1)
    in_segments = set()
    for col, seg in zip(cols, report.segments):
        with col.container(border=True):
            seg_name = seg.name_en if en else seg.name
            st.markdown(f"**{md(seg_name)}**  \n:gray[{stage_label(seg.stage)}]")
            actors = sorted({a for ids in seg.actors.values() for a in ids},
                            key=lambda a: names.get(a, a))
            in_segments.update(actors)
            if not actors:
                st.caption(t("chains.empty_segment"))
            for a in actors:
                st.markdown(f"- {md(names.get(a, a))}")
    whole = sorted({a for ids in report.actors.values() for a in ids} - in_segments,
                   key=lambda a: names.get(a, a))
    if whole:
        st.markdown(f"**{t('chains.whole_chain')}**：" + "、".join(md(names.get(a, a)) for a in whole))

    g = chain_graph(store, report)
    if g.number_of_nodes():
        st.subheader(t("chains.graph"))
        graph_view(g, height=420, key="chain_graph", name=f"innograph_{report.chain}")

    # the chosen chain, upstream to downstream: stage → segment → its actors
    st.subheader(t("chains.sankey", name=report.name_en if en else report.name))
    flows = segment_flows(store, report)
    if flows:
        chart(charts.segment_sankey(
            flows, stage_name=stage_label,
            segment_name=lambda f: f.segment_name_en if en else f.segment_name,
            empty_name=t("chains.empty_segment")),
            key=f"chains_sankey_{report.chain}", file_name=f"chain_{report.chain}")
    else:
        st.caption(t("chains.no_flows"))
