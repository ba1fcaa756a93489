"""Per-chain coverage: who serves each chain and segment, and where the gaps are."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import networkx as nx

from graph.analytics.chains import (ChainIndex, ChainLink, chain_of_industry, chains_served,
                                    mention_clauses)
from graph.analytics.scope import RegionScope
from graph.analytics.taxonomy import Capability, Chain, Taxonomy, default_taxonomy
from graph.stores import GraphStore


@dataclass(frozen=True)
class Gap:
    """A missing capability of a chain or one of its segments, with the reason."""

    capability: str  #: capability id, or "segment" for a segment with no actor at all
    segment: str | None  #: None for a chain-level gap
    reason: str  #: in Chinese
    reason_en: str


@dataclass(frozen=True)
class SegmentReport:
    """The actors placed in one segment, by capability."""

    id: str
    name: str
    stage: str
    actors: Mapping[str, tuple[str, ...]]  #: capability id -> entity ids
    gaps: tuple[Gap, ...]
    name_en: str = ""


@dataclass(frozen=True)
class ChainReport:
    """One chain: its actors by capability, its segments, gaps and coverage score."""

    chain: str
    name: str
    name_en: str
    actors: Mapping[str, tuple[str, ...]]  #: capability id -> entity ids (whole chain)
    segments: tuple[SegmentReport, ...]
    gaps: tuple[Gap, ...]
    coverage: float  #: 0..1, see `chain_gaps`
    names: Mapping[str, str] = field(default_factory=dict)  #: entity id -> display name
    region: str = ""  #: the region the actors were counted in ("" for the whole store)
    #: `gap_key` -> the nearest actors outside the region that have the missing capability
    candidates: Mapping[str, tuple[GapCandidate, ...]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """A JSON-ready view with entity names beside ids."""
        def named(ids):
            return [{"id": i, "name": self.names.get(i, i)} for i in ids]

        def gap(g: Gap) -> dict:
            found = self.candidates.get(gap_key(g))
            return g.__dict__ | ({"candidates": [c.__dict__ for c in found]}
                                 if found is not None else {})
        return {"chain": self.chain, "name": self.name, "name_en": self.name_en,
                "coverage": self.coverage, **({"region": self.region} if self.region else {}),
                "actors": {c: named(ids) for c, ids in self.actors.items()},
                "segments": [{"id": s.id, "name": s.name, "stage": s.stage,
                              "actors": {c: named(ids) for c, ids in s.actors.items()},
                              "gaps": [gap(g) for g in s.gaps]} for s in self.segments],
                "gaps": [gap(g) for g in self.gaps]}


@dataclass(frozen=True)
class GapCandidate:
    """An actor outside the region that has a capability the region lacks in a chain."""

    id: str
    name: str
    kind: str
    place: str  #: the nearest place it is in ("" when the documents do not say)
    tier: str  #: district / city / province / elsewhere (`graph.regions.TIERS`)
    distance: int | None  #: steps through the region hierarchy to the region
    evidence: dict | None = None  #: {doc_id, sentence} of its first mention


def gap_key(gap: Gap) -> str:
    """The key of a gap in `ChainReport.candidates`: segment and capability."""
    return f"{gap.segment or ''}:{gap.capability}"


def chain_gaps(store_or_graph: GraphStore | nx.MultiDiGraph, taxonomy: Taxonomy | None = None,
               *, chain: str | None = None, use_evidence: bool = True,
               links: Mapping[str, list[ChainLink]] | None = None,
               scope: RegionScope | None = None) -> list[ChainReport]:
    """Who serves each industry chain and segment, what is missing, and a coverage score.

    Actors are placed by `link_chains`. For the chain and each segment, the actors are
    grouped by the capability columns of ``capabilities.yaml`` (research partners, labs,
    platforms, parks, alliances, enterprises). A capability with no actor is a gap when
    its ``flag_when`` condition holds (e.g. "enterprises but no research partner"); a
    segment no actor serves is a gap of its own, and inside a served segment only the
    conditional gaps are flagged.

    The coverage of a chain is the mean of ``len(capabilities) + 1`` columns: one per
    capability (1 if any actor of the chain has it, else 0) and one for the segments (the
    share of segments at least one actor is placed in)::

        coverage = (present capabilities + served segments / segments) / (capabilities + 1)

    Parameters
    ----------
    store_or_graph : GraphStore or networkx.MultiDiGraph
        A store (its graph is exported, and with `use_evidence` its mention clauses are
        read) or an exported graph.
    taxonomy : Taxonomy, optional
        Defaults to ``data/chains/``.
    chain : str, optional
        Report only this chain (id, name or synonym), even if no document touches it.
    use_evidence : bool
        With a store, also place actors by the words around their mentions.
    links : mapping or ChainIndex, optional
        Precomputed `link_chains` output. A `ChainIndex` built on this very graph also
        caches who serves each chain and segment, so calls after the first skip every
        pass over the entities.
    scope : RegionScope, optional
        Count only the actors inside this region; report the chains its actors serve or
        its places focus on (`graph.analytics.scope.region_scope`).

    Returns
    -------
    list of ChainReport
        The chains some entity is linked to, by coverage (lowest first), then id.

    Raises
    ------
    KeyError
        When `chain` is not in the taxonomy (the message lists the valid ids).

    Examples
    --------
    A textile park hosting one enterprise, with no research partner nearby:

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("Park:柯桥高新区", kind="Park", name="柯桥高新区")
    >>> g.add_node("Enterprise:某染整公司", kind="Enterprise", name="某染整公司")
    >>> g.add_node("IndustryChain:现代纺织", kind="IndustryChain", name="现代纺织")
    >>> _ = g.add_edge("Park:柯桥高新区", "IndustryChain:现代纺织", key="FOCUSES_ON")
    >>> _ = g.add_edge("Enterprise:某染整公司", "Park:柯桥高新区", key="LOCATED_IN")
    >>> (report,) = chain_gaps(g)
    >>> report.chain, report.actors["enterprise"], report.actors["research"]
    ('modern_textile', ('Enterprise:某染整公司',), ())
    >>> [g.reason_en for g in report.gaps if g.segment is None]
    ['enterprises but no research partner', 'enterprises but no laboratory', 'no innovation platform (R&D or public service platform)', 'no industry or technology-innovation alliance']
    >>> report.coverage  # park + enterprise of 6 capabilities, 1 of 5 segments: (2 + 0.2) / 7
    0.314
    """
    taxonomy = taxonomy or default_taxonomy()
    wanted = taxonomy.chain(chain) if chain is not None else None
    if isinstance(store_or_graph, GraphStore):
        graph = store_or_graph.to_networkx()
        if links is None:
            mentions = mention_clauses(store_or_graph) if use_evidence else None
            links = ChainIndex(graph, taxonomy, mentions=mentions)
    elif isinstance(store_or_graph, (nx.MultiDiGraph, nx.DiGraph)):
        graph = store_or_graph
    else:
        raise TypeError("chain_gaps needs a GraphStore or the networkx graph it exports, not "
                        f"{type(store_or_graph).__name__}")
    if links is None:
        links = ChainIndex(graph, taxonomy)
    columns = _columns(taxonomy.capabilities)
    if isinstance(links, ChainIndex) and links.graph is graph:
        served = links.served_by_kind

        def grouped(chain_id: str) -> _Grouped:  # cached on the index: per graph, not per call
            return links.memo(("chain_gaps", columns, chain_id), lambda: _group_by_kind(
                chain_id, served.get(chain_id, {"": {}}), columns, graph))
    else:
        served = chains_served(links)
        kinds = dict(graph.nodes(data="kind"))

        def grouped(chain_id: str) -> _Grouped:
            return _group(served.get(chain_id, {"": set()}), kinds, columns, graph)
    if scope is not None:
        whole = grouped

        def grouped(chain_id: str) -> _Grouped:
            actors, names = whole(chain_id)
            kept = {seg: {cap: tuple(i for i in ids if i in scope) for cap, ids in caps.items()}
                    for seg, caps in actors.items()}
            return kept, {i: n for i, n in names.items() if i in scope}
        named = _chains_named_by(graph, scope, taxonomy)
        chains = [wanted] if wanted else [
            c for c in taxonomy.chains
            if c.id in named or (c.id in served and any(grouped(c.id)[0][""].values()))]
    else:
        chains = [wanted] if wanted else [c for c in taxonomy.chains if c.id in served]
    reports = [_report(c, grouped(c.id), taxonomy) for c in chains]
    if scope is not None:
        reports = [replace(r, region=scope.name) for r in reports]
    return sorted(reports, key=lambda r: (r.coverage, r.chain))


def _chains_named_by(graph: nx.MultiDiGraph, scope: RegionScope, taxonomy: Taxonomy) -> set[str]:
    """The chains the region's places (the region and its districts) FOCUSES_ON."""
    found = set()
    for node in scope.members:
        if node in graph and graph.nodes[node].get("kind") == "Region":
            for _, target, key in graph.out_edges(node, keys=True):
                if key == "FOCUSES_ON":
                    chain = chain_of_industry(graph, target, taxonomy)
                    if chain:
                        found.add(chain)
    return found


