"""图谱探索 Explorer: filter, search, expand, and read an entity's evidence."""
from __future__ import annotations

import streamlit as st

from app.ui import state
from app.ui.graph_view import graph_view
from app.ui.html import badge, highlighted_sentence, md
from app.ui.i18n import kind_label, level_label, relation_label, t
from app.ui.layout import empty_state, shown_errors, title
from app.ui.store import get_store
from graph.model import EntityKind
from graph.views import GraphFilter, entity_detail, explore, filter_options, search_options
from graph.views.clusters import overview_graph

store = get_store()
title("explorer")
options = filter_options(store)
if not options.documents:
    empty_state()
    st.stop()

# a shared link may name the entity, the node budget and the overview:
# ?entity=<id>&max_nodes=2000&overview=0
params = st.query_params
if "overview" in params and state.EXPLORER_OVERVIEW not in st.session_state:
    st.session_state[state.EXPLORER_OVERVIEW] = params["overview"] not in ("0", "false", "no")
if "entity" in params and state.EXPLORER_ENTITY not in st.session_state:
    st.session_state[state.EXPLORER_ENTITY] = params["entity"]
if "max_nodes" in params and state.EXPLORER_MAX_NODES not in st.session_state:
    try:  # a hand-edited link must not break the page
        st.session_state[state.EXPLORER_MAX_NODES] = min(max(int(params["max_nodes"]), 50), 3000)
    except ValueError:
        pass

with st.sidebar:
    st.header(t("explorer.filters"))
    region_names = {e.id: e.name for e in options.regions}
    doc_titles = {d.id: d.title for d in options.documents}
    kinds = st.multiselect(t("explorer.kinds"), list(options.kinds), key=state.EXPLORER_KINDS,
                           placeholder=t("explorer.any"),
                           format_func=lambda k: f"{kind_label(k)}（{options.kinds[k]}）")
    regions = st.multiselect(t("explorer.regions"), list(region_names),
                             key=state.EXPLORER_REGIONS, placeholder=t("explorer.any"),
                             format_func=region_names.get)
    chains = st.multiselect(t("explorer.chains"), [c for c, _ in options.chains],
                            key=state.EXPLORER_CHAINS, placeholder=t("explorer.any"),
                            format_func=dict(options.chains).get)
    levels = st.multiselect(t("explorer.levels"), list(options.levels),
                            key=state.EXPLORER_LEVELS, placeholder=t("explorer.any"),
                            format_func=level_label)
    docs = st.multiselect(t("explorer.documents"), list(doc_titles),
                          key=state.EXPLORER_DOCUMENTS, placeholder=t("explorer.any"),
                          format_func=doc_titles.get)
    st.session_state.setdefault(state.EXPLORER_MAX_NODES, 500)
    max_nodes = st.slider(t("explorer.max_nodes"), 50, 3000, step=50,
                          key=state.EXPLORER_MAX_NODES)
    st.session_state.setdefault(state.EXPLORER_OVERVIEW, True)
    grouped = st.toggle(t("explorer.overview"), key=state.EXPLORER_OVERVIEW,
                        help=t("explorer.overview_help"))

choices = search_options(store)
labels = {o.id: f"{o.text} · {kind_label(o.kind)}" for o in choices}
if st.session_state.get(state.EXPLORER_ENTITY) not in labels:
    st.session_state[state.EXPLORER_ENTITY] = None
top = st.columns([3, 2, 1])
selected = top[0].selectbox(t("explorer.search"), list(labels), key=state.EXPLORER_ENTITY,
                            format_func=labels.get,
                            placeholder=t("explorer.search_placeholder"))
expand = top[1].toggle(t("explorer.expand"), key=state.EXPLORER_EXPAND,
                       disabled=selected is None)
hops = top[2].number_input(t("explorer.hops"), 1, 4, 1, key=state.EXPLORER_HOPS,
                           disabled=not (expand and selected))

flt = GraphFilter(kinds=tuple(EntityKind(k) for k in kinds), regions=tuple(regions),
                  chains=tuple(chains), levels=tuple(levels), documents=tuple(docs),
                  centre=selected if (expand and selected) else None, hops=int(hops),
                  max_nodes=int(max_nodes))

graph_col, detail_col = st.columns([7, 3])
with graph_col:
    with shown_errors():
        result = explore(store, flt)
        g = result.graph
        if g.number_of_nodes() == 0:
            st.warning(t("explorer.no_match"))
        else:
            caption = t("explorer.shown", nodes=g.number_of_nodes(), edges=g.number_of_edges())
            if result.truncated:
                caption += "  \n" + t("explorer.truncated", matched=result.matched,
                                      nodes=g.number_of_nodes())
            drawn = g
            if grouped and flt.centre is None:  # a centre's neighbourhood is small already
                drawn = overview_graph(g, expanded=st.session_state.get(state.EXPLORER_EXPANDED,
                                                                        ()))
            if drawn is not g:
                clusters = sum(1 for _, d in drawn.nodes(data=True) if d.get("cluster"))
                top = sum(1 for _, d in drawn.nodes(data=True) if d.get("top"))
                caption += "  \n" + t("explorer.overview_caption", clusters=clusters, top=top)
            st.caption(caption)
            graph_view(drawn, height=680, key="explorer_graph", name="innograph_explorer",
                       selected=selected, click="select", expanded_key=state.EXPLORER_EXPANDED,
                       spread=1.5 if drawn is not g else 1.0)

with detail_col:
    if selected is None:
        st.info(t("explorer.pick"))
    else:
        with shown_errors():
            detail = entity_detail(store, selected)
            e = detail.entity
            st.subheader(md(e.name))
            st.html(badge(kind_label(e.kind), e.kind.value)
                    + (f" {badge(level_label(e.level), 'Region')}" if e.level else ""))
            if e.aliases:
                st.markdown(f"**{t('detail.aliases')}**：" + "、".join(md(a) for a in e.aliases))
            shown_attrs = [(k, v) for k, v in e.attrs if k != "chain"]  # chain: the type says it
            if shown_attrs:
                st.markdown(f"**{t('detail.attrs')}**："
                            + "；".join(f"{k}={v}" for k, v in shown_attrs))
            st.markdown(f"**{t('detail.relations')}**")
            if not detail.relations:
                st.caption(t("detail.no_relations"))
            for rv in detail.relations:
                arrow = "→" if rv.outgoing else "←"
                st.markdown(f"- {relation_label(rv.kind)} {arrow} {md(rv.other_name)}"
                            f"（{kind_label(rv.other_kind)}）")
            st.markdown(f"**{t('detail.evidence')}** · "
                        + t("detail.mentions", n=len(detail.mentions)))
            surfaces = {e.name, *e.aliases, *(m.surface for m in detail.mentions)}
            seen = set()
            for m in detail.mentions:
                key = (m.evidence.doc_id, m.evidence.start)
                if key in seen:
                    continue
                seen.add(key)
                st.caption(t("detail.in_document", title=detail.documents[m.evidence.doc_id]))
                st.html(highlighted_sentence(m.evidence.sentence, surfaces, e.kind.value))
            if detail.mentions and st.button(t("detail.open_document"), key="open_document"):
                st.session_state[state.DOCUMENT] = detail.mentions[0].evidence.doc_id
                st.switch_page("screens/documents.py")
