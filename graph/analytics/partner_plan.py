"""Research partners a planner can act on, scored 0–100 as named parts.

For an enterprise, a chain or a region, the candidates are research actors
(universities, institutes, labs, platforms) that serve the same chain. Each score is a
sum of three parts, shown as parts:

- chain fit (0–45): the same segment 45, the same chain 30, a neighbouring chain 12
  (one that at least two actors of the graph serve together with the source's chain);
  for a region, scaled by how much its documents stress the chain (`emphasis`: from a
  half for a chain named in passing to the whole for its main chain);
- proximity (0–35): the same district 35, city 28, province 20, elsewhere 6, not
  known 0 (from the region hierarchy of `data/lexicons/regions.tsv`; economic regions
  are not places);
- evidence (0–20): 4 per document that names the candidate (at most 3) plus 2 per
  relation it has in the graph (at most 4).

Partners that already exist (linked to the source, or inside the region asked about)
are a separate list. A parent organisation gives way to its members that serve the
chain: 中国科学院 is not suggested when one of its institutes is.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import networkx as nx

from graph.analytics.chains import ChainIndex, chain_of_industry
from graph.analytics.partners import chain_link_reason
from graph.analytics.reasons import Reason
from graph.analytics.scope import RegionScope, actor_places, nearest_tier
from graph.analytics.taxonomy import Taxonomy, default_taxonomy
from graph.errors import EntityNotFound
from graph.model import EntityKind, Relation, RelationKind
from graph.regions import TIERS, RegionHierarchy, default_hierarchy

#: who can be suggested
RESEARCH_ACTORS = frozenset({EntityKind.UNIVERSITY.value, EntityKind.INSTITUTE.value,
                             EntityKind.LAB.value, EntityKind.PLATFORM.value})
FIT_POINTS = {"segment": 45, "chain": 30, "neighbour": 12, "wider": 12}
PROXIMITY_POINTS = {"district": 35, "city": 28, "province": 20, "elsewhere": 6, "unknown": 0}
DOC_POINTS, DOC_CAP, FACT_POINTS, FACT_CAP = 4, 3, 2, 4
_NEAR_CODES = {"district": "near_district", "city": "near_city", "province": "near_province",
               "elsewhere": "near_elsewhere"}


@dataclass(frozen=True)
class ScoredPartner:
    """A research actor, its score as named parts, and the reasons with their evidence."""

    id: str
    name: str
    kind: str
    score: int  #: 0–100, the sum of `parts`
    parts: Mapping[str, int]  #: chain_fit, proximity, evidence
    reasons: tuple[Reason, ...]
    #: {part, doc_id, sentence}: the sentences behind the parts (chain_fit, proximity,
    #: evidence), those of `grounds` once a store has filled them in
    evidence: tuple[dict, ...] = ()
    #: (part, relation) the chain fit and the proximity rest on, for their sentences
    grounds: tuple[tuple[str, Relation], ...] = ()

    def to_dict(self, lang: str = "zh") -> dict:
        return {"id": self.id, "name": self.name, "kind": self.kind, "score": self.score,
                "parts": dict(self.parts), "reasons": [r.text(lang) for r in self.reasons],
                "evidence": list(self.evidence)}


@dataclass(frozen=True)
class PartnerPlan:
    """Suggestions for one source, and the partners it already has."""

    source_id: str
    source_name: str
    source_kind: str
    place: str  #: the place proximity is measured from ("" when not known)
    chains: tuple[str, ...]  #: the chain ids the source serves
    suggestions: tuple[ScoredPartner, ...]
    existing: tuple[ScoredPartner, ...] = field(default_factory=tuple)

    def to_dict(self, lang: str = "zh") -> dict:
        return {"source": {"id": self.source_id, "name": self.source_name,
                           "kind": self.source_kind, "place": self.place,
                           "chains": list(self.chains)},
                "partners": [s.to_dict(lang) for s in self.suggestions],
                "existing": [s.to_dict(lang) for s in self.existing]}


def plan_partners(graph: nx.MultiDiGraph, source_id: str, links: ChainIndex, *,
                  taxonomy: Taxonomy | None = None, scope: RegionScope | None = None,
                  region_chains: Mapping[str, int] | None = None,
                  mentions: Mapping[str, list] | None = None,
                  known: frozenset[str] | set[str] = frozenset(),
                  doc_places: Mapping[str, str] | None = None,
                  wider: Mapping[str, str] | None = None,
                  emphasis: Mapping[str, float] | None = None,
                  hierarchy: RegionHierarchy | None = None, top: int = 10) -> PartnerPlan:
    """Score the research actors serving the source's chains (see the module docstring).

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        As exported by ``GraphStore.to_networkx()``.
    source_id : str
        An entity id (enterprise, actor, IndustryChain, Region) or a taxonomy chain id.
    links : ChainIndex
        The chain links of `graph`.
    scope : RegionScope, optional
        The planner's region: proximity is measured from it and the research actors
        inside it are existing partners. Defaults to the source's scope for a Region.
    region_chains : mapping, optional
        Chain id -> weight of the chains a region's documents name (for a Region source).
    mentions : mapping, optional
        Entity id -> mentions, for the evidence part and sentences.
    known : set of entity ids, optional
        Further existing partners (for a region: the actors its own documents name).
    doc_places : mapping, optional
        Document id -> the place it is about, for actors the graph does not place.
    wider : mapping, optional
        Chain id -> the enclosing place whose chain it is (for a region whose own
        documents name few chains): scored as a neighbouring chain.
    emphasis : mapping, optional
        Chain id -> factor (0.5–1) applied to the chain fit of chain-level matches.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("Region:绍兴", kind="Region", name="绍兴")
    >>> g.add_node("Region:上虞", kind="Region", name="上虞")
    >>> g.add_node("Enterprise:甲纺织公司", kind="Enterprise", name="甲纺织公司")
    >>> g.add_node("Institute:乙纺织研究院", kind="Institute", name="乙纺织研究院")
    >>> for u, v in [("Region:上虞", "Region:绍兴"), ("Enterprise:甲纺织公司", "Region:上虞"),
    ...              ("Institute:乙纺织研究院", "Region:绍兴")]:
    ...     _ = g.add_edge(u, v, key="LOCATED_IN")
    >>> plan = plan_partners(g, "Enterprise:甲纺织公司", ChainIndex(g, default_taxonomy()))
    >>> [(s.name, s.score, dict(s.parts)) for s in plan.suggestions]
    [('乙纺织研究院', 75, {'chain_fit': 45, 'proximity': 28, 'evidence': 2})]
    >>> [r.text() for r in plan.suggestions[0].reasons][:2]
    ['服务现代纺织的同一环节：纺纱织造', '位于同一城市：绍兴']
    """
    taxonomy = taxonomy or links.taxonomy or default_taxonomy()
    hierarchy = hierarchy or default_hierarchy()
    mentions = mentions or {}
    chains = {c.id: c for c in taxonomy.chains}
    nodes = graph.nodes
    source_kind, source_name, wanted = _source(graph, source_id, links, chains, taxonomy,
                                               region_chains)
    if source_kind == EntityKind.REGION.value:
        place = source_name
    elif scope is not None:
        place = scope.name
    elif source_id not in graph:  # a taxonomy chain: no place of its own
        place = ""
    else:
        place = next((p for p in actor_places(graph, source_id, mentions, hierarchy, doc_places)
                      if hierarchy.canonical(p)), "")
    neighbours = _neighbour_chains(links, {c for c, _ in wanted})
    linked = set(nx.all_neighbors(graph, source_id)) if source_id in graph else set()

    scored: dict[str, tuple[ScoredPartner, int]] = {}
    for node in sorted(links):
        if node == source_id or nodes[node].get("kind") not in RESEARCH_ACTORS:
            continue
        fit = _fit(links[node], wanted, neighbours, chains, wider or {})
        if fit is None:
            continue
        points, fit_reason, fit_link = fit
        fit_chain = fit_link.chain
        if fit_reason.code != "fit_segment":
            points = round(points * (emphasis or {}).get(fit_chain, 1.0))
        tier, distance, where = nearest_tier(
            hierarchy, place, actor_places(graph, node, mentions, hierarchy, doc_places)) \
            if place else (len(TIERS), 99, None)
        tier_name = TIERS[tier] if tier < len(TIERS) else "unknown"
        near = PROXIMITY_POINTS[tier_name] if where else 0
        docs = {m.evidence.doc_id for m in mentions.get(node, ())}
        facts = graph.degree(node)
        evidence = min(len(docs), DOC_CAP) * DOC_POINTS + min(facts, FACT_CAP) * FACT_POINTS
        reasons = [fit_reason,
                   Reason(_NEAR_CODES[tier_name],
                          ((hierarchy.shared(place, where) if tier_name != "elsewhere" else None)
                           or where,)) if where else Reason("place_unknown"),
                   Reason("evidence_count", (str(len(docs)), str(facts)))]
        said = mentions.get(node, ())
        keyword = [m for m in said if fit_link.reason == "evidence"
                   and fit_link.via in m.evidence.sentence][:1]
        sentences = tuple({"part": part, "doc_id": m.evidence.doc_id,
                           "sentence": m.evidence.sentence}
                          for part, ms in (("chain_fit", keyword), ("evidence", said[:3]))
                          for m in ms)
        partner = ScoredPartner(node, nodes[node].get("name", node), nodes[node]["kind"],
                                points + near + evidence,
                                {"chain_fit": points, "proximity": near, "evidence": evidence},
                                tuple(reasons), sentences,
                                _grounds(graph, node, fit_link, where is not None))
        scored[node] = (partner, points)
    _members_first(graph, scored)
    ranked = sorted((p for p, _ in scored.values()), key=lambda p: (-p.score, p.id))
    inside = (lambda n: n in scope) if scope is not None else (lambda n: False)
    old = linked | set(known)
    existing = [p for p in ranked if p.id in old or inside(p.id)]
    fresh_ = [p for p in ranked if p.id not in old and not inside(p.id)]
    return PartnerPlan(source_id, source_name, source_kind, place or "",
                       tuple(sorted({c for c, _ in wanted})), tuple(fresh_[:top]),
                       tuple(existing[:top]))


def _source(graph, source_id, links, chains, taxonomy, region_chains):
    """(kind, name, {(chain id, segment id or None)}) of the source."""
    if source_id in graph:
        data = graph.nodes[source_id]
        kind, name = data.get("kind", ""), data.get("name", source_id)
        if kind == EntityKind.INDUSTRY_CHAIN.value:
            chain = chain_of_industry(graph, source_id, taxonomy)
            wanted = {(chain, None)} if chain else set()
        elif kind == EntityKind.REGION.value:
            wanted = {(c, None) for c in (region_chains or {})}
        else:
            wanted = {(l.chain, l.segment) for l in links.get(source_id, ())}
        return kind, name, wanted
    chain_id = source_id.removeprefix("chain:")
    if chain_id in chains:
        return "chain", chains[chain_id].name, {(chain_id, None)}
    raise EntityNotFound(f"{source_id!r} is neither an entity of the graph nor a chain id "
                         "(one of " + ", ".join(sorted(chains)) + ")")


def _neighbour_chains(links: ChainIndex, own: set[str]) -> dict[str, str]:
    """Chain id -> the source chain it neighbours: served together by >= 2 actors."""
    together: dict[tuple[str, str], int] = {}
    for node in links:
        served = links.chains_of(node)
        for a in served & own:
            for b in served - own:
                together[(b, a)] = together.get((b, a), 0) + 1
    out: dict[str, str] = {}
    for (b, a), n in sorted(together.items()):
        if n >= 2:
            out.setdefault(b, a)
    return out


def _grounds(graph: nx.MultiDiGraph, node: str, link, placed: bool
             ) -> tuple[tuple[str, Relation], ...]:
    """The relations the chain fit (a FOCUSES_ON, or the link to the park or parent the
    chain comes through) and the proximity (the first LOCATED_IN) rest on."""
    out = []
    if link.reason in ("focuses_on", "neighbour") and link.via in graph:
        for u, v in ((node, link.via), (link.via, node)):
            keys = sorted(graph.get_edge_data(u, v) or {})
            if keys:
                out.append(("chain_fit", Relation.make(u, keys[0], v)))
                break
    if placed:
        located = sorted(v for _, v, key in graph.out_edges(node, keys=True)
                         if key == RelationKind.LOCATED_IN.value)
        if located:
            out.append(("proximity", Relation.make(node, RelationKind.LOCATED_IN, located[0])))
    return tuple(out)


def _fit(node_links, wanted, neighbours, chains, wider) -> tuple[int, Reason, object] | None:
    """The best chain fit of a candidate, with its reason (grounds attached)."""
    wanted_chains = {c for c, _ in wanted}
    wanted_segments = {(c, s) for c, s in wanted if s}
    best = None
    for link in node_links:
        grounds = (chain_link_reason(link),)
        if link.segment and (link.chain, link.segment) in wanted_segments:
            seg = next(s for s in chains[link.chain].segments if s.id == link.segment)
            cand = (FIT_POINTS["segment"], Reason("fit_segment", (chains[link.chain].name,
                                                                  seg.name), because=grounds))
        elif link.chain in wanted_chains:
            cand = (FIT_POINTS["chain"], Reason("fit_chain", (chains[link.chain].name,),
                                                because=grounds))
        elif link.chain in neighbours:
            cand = (FIT_POINTS["neighbour"], Reason(
                "fit_neighbour", (chains[link.chain].name, chains[neighbours[link.chain]].name),
                because=grounds))
        elif link.chain in wider:
            cand = (FIT_POINTS["wider"], Reason("fit_wider", (chains[link.chain].name,
                                                              wider[link.chain]), because=grounds))
        else:
            continue
        if best is None or cand[0] > best[0]:
            best = (*cand, link)
    return best


def _members_first(graph: nx.MultiDiGraph, scored: dict[str, tuple[ScoredPartner, int]]) -> None:
    """Drop each parent organisation one of whose members serves the chain as well."""
    affiliated = RelationKind.AFFILIATED_WITH.value
    for parent in list(scored):
        members = [u for u, _, key in graph.in_edges(parent, keys=True)
                   if key == affiliated and u in scored]
        if not members:
            continue
        del scored[parent]
        for m in members:
            if m not in scored:
                continue
            partner, fit = scored[m]
            name = graph.nodes[parent].get("name", parent)
            scored[m] = (replace(partner, reasons=(*partner.reasons,
                                                   Reason("member_of", (name,)))), fit)
