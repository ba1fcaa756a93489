"""What every page shares: its title, the empty-store hint, error translation, downloads."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import plotly.graph_objects as go
import streamlit as st

from app.ui.charts import standalone_html
from app.ui.i18n import t
from graph.errors import InnographError

#: modebar settings of every chart: PNG export through the camera button, no logo
CHART_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2},
                "modeBarButtonsToRemove": ["select2d", "lasso2d"]}


def reason_columns() -> dict:
    """Column widths of the candidate tables: the reasons need the room."""
    return {t("col.name"): st.column_config.TextColumn(width="medium"),
            t("col.reasons"): st.column_config.TextColumn(width="large")}


def value_text(value) -> str:
    """A table cell: "—" for no value, whole numbers without ".0"."""
    if value is None or value == "":
        return "—"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def title(page_key: str) -> None:
    st.title(t(f"page.{page_key}"))


def empty_state() -> None:
    """What an empty store shows instead of an error: the next step."""
    st.info(f"**{t('empty.title')}**  \n{t('empty.body')}", icon=":material/info:")
    st.page_link("screens/documents.py", label=t("empty.go_documents"),
                 icon=":material/upload_file:")


@contextmanager
def shown_errors() -> Iterator[None]:
    """Turn innograph's errors into a message on the page; nothing else is caught."""
    try:
        yield
    except NotImplementedError:
        st.info(t("analytics.pending"), icon=":material/hourglass_empty:")
    except InnographError as exc:
        st.error(t("error.prefix") + str(exc))


def chart(fig: go.Figure, *, key: str, file_name: str) -> None:
    """A plotly chart with PNG export in its modebar and a standalone-HTML download."""
    st.plotly_chart(fig, key=key, config=CHART_CONFIG, width="stretch")
    download_html(lambda: standalone_html(fig), key=f"{key}_html", file_name=file_name)


def download_html(make: Callable[[], str], *, key: str, file_name: str) -> None:
    """A download button whose HTML is generated only when clicked."""
    st.download_button(t("download.html"), data=make, file_name=file_name, mime="text/html",
                       key=key, on_click="ignore", icon=":material/download:")


def graph_frame(page: str, *, height: int, key: str, file_name: str) -> None:
    """A pyvis page in an iframe, with the same page offered as a download."""
    st.iframe(page, height=height + 56)  # + the legend bar above the canvas
    download_html(lambda: page, key=key, file_name=file_name)


def candidates_table(candidates) -> None:
    """Ranked partner suggestions as a table: name, type, score, reasons in the UI language."""
    import pandas as pd

    from app.ui.i18n import kind_label, reason_label

    st.dataframe(pd.DataFrame(
        [{t("col.name"): c.name, t("col.type"): kind_label(c.kind),
          t("col.score"): round(c.score, 2),
          t("col.reasons"): "；".join(map(reason_label, c.reasons))} for c in candidates]),
        hide_index=True, width="stretch", column_config=reason_columns())
