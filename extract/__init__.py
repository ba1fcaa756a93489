"""Documents → entities, relations and indicators, each with its evidence sentence."""
from __future__ import annotations

from pathlib import Path

from extract.reading import read_document


def extract_text(text: str):
    """Run the pipeline over one text and return its `Extraction`."""
    from extract.pipeline import default_pipeline
    from extract.result import Extraction

    return Extraction.from_doc(default_pipeline()(text))


def extract_file(path: str | Path):
    """Read a document (any supported format and encoding) and extract from it."""
    return extract_text(read_document(path))


__all__ = ["extract_file", "extract_text", "read_document"]
