"""The review queue: the store's facts ordered by how much a check is worth, and how much
of the graph is reviewed.

Order: facts not yet reviewed first; among them low-confidence facts (lowest first), then
facts many views depend on (hubs and industry-chain links, by weight), then the rest.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

from graph.curation.rules import CURATION_EXTRACTOR, Curation
from graph.model import EntityKind, Evidence, RelationKind
from graph.stores import GraphStore

LOW_CONFIDENCE = 0.7  #: below this a fact comes first in the queue
CHAIN_RELATIONS = {RelationKind.FOCUSES_ON, RelationKind.PART_OF}
EVIDENCE_SHOWN = 3  #: evidence sentences carried per fact


@dataclass(frozen=True)
class EvidenceItem:
    """One sentence stating a fact, with the names to highlight in it."""

    doc_id: str
    document: str  #: file name of the document
    sentence: str
    start: int
    end: int
    confidence: float
    source: str  #: document, roster or curation


@dataclass
class Fact:
    """One item of the queue: an entity or a relation."""

    item: str  #: "entity" or "relation"
    id: str
    type: str  #: entity type or relation type
    label: str
    names: list[str]  #: names to highlight in the evidence
    confidence: float
    weight: int  #: how many links depend on it (degree; chain links count double)
    sources: list[str]
    reviewed: bool
    documents: list[str] = field(default_factory=list)  #: doc ids
    evidence: list[EvidenceItem] = field(default_factory=list)
    source_id: str = ""  #: relations: the ends
    target_id: str = ""

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Progress:
    """How much of the graph is reviewed, overall and per document."""

    reviewed: int
    total: int
    per_document: dict[str, tuple[int, int]]  #: doc id → (reviewed, total)

    @property
    def share(self) -> float:
        return self.reviewed / self.total if self.total else 0.0


def _source(extractor: str) -> str:
    if extractor == CURATION_EXTRACTOR:
        return "curation"
    return "roster" if extractor == "roster" else "document"


def evidence_items(evs: list[Evidence], paths: dict[str, str]) -> list[EvidenceItem]:
    evs = sorted(evs, key=lambda e: (e.confidence, e.doc_id, e.start))
    seen, out = set(), []
    for ev in evs:
        if (ev.doc_id, ev.start) not in seen:
            seen.add((ev.doc_id, ev.start))
            out.append(EvidenceItem(ev.doc_id, Path(paths.get(ev.doc_id, ev.doc_id)).name,
                                    ev.sentence, ev.start, ev.end, round(ev.confidence, 3),
                                    _source(ev.extractor)))
    return out


def all_facts(store: GraphStore, curation: Curation) -> list[Fact]:
    """Every entity and relation of the store as a queue item, unordered."""
    paths = {d.id: d.path for d in store.documents()}
    entities = {e.id: e for e in store.entities()}
    relations = store.relations()
    weight: dict[str, int] = defaultdict(int)
    for r in relations:
        step = 2 if r.kind in CHAIN_RELATIONS else 1
        weight[r.source_id] += step
        weight[r.target_id] += step
    facts = []
    for eid, ms in store.mentions_by_entity().items():
        e = entities.get(eid)
        if e is None:
            continue
        evs = [m.evidence for m in ms]
        facts.append(Fact("entity", e.id, e.kind.value, e.name, [e.name, *e.aliases],
                          round(max(ev.confidence for ev in evs), 3), weight[e.id],
                          sorted({_source(ev.extractor) for ev in evs}),
                          curation.is_reviewed_entity(e),
                          sorted({ev.doc_id for ev in evs}), evidence_items(evs, paths)))
    for r in relations:
        s, t = entities.get(r.source_id), entities.get(r.target_id)
        if s is None or t is None:
            continue
        evs = store.relation_evidence(r)
        conf = max((ev.confidence for ev in evs), default=0.0)
        chain = 2 if r.kind in CHAIN_RELATIONS or EntityKind.INDUSTRY_CHAIN in (s.kind, t.kind) else 1
        facts.append(Fact("relation", r.id, r.kind.value, f"{s.name} —{r.kind.value}→ {t.name}",
                          [s.name, *s.aliases, t.name, *t.aliases], round(conf, 3),
                          chain * (weight[s.id] + weight[t.id]),
                          sorted({_source(ev.extractor) for ev in evs}),
                          curation.is_reviewed_relation(r),
                          sorted({ev.doc_id for ev in evs}), evidence_items(evs, paths),
                          r.source_id, r.target_id))
    return facts


def queue_order(fact: Fact) -> tuple:
    """Unreviewed first; low confidence (lowest first); then by weight; then by id."""
    low = fact.confidence < LOW_CONFIDENCE
    return (fact.reviewed, not low, fact.confidence if low else 0.0, -fact.weight, fact.id)


def review_queue(store: GraphStore, curation: Curation, *, document: str | None = None,
                 kind: str | None = None, region: str | None = None, chain: str | None = None,
                 include_reviewed: bool = False, facts: list[Fact] | None = None) -> list[Fact]:
    """The facts to check, best first; filtered by document id, entity or relation type,
    and region or chain (entity ids: facts touching it or an entity linked to it)."""
    facts = all_facts(store, curation) if facts is None else facts
    near: set[str] | None = None
    for centre in (region, chain):
        if centre:
            ids = store.neighbour_ids({centre}) | {centre}
            near = ids if near is None else near & ids
    out = []
    for f in facts:
        if (not include_reviewed and f.reviewed) or (kind and f.type != kind):
            continue
        if document and document not in f.documents:
            continue
        if near is not None and not ({f.id, f.source_id, f.target_id} & near):
            continue
        out.append(f)
    out.sort(key=queue_order)
    return out


def review_progress(facts: list[Fact]) -> Progress:
    """Reviewed facts over all facts, overall and per document."""
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for f in facts:
        for d in f.documents:
            per[d][1] += 1
            per[d][0] += f.reviewed
    return Progress(sum(f.reviewed for f in facts), len(facts),
                    {d: (a, b) for d, (a, b) in sorted(per.items())})
