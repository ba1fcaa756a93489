"""Ingest documents into a store: read, extract (over several processes), convert, add.

Documents are keyed by the SHA-256 of their text, so ingesting one twice changes
nothing; each document goes in as one transaction.
"""
from __future__ import annotations

import functools
import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from extract.reading import SUPPORTED, read_document
from graph.errors import DocumentError
from graph.model import (Document, DocumentGraph, Entity, EntityKind, Evidence, Indicator, Mention,
                         Relation, RelationKind, entity_id)
from graph.regions import hierarchy_facts
from graph.resolution import Resolver
from graph.stores import GraphStore


@dataclass
class BuildReport:
    """What a build did."""

    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  #: (path, message)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  #: (path, stored path)
    chars: int = 0  #: characters of the documents read


@dataclass(frozen=True)
class BuildStep:
    """One file done, as `build` reports it to its progress callback."""

    path: str
    chars: int  #: characters of this file's text (0 when it failed)
    done: int
    total: int


def document_id(text: str) -> str:
    """The content hash a document is known by."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


_NOT_TEXT = re.compile(r"[\s\W_]+", re.UNICODE)


def fingerprint(text: str) -> str:
    """The hash of the text without whitespace and punctuation: equal for the .txt and the
    .docx of one report, whose line breaks, spacing and quotes differ."""
    return hashlib.sha256(_NOT_TEXT.sub("", text).encode("utf-8")).hexdigest()[:16]


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
    _add_region_hierarchy(graph, resolver)
    for r in extraction.relations:
        if r.head in ids and r.tail in ids and ids[r.head] != ids[r.tail]:
            ev = Evidence(doc.id, r.sentence.text, r.sentence.start, r.sentence.end,
                          r.confidence, extractor)
            graph.relations.append((Relation.make(ids[r.head], r.kind, ids[r.tail]), ev))
    for i in extraction.indicators:
        ev = Evidence(doc.id, i.sentence.text, i.sentence.start, i.sentence.end, 0.8, extractor)
        graph.indicators.append(Indicator(i.indicator, i.value, i.unit, i.period, i.kind,
                                          i.region, ev))
    return resolver.finish(graph)


#: the extractor name of the facts read from the region hierarchy of the lexicon
HIERARCHY_EXTRACTOR = "regions.tsv"


def _add_region_hierarchy(graph: DocumentGraph, resolver: Resolver) -> None:
    """Each place the document names gets its level, and a PART_OF to the nearest place
    containing it that this document or the store holds (and stored places get theirs to
    a container this document brings); the evidence is the sentence of the first mention
    here of the place, or else of its container."""
    regions = {e.id: e.name for e in graph.entities.values() if e.kind is EntityKind.REGION}
    if not regions:
        return
    levels, links = hierarchy_facts(regions, resolver.known_regions())
    for rid, level in levels.items():
        e = graph.entities[rid]
        graph.entities[rid] = replace(e, attrs=tuple(sorted(dict(e.attrs, level=level).items())))
    first = {}
    for eid, m in graph.mentions:
        first.setdefault(eid, m.evidence)
    for child, parent in links:  # the child's sentence, or the new parent's
        ev = first.get(child) or first.get(parent)
        if ev is not None:
            graph.relations.append((Relation.make(child, RelationKind.PART_OF, parent),
                                    replace(ev, confidence=1.0, extractor=HIERARCHY_EXTRACTOR)))


def _title(text: str, path: str | Path) -> str:
    """The first heading or line (Markdown's # marks dropped), else the file's stem."""
    first = next((line.strip().lstrip("#").strip() for line in text.splitlines()
                  if line.strip().lstrip("#").strip()), "")
    return first[:80] if first else Path(path).stem


def _extract_one(path: str, known: frozenset[str] = frozenset()
                 ) -> tuple[str, str | None, object, str | None]:
    """Worker: (path, text, extraction, error message); a text whose hash is in `known`
    is not extracted again (extraction None)."""
    from extract import extract_text

    try:
        text = read_document(path)
        if document_id(text) in known:
            return path, text, None, None
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


def extract_many(paths: list[Path], workers: int | None = None,
                 known: Iterable[str] = ()) -> Iterator[tuple]:
    """Extract documents, over `workers` processes (default: one per core when the input
    is large enough to repay starting them); texts whose hash is in `known` are read,
    not extracted."""
    known = frozenset(known)
    if workers is None:
        size = sum(p.stat().st_size for p in paths if p.is_file())
        workers = min(os.cpu_count() or 1, len(paths)) if size >= PARALLEL_MIN_BYTES else 1
    if workers <= 1 or len(paths) < 2:
        for p in paths:
            yield _extract_one(str(p), known)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_warm) as pool:
        yield from pool.map(functools.partial(_extract_one, known=known), map(str, paths),
                            chunksize=4)


#: maps a list of files to (path, text, extraction, error) tuples in the same order
Extractor = Callable[[list[Path]], Iterable[tuple]]


def build(store: GraphStore, paths: Iterable[str | Path], *, workers: int | None = None,
          progress: Callable[[BuildStep], None] | None = None,
          resolver: Resolver | None = None,
          label: Callable[[str], str] | None = None,
          extractor: Extractor | None = None) -> BuildReport:
    """Ingest every supported document under `paths`; already-stored ones are left as they are.

    Every file is tried: one that cannot be read or extracted is named in `failed` (and
    recorded in the store, see `GraphStore.build_failures`) and the others go on. Each
    document is committed on its own, and a stored one is recognised by its content hash
    before it is extracted, so a build that was killed resumes where it stopped. A text
    equal to a stored one but for whitespace and punctuation (the .txt and the .docx of
    one report) is not added again: it is named in `duplicates` with the stored path.
    `label` maps a file's path to the name it is stored and reported under (an upload's
    own name rather than the temporary file it was written to). `extractor` runs the
    extraction elsewhere (`graph.distributed`); default: local processes.
    """
    report = BuildReport()
    files = find_documents(paths)
    stored = store.documents()
    known = {d.id for d in stored}
    by_print = {fingerprint(store.document_text(d.id)): d.path for d in stored}
    resolver = resolver or Resolver.for_store(store)
    for done, (path, text, extraction, error) in enumerate(extractor(files) if extractor else extract_many(files, workers, known),
                                                          start=1):
        if label is not None:
            path, error = label(path), error and error.replace(path, label(path))
        if error is not None:
            report.failed.append((path, error))
        elif document_id(text) in known:
            report.unchanged.append(path)
        elif (twin := by_print.get(fingerprint(text))) is not None:
            report.duplicates.append((path, twin))
        else:
            graph = to_document_graph(path, text, extraction, resolver)
            if store.add_document(graph):
                report.added.append(path)
                known.add(graph.document.id)
                by_print.setdefault(fingerprint(text), path)
            else:
                report.unchanged.append(path)
        report.chars += len(text or "")
        if progress:
            progress(BuildStep(path, len(text or ""), done, len(files)))
    store.record_build(report.failed, report.added + report.unchanged
                       + [p for p, _ in report.duplicates])
    return report


__all__ = ["BuildReport", "BuildStep", "build", "document_id", "entity_id", "find_documents",
           "fingerprint",
           "to_document_graph"]
