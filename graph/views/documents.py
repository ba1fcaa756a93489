"""A document's text with its entity mentions as spans, and building uploaded files."""
from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from graph.errors import DocumentError
from graph.model import Document, Entity, EntityKind, Mention
from graph.stores import GraphStore


@dataclass(frozen=True)
class Span:
    """One highlighted mention: character offsets, the entity and its type."""

    start: int
    end: int
    entity_id: str
    kind: EntityKind
    name: str  #: the entity's canonical name (the text may use an alias)


@dataclass(frozen=True)
class DocumentView:
    """A document, its full text and non-overlapping mention spans in text order."""

    document: Document
    text: str
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class Upload:
    """A file handed in by a user: its original name and its bytes."""

    name: str
    data: bytes


def mentions_in_document(store: GraphStore, doc_id: str,
                         entities: Sequence[Entity] | None = None) -> dict[str, list[Mention]]:
    """Entity id -> its mentions in one document (entities not mentioned are left out),
    in the order of `entities` (default: all, by id)."""
    ids = None if entities is None else [e.id for e in entities]
    every = store.mentions_by_entity(ids)
    found: dict[str, list[Mention]] = {}
    for eid in every if ids is None else ids:
        ms = [m for m in every.get(eid, ()) if m.evidence.doc_id == doc_id]
        if ms:
            found[eid] = ms
    return found


def document_view(store: GraphStore, doc_id: str) -> DocumentView:
    """The text of a stored document with every entity mention marked.

    Where mentions overlap, the longer one wins (then the earlier one), so the spans
    never nest and can be rendered left to right.
    """
    doc = next((d for d in store.documents() if d.id == doc_id), None)
    text = store.document_text(doc_id)  # raises DocumentNotFound for an unknown id
    by_id = {e.id: e for e in store.entities()}
    candidates = []
    for eid, mentions in mentions_in_document(store, doc_id).items():
        e = by_id.get(eid)
        if e is None:  # stored by a build after the entities were read
            continue
        for m in mentions:
            if 0 <= m.start < m.end <= len(text):
                candidates.append(Span(m.start, m.end, eid, e.kind, e.name))
    candidates.sort(key=lambda s: (-(s.end - s.start), s.start, s.entity_id))
    taken: list[Span] = []
    for s in candidates:
        if all(s.end <= t.start or s.start >= t.end for t in taken):
            taken.append(s)
    taken.sort(key=lambda s: s.start)
    return DocumentView(doc, text, tuple(taken))


def build_uploads(store: GraphStore, uploads: Iterable[Upload], *,
                  progress: Callable[[int, int, str], None] | None = None):
    """Write uploaded files to a private temporary folder and ingest them with `graph.ingest.build`.

    `progress(done, total, file name)` is called after each file. Returns the
    `BuildReport`, which (like the store) names each file by its upload name, never by
    the temporary copy; an unsupported file type is reported in `failed`, not raised.
    """
    from extract.reading import SUPPORTED
    from graph.ingest import BuildReport, BuildStep, build

    uploads = list(uploads)
    report = BuildReport()
    with tempfile.TemporaryDirectory(prefix="innograph-upload-") as tmp:
        files, names = [], {}
        for i, up in enumerate(uploads):
            name = Path(up.name).name or f"upload-{i}"
            if Path(name).suffix.lower() not in SUPPORTED:
                report.failed.append((name, str(DocumentError(
                    f"{name}: unsupported file type; innograph reads "
                    + " ".join(SUPPORTED)))))
                continue
            folder = Path(tmp) / str(i)  # one folder each, so equal names do not clash
            folder.mkdir()
            (folder / name).write_bytes(up.data)
            files.append(folder / name)
            names[str(folder / name)] = name

        def step(s: BuildStep) -> None:
            if progress:
                progress(s.done, s.total, s.path)

        if files:
            built = build(store, files, workers=1, progress=step,
                          label=lambda p: names.get(p, Path(p).name))
            report.added += built.added
            report.unchanged += built.unchanged
            report.failed += built.failed
            report.duplicates += built.duplicates
            report.chars += built.chars
    return report


def import_roster_upload(store: GraphStore, upload: Upload):
    """Import an uploaded roster (`graph.analytics.import_roster`) from a private temporary
    copy; messages name the upload, never the copy."""
    from graph.analytics.roster import RosterError, import_roster

    name = Path(upload.name).name or "roster.csv"
    with tempfile.TemporaryDirectory(prefix="innograph-roster-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(upload.data)
        try:
            return import_roster(store, path, label=name)
        except RosterError as exc:
            raise RosterError(str(exc).replace(str(path), name)) from None
