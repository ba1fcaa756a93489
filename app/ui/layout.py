"""What every page shares: its title, the empty-store hint, error translation, downloads."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pandas as pd
import streamlit as st

from app.ui.charts import Chart
from app.ui.i18n import kind_label, lang, reason_label, t
from graph.errors import InnographError

#: ECharts' own toolbox of every chart: a PNG export (Streamlit's hover toolbar has one too),
#: drawn at twice the resolution on white; its title comes from `t("chart.save_png")`
CHART_CONFIG = {"pixelRatio": 2, "backgroundColor": "#ffffff"}


def reason_columns() -> dict:
    """Column widths of the candidate tables: the reasons take the room that is left."""
    return {t("col.name"): st.column_config.TextColumn(width="medium")}


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


def chart(spec: Chart, *, key: str, file_name: str = "chart",
          height: int | None = None) -> None:
    """An ECharts chart (`app.ui.charts`) with a PNG export in its toolbox.

    `file_name` names the PNG (without extension); `height` overrides the chart's own.
    """
    option = dict(spec.option)
    # its hover title left of the button, in the title row, not over the top bar
    option["toolbox"] = {"right": 0, "top": 0, "itemSize": 16,
                         "emphasis": {"iconStyle": {"textPosition": "left"}},
                         "feature": {"saveAsImage": {**CHART_CONFIG, "title": t("chart.save_png"),
                                                     "name": file_name}}}
    st.echarts_chart(option, key=key, height=int(height or spec.height), width="stretch")


def download_html(make: Callable[[], str], *, key: str, file_name: str) -> None:
    """A download button whose HTML is generated only when clicked."""
    st.download_button(t("download.html"), data=make, file_name=file_name, mime="text/html",
                       key=key, on_click="ignore", icon=":material/download:")


def candidates_table(candidates) -> None:
    """Ranked partner suggestions as a table: name, type, score, reasons in the UI language."""
    sep = "; " if lang() == "en" else "；"
    st.dataframe(pd.DataFrame(
        [{t("col.name"): c.name, t("col.type"): kind_label(c.kind),
          t("col.score"): round(c.score, 2),
          t("col.reasons"): sep.join(map(reason_label, c.reasons))} for c in candidates]),
        hide_index=True, width="stretch", column_config=reason_columns())
