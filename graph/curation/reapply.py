"""Re-apply the curation to documents already stored, losing nothing it was not asked to change.

Each document's facts are rebuilt from their source before the rules are applied again:
extracted documents are extracted again from their stored text, a roster from its rows
(its stored text renders one row a line), and facts of any other source from the store
itself. Then the documents are swapped one at a time (retracted, added again).
"""
from __future__ import annotations

import re
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

from graph.curation.file import load_curation
from graph.curation.rules import CURATION_EXTRACTOR, Curation
from graph.model import Document, DocumentGraph, Entity, EntityKind, Mention, Relation
from graph.stores import GraphStore

ROSTER_EXTRACTOR = "roster"
PIPELINE_PREFIX = "innograph-"  #: `extract.pipeline.EXTRACTOR_VERSION` starts with it
_ROW = re.compile(r"^(?P<name>.+?)，位于(?P<region>.+?)，属于(?P<industry>.+?)产业"
                  r"(?:，环节：(?P<segment>.+?))?(?P<high_tech>，高新技术企业)?。$")
_EXTRACTIONS: OrderedDict[str, object] = OrderedDict()  #: doc id → extraction, recent last
_CACHE_SIZE = 64
#: one re-application at a time in this process (two browser tabs acting at once)
REAPPLY_LOCK = threading.RLock()


class StoredFacts:
    """What the store holds, by document: mentions, and the documents of each entity."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.entities = {e.id: e for e in store.entities()}
        self.mentions: dict[str, list[tuple[str, Mention]]] = defaultdict(list)
        self.docs_of: dict[str, set[str]] = defaultdict(set)
        for eid, ms in store.mentions_by_entity().items():
            for m in ms:
                self.mentions[m.evidence.doc_id].append((eid, m))
                self.docs_of[eid].add(m.evidence.doc_id)

    def source(self, doc_id: str) -> str:
        """'document' (extracted), 'roster', or 'stored' (any other source)."""
        found = {m.evidence.extractor for _, m in self.mentions.get(doc_id, [])}
        found.discard(CURATION_EXTRACTOR)
        if ROSTER_EXTRACTOR in found:
            return ROSTER_EXTRACTOR
        if all(x.startswith(PIPELINE_PREFIX) for x in found):
            return "document"
        return "stored"

    def documents_naming(self, names: Iterable[str]) -> set[str]:
        """The documents that mention an entity with one of these names or aliases, or
        whose text contains one (an entity dropped before is in no mention)."""
        from graph.model import normalise_name

        names = {n for n in names if n and len(n) < 80}
        keys = {normalise_name(n) for n in names}
        docs = {d.id for d in self.store.documents()
                if any(n in self.store.document_text(d.id) for n in names)}
        for e in self.entities.values():
            if normalise_name(e.name) in keys or any(normalise_name(a) in keys for a in e.aliases):
                docs |= self.docs_of.get(e.id, set())
        return docs


def _extraction(doc_id: str, text: str):
    from extract import extract_text

    if doc_id in _EXTRACTIONS:
        _EXTRACTIONS.move_to_end(doc_id)
        return _EXTRACTIONS[doc_id]
    result = _EXTRACTIONS[doc_id] = extract_text(text)
    while len(_EXTRACTIONS) > _CACHE_SIZE:
        _EXTRACTIONS.popitem(last=False)
    return result


def roster_rows(text: str, facts: StoredFacts | None = None, doc_id: str = "") -> list | None:
    """The rows a roster document renders, or None when its text is not one row a line."""
    from graph.analytics.roster import RosterRow, render_row

    row_of = {}  # line offset → the row number stored on the enterprise of that line
    if facts is not None:
        for eid, m in facts.mentions.get(doc_id, []):
            e = facts.entities.get(eid)
            if e is not None and e.kind is EntityKind.ENTERPRISE and dict(e.attrs).get("roster_row"):
                row_of.setdefault(m.evidence.start, int(dict(e.attrs)["roster_row"]))
    rows, offset = [], 0
    for i, line in enumerate(text.split("\n")):
        if line:
            match = _ROW.match(line)
            if not match:
                return None
            row = RosterRow(row_of.get(offset, i + 2), match["name"], match["region"],
                            match["industry"], match["segment"] or "",
                            True if match["high_tech"] else None)
            if render_row(row) != line:
                return None
            rows.append(row)
        offset += len(line) + 1
    return rows


def source_graph(doc: Document, facts: StoredFacts, resolver) -> DocumentGraph:
    """One stored document's facts rebuilt from their source and curated by `resolver`."""
    from graph.analytics.roster import roster_document
    from graph.ingest import to_document_graph

    text = facts.store.document_text(doc.id)
    source = facts.source(doc.id)
    if source == "document":
        return to_document_graph(doc.path, text, _extraction(doc.id, text), resolver)
    if source == ROSTER_EXTRACTOR:
        rows = roster_rows(text, facts, doc.id)
        if rows:
            graph = roster_document(Path(doc.path), b"", rows, resolver=resolver, doc_id=doc.id)
            graph.document = doc
            graph.text = text
            graph.indicators = facts.store.indicators(doc.id)
            return graph
    return _stored_graph(doc, text, facts, resolver)


