"""文档 Documents: the list, a document with its entities highlighted, upload and remove."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from app.ui import state
from app.ui.html import highlighted_text, kind_legend
from app.ui.i18n import failure_label, kind_label, t
from app.ui.layout import shown_errors, title
from app.ui.store import get_store
from graph.model import EntityKind
from graph.views import Upload, build_uploads, document_view, import_roster_upload

store = get_store()
title("documents")
documents = store.documents()
list_tab, view_tab, upload_tab = st.tabs([t("docs.list"), t("docs.view"), t("docs.upload")])

with list_tab:
    if not documents:
        st.info(f"**{t('empty.title')}**  \n{t('empty.body')}")
    else:
        st.dataframe(pd.DataFrame(
            [{t("col.title"): d.title, t("col.file"): Path(d.path).name, t("col.chars"): d.chars,
              t("col.added"): d.added_at.replace("T", " ")[:16]} for d in documents]),
            hide_index=True, width="stretch")

with view_tab:
    if not documents:
        st.caption(t("docs.none"))
    else:
        titles = {d.id: f"{d.title}（{Path(d.path).name}）" for d in documents}
        if st.session_state.get(state.DOCUMENT) not in titles:
            st.session_state[state.DOCUMENT] = documents[-1].id
        doc_id = st.selectbox(t("docs.pick"), list(titles), key=state.DOCUMENT,
                              format_func=titles.get)
        with shown_errors():
            view = document_view(store, doc_id)
            st.caption(t("docs.entities", n=len(view.spans)))
            kinds = [k for k in EntityKind if any(s.kind is k for s in view.spans)]
            st.html(kind_legend(kinds, kind_label))
            with st.container(height=620, border=True):
                st.html(highlighted_text(view.text, view.spans, kind_label))
        with st.expander(t("docs.remove"), icon=":material/delete:"):
            confirm = st.checkbox(t("docs.remove_confirm"), key=state.REMOVE_CONFIRM)
            if st.button(t("docs.remove"), disabled=not confirm, type="primary",
                         key="remove_document"):
                with shown_errors():
                    removal = store.remove_document(doc_id)
                    st.session_state.pop(state.DOCUMENT, None)
                    st.session_state.pop(state.REMOVE_CONFIRM, None)
                    st.toast(t("docs.removed", title=removal.document.title,
                               entities=removal.entities, relations=removal.relations))
                    st.rerun()

with upload_tab:
    # Streamlit's drop zone text is English only: swap it for ours (only the empty drop
    # zone's own button: the chips' remove and add buttons keep their icons)
    st.html(f"""<style>
    [data-testid="stFileUploaderDropzoneInstructions"] > div > span,
    [data-testid="stFileUploaderDropzoneInstructions"] > div > small {{display: none;}}
    [data-testid="stFileUploaderDropzoneInstructions"] > div::after {{
        content: "{t('docs.drop')}"; font-size: 15px;}}
    [data-testid="stFileUploaderDropzone"] button[data-testid="stBaseButton-secondary"]
        [data-testid="stMarkdownContainer"] {{display: none;}}
    [data-testid="stFileUploaderDropzone"] button[data-testid="stBaseButton-secondary"]::after {{
        content: "{t('docs.browse')}"; font-size: 15px;}}
    </style>""")
    files = st.file_uploader(t("docs.uploader"), accept_multiple_files=True, key=state.UPLOADS,
                             type=["txt", "md", "markdown", "html", "htm", "docx", "pdf"])
    if st.button(t("docs.build"), disabled=not files, type="primary", key="build_uploads"):
        bar = st.progress(0.0, text=t("docs.building", done=0, total=len(files), name=""))

        def progress(done: int, total: int, name: str) -> None:
            bar.progress(done / max(total, 1), text=t("docs.building", done=done, total=total,
                                                       name=name))

        with shown_errors():
            report = build_uploads(store, [Upload(f.name, f.getvalue()) for f in files],
                                   progress=progress)
            bar.progress(1.0)
            st.success(t("docs.built", added=len(report.added), unchanged=len(report.unchanged),
                         failed=len(report.failed)))
            for name, twin in report.duplicates:
                st.info(t("docs.duplicate", name=name, twin=Path(twin).name))
            for name, message in report.failed:
                st.warning(t("docs.failed", message=failure_label(name, message)))

    st.divider()
    roster = st.file_uploader(t("docs.roster"), key=state.ROSTER_UPLOAD, type=["csv", "xlsx"],
                              help=t("docs.roster_help"))
    st.caption(t("docs.roster_help"))
    if st.button(t("docs.roster_import"), disabled=roster is None, key="import_roster"):
        with shown_errors():
            done = import_roster_upload(store, Upload(roster.name, roster.getvalue()))
            key = "docs.roster_done" if done.added else "docs.roster_again"
            st.success(t(key, name=roster.name, rows=done.rows, enterprises=done.enterprises))
            if done.problems:
                st.warning(t("docs.roster_skipped", name=roster.name, n=len(done.problems),
                             rows="；".join(done.problems)))
