"""Rank candidate research partners for an actor, a chain or a region."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx

from graph.analytics.chains import ChainIndex, ChainLink, chain_of_industry
from graph.analytics.reasons import Reason
from graph.analytics.taxonomy import Taxonomy, default_taxonomy
from graph.errors import EntityNotFound
from graph.model import EntityKind, RelationKind

#: Who can be suggested: research partners.
RESEARCH_KINDS = (EntityKind.UNIVERSITY, EntityKind.INSTITUTE, EntityKind.LAB)
#: Sources that are contexts rather than actors: their direct links are the answer.
CONTEXT_SOURCES = frozenset({EntityKind.INDUSTRY_CHAIN.value, EntityKind.REGION.value,
                             EntityKind.PARK.value, "chain"})
CHAIN_PREFIX = "chain:"
#: The reason code of each `ChainLink.reason`: the one place chain links become Reasons.
CHAIN_LINK_CODES = {"focuses_on": "focuses_on", "name": "name_contains",
                    "lexicon": "listed_company", "evidence": "described_with",
                    "neighbour": "inherits_chain"}


@dataclass(frozen=True)
class PartnerSuggestion:
    """A candidate research partner, its score and why it was suggested."""

    id: str
    name: str
    kind: str
    score: float
    reasons: tuple[Reason, ...]  #: ``str(reason)`` is the English sentence


def recommend_partners(graph: nx.MultiDiGraph, source_id: str, taxonomy: Taxonomy | None = None,
                       *, top: int = 10, links: Mapping[str, list[ChainLink]] | None = None,
                       mentions: Mapping[str, list[str]] | None = None,
                       include_linked: bool | None = None, cooperation_weight: float = 0.1,
                       kinds: Iterable[EntityKind] = RESEARCH_KINDS) -> list[PartnerSuggestion]:
    """Rank research partners (universities, institutes, labs) for any entity or chain.

    The graph is viewed undirected, with every actor also joined to a node per taxonomy
    chain it serves (`link_chains`; the IndustryChain entities of one chain are merged
    into that node). A candidate ``c`` of the source ``s`` then scores::

        score = linked(s, c) + RA(s, c) + cooperation_weight * k / (k + 1)

    - ``RA`` is the resource-allocation index [1]_ (`networkx.resource_allocation_index`):
      the sum of ``1 / degree(z)`` over the common neighbours ``z`` -- a shared chain,
      the same park or region, or an actor both are linked to (neighbour of a
      neighbour). Crowded neighbours (a whole city) count for little.
    - ``linked`` is 1 when ``c`` is directly linked to ``s``. Direct links are kept when
      the source is a context (a chain, region or park: its members are the answer) and
      dropped for an actor, whose existing partners are no news (`include_linked`).
    - ``k`` is the number of actors ``c`` already COOPERATES_WITH elsewhere.

    Only candidates with a direct link or a common neighbour are suggested.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        As exported by ``GraphStore.to_networkx()``.
    source_id : str
        An entity id, or a taxonomy chain id such as ``"integrated_circuit"``.
    taxonomy : Taxonomy, optional
        Defaults to ``data/chains/``.
    top : int
        How many suggestions to return at most.
    links : mapping or ChainIndex, optional
        Precomputed `link_chains` output (saves recomputing it for many sources). A
        `ChainIndex` built on this very graph also caches the chain nodes' members.
    mentions : mapping, optional
        Evidence text per entity, passed to `link_chains` when `links` is not given.
    include_linked : bool, optional
        Keep candidates already linked to the source; default: only for contexts.
    cooperation_weight : float
        Weight of the bonus for candidates that already cooperate elsewhere.
    kinds : iterable of EntityKind
        The kinds that may be suggested.

    Returns
    -------
    list of PartnerSuggestion
        By score (highest first), then id.

    Raises
    ------
    EntityNotFound
        When `source_id` is neither a node of the graph nor a taxonomy chain id.

    References
    ----------
    .. [1] T. Zhou, L. Lü, Y.-C. Zhang. "Predicting missing links via local information".
       Eur. Phys. J. B 71 (2009) 623-630.

    Examples
    --------
    An enterprise in a park where one institute sits; a second institute elsewhere:

    >>> g = nx.MultiDiGraph()
    >>> for node, kind in [("Enterprise:甲公司", "Enterprise"), ("Park:乙园区", "Park"),
    ...                    ("Institute:丙研究院", "Institute"), ("Institute:丁研究院", "Institute")]:
    ...     g.add_node(node, kind=kind, name=node.split(":")[1])
    >>> _ = g.add_edge("Enterprise:甲公司", "Park:乙园区", key="LOCATED_IN")
    >>> _ = g.add_edge("Institute:丙研究院", "Park:乙园区", key="LOCATED_IN")
    >>> (s,) = recommend_partners(g, "Enterprise:甲公司")
    >>> s.id, s.score, [str(r) for r in s.reasons]
    ('Institute:丙研究院', 0.5, ['same park: 乙园区'])
    """
    taxonomy = taxonomy or default_taxonomy()
    if top < 1:
        raise ValueError(f"top must be at least 1, not {top}")
    if links is None:
        links = ChainIndex(graph, taxonomy, mentions=mentions)
    view = _PartnerView(graph, taxonomy, links)
    source = view.node_for(source_id)
    source_kind = view.kind(source)
    if include_linked is None:
        include_linked = source_kind in CONTEXT_SOURCES
    wanted = {EntityKind(k).value for k in kinds}

    local = nx.Graph()
    first = view.neighbours(source)
    local.add_edges_from((source, z) for z in first)
    for z in first:
        local.add_edges_from((z, w) for w in view.neighbours(z))
    candidates = sorted(c for c in local if c != source and view.kind(c) in wanted)
    pairs = [(source, c) for c in candidates]
    ra = {c: p for _, c, p in nx.resource_allocation_index(local, pairs)} if pairs else {}

    out = []
    for c in candidates:
        linked = c in first
        if linked and not include_linked:
            continue
        common = sorted(first.intersection(local[c]))  # O(degree of c), not O(|first|)
        if not linked and not common:
            continue
        reasons = []
        if linked:
            reasons.append(view.describe_link(source, c))
        implied = {l.via for l in links.get(c, ()) if l.reason == "neighbour"} if linked else set()
        reasons += [view.describe_common(z, source) for z in common if z not in implied]
        k = view.cooperations(c, exclude=source)
        if k:
            reasons.append(Reason("cooperates_with" if k > 1 else "cooperates_with_one", (str(k),)))
        score = (1.0 if linked else 0.0) + ra.get(c, 0.0) + cooperation_weight * k / (k + 1)
        out.append(PartnerSuggestion(c, view.name(c), view.kind(c), round(score, 4),
                                     tuple(reasons)))
    out.sort(key=lambda s: (-s.score, s.id))
    return out[:top]


def _chain_nodes(graph: nx.MultiDiGraph, taxonomy: Taxonomy,
                 links: Mapping[str, list[ChainLink]], industry_chains: Mapping | None
                 ) -> tuple[dict[str, str], dict[str, set[str]]]:
    """The IndustryChain nodes merged into each chain node, and each chain node's members."""
    merged: dict[str, str] = {}  # IndustryChain node -> chain node
    if industry_chains is None:
        industry_chains = {node: chain_of_industry(graph, node, taxonomy)
                           for node, kind in graph.nodes(data="kind")
                           if kind == EntityKind.INDUSTRY_CHAIN.value}
    for node, chain in industry_chains.items():
        if chain:
            merged[node] = CHAIN_PREFIX + chain
    members: dict[str, set[str]] = {}
    if isinstance(links, ChainIndex):
        for chain, buckets in links.served.items():
            members[CHAIN_PREFIX + chain] = {n for n in buckets[""] if n not in merged}
        members = {c: m for c, m in members.items() if m}
    else:
        for node, node_links in links.items():
            if node in merged:
                continue
            for link in node_links:
                members.setdefault(CHAIN_PREFIX + link.chain, set()).add(node)
    for node, chain_node in merged.items():  # e.g. a Region FOCUSES_ON the chain
        members.setdefault(chain_node, set()).update(
            merged.get(n, n) for n in nx.all_neighbors(graph, node))
    return merged, members