#: (capability id -> entity ids) for the chain ("") and each served segment id, and the
#: display name of each actor of the chain.
_Grouped = tuple[dict[str, dict[str, tuple[str, ...]]], dict[str, str]]


def _columns(capabilities: tuple[Capability, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(capability id, the entity kind values it groups) per capability, in order."""
    return tuple((cap.id, tuple(dict.fromkeys(k.value for k in cap.entity_types)))
                 for cap in capabilities)


def _group(served: Mapping[str, set[str]], kinds: Mapping[str, str],
           columns: tuple[tuple[str, tuple[str, ...]], ...], graph: nx.MultiDiGraph) -> _Grouped:
    """`_group_by_kind` for a `chains_served` bucket of plain links."""
    by_kind = {}
    for segment, ids in served.items():
        by_kind[segment] = groups = {}
        for i in sorted(ids):  # one kind look-up per actor, not one per actor and capability
            kind = kinds.get(i)
            if kind in groups:
                groups[kind].append(i)
            else:
                groups[kind] = [i]
    return _group_by_kind("", by_kind, columns, graph)


def _group_by_kind(chain_id: str, served: Mapping[str, Mapping[str | None, list[str]]],
                   columns: tuple[tuple[str, tuple[str, ...]], ...],
                   graph: nx.MultiDiGraph) -> _Grouped:
    """Sorted entity ids per capability, from sorted entity ids per kind."""
    actors = {segment: {cap: tuple(sorted([i for k in kinds for i in by_kind.get(k, ())]))
                        for cap, kinds in columns}
              for segment, by_kind in served.items()}
    nodes = graph._node
    ids = sorted({i for group in actors[""].values() for i in group})
    return actors, {i: nodes[i].get("name", i) for i in ids}


def _gaps(actors: Mapping[str, tuple[str, ...]], capabilities: tuple[Capability, ...],
          segment: str | None) -> list[Gap]:
    """Absent capabilities whose condition holds; inside a segment only the conditional
    ones ("enterprises but no research partner"): a segment needs no park of its own."""
    present = {c for c, ids in actors.items() if ids}
    return [Gap(cap.id, segment, cap.gap_reason, cap.gap_reason_en) for cap in capabilities
            if cap.id not in present and (present & set(cap.flag_when) if cap.flag_when
                                          else segment is None)]


def _report(chain: Chain, grouped: _Grouped, taxonomy: Taxonomy) -> ChainReport:
    caps = taxonomy.capabilities
    served, names = grouped
    empty = {cap.id: () for cap in caps}
    actors = dict(served[""])
    gaps = _gaps(actors, caps, None)
    segments = []
    for seg in chain.segments:
        seg_actors = dict(served.get(seg.id, empty))
        if any(seg_actors.values()):
            seg_gaps = _gaps(seg_actors, caps, seg.id)
        else:
            seg_gaps = [Gap("segment", seg.id, taxonomy.empty_segment_reason,
                            taxonomy.empty_segment_reason_en)]
        segments.append(SegmentReport(seg.id, seg.name, seg.stage, seg_actors, tuple(seg_gaps),
                                      seg.name_en))
        gaps += seg_gaps
    present = sum(1 for ids in actors.values() if ids)
    served_segments = sum(1 for s in segments if any(s.actors.values()))
    coverage = (present + served_segments / len(chain.segments)) / (len(caps) + 1)
    return ChainReport(chain.id, chain.name, chain.name_en, actors, tuple(segments), tuple(gaps),
                       round(coverage, 3), dict(names))


def capability_matrix(reports: list[ChainReport]) -> list[dict]:
    """Rows of chain x capability counts, for a heatmap.

    Each row holds ``chain``, ``name``, ``coverage`` and one count per capability id, in
    the order of the reports.

    Examples
    --------
    >>> r = ChainReport("tea", "茶叶", "Tea", {"research": ("University:甲",), "lab": ()},
    ...                 (), (), 0.5)
    >>> capability_matrix([r])
    [{'chain': 'tea', 'name': '茶叶', 'coverage': 0.5, 'research': 1, 'lab': 0}]
    """
    return [{"chain": r.chain, "name": r.name, "coverage": r.coverage,
             **{cap: len(ids) for cap, ids in r.actors.items()}} for r in reports]


def gap_candidates(graph: nx.MultiDiGraph, reports: list[ChainReport], scope: RegionScope,
                   links: Mapping[str, list[ChainLink]], taxonomy: Taxonomy | None = None, *,
                   mentions: Mapping[str, list] | None = None, per_gap: int = 3,
                   hierarchy=None, doc_places: Mapping[str, str] | None = None
                   ) -> list[ChainReport]:
    """The reports with, for each gap, the nearest actors outside `scope` that have the
    missing capability in that chain (and segment): same district, city and province
    first, then elsewhere, then by hierarchy distance and how much evidence names them.

    `mentions` (entity id -> mentions, e.g. `GraphStore.mentions_by_entity`) gives each
    candidate its evidence sentence and counts its documents; `doc_places` (document id
    -> the place it is about) places the actors the graph does not (`actor_places`).
    """
    from graph.analytics.scope import actor_places, evidence_of, nearest_tier
    from graph.regions import TIERS, default_hierarchy

    taxonomy = taxonomy or default_taxonomy()
    hierarchy = hierarchy or default_hierarchy()
    mentions = mentions or {}
    served = links.served if isinstance(links, ChainIndex) else chains_served(links)
    kinds_of = {cap.id: {k.value for k in cap.entity_types} for cap in taxonomy.capabilities}
    all_kinds = set().union(*kinds_of.values())
    nodes = graph.nodes
    ranked: dict[str, tuple] = {}

    def rank(node: str) -> tuple:
        if node not in ranked:
            tier, distance, place = nearest_tier(hierarchy, scope.name,
                                                 actor_places(graph, node, mentions, hierarchy,
                                                              doc_places))
            docs = len({m.evidence.doc_id for m in mentions.get(node, ())})
            ranked[node] = (tier, distance, -docs, node, place)
        return ranked[node]

    out = []
    for report in reports:
        buckets = served.get(report.chain, {})
        found: dict[str, tuple[GapCandidate, ...]] = {}
        for gap in report.gaps:
            pool = buckets.get(gap.segment or "", set()) if gap.segment else buckets.get("", set())
            wanted = all_kinds if gap.capability == "segment" else kinds_of.get(gap.capability,
                                                                                set())
            outside = [n for n in pool if n not in scope and n in graph
                       and nodes[n].get("kind") in wanted]
            best = sorted(outside, key=rank)[:per_gap]
            found[gap_key(gap)] = tuple(
                GapCandidate(n, nodes[n].get("name", n), nodes[n].get("kind", ""),
                             rank(n)[4] or "",
                             TIERS[rank(n)[0]] if rank(n)[0] < len(TIERS) else "elsewhere",
                             None if rank(n)[1] == 99 else rank(n)[1], evidence_of(mentions, n))
                for n in best)
        out.append(replace(report, candidates=found))
    return out
