"""The store the app reads: opened once per settings by a cached factory, never at import."""
from __future__ import annotations

import streamlit as st

from app.ui.i18n import t
from graph.errors import StoreUnavailable
from graph.settings import Settings
from graph.stores import GraphStore, open_store


@st.cache_resource(show_spinner=False)
def _open(store_kind: str, db_path: str) -> GraphStore:
    # Shared by every session: the local store opens one SQLite connection per thread,
    # and the Neo4j store uses the thread-safe driver with a session per call.
    return open_store(Settings.from_env(store=store_kind, db_path=db_path))


def get_store() -> GraphStore:
    """The store chosen by INNOGRAPH_STORE / INNOGRAPH_DB (read when called); a store that
    cannot be opened (Neo4j unreachable, wrong password) stops the page with its message."""
    settings = Settings.from_env()
    try:
        return _open(settings.store.value, str(settings.db_path.resolve()))
    except StoreUnavailable as exc:  # not cached: the next page load tries again
        st.error(t("error.prefix") + str(exc), icon=":material/error:")
        st.stop()