class _PartnerView:
    """The undirected actor + chain-node view `recommend_partners` scores on."""

    def __init__(self, graph: nx.MultiDiGraph, taxonomy: Taxonomy,
                 links: Mapping[str, list[ChainLink]]):
        if not isinstance(graph, (nx.DiGraph, nx.MultiDiGraph)):
            raise TypeError("recommend_partners needs the directed graph exported by "
                            "GraphStore.to_networkx()")
        self.graph, self.taxonomy, self.links = graph, taxonomy, links
        self.chains = {c.id: c for c in taxonomy.chains}
        if isinstance(links, ChainIndex) and links.graph is graph \
                and links.taxonomy is taxonomy:  # built once per graph, not per call
            self.merged, self._members = links.memo("partners", lambda: _chain_nodes(
                graph, taxonomy, links, links.industry_chains))
        else:
            self.merged, self._members = _chain_nodes(graph, taxonomy, links, None)

    def _map(self, node: str) -> str:
        return self.merged.get(node, node)

    def node_for(self, source_id: str) -> str:
        if source_id in self.graph:
            return self._map(source_id)
        chain_id = source_id.removeprefix(CHAIN_PREFIX)
        if chain_id in self.chains:
            return CHAIN_PREFIX + chain_id
        raise EntityNotFound(f"{source_id!r} is neither an entity of the graph nor a chain id "
                             "(one of " + ", ".join(sorted(self.chains)) + ")")

    def kind(self, node: str) -> str:
        if node.startswith(CHAIN_PREFIX) and node not in self.graph:
            return "chain"
        return self.graph.nodes[node].get("kind", "")

    def name(self, node: str) -> str:
        if self.kind(node) == "chain":
            return self.chains[node.removeprefix(CHAIN_PREFIX)].name
        return self.graph.nodes[node].get("name", node)

    def neighbours(self, node: str) -> set[str]:
        if self.kind(node) == "chain":
            return self._members.get(node, set()) - {node}
        out = {self._map(n) for n in nx.all_neighbors(self.graph, node)}
        out |= {CHAIN_PREFIX + l.chain for l in self.links.get(node, ())}
        out.discard(node)
        return out

    def relations(self, a: str, b: str) -> list[str]:
        g = self.graph
        kinds = set()
        for u, v in ((a, b), (b, a)):
            if u in g and v in g and g.has_edge(u, v):
                data = g.get_edge_data(u, v)
                kinds.update(data.keys() if g.is_multigraph() else [data.get("kind", "")])
        return sorted(kinds)

    def describe_link(self, source: str, c: str) -> Reason:
        if self.kind(source) == "chain":
            return Reason("serves", (self.name(source),), because=self._why(c, source))
        rel = tuple(self.relations(source, c))
        if not rel:
            return Reason("already_linked_by_chain", (self.name(source),))
        return Reason("already_linked", (self.name(source),), relations=rel)

    def _why(self, node: str, chain_node: str) -> tuple[Reason, ...]:
        chain = chain_node.removeprefix(CHAIN_PREFIX)
        own = [l for l in self.links.get(node, ()) if l.chain == chain]
        names = {l.via: self.name(l.via) for l in own if l.via in self.graph}
        reasons = sorted({chain_link_reason(l, names) for l in own}, key=str)
        return tuple(reasons) or (Reason("linked_to_chain"),)

    def describe_common(self, z: str, source: str) -> Reason:
        kind, name = self.kind(z), self.name(z)
        if self.kind(source) == "chain" and kind != "chain":
            place = kind in (EntityKind.REGION.value, EntityKind.PARK.value)
            return Reason("place_serves" if place else "neighbour_serves",
                          (name, self.name(source)))
        code = {"chain": "shared_chain", EntityKind.REGION.value: "same_region",
                EntityKind.PARK.value: "same_park"}.get(kind, "via_neighbour")
        return Reason(code, (name,))

    def cooperations(self, node: str, *, exclude: str) -> int:
        g = self.graph
        if node not in g:
            return 0
        coop = RelationKind.COOPERATES_WITH.value
        others = set()
        for u, v, key in _edges(g, node):
            if key == coop:
                other = v if u == node else u
                if other != exclude:
                    others.add(other)
        return len(others)


def chain_link_reason(link: ChainLink, names: Mapping[str, str] | None = None) -> Reason:
    """`link` as a Reason; `names` gives the display name of an entity `via`.

    ``str()`` of the result is ``link.describe(names)``.
    """
    code = CHAIN_LINK_CODES[link.reason]
    if link.reason == "lexicon":
        return Reason(code)
    return Reason(code, ((names or {}).get(link.via, link.via),))


def _edges(g: nx.MultiDiGraph, node: str):
    if g.is_multigraph():
        yield from g.out_edges(node, keys=True)
        yield from g.in_edges(node, keys=True)
    else:
        for u, v, d in list(g.out_edges(node, data=True)) + list(g.in_edges(node, data=True)):
            yield u, v, d.get("kind", "")
