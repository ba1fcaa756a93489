"""合作伙伴 Partners: research partners for an actor, a chain or the region, scored as
parts, and the link path between two actors."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from app.ui import state
from app.ui.graph_view import graph_view
from app.ui.html import md
from app.ui.i18n import kind_label, lang, reason_label, relation_label, t
from app.ui.layout import empty_state, reason_columns, shown_errors, title
from app.ui.region import current_region
from app.ui.store import get_store
from graph.analytics import default_taxonomy
from graph.views import chain_reports, featured_chain, path_between, search_options
from graph.views.overview import ACTOR_KINDS
from graph.views.region import partner_plan, scope_of

store = get_store()
title("partners")
if not store.documents():
    empty_state()
    st.stop()

en = lang() == "en"
region = current_region()
everyone = search_options(store)
labels = {o.id: f"{o.text} · {kind_label(o.kind)}" for o in everyone}
chains = {f"chain:{c.id}": c for c in default_taxonomy().chains}
labels.update({cid: f"{c.name_en if en else c.name} · {t('page.chains')}"
               for cid, c in chains.items()})
actors = [o.id for o in search_options(store, kinds=ACTOR_KINDS)]
if region:  # the region itself, its actors, then every chain
    st.caption(t("region.scope", name=region[1]))
    inside = scope_of(store, region[1])
    targets = [region[0], *[a for a in actors if a in inside], *chains]
else:  # the chain that tells the fullest story first
    featured = featured_chain(chain_reports(store))
    top = [f"chain:{featured.chain}"] if featured else []
    targets = [*top, *actors, *[c for c in chains if c not in top]]

# the target survives visits to other pages; a new one clears the old path
target = st.session_state.get(state.PARTNER_TARGET)
if target not in targets:
    target = targets[0] if targets else None
st.session_state[state.PARTNER_TARGET] = target
st.session_state[state.PARTNER_SOURCE] = target
shown = st.session_state.get(state.PARTNER_SHOWN)
if shown is not None and shown != target:  # chosen here, on the gaps page or by the region:
    for key in (state.PATH_FROM, state.PATH_TO):  # the old path goes
        st.session_state.pop(key, None)
st.session_state[state.PARTNER_SHOWN] = target


def _changed() -> None:
    st.session_state[state.PARTNER_TARGET] = st.session_state[state.PARTNER_SOURCE]


source = st.selectbox(t("partners.source"), targets, key=state.PARTNER_SOURCE,
                      format_func=labels.get, on_change=_changed)


def _table(partners) -> None:
    sep = "; " if en else "；"
    st.dataframe(pd.DataFrame(
        [{t("col.name"): p.name, t("col.type"): kind_label(p.kind), t("col.score"): p.score,
          t("col.parts"): " + ".join(str(v) for v in p.parts.values()),
          t("col.reasons"): sep.join(map(reason_label, p.reasons))} for p in partners]),
        hide_index=True, width="stretch", column_config=reason_columns())
    for p in partners:  # every reason opens its evidence sentence
        if p.evidence:
            with st.expander(f"{md(p.name)} · {t('col.evidence')}"):
                for ev in p.evidence:
                    st.caption(f"{t('part.' + ev['part'])}：{md(ev['sentence'])}")


st.subheader(t("partners.ranked"))
st.caption(t("partners.score_help"))
plan = None
with shown_errors():
    plan = partner_plan(store, source, region[1] if region else None, top=10) if source else None
    if plan is None or not plan.suggestions:
        st.caption(t("partners.none"))
    else:
        _table(plan.suggestions)
    if plan is not None and plan.existing:
        st.subheader(t("partners.existing"))
        _table(plan.existing)

st.subheader(t("partners.path"))
ids = [i for i in labels if not i.startswith("chain:")]
a_col, b_col = st.columns(2)
first = plan.suggestions[0].id if plan is not None and plan.suggestions else None
st.session_state.setdefault(state.PATH_FROM, source if source in ids else None)
st.session_state.setdefault(state.PATH_TO, first)
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
