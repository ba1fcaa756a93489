"""HTML snippets built from document text; every piece of text is escaped here."""
from __future__ import annotations

import re

import html
from collections.abc import Callable, Iterable

from app.ui.graph_html import FONT, kind_style
from graph.model import EntityKind
from graph.views import Span


def _mark(text: str, kind: str, label: str) -> str:
    color = kind_style(kind).color
    return (f'<mark style="background:{color}22;border-bottom:3px solid {color};'
            f'padding:1px 3px;border-radius:3px;line-height:2.1">{html.escape(text)}'
            f'<span style="font-size:.72em;font-weight:600;color:{color};margin-left:3px">'
            f'{html.escape(label)}</span></mark>')


def highlighted_text(text: str, spans: Iterable[Span],
                     kind_label: Callable[[str], str]) -> str:
    """The document text with each span marked by type (displaCy style), escaped."""
    out, pos = [], 0
    for s in sorted(spans, key=lambda s: s.start):
        if s.start < pos:
            continue
        out.append(html.escape(text[pos:s.start]))
        out.append(_mark(text[s.start:s.end], s.kind.value, kind_label(s.kind.value)))
        pos = s.end
    out.append(html.escape(text[pos:]))
    body = "".join(out).replace("\n", "<br>")
    return (f'<div style="font-family:{FONT};font-size:17px;line-height:2;color:#1A202C">'
            f"{body}</div>")


def highlighted_sentence(sentence: str, surfaces: Iterable[str], kind: str) -> str:
    """An evidence sentence with the entity's surface forms in bold colour, escaped."""
    color = kind_style(kind).color
    marks = sorted({s for s in surfaces if s}, key=len, reverse=True)
    out, i = [], 0
    while i < len(sentence):
        hit = next((m for m in marks if sentence.startswith(m, i)), None)
        if hit:
            out.append(f'<b style="color:{color};background:{color}1f;padding:0 2px">'
                       f"{html.escape(hit)}</b>")
            i += len(hit)
        else:
            out.append(html.escape(sentence[i]))
            i += 1
    return (f'<div style="font-family:{FONT};font-size:15px;line-height:1.8;'
            f'border-left:3px solid {color};padding:2px 10px;margin:4px 0">{"".join(out)}</div>')


def kind_legend(kinds: Iterable[EntityKind], kind_label: Callable[[str], str]) -> str:
    """A row of coloured type labels, as used above highlighted text."""
    return "".join(_mark(kind_label(k.value), k.value, "") for k in kinds)


def badge(text: str, kind: str) -> str:
    color = kind_style(kind).color
    return (f'<span style="background:{color};color:#fff;border-radius:4px;padding:2px 8px;'
            f'font-size:14px">{html.escape(text)}</span>')


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|:~<>$])")


def md(text: str) -> str:
    """Text from documents made inert inside Streamlit Markdown (no links, colours, maths)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))
