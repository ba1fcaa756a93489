"""汇报模式 Demo mode: a clean full-screen sequence for leaders, every figure downloadable.

Overview figures → the ecosystem map → one industry chain → its gaps and partners.
"""
from __future__ import annotations

import streamlit as st

from app.ui import charts, state
from app.ui.graph_html import kind_style
from app.ui.graph_view import graph_view
from app.ui.html import md
from app.ui.i18n import kind_label, lang, reason_label, stage_label, t
from app.ui.layout import chart, empty_state, shown_errors
from app.ui.store import get_store
from graph.briefing import FORMATS, build_deck, deck_bytes
from graph.views import (GraphFilter, chain_graph, chain_reports, explore, featured_chain,
                         gap_candidates, overview)
from graph.curation.file import load_curation
from graph.views.clusters import overview_graph
from graph.views.reviewed import reviewed_only

STEPS = ("overview", "map", "chain", "gaps")

# full screen: no sidebar, no toolbar, large type
st.html("""<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
header[data-testid="stHeader"] {display: none !important;}
.block-container {padding-top: 1.2rem !important; max-width: 100% !important;}
[data-testid="stMetricValue"] {font-size: 3.4rem !important;}
[data-testid="stMetricLabel"] p {font-size: 1.4rem !important;}
.stMarkdown p, .stMarkdown li {font-size: 1.3rem;}
h1 {font-size: 2.6rem !important;}
</style>""")



def _go(delta: int) -> None:
    """Move the demo `delta` steps, within the sequence."""
    here = st.session_state.get(state.DEMO_STEP, 0)
    st.session_state[state.DEMO_STEP] = min(max(here + delta, 0), len(STEPS) - 1)


store = get_store()
ov = overview(store)
if ov.is_empty:
    st.title(t("page.demo"))
    empty_state()
    st.stop()

en = lang() == "en"
step = st.session_state.setdefault(state.DEMO_STEP, 0)
reports = []
with shown_errors():
    reports = chain_reports(store)
report = None
if reports:
    by_id = {r.chain: r for r in reports}
    chain_id = st.session_state.get(state.DEMO_CHAIN)
    report = by_id.get(chain_id) or featured_chain(reports)
chain_name = (report.name_en if en else report.name) if report else ""
names = {"overview": t("demo.step.overview"), "map": t("demo.step.map"),
         "chain": t("demo.step.chain", name=chain_name),
         "gaps": t("demo.step.gaps", name=chain_name)}
st.title(names[STEPS[step]])
back, where, forward, leave = st.columns([1, 2, 1, 1])
# the controls sit under the title, where every step has them in view: below an 820-px
# map they were off screen, and a click that had to scroll to them first was lost (the
# graph frame took it); the step changes in the buttons' callbacks, before the next run
back.button(t("demo.prev"), disabled=step == 0, key="demo_prev", width="stretch",
            on_click=_go, args=(-1,))
where.progress((step + 1) / len(STEPS), text=f"{step + 1} / {len(STEPS)}")
forward.button(t("demo.next"), disabled=step == len(STEPS) - 1, key="demo_next",
               type="primary", width="stretch", on_click=_go, args=(1,))
leave.page_link("screens/overview.py", label=t("demo.exit"), icon=":material/close:")
reviewed = st.toggle(t("demo.reviewed_only"), key=state.DEMO_REVIEWED)

if STEPS[step] == "overview":
    cols = st.columns(4)
    for col, key, value in zip(cols, ("documents", "entities", "relations", "indicators"),
                               (ov.documents, ov.entities, ov.relations, ov.indicators)):
        col.metric(t(f"overview.{key}"), value)
    kinds = sorted((k for k, n in ov.entities_by_kind.items() if n),
                   key=lambda k: -ov.entities_by_kind[k])
    left, right = st.columns(2)
    with left:
        chart(charts.bar([kind_label(k) for k in kinds], [ov.entities_by_kind[k] for k in kinds],
                         title=t("overview.by_kind"), colors=[kind_style(k).color for k in kinds],
                         height=480, font_size=20),
              key="demo_kinds", file_name="entities_by_type")
    with right:
        top = ov.regions[:10]
        if top:
            chart(charts.bar([r.name for r in top], [r.actors for r in top],
                             title=t("overview.by_region"), colors=["#009E73"] * len(top),
                             height=480, font_size=20),
                  key="demo_regions", file_name="actors_by_region")

