"""The briefing deck: slides for the leaders' meeting, built from the store.

- `slides`  -- the slide model (plain dataclasses: title, bullets, table, picture, notes);
- `deck`    -- `build_deck`: the slides from the store and the analytics;
- `scope`   -- the actors of a region;
- `text`    -- the deck's strings, Chinese and English;
- `fonts`   -- the system's CJK fonts, registered explicitly;
- `pictures` -- charts and the network map, drawn with matplotlib;
- `layout`, `palette` -- the template: boxes on a 16:9 slide, the colours;
- `pptx_writer`, `pdf_writer` -- the two files, from the same slides.
"""
from __future__ import annotations

import io
from pathlib import Path

from graph.briefing.deck import BriefError, build_deck
from graph.briefing.slides import Deck, Slide

FORMATS = ("pptx", "pdf")


def deck_format(path: str | Path) -> str:
    """"pptx" or "pdf" from a file name (raises BriefError for anything else)."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise BriefError(f"{path}: the deck is written as .pptx or .pdf, not "
                         f"{('.' + suffix) if suffix else 'a file without suffix'}")
    return suffix


def write_deck(deck: Deck, path: str | Path) -> Path:
    """Write the deck as PPTX or PDF, chosen by the file's suffix; returns the path."""
    path = Path(path)
    fmt = deck_format(path)
    with path.open("wb") as f:
        _writer(fmt)(deck, f)
    return path


def deck_bytes(deck: Deck, fmt: str) -> bytes:
    """The deck as the bytes of a "pptx" or "pdf" file (for a download button)."""
    buf = io.BytesIO()
    _writer(deck_format(f"deck.{fmt}"))(deck, buf)
    return buf.getvalue()


def _writer(fmt: str):
    if fmt == "pptx":
        from graph.briefing.pptx_writer import write_pptx

        return write_pptx
    from graph.briefing.pdf_writer import write_pdf

    return write_pdf


__all__ = ["BriefError", "Deck", "FORMATS", "Slide", "build_deck", "deck_bytes", "deck_format",
           "write_deck"]
