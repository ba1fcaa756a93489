"""Split text into sentences and clauses with character offsets, for evidence."""
from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"[。！？!?；;]+[”’」』）)]*|\n+")
_CLAUSE_END = re.compile(r"[，,：:。！？!?；;\n]")


@dataclass(frozen=True)
class Sentence:
    """A sentence of the document and where it stands."""

    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Sentences, ending at 。！？；, line breaks, or the end of text; blank ones dropped."""
    out: list[Sentence] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        _append(out, text, pos, m.end())
        pos = m.end()
    _append(out, text, pos, len(text))
    return out


def _append(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end]))


def clause_bounds(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clauses (split at commas, colons and sentence ends) inside text[start:end]."""
    bounds, pos = [], start
    for m in _CLAUSE_END.finditer(text, start, end):
        if m.start() > pos:
            bounds.append((pos, m.start()))
        pos = m.end()
    if pos < end:
        bounds.append((pos, end))
    return bounds