elif STEPS[step] == "map":
    # the readable overview (type × region groups around the key actors); a click on a
    # group opens it, so the presenter can show one part of the ecosystem at a time
    whole = explore(store, GraphFilter(max_nodes=300)).graph
    if reviewed:
        whole = reviewed_only(whole, load_curation())
        if not whole.number_of_nodes():
            st.info(t("demo.reviewed_none"))
            st.stop()
    g = overview_graph(whole, expanded=st.session_state.get(state.DEMO_EXPANDED, ()))
    graph_view(g, height=720, key="demo_map_graph", name="innograph_map", click="ignore",
               expanded_key=state.DEMO_EXPANDED, font_scale=1.3, spread=1.7)

elif STEPS[step] == "chain" and report is not None:
    gaps = list(report.gaps)  # whole-chain and segment gaps
    for col, label, value in zip(st.columns(3), ("chains.coverage", "chains.actors", "chains.gaps"),
                                 (f"{report.coverage:.0%}",
                                  len({a for ids in report.actors.values() for a in ids}),
                                  len(gaps))):
        col.metric(t(label), value)
    cols = st.columns(len(report.segments) or 1)
    for col, seg in zip(cols, report.segments):
        with col.container(border=True):
            st.markdown(f"### {md(seg.name_en if en else seg.name)}\n:gray[{stage_label(seg.stage)}]")
            actors = sorted({a for ids in seg.actors.values() for a in ids},
                            key=lambda a: report.names.get(a, a))
            for a in actors:
                st.markdown(f"- {md(report.names.get(a, a))}")
            if not actors:
                st.markdown(f":red[{t('chains.empty_segment')}]")
    g = chain_graph(store, report)
    if g.number_of_nodes():
        graph_view(g, height=460, key="demo_chain_graph", name=f"innograph_{report.chain}",
                   click="ignore", font_scale=1.3)

elif STEPS[step] == "gaps" and report is not None:
    with shown_errors():
        gaps = list(report.gaps)  # whole-chain and segment gaps
        segments = {s.id: s.name_en if en else s.name for s in report.segments}
        left, right = st.columns(2)
        with left:
            st.subheader(t("gaps.flagged"))
            for g in gaps:
                where = segments.get(g.segment, t("gaps.whole_chain")) if g.segment \
                    else t("gaps.whole_chain")
                st.markdown(f"- **{md(where)}**：{md(g.reason_en if en else g.reason)}")
            if not gaps:
                st.success(t("gaps.no_gaps"))
        with right:
            st.subheader(t("gaps.candidates"))
            candidates = gap_candidates(store, report.chain, top=6)
            # a list in the page's large type, with the strongest reason: no scores for leaders
            for c in candidates:
                why = f"  \n  :gray[{md(reason_label(c.reasons[0]))}]" if c.reasons else ""
                st.markdown(f"- **{md(c.name)}**（{kind_label(c.kind)}）{why}")
            if not candidates:
                st.caption(t("gaps.no_candidates"))
elif report is None:
    st.info(t("chains.none"))

if reports:
    with st.expander(t("demo.settings")):
        st.session_state.setdefault(state.DEMO_CHAIN, report.chain)
        st.selectbox(t("chains.pick"), [r.chain for r in reports], key=state.DEMO_CHAIN,
                     format_func=lambda c: {r.chain: (r.name_en if en else r.name)
                                            for r in reports}[c])

# 导出汇报材料: the deck of `innograph brief`, the chosen chain first, for download
MIMES = {"pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
         "pdf": "application/pdf"}
chains = ([report.chain] + [r.chain for r in reports if r.chain != report.chain][:2]) if report else []
wanted = (store.revision(), tuple(chains), lang())
if st.button(t("demo.brief"), key="demo_brief", icon=":material/slideshow:"):
    with st.spinner(t("demo.brief.making")), shown_errors():
        deck = build_deck(store, chains=chains, lang=lang())
        st.session_state[state.DEMO_BRIEF] = (wanted, {f: deck_bytes(deck, f) for f in FORMATS})
made = st.session_state.get(state.DEMO_BRIEF)
if made and made[0] == wanted:
    for col, fmt in zip(st.columns(len(FORMATS)), FORMATS):
        col.download_button(t(f"demo.brief.{fmt}"), made[1][fmt], file_name=f"innograph_briefing.{fmt}",
                            mime=MIMES[fmt], key=f"demo_brief_{fmt}", width="stretch")
