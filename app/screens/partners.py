"""合作伙伴 Partners: ranked candidates for an actor, and the link path between two actors."""
from __future__ import annotations

import streamlit as st

from app.ui import state
from app.ui.graph_view import graph_view
from app.ui.html import md
from app.ui.i18n import kind_label, relation_label, t
from app.ui.layout import candidates_table, empty_state, shown_errors, title
from app.ui.store import get_store
from graph.views import partner_candidates, path_between, search_options
from graph.views.overview import ACTOR_KINDS

store = get_store()
title("partners")
if not store.documents():
    empty_state()
    st.stop()

actors = search_options(store, kinds=ACTOR_KINDS)
everyone = search_options(store)
labels = {o.id: f"{o.text} · {kind_label(o.kind)}" for o in everyone}
actor_ids = [o.id for o in actors]

st.session_state.setdefault(state.PARTNER_SOURCE, actor_ids[0] if actor_ids else None)
source = st.selectbox(t("partners.source"), actor_ids, key=state.PARTNER_SOURCE,
                      format_func=labels.get)
st.subheader(t("partners.ranked"))
with shown_errors():
    ranked = partner_candidates(store, source, top=10) if source else []
    if not ranked:
        st.caption(t("partners.none"))
    else:
        candidates_table(ranked)

st.subheader(t("partners.path"))
ids = list(labels)
a_col, b_col = st.columns(2)
st.session_state.setdefault(state.PATH_FROM, source)
st.session_state.setdefault(state.PATH_TO, ranked[0].id if ranked else None)
a = a_col.selectbox(t("partners.from"), ids, key=state.PATH_FROM, format_func=labels.get)
b = b_col.selectbox(t("partners.to"), ids, key=state.PATH_TO, format_func=labels.get,
                    placeholder=t("explorer.search_placeholder"))
if a and b and a != b:
    with shown_errors():
        view = path_between(store, a, b, limit=3)
        if not view.paths:
            st.warning(t("partners.no_path"))
        else:
            for i, p in enumerate(view.paths, 1):
                hops = [md(view.names[p.nodes[0]])]
                for step in p.steps:
                    arrow = "→" if step.forward else "←"
                    hops.append(f"{arrow}〔{relation_label(step.relation)}〕{arrow} "
                                f"{md(view.names[step.target])}")
                st.markdown(f"**{t('partners.path_n', i=i, n=len(p.steps))}**：" + " ".join(hops))
            graph_view(view.graph, height=420, key="path_graph", name="innograph_path",
                       selected=a, edge_labels=True)
