"""Duplicate suggestions: pairs of entities that are probably one actor, each with why.

Signals: the lexicons list both names for one actor (short and full name); abbreviation
rules (the same core once company suffixes and region prefixes are stripped, or one name
a contraction of the other); a shared parent or place; string similarity (rapidfuzz).
A pair a planner marked different is never suggested again.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field, replace

from rapidfuzz import fuzz, process

from graph.curation.rules import Curation
from graph.model import Entity, EntityKind, RelationKind, normalise_name
from graph.stores import GraphStore

SUFFIXES = ("股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "集团", "公司")
PLACE_RELATIONS = {RelationKind.LOCATED_IN}
PARENT_RELATIONS = {RelationKind.AFFILIATED_WITH, RelationKind.PART_OF}
SIMILAR = 75  #: rapidfuzz ratio from which names count as similar
MIN_SCORE = 0.5


@dataclass(frozen=True)
class Duplicate:
    """Two entities that are probably one actor: keep `a` (the longer-evidenced) or `b`."""

    a: str
    b: str
    a_name: str
    b_name: str
    type: str
    score: float
    reasons: list[str]
    evidence: list = field(default_factory=list)  #: a sentence naming each (`EvidenceItem`)

    def to_json(self) -> dict:
        return asdict(self)


def _core(name: str, places: list[str]) -> tuple[str, str]:
    """(place prefix, the name without it and without a company suffix)."""
    core = normalise_name(name)
    for suffix in SUFFIXES:
        if core.endswith(suffix) and len(core) > len(suffix) + 1:
            core = core[: -len(suffix)]
            break
    for place in places:
        if core.startswith(place) and len(core) > len(place) + 1:
            return place, core[len(place):]
    return "", core


def _contraction(short: str, long: str) -> bool:
    """`short` keeps the first character of `long` and the rest in order, dropping
    characters from more than one place (浙大 / 浙江大学; not 上海大学 / 上海交通大学,
    which drops one word and is another actor)."""
    if len(short) < 2 or len(short) >= len(long) or short[0] != long[0]:
        return False
    runs, at, gap = 0, 0, False
    for ch in long:
        if at < len(short) and ch == short[at]:
            at += 1
            gap = False
        elif not gap:
            runs, gap = runs + 1, True
    return at == len(short) and runs >= 2


def _lexicon_groups(kind: EntityKind) -> dict[str, str]:
    """Surface → canonical name, for the lexicon terms of one type."""
    from extract.lexicons import default_lexicon

    out = {}
    for surface, terms in default_lexicon().terms.items():
        for term in terms:
            if term.kind is kind:
                out.setdefault(normalise_name(surface), term.canonical)
    return out


def duplicate_candidates(store: GraphStore, curation: Curation, *, limit: int = 50) -> list[Duplicate]:
    """Candidate pairs, most likely first."""
    entities = [e for e in store.entities() if e.kind is not EntityKind.REGION]
    places = sorted({normalise_name(f) for e in store.entities(kinds=[EntityKind.REGION])
                     for f in (e.name, *e.aliases)}, key=len, reverse=True)
    ends: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in store.relations(kinds=PLACE_RELATIONS | PARENT_RELATIONS):
        ends[r.source_id]["place" if r.kind in PLACE_RELATIONS else "parent"].add(r.target_id)
    names = {e.id: e.name for e in store.entities()}
    by_kind: dict[EntityKind, list[Entity]] = defaultdict(list)
    for e in entities:
        by_kind[e.kind].append(e)
    found = []
    for kind, group in by_kind.items():
        lexicon = _lexicon_groups(kind)
        cores = [_core(e.name, places) for e in group]
        keys = [normalise_name(e.name) for e in group]
        scores = process.cdist(keys, keys, scorer=fuzz.ratio, score_cutoff=SIMILAR)
        for i, a in enumerate(group):
            for j in range(i + 1, len(group)):
                b = group[j]
                if frozenset((keys[i], keys[j])) in curation.different:
                    continue
                (pa, ka), (pb, kb) = cores[i], cores[j]
                if pa and pb and pa != pb:  # 上海大学绍兴研究院 / 浙江大学绍兴研究院
                    continue
                score, reasons = 0.0, []
                ca, cb = lexicon.get(keys[i]), lexicon.get(keys[j])
                if ca and ca == cb:
                    score += 0.6
                    reasons.append(f"词表：同为「{ca}」的简称/全称")
                if ka == kb and len(ka) >= 3:
                    score += 0.5
                    reasons.append(f"去掉公司后缀和地名后相同（{ka}）")
                elif _contraction(*sorted((keys[i], keys[j]), key=len)):
                    score += 0.35
                    reasons.append("一个名称是另一个的缩写")
                sim = float(scores[i][j])
                if sim and (min(len(keys[i]), len(keys[j])) > 5 or sim >= 85):
                    score += 0.4 * sim / 100
                    reasons.append(f"名称相似度 {sim:.0f}")
                if not reasons:
                    continue
                for what, label in (("parent", "同属"), ("place", "同在")):
                    shared = ends[a.id][what] & ends[b.id][what]
                    if shared:
                        score += 0.15
                        reasons.append(label + "、".join(sorted(names.get(s, s) for s in shared)))
                if score >= MIN_SCORE:
                    found.append(Duplicate(a.id, b.id, a.name, b.name, kind.value,
                                           round(score, 3), reasons))
    found.sort(key=lambda d: (-d.score, d.a, d.b))
    return [_with_evidence(store, d) for d in found[:limit]]


def _with_evidence(store: GraphStore, dup: Duplicate) -> Duplicate:
    from graph.curation.queue import evidence_items

    paths = {d.id: d.path for d in store.documents()}
    found = []
    for eid in (dup.a, dup.b):
        found += evidence_items([m.evidence for m in store.mentions(eid)], paths)[:1]
    return replace(dup, evidence=found)
