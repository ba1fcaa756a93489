"""审核 Review: check the facts worth checking first, fix entities and relations, merge
duplicates, add missing relations; every action goes to data/curation.yaml."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import streamlit as st

from app.ui import state
from app.ui.editor import access, unlock
from app.ui.html import highlighted_sentence, md
from app.ui.i18n import kind_label, relation_label, t
from app.ui.layout import empty_state, shown_errors, title
from app.ui.store import get_store
from graph.curation.actions import Reviewer
from graph.curation.duplicates import duplicate_candidates
from graph.curation.file import CurationError, CurationFile, unknown_names
from graph.curation.queue import all_facts, review_progress, review_queue
from graph.model import EntityKind, Relation, RelationKind

store = get_store()
title("review")
if not store.documents():
    empty_state()
    st.stop()

file = CurationFile()
try:
    curation = file.load()
except CurationError as exc:  # the banner: nothing is applied until the file is fixed
    st.error(t("review.bad_file", message=str(exc)), icon=":material/error:")
    st.stop()
for problem in unknown_names(store, file.path)[:3]:
    st.warning(t("review.unknown_name", message=problem), icon=":material/warning:")

who_ok = access()
if who_ok.needs_password and not who_ok.can_edit:
    st.info(t("review.password_hint", address=who_ok.address), icon=":material/lock:")
    with st.form("review_unlock"):
        given = st.text_input(t("review.password"), type="password")
        if st.form_submit_button(t("review.unlock")):
            if unlock(given):
                st.rerun()
            st.error(t("review.password_wrong"))
elif not who_ok.can_edit:
    st.warning(t("review.readonly", address=who_ok.address), icon=":material/lock:")
can_edit = access().can_edit

if can_edit:
    # kept in the address too, so a reload of the page keeps the reviewer's name
    if not st.session_state.get(state.REVIEW_WHO) and st.query_params.get("who"):
        st.session_state[state.REVIEW_WHO] = st.query_params["who"]
    who = st.text_input(t("review.who"), key=state.REVIEW_WHO).strip()
    if who and st.query_params.get("who") != who:
        st.query_params["who"] = who
    if not who:
        st.caption(t("review.who_missing"))
else:
    who = ""
editable = can_edit and bool(who)
reviewer = Reviewer(store, file, who=who)

flash = st.session_state.pop(state.REVIEW_FLASH, None)
if flash:
    st.toast(flash)


def act(run, done: str = "review.applied") -> None:
    """Carry out one action (server side, only for an editor), then show the page again."""
    if not access().can_edit:
        st.error(t("review.readonly", address=access().address))
        return
    with st.spinner(t("review.applying")):
        with shown_errors():
            entry = run()
            st.session_state[state.REVIEW_FLASH] = (
                t(done, what=entry.get("what", "")) if entry else t("review.nothing_to_undo"))
            st.rerun()


facts = all_facts(store, curation)
progress = review_progress(facts)
st.progress(progress.share, text=t("review.progress", reviewed=progress.reviewed,
                                   total=progress.total, share=progress.share))
entities = {e.id: e for e in store.entities()}
documents = {d.id: d for d in store.documents()}
queue_tab, dup_tab, add_tab, history_tab = st.tabs(
    [t("review.queue"), t("review.duplicates"), t("review.add"), t("review.history")])

with queue_tab:
    left, right, region_col, chain_col = st.columns(4)
    doc_titles = {"": t("review.all"), **{d.id: Path(d.path).name for d in documents.values()}}
    doc_id = left.selectbox(t("review.filter_document"), list(doc_titles),
                            format_func=doc_titles.get, key=state.REVIEW_DOCUMENT)
    types = [""] + [k.value for k in EntityKind] + [k.value for k in RelationKind]
    kind = right.selectbox(t("review.filter_type"), types, key=state.REVIEW_TYPE,
                           format_func=lambda v: t("review.all") if not v else (
                               kind_label(v) if v in EntityKind._value2member_map_
                               else relation_label(v)))
    places = {"": t("review.all"), **{e.id: e.name for e in entities.values()
                                      if e.kind is EntityKind.REGION}}
    region = region_col.selectbox(t("review.filter_region"), list(places), format_func=places.get,
                                  key="review_region")
    chains = {"": t("review.all"), **{e.id: e.name for e in entities.values()
                                      if e.kind is EntityKind.INDUSTRY_CHAIN}}
    chain = chain_col.selectbox(t("review.filter_chain"), list(chains), format_func=chains.get,
                                key="review_chain")
    queue = review_queue(store, curation, document=doc_id or None, kind=kind or None,
                         region=region or None, chain=chain or None, facts=facts)
    pos = st.session_state.get(state.REVIEW_POS, 0)
    if queue and pos >= len(queue):
        pos = st.session_state[state.REVIEW_POS] = 0
    buttons = st.container(horizontal=True)
    fact = queue[pos] if queue else None
    relation = None
    if fact is not None and fact.item == "relation":
        relation = Relation(fact.source_id, fact.target_id, RelationKind(fact.type))
    if buttons.button(t("review.accept"), shortcut="A", type="primary", icon=":material/check:",
                      disabled=not (editable and fact), key="review_accept"):
        act(lambda: reviewer.accept_entity(fact.id) if relation is None
            else reviewer.accept_relation(relation))
    if buttons.button(t("review.reject"), shortcut="X", icon=":material/close:",
                      disabled=not (editable and fact), key="review_reject"):
        act(lambda: reviewer.reject_entity(fact.id) if relation is None
            else reviewer.reject_relation(relation))
    if buttons.button(t("review.next"), shortcut="N", icon=":material/skip_next:",
                      disabled=not queue, key="review_next"):
        st.session_state[state.REVIEW_POS] = (pos + 1) % max(len(queue), 1)
        st.rerun()
    if buttons.button(t("review.undo"), shortcut="U", icon=":material/undo:",
                      disabled=not editable, key="review_undo"):
        act(reviewer.undo, "review.undone")
    st.caption(t("review.keys"))
    if fact is None:
        st.success(t("review.done"))
    else:
        with st.container(border=True, key="review_card"):
            st.caption(t("review.position", pos=pos + 1, total=len(queue)))
            what = t("review.entity") if relation is None else t("review.relation")
            label = (f"{fact.label}（{kind_label(fact.type)}）" if relation is None else
                     f"{entities[fact.source_id].name} —{relation_label(fact.type)}→ "
                     f"{entities[fact.target_id].name}")
            st.markdown(f"**{what}：{md(label)}**")
            st.markdown(
                f"{t('review.confidence')} **{fact.confidence:.2f}** · {t('review.weight')} "
                f"**{fact.weight}** · {t('review.source')} **"
                + "、".join(t(f"review.source.{s}") for s in fact.sources) + "**")
            colour = fact.type if relation is None else entities[fact.source_id].kind.value
            for ev in fact.evidence:
                st.caption(t("review.evidence", document=ev.document))
                st.html(highlighted_sentence(ev.sentence, fact.names, colour))
        with st.expander(t("review.more"), icon=":material/edit:"):
            if relation is None:
                entity = entities[fact.id]
                a, b = st.columns(2)
                new_name = a.text_input(t("review.new_name"), key="review_new_name")
                if a.button(t("review.rename"), disabled=not (editable and new_name.strip())):
                    act(lambda: reviewer.rename(entity.id, new_name))
                new_kind = b.selectbox(t("review.retype"), [k for k in EntityKind
                                                            if k is not entity.kind],
                                       format_func=kind_label, key="review_new_kind")
                if b.button(t("review.retype"), disabled=not editable):
                    act(lambda: reviewer.retype(entity.id, new_kind))
                others = [i for i in entities if i != entity.id]
                target = a.selectbox(
                    t("review.merge_search"), others, index=None, key="review_merge_target",
                    format_func=lambda i: "、".join((entities[i].name, *entities[i].aliases))
                    + f"（{kind_label(entities[i].kind)}）")
                if a.button(t("review.merge_do"), disabled=not (editable and target)):
                    act(lambda: reviewer.merge(target, entity.id))
                if entity.aliases:
                    alias = b.selectbox(t("review.split"), list(entity.aliases),
                                        key="review_split_alias")
                    if b.button(t("review.split"), disabled=not editable):
                        act(lambda: reviewer.split_alias(entity.id, alias))
            else:
                a, b = st.columns(2)
                new_type = a.selectbox(t("review.relation_type"),
                                       [k for k in RelationKind if k is not relation.kind],
                                       format_func=relation_label, key="review_new_relation_type")
                if a.button(t("review.relation_type"), disabled=not editable):
                    act(lambda: reviewer.change_relation_type(relation, new_type))
                if b.button(t("review.reverse"), disabled=not editable or relation.kind.symmetric):
                    act(lambda: reviewer.reverse_relation(relation))

with dup_tab:
    duplicates = duplicate_candidates(store, curation)
    if not duplicates:
        st.caption(t("review.dup_none"))
    for i, dup in enumerate(duplicates[:20]):
        with st.container(border=True, key=f"review_dup_{i}"):
            st.markdown(f"**{md(dup.a_name)}** ⇄ **{md(dup.b_name)}**（{kind_label(dup.type)}，"
                        f"{dup.score:.2f}）")
            st.caption("；".join(dup.reasons))
            for ev in dup.evidence:
                st.html(highlighted_sentence(ev.sentence, [dup.a_name, dup.b_name], dup.type))
            row = st.container(horizontal=True)
            if row.button(t("review.dup_merge"), key=f"review_dup_merge_{i}", type="primary",
                          disabled=not editable, icon=":material/merge:"):
                act(lambda dup=dup: reviewer.merge(dup.a, dup.b))
            if row.button(t("review.dup_different"), key=f"review_dup_different_{i}",
                          disabled=not editable, icon=":material/call_split:"):
                act(lambda dup=dup: reviewer.mark_different(dup.a, dup.b))

with add_tab:
    names = {d.id: f"{d.title}（{Path(d.path).name}）" for d in documents.values()}
    add_doc = st.selectbox(t("review.add_document"), list(names), format_func=names.get,
                           key="review_add_document")
    text = store.document_text(add_doc)
    sentences = [s.strip() for s in re.findall(r"[^。！？!?\n]+[。！？!?]?", text) if len(s.strip()) > 4]
    sentence = st.selectbox(t("review.add_sentence"), sentences, key="review_add_sentence")
    named = [i for i, e in entities.items()
             if sentence and any(f in sentence for f in (e.name, *e.aliases))]
    ordered = named + [i for i in entities if i not in named]
    a, b, c = st.columns([2, 1, 2])
    label = (lambda i: f"{entities[i].name}（{kind_label(entities[i].kind)}）")
    source = a.selectbox(t("review.add_source"), ordered, format_func=label, index=None,
                         key="review_add_source")
    rel_kind = b.selectbox(t("review.add_type"), list(RelationKind), format_func=relation_label,
                           key="review_add_type")
    target = c.selectbox(t("review.add_target"), ordered, format_func=label, index=None,
                         key="review_add_target")
    if st.button(t("review.add_do"), type="primary", key="review_add_do",
                 disabled=not (editable and source and target and sentence)):
        act(lambda: reviewer.add_relation(source, rel_kind, target, add_doc, sentence))

with history_tab:
    rows = file.history()
    if not rows:
        st.caption(t("review.history_none"))
    else:
        st.dataframe(pd.DataFrame(
            [{t("review.col_when"): r["when"].replace("T", " ")[:19], t("review.col_who"): r["who"],
              t("review.col_action"): r["action"], t("review.col_what"): r.get("what", ""),
              t("review.col_undone"): "✓" if r.get("undone") else ""}
             for r in reversed(rows)]), hide_index=True, width="stretch")
