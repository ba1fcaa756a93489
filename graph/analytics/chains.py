"""Link actors to the industry chains and segments they serve, with the reason."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx

from graph.analytics.taxonomy import Taxonomy
from graph.model import EntityKind, RelationKind

#: Entity kinds that are places or chains rather than actors; they are not linked by name.
CONTEXT_KINDS = frozenset({EntityKind.REGION.value, EntityKind.INDUSTRY_CHAIN.value})
#: Relations through which an actor inherits the chains of its neighbour, with the kinds
#: the neighbour may have: LOCATED_IN / PART_OF a park, AFFILIATED_WITH a parent.
INHERIT_THROUGH = {
    RelationKind.LOCATED_IN.value: frozenset({EntityKind.PARK.value}),
    RelationKind.PART_OF.value: frozenset({EntityKind.PARK.value}),
    RelationKind.AFFILIATED_WITH.value: frozenset({
        EntityKind.UNIVERSITY.value, EntityKind.INSTITUTE.value, EntityKind.LAB.value,
        EntityKind.ENTERPRISE.value, EntityKind.PLATFORM.value}),
}
REASONS = ("focuses_on", "name", "evidence", "neighbour")


@dataclass(frozen=True)
class ChainLink:
    """One chain (and segment, when known) an entity serves, and why."""

    chain: str  #: taxonomy chain id
    segment: str | None  #: segment id, or None when only the chain is known
    reason: str  #: focuses_on | name | evidence | neighbour
    via: str  #: the IndustryChain entity id, the keyword, or the neighbour entity id

    def sort_key(self) -> tuple[str, str, int, str]:
        return (self.chain, self.segment or "", REASONS.index(self.reason), self.via)

    def describe(self, names: Mapping[str, str] | None = None) -> str:
        """A short English explanation, e.g. "name contains '纺织'"."""
        via = (names or {}).get(self.via, self.via)
        return {"focuses_on": f"focuses on {via}",
                "name": f"name contains '{via}'",
                "evidence": f"described with '{via}'",
                "neighbour": f"linked to {via}, which serves the chain"}[self.reason]


def chain_of_industry(graph: nx.MultiDiGraph, node: str, taxonomy: Taxonomy) -> str | None:
    """The taxonomy chain an IndustryChain node stands for: its ``chain`` attribute when the
    taxonomy knows it, else its name or aliases by name/synonym; None when none fits."""
    data = graph.nodes[node]
    known = {c.id for c in taxonomy.chains}
    if data.get("chain") in known:
        return data["chain"]
    for name in (data.get("name", ""), *data.get("aliases", ())):
        chain = taxonomy.chain_for_name(name) if name else None
        if chain is not None:
            return chain.id
    return None


def link_chains(graph: nx.MultiDiGraph, taxonomy: Taxonomy, *,
                mentions: Mapping[str, list[str]] | None = None) -> dict[str, list[ChainLink]]:
    """For each entity, the chains (and segments where known) it serves, with the reason.

    Four rules, applied in this order; the last one uses only what the first three found,
    so links never travel more than one hop:

    1. ``focuses_on`` -- the entity FOCUSES_ON an IndustryChain whose ``chain`` attribute,
       name or synonym maps to the chain (现代医药 -> biomedicine); a ``segment`` node
       attribute (from a roster) naming one of the chain's segments places it there too;
    2. ``name`` -- an actor's name or alias contains a chain name, synonym or segment
       keyword (longest match at each position); an IndustryChain node is linked to
       the chain it stands for;
    3. ``evidence`` -- a sentence in ``mentions[entity id]`` contains one
       (single-character keywords are not used on sentences);
    4. ``neighbour`` -- the actor is LOCATED_IN or PART_OF a Park, or AFFILIATED_WITH a
       parent, that serves the chain by rules 1-3.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        As exported by ``GraphStore.to_networkx()`` (node attributes ``kind``, ``name``,
        ``aliases``; the relation kind as edge key).
    taxonomy : Taxonomy
    mentions : mapping of entity id to sentences, optional
        Evidence text describing each entity.

    Returns
    -------
    dict
        Entity id -> sorted list of `ChainLink`; entities linked to nothing are left out.
        Regions are not linked (a city serves every chain it names).

    Examples
    --------
    >>> from graph.analytics import default_taxonomy
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("IndustryChain:现代纺织", kind="IndustryChain", name="现代纺织")
    >>> g.add_node("Park:柯桥高新区", kind="Park", name="柯桥高新区")
    >>> g.add_node("Enterprise:某染整公司", kind="Enterprise", name="某染整公司")
    >>> g.add_edge("Park:柯桥高新区", "IndustryChain:现代纺织", key="FOCUSES_ON")
    'FOCUSES_ON'
    >>> g.add_edge("Enterprise:某染整公司", "Park:柯桥高新区", key="LOCATED_IN")
    'LOCATED_IN'
    >>> links = link_chains(g, default_taxonomy())
    >>> [(l.chain, l.segment, l.reason) for l in links["Enterprise:某染整公司"]]
    [('modern_textile', None, 'neighbour'), ('modern_textile', 'dyeing_finishing', 'name')]
    >>> [(l.chain, l.reason) for l in links["Park:柯桥高新区"]]
    [('modern_textile', 'focuses_on')]
    """
    if not isinstance(graph, (nx.DiGraph, nx.MultiDiGraph)):
        raise TypeError("link_chains needs a directed graph as exported by "
                        "GraphStore.to_networkx()")
    multi = graph.is_multigraph()
    industry_chain = {n: chain_of_industry(graph, n, taxonomy)
                      for n, k in graph.nodes(data="kind") if k == EntityKind.INDUSTRY_CHAIN.value}
    cache: dict[str, list[tuple[str, str | None, str]]] = {}

    def hits(text: str, short: bool) -> list[tuple[str, str | None, str]]:
        key = ("n" if short else "s") + text
        if key not in cache:
            cache[key] = taxonomy.keyword_hits(text, short=short)
        return cache[key]

    direct: dict[str, set[ChainLink]] = {}
    for node, data in graph.nodes(data=True):
        kind = data.get("kind")
        found: set[ChainLink] = set()
        if kind == EntityKind.INDUSTRY_CHAIN.value:
            if industry_chain[node]:
                found.add(ChainLink(industry_chain[node], None, "name", data.get("name", node)))
        elif kind != EntityKind.REGION.value:
            for _, target, key in _out_edges(graph, node, multi):
                if key == RelationKind.FOCUSES_ON.value and industry_chain.get(target):
                    chain_id = industry_chain[target]
                    found.add(ChainLink(chain_id, None, "focuses_on", target))
                    segment = _segment_attr(taxonomy, chain_id, data.get("segment"))
                    if segment:
                        found.add(ChainLink(chain_id, segment, "focuses_on", target))
            for name in (data.get("name", ""), *data.get("aliases", ())):
                for chain, segment, term in hits(name, True):
                    found.add(ChainLink(chain, segment, "name", term))
            for sentence in (mentions or {}).get(node, ()):
                for chain, segment, term in hits(sentence, False):
                    found.add(ChainLink(chain, segment, "evidence", term))
        if found:
            direct[node] = found

    links = {n: set(v) for n, v in direct.items()}
    for node, kind in graph.nodes(data="kind"):
        if kind in CONTEXT_KINDS:
            continue
        for _, target, key in _out_edges(graph, node, multi):
            allowed = INHERIT_THROUGH.get(key)
            if allowed and graph.nodes[target].get("kind") in allowed and target in direct:
                inherited = {ChainLink(l.chain, l.segment, "neighbour", target)
                             for l in direct[target] if l.reason != "neighbour"}
                links.setdefault(node, set()).update(inherited)
    return {n: sorted(v, key=ChainLink.sort_key) for n, v in sorted(links.items())}


def _segment_attr(taxonomy: Taxonomy, chain_id: str, value: str | None) -> str | None:
    """The segment a stated ``segment`` attribute (a roster's 环节 column) names: its id,
    its name, or a text containing one of its keywords."""
    if not value:
        return None
    chain = taxonomy.chain(chain_id)
    for s in chain.segments:
        if value in (s.id, s.name, s.name_en):
            return s.id
    hits = [seg for c, seg, _ in taxonomy.keyword_hits(value) if c == chain_id and seg]
    return hits[0] if hits else None


def _out_edges(graph: nx.MultiDiGraph, node: str, multi: bool):
    """(node, target, relation kind) for each out-edge, read from the adjacency directly
    (edge views cost more than the rest of `link_chains` on large graphs)."""
    if multi:
        return [(node, v, k) for v, keys in graph._succ[node].items() for k in keys]
    return [(node, v, d.get("kind", "")) for v, d in graph._succ[node].items()]


def chains_served(links: Mapping[str, list[ChainLink]]) -> dict[str, dict[str, set[str]]]:
    """Invert `link_chains`: chain id -> {"": entity ids, segment id: entity ids}."""
    out: dict[str, dict[str, set[str]]] = {}
    for node, node_links in links.items():
        for l in node_links:
            bucket = out.setdefault(l.chain, {"": set()})
            bucket[""].add(node)
            if l.segment:
                bucket.setdefault(l.segment, set()).add(node)
    return out


_CLAUSE_END = "，。；：！？,;:!?\n"


def mention_clauses(store, ids=None) -> dict[str, list[str]]:
    """Entity id -> the clauses (text between commas/full stops) its mentions sit in, with
    the mentions of *other actors* blanked out.

    A clause, not the whole sentence, and without other actors' names: work-report
    sentences list many actors, and only the words next to a mention that are not another
    actor's name describe it ("加快现代纺织、集成电路、新材料市级实验室建设" keeps its chains;
    "越城节能环保、柯桥现代住建…等6家综合体" gives each platform nothing beyond its own
    name). Suitable as the ``mentions`` argument of `link_chains`.
    """
    actors = [e for e in store.entities() if e.kind.value not in CONTEXT_KINDS]
    wanted = set(ids) if ids is not None else None
    spans: dict[str, list[tuple[int, int, str]]] = {}  # doc id -> (start, end, entity id)
    by_entity = {}
    for e in actors:
        ms = store.mentions(e.id)
        by_entity[e.id] = ms
        for m in ms:
            spans.setdefault(m.evidence.doc_id, []).append((m.start, m.end, e.id))
    out: dict[str, list[str]] = {}
    for entity_id, ms in by_entity.items():
        if wanted is not None and entity_id not in wanted:
            continue
        clauses = set()
        for m in ms:
            ev = m.evidence
            text = list(ev.sentence)
            for start, end, other in spans.get(ev.doc_id, ()):
                if other != entity_id and ev.start <= start < end <= ev.end:
                    text[start - ev.start:end - ev.start] = "□" * (end - start)
            lo, hi = m.start - ev.start, m.end - ev.start
            if not (0 <= lo <= hi <= len(text)):
                continue
            while lo > 0 and text[lo - 1] not in _CLAUSE_END:
                lo -= 1
            while hi < len(text) and text[hi] not in _CLAUSE_END:
                hi += 1
            clauses.add("".join(text[lo:hi]))
        if clauses:
            out[entity_id] = sorted(clauses)
    return out
