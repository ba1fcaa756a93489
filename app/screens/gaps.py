"""短板分析 Gaps: chain × capability heatmap, flagged gaps with reasons, candidate partners."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from app.ui import charts, state
from app.ui.html import md
from app.ui.i18n import kind_label, lang, t
from app.ui.layout import candidates_table, chart, empty_state, shown_errors, title
from app.ui.region import current_region
from app.ui.store import get_store
from graph.analytics import default_taxonomy
from graph.analytics.gaps import gap_key
from graph.views import chain_reports, featured_chain, gap_candidates, gap_matrix
from graph.views.region import region_gap_reports

def _open_partners(target: str) -> None:
    """The partners page, for this target (a chain, seen from the region)."""
    st.session_state[state.PARTNER_TARGET] = target
    st.switch_page("screens/partners.py")


def _nearest_outside(report, segments: dict, region: tuple[str, str]) -> None:
    """Each gap with the nearest actors outside the region that have the capability, their
    place and evidence, and a link to the partner suggestions for the chain."""
    st.subheader(t("gaps.nearest"))
    opened = 0
    for i, gap in enumerate(report.gaps):
        where = segments.get(gap.segment, t("gaps.whole_chain")) if gap.segment \
            else t("gaps.whole_chain")
        found = report.candidates.get(gap_key(gap), ())
        label = f"{where} · {gap.reason_en if en else gap.reason}" + (
            f" · {len(found)}" if found else "")
        opened += bool(found)
        with st.expander(md(label), expanded=bool(found) and opened <= 3):
            if not found:
                st.caption(t("gaps.no_outside"))
            for c in found:
                st.markdown(f"**{md(c.name)}** · {kind_label(c.kind)} · "
                            f"{md(c.place) or t('tier.unknown')} · {t('tier.' + c.tier)}"
                            + (f" · {c.distance}" if c.distance is not None else ""))
                if c.evidence:
                    st.caption(md(c.evidence["sentence"]))
            if st.button(t("gaps.open_partners", name=report.name_en if en else report.name),
                         key=f"gap_partners_{i}"):
                _open_partners(f"chain:{report.chain}")


store = get_store()
title("gaps")
if not store.documents():
    empty_state()
    st.stop()

en = lang() == "en"
region = current_region()
if region:
    st.caption(t("region.scope", name=region[1]))
with shown_errors():
    reports = region_gap_reports(store, region[1]) if region else chain_reports(store)
    if not reports:
        st.info(t("chains.none"))
        st.stop()
    capabilities = default_taxonomy().capabilities
    rows = gap_matrix(reports)
    st.subheader(t("gaps.matrix"))
    st.caption(t("gaps.matrix_help"))
    chart(charts.heatmap([(r.name_en if en else r.name) for r in reports],
                         [(c.label_en if en else c.label) for c in capabilities],
                         [[row.get(c.id, 0) for c in capabilities] for row in rows]),
          key="gaps_heatmap", file_name="chain_capability_matrix")

    by_id = {r.chain: r for r in reports}
    if st.session_state.get(state.GAP_CHAIN) not in by_id:
        st.session_state[state.GAP_CHAIN] = featured_chain(reports).chain
    chosen = st.selectbox(t("chains.pick"), list(by_id), key=state.GAP_CHAIN,
                          format_func=lambda c: by_id[c].name_en if en else by_id[c].name)
    report = by_id[chosen]
    segments = {s.id: s.name_en if en else s.name for s in report.segments}
    # the reasons need the page's width: the list first, the candidates below it
    st.subheader(t("gaps.flagged"))
    gaps = list(report.gaps)  # whole-chain and segment gaps
    if not gaps:
        st.success(t("gaps.no_gaps"))
    else:
        st.dataframe(pd.DataFrame(
            [{t("col.segment"): segments.get(g.segment, t("gaps.whole_chain"))
              if g.segment else t("gaps.whole_chain"),
              t("col.reason"): g.reason_en if en else g.reason} for g in gaps]),
            hide_index=True, width="stretch")
    if region:
        _nearest_outside(report, segments, region)
    else:
        st.subheader(t("gaps.candidates"))
        candidates = gap_candidates(store, chosen, top=8)
        if not candidates:
            st.caption(t("gaps.no_candidates"))
        else:
            candidates_table(candidates)