def _stored_graph(doc: Document, text: str, facts: StoredFacts, resolver) -> DocumentGraph:
    """The document's facts as stored (without hand-added evidence), curated again."""
    graph = DocumentGraph(doc, text, indicators=facts.store.indicators(doc.id))
    mine = [(eid, m) for eid, m in facts.mentions.get(doc.id, [])
            if m.evidence.extractor != CURATION_EXTRACTOR]
    new_id: dict[str, str | None] = {}
    for eid in dict.fromkeys(eid for eid, _ in mine):
        e = facts.entities[eid]
        curated = resolver.resolve(Entity(e.id, e.kind, e.name, e.aliases, e.level, e.attrs))
        new_id[eid] = curated.id if curated else None
        if curated:
            graph.entities[curated.id] = curated
    graph.mentions = [(new_id[eid], m) for eid, m in mine if new_id[eid]]
    for r in facts.store.relations(touching=list(new_id)):
        if new_id.get(r.source_id) and new_id.get(r.target_id):
            for ev in facts.store.relation_evidence(r):
                if ev.doc_id == doc.id and ev.extractor != CURATION_EXTRACTOR:
                    graph.relations.append(
                        (Relation.make(new_id[r.source_id], r.kind, new_id[r.target_id]), ev))
    return resolver.finish(graph)


def _remember_surfaces(resolver, graph: DocumentGraph) -> None:
    """Let later documents join these entities by any name written in this one, as they
    would joining the stored entities (whose aliases are their mentions' surfaces)."""
    from dataclasses import replace

    surfaces = defaultdict(set)
    for eid, m in graph.mentions:
        surfaces[eid].add(m.surface)
    for eid, e in graph.entities.items():
        extra = surfaces[eid] - {e.name} - set(e.aliases)
        resolver.remember(replace(e, aliases=tuple(sorted({*e.aliases, *extra}))) if extra else e)


def reapply(store: GraphStore, doc_ids: Iterable[str] | None = None, *,
            curation: Curation | None = None,
            progress: Callable[[str], None] | None = None) -> int:
    """Re-apply the curation to the stored documents (all, or these ids); returns how many.

    Every document's new facts are built first; then each is swapped in turn, so the
    store never holds less than all but one document.
    """
    with REAPPLY_LOCK:
        return _reapply(store, doc_ids, curation, progress)


def _reapply(store: GraphStore, doc_ids, curation, progress) -> int:
    from graph.resolution import Resolver

    curation = curation if curation is not None else load_curation()
    facts = StoredFacts(store)
    docs = store.documents()
    if doc_ids is not None:
        wanted = set(doc_ids)
        docs = [d for d in docs if d.id in wanted]
    # the order they were added in; within one second, documents before rosters (which
    # resolve against what the documents built)
    docs.sort(key=lambda d: (d.added_at, facts.source(d.id) != "document"))
    chosen = {d.id for d in docs}
    known = [e for eid, e in facts.entities.items() if facts.docs_of.get(eid, set()) - chosen]
    resolver = Resolver(known, curation)
    graphs = []
    for doc in docs:
        graphs.append(source_graph(doc, facts, resolver))
        _remember_surfaces(resolver, graphs[-1])
    for doc, graph in zip(docs, graphs):
        store.remove_document(doc.id)
        store.add_document(graph)
        if progress:
            progress(doc.path)
    return len(graphs)


def reapply_curation(store: GraphStore, *, progress: Callable[[str], None] | None = None,
                     resolver=None) -> int:
    """Re-apply `data/curation.yaml` (or the resolver's curation) to every stored document."""
    return reapply(store, curation=resolver.curation if resolver else None, progress=progress)
