"""How much of the graph planners have reviewed: a bar and a per-document table."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from app.ui.i18n import t
from graph.curation.file import CurationError, load_curation
from graph.curation.queue import all_facts, review_progress
from graph.stores import GraphStore


def review_progress_panel(store: GraphStore) -> None:
    """The overview's review progress, overall and per document."""
    try:
        curation = load_curation()
    except CurationError as exc:
        st.warning(t("review.bad_file", message=str(exc)))
        return
    progress = review_progress(all_facts(store, curation))
    st.progress(progress.share, text=t("review.progress", reviewed=progress.reviewed,
                                       total=progress.total, share=progress.share))
    names = {d.id: Path(d.path).name for d in store.documents()}
    with st.expander(t("review.progress_docs"), icon=":material/fact_check:"):
        # a static table: a data grid in a closed expander is never drawn
        st.table(pd.DataFrame(
            [{t("col.file"): names.get(d, d), t("review.col_reviewed"): a,
              t("review.col_total"): b} for d, (a, b) in progress.per_document.items()]
        ).set_index(t("col.file")))
