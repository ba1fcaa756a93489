"""Ingest documents into a store: read, extract (over several processes), convert, add.

Documents are keyed by the SHA-256 of their text, so ingesting one twice changes
nothing; each document goes in as one transaction.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from extract.reading import SUPPORTED, read_document
from graph.errors import DocumentError
from graph.model import (Document, DocumentGraph, Entity, Evidence, Indicator, Mention, Relation,
                         entity_id)
from graph.resolution import Curation, Resolver
from graph.stores import GraphStore


@dataclass
class BuildReport:
    """What a build did."""

    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  #: (path, message)


def document_id(text: str) -> str:
    """The content hash a document is known by."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def find_documents(paths: Iterable[str | Path]) -> list[Path]:
    """The supported files among these paths, folders searched recursively, sorted."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED)
        else:
            found.append(p)
    return found


def to_document_graph(path: str, text: str, extraction, resolver: Resolver | None = None,
                      extractor: str = "") -> DocumentGraph:
    """Turn an extraction into the graph facts one document contributes."""
    from extract.pipeline import EXTRACTOR_VERSION

    extractor = extractor or EXTRACTOR_VERSION
    resolver = resolver or Resolver()
    doc = Document(document_id(text), str(path), _title(text, path), len(text))
    graph = DocumentGraph(doc, text)
    ids: dict[str, str] = {}
    for ent in extraction.entities:
        entity = resolver.resolve(Entity.make(ent.kind, ent.name, aliases=tuple(sorted(ent.aliases)),
                                              level=ent.level,
                                              attrs=(("chain", ent.chain),) if ent.chain else ()),
                                  written={text[m.start:m.end] for m in ent.mentions})
        if entity is None:  # curated away
            continue
        ids[ent.key] = entity.id
        graph.entities[entity.id] = entity
        for m in ent.mentions:
            s = extraction.sentence_at(m.start)
            ev = Evidence(doc.id, s.text, s.start, s.end, m.confidence, extractor)
            graph.mentions.append((entity.id, Mention(text[m.start:m.end], m.start, m.end, ev,
                                                      m.level)))
    for r in extraction.relations:
        if r.head in ids and r.tail in ids and ids[r.head] != ids[r.tail]:
            ev = Evidence(doc.id, r.sentence.text, r.sentence.start, r.sentence.end,
                          r.confidence, extractor)
            graph.relations.append((Relation.make(ids[r.head], r.kind, ids[r.tail]), ev))
    for i in extraction.indicators:
        ev = Evidence(doc.id, i.sentence.text, i.sentence.start, i.sentence.end, 0.8, extractor)
        graph.indicators.append(Indicator(i.indicator, i.value, i.unit, i.period, i.kind,
                                          i.region, ev))
    return graph


def _title(text: str, path: str | Path) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first[:80] if first else Path(path).stem


def _extract_one(path: str) -> tuple[str, str | None, object, str | None]:
    """Worker: (path, text, extraction, error message)."""
    from extract import extract_text

    try:
        text = read_document(path)
        return path, text, extract_text(text), None
    except DocumentError as exc:
        return path, None, None, str(exc)
    except Exception as exc:  # one bad document must not stop the others
        return path, None, None, f"{path}: extraction failed ({type(exc).__name__}: {exc})"


def _warm() -> None:
    from extract.pipeline import default_pipeline

    default_pipeline()


#: below this much input a second process costs more (its own pipeline start-up, ~3 s)
#: than it saves at ~90,000 characters a second
PARALLEL_MIN_BYTES = 2_000_000


def extract_many(paths: list[Path], workers: int | None = None) -> Iterator[tuple]:
    """Extract documents, over `workers` processes (default: one per core when the input
    is large enough to repay starting them)."""
    if workers is None:
        size = sum(p.stat().st_size for p in paths if p.is_file())
        workers = min(os.cpu_count() or 1, len(paths)) if size >= PARALLEL_MIN_BYTES else 1
    if workers <= 1 or len(paths) < 2:
        for p in paths:
            yield _extract_one(str(p))
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_warm) as pool:
        yield from pool.map(_extract_one, map(str, paths), chunksize=4)


#: maps a list of files to (path, text, extraction, error) tuples in the same order
Extractor = Callable[[list[Path]], Iterable[tuple]]


def build(store: GraphStore, paths: Iterable[str | Path], *, workers: int | None = None,
          progress: Callable[[str], None] | None = None,
          resolver: Resolver | None = None, extractor: Extractor | None = None) -> BuildReport:
    """Ingest every supported document under `paths`; already-stored ones are left as they are.
    `extractor` runs the extraction elsewhere (`graph.distributed`); default: local processes."""
    report = BuildReport()
    files = find_documents(paths)
    known = {d.id for d in store.documents()}
    resolver = resolver or Resolver.for_store(store)
    extracted = extractor(files) if extractor else extract_many(files, workers)
    for path, text, extraction, error in extracted:
        if error is not None:
            report.failed.append((path, error))
        elif document_id(text) in known:
            report.unchanged.append(path)
        else:
            graph = to_document_graph(path, text, extraction, resolver)
            if store.add_document(graph):
                report.added.append(path)
                known.add(graph.document.id)
            else:
                report.unchanged.append(path)
        if progress:
            progress(path)
    return report


def reapply_curation(store: GraphStore, *,
                     progress: Callable[[str], None] | None = None,
                     resolver: Resolver | None = None) -> int:
    """Re-ingest every stored document from its stored text, so that edits to
    `data/curation.yaml` reach what was built before them; returns how many.

    Everything is extracted first; then each document is swapped (retracted, added
    again) one at a time, so the store never holds less than all but one document.
    """
    from extract import extract_text

    docs = [(d, store.document_text(d.id)) for d in store.documents()]
    resolver = resolver or Resolver(curation=Curation.load())
    graphs = [to_document_graph(doc.path, text, extract_text(text), resolver)
              for doc, text in docs]
    for (doc, _), graph in zip(docs, graphs):
        store.remove_document(doc.id)
        store.add_document(graph)
        if progress:
            progress(doc.path)
    return len(graphs)


__all__ = ["reapply_curation", "BuildReport", "build", "document_id", "entity_id", "find_documents",
           "to_document_graph"]
