"""The innograph Streamlit app: `innograph app` runs it (`streamlit run app/streamlit_app.py`).

Pages live in `app/screens/` (not `pages/`, which Streamlit would also auto-register
as a second, untranslated navigation); each parses its input, calls one function of
`graph.views` and renders the result.
"""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from app.ui.graph_view import open_clicked_entity
from app.ui.i18n import language_switch, t
from app.ui.region import region_switch

FAVICON = Path(__file__).resolve().parent / "ui" / "favicon.png"

# a local favicon: with none, the page icons (material symbols) are fetched from a CDN
st.set_page_config(page_title="innograph", layout="wide", page_icon=str(FAVICON))
st.set_option("client.toolbarMode", "viewer")  # no Deploy / developer menu for planners
language_switch()
region_switch()

PAGES = [
    ("screens/overview.py", "overview", ":material/dashboard:"),
    ("screens/explorer.py", "explorer", ":material/hub:"),
    ("screens/chains.py", "chains", ":material/account_tree:"),
    ("screens/gaps.py", "gaps", ":material/grid_on:"),
    ("screens/partners.py", "partners", ":material/handshake:"),
    ("screens/documents.py", "documents", ":material/description:"),
    ("screens/review.py", "review", ":material/fact_check:"),
    ("screens/demo.py", "demo", ":material/slideshow:"),
]

navigation = st.navigation(
    [st.Page(path, title=t(f"page.{key}"), icon=icon, url_path=key, default=(key == "overview"))
     for path, key, icon in PAGES])
st.sidebar.caption(t("app.title"))
open_clicked_entity()
navigation.run()
