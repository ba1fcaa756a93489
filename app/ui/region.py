"""The one region selector of the sidebar, and the region every page follows."""
from __future__ import annotations

import streamlit as st

from app.ui import state
from app.ui.i18n import t
from app.ui.store import get_store
from graph.views.region import region_choices


def region_switch() -> None:
    """The sidebar selector: the whole store, then every place by its number of actors.
    The choice is kept in `state.REGION`, which outlives the widget across pages."""
    store = get_store()
    choices = region_choices(store) if store.documents() else []
    # labels made now: a format function must not read the language later
    names = {"": t("region.all"), **{rid: t("region.option", name=name, n=n)
                                     for rid, name, n in choices}}
    options = list(names)
    chosen = st.session_state.get(state.REGION, "")
    if chosen not in options:
        chosen = ""
    st.session_state[state.REGION] = chosen
    st.session_state[state.REGION_PICK] = chosen

    def keep() -> None:
        st.session_state[state.REGION] = st.session_state[state.REGION_PICK]

    st.sidebar.selectbox(t("region.pick"), options, key=state.REGION_PICK, on_change=keep,
                         format_func=names.get)


def current_region() -> tuple[str, str] | None:
    """(region id, name) chosen in the sidebar, None for the whole store."""
    rid = st.session_state.get(state.REGION, "")
    if not rid:
        return None
    store = get_store()
    for region_id, name, _ in region_choices(store):
        if region_id == rid:
            return region_id, name
    return None
