"""总览 Overview: counts by type and region, key indicators, hubs, recent documents."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from app.ui import charts
from app.ui.graph_html import kind_style
from app.ui.i18n import kind_label, t
from app.ui.layout import chart, empty_state, shown_errors, title, value_text
from app.ui.review_progress import review_progress_panel
from app.ui.store import get_store
from graph.views import key_indicators, network_hubs, overview

store = get_store()
title("overview")
ov = overview(store)
if ov.is_empty:
    empty_state()
    st.stop()

cols = st.columns(4)
for col, key, value in zip(cols, ("documents", "entities", "relations", "indicators"),
                           (ov.documents, ov.entities, ov.relations, ov.indicators)):
    col.metric(t(f"overview.{key}"), value)
review_progress_panel(store)

left, right = st.columns(2)
with left:
    kinds = [k for k, n in ov.entities_by_kind.items() if n]
    kinds.sort(key=lambda k: -ov.entities_by_kind[k])
    chart(charts.bar([kind_label(k) for k in kinds], [ov.entities_by_kind[k] for k in kinds],
                     title=t("overview.by_kind"), colors=[kind_style(k).color for k in kinds]),
          key="overview_kinds", file_name="entities_by_type")
with right:
    if ov.regions:
        top = ov.regions[:12]
        chart(charts.bar([r.name for r in top], [r.actors for r in top],
                         title=t("overview.by_region"), colors=["#009E73"] * len(top)),
              key="overview_regions", file_name="actors_by_region")
    else:
        st.subheader(t("overview.by_region"))
        st.caption(t("overview.no_regions"))

left, right = st.columns([3, 2])
with left:
    st.subheader(t("overview.key_indicators"))
    with shown_errors():
        rows = key_indicators(store)
        st.dataframe(pd.DataFrame(
            [{t("col.indicator"): r.indicator, t("col.period"): r.period,
              t("col.region"): r.region, t("col.target"): value_text(r.target),
              t("col.actual"): value_text(r.actual), t("col.unit"): r.unit} for r in rows]),
            hide_index=True, width="stretch", height=360)
with right:
    st.subheader(t("overview.hubs"))
    with shown_errors():
        st.dataframe(pd.DataFrame(
            [{t("col.name"): h.name, t("col.type"): kind_label(h.kind),
              t("col.score"): round(h.score, 3)} for h in network_hubs(store, top=10)]),
            hide_index=True, width="stretch", height=360)

st.subheader(t("overview.recent"))
st.dataframe(pd.DataFrame(
    [{t("col.title"): d.title, t("col.file"): Path(d.path).name, t("col.chars"): d.chars,
      t("col.added"): d.added_at.replace("T", " ")[:16]} for d in ov.recent_documents]),
    hide_index=True, width="stretch")
