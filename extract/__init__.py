"""Documents → entities, relations and indicators, each with its evidence sentence."""
from __future__ import annotations

from pathlib import Path

from extract.reading import read_document


def extract_text(text: str, progress=None):
    """Run the pipeline over one text and return its `Extraction`; a long text goes in
    sentence-aligned chunks, `progress(chars_done, chars_total)` called after each."""
    from extract.chunks import extract_in_chunks
    from extract.pipeline import default_pipeline
    from extract.result import Extraction

    nlp = default_pipeline()
    return extract_in_chunks(text, lambda piece: Extraction.from_doc(nlp(piece)), progress)


def extract_file(path: str | Path, progress=None):
    """Read a document (any supported format and encoding) and extract from it."""
    return extract_text(read_document(path), progress)


__all__ = ["extract_file", "extract_text", "read_document"]
