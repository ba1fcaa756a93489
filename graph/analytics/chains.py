"""Link actors to the industry chains and segments they serve, with the reason."""
from __future__ import annotations

import functools
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx

from graph.analytics.taxonomy import Taxonomy, default_taxonomy
from graph.model import EntityKind, Evidence, Mention, RelationKind
from graph.stores import GraphStore

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
#: The reasons a link can have, strongest first (the order `ChainLink.sort_key` uses):
#: ``focuses_on`` (FOCUSES_ON a chain), ``name`` (name contains a chain keyword),
#: ``lexicon`` (a listed company whose lexicon row names the chain of its main business:
#: the ``chain`` node attribute, from ``data/lexicons/enterprises.tsv``), ``evidence``
#: (described with a chain keyword), ``neighbour`` (inherited from a park or parent).
REASONS = ("focuses_on", "name", "lexicon", "evidence", "neighbour")


@dataclass(frozen=True)
class ChainLink:
    """One chain (and segment, when known) an entity serves, and why."""

    chain: str  #: taxonomy chain id
    segment: str | None  #: segment id, or None when only the chain is known
    reason: str  #: focuses_on | name | lexicon | evidence | neighbour
    via: str  #: the IndustryChain entity id, the keyword, the chain id (lexicon), or the
    #: neighbour entity id

    def sort_key(self) -> tuple[str, str, int, str]:
        return (self.chain, self.segment or "", REASONS.index(self.reason), self.via)

    def describe(self, names: Mapping[str, str] | None = None) -> str:
        """A short English explanation, e.g. "name contains '纺织'"."""
        via = (names or {}).get(self.via, self.via)
        return {"focuses_on": f"focuses on {via}",
                "name": f"name contains '{via}'",
                "lexicon": "listed company in this industry",
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

    Five rules, applied in this order; the last one uses only what the first four found,
    so links never travel more than one hop:

    1. ``focuses_on`` -- the entity FOCUSES_ON an IndustryChain whose ``chain`` attribute,
       name or synonym maps to the chain (现代医药 -> biomedicine); a ``segment`` node
       attribute (from a roster) naming one of the chain's segments places it there too;
    2. ``name`` -- an actor's name or alias contains a chain name, synonym or segment
       keyword (longest match at each position); an IndustryChain node is linked to
       the chain it stands for;
    3. ``lexicon`` -- the actor's ``chain`` node attribute names a taxonomy chain: a listed
       company whose ``data/lexicons/enterprises.tsv`` row gives the chain of its main
       business ("listed company in this industry"), though the text does not say so;
       weaker than rules 1-2, and chain-level only (no segment);
    4. ``evidence`` -- a sentence in ``mentions[entity id]`` contains one
       (single-character keywords are not used on sentences);
    5. ``neighbour`` -- the actor is LOCATED_IN or PART_OF a Park, or AFFILIATED_WITH a
       parent, that serves the chain by rules 1-4.

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
    >>> g.add_node("Enterprise:中芯国际", kind="Enterprise", name="中芯国际",
    ...            chain="integrated_circuit")
    >>> [(l.chain, l.reason, l.describe()) for l in link_chains(g, default_taxonomy())[
    ...     "Enterprise:中芯国际"]]
    [('integrated_circuit', 'lexicon', 'listed company in this industry')]
    """
    index = ChainIndex(graph, taxonomy, mentions=mentions)
    return {n: index[n] for n in index}


class ChainIndex(Mapping):
    """`link_chains` of one graph, computed once and reused across calls.

    A read-only mapping of entity id -> sorted list of `ChainLink`, equal to
    ``link_chains(graph, taxonomy, mentions=mentions)`` (the lists are built on first
    access). Pass it as the ``links`` argument of `chain_gaps` and `recommend_partners`:
    besides the links they then reuse what it caches for the graph -- who serves each
    chain and segment, and the chain nodes partner ranking scores on -- so a call costs
    only its own answer instead of a pass over every entity.

    Build it again after the graph changes; it keeps a reference to `graph` and
    does not notice later edits.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        As exported by ``GraphStore.to_networkx()``.
    taxonomy : Taxonomy, optional
        Defaults to ``data/chains/``.
    mentions : mapping of entity id to sentences, optional
        Evidence text describing each entity, as for `link_chains`.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("Enterprise:某染整公司", kind="Enterprise", name="某染整公司")
    >>> index = ChainIndex(g)
    >>> index == link_chains(g, index.taxonomy)
    True
    >>> [(l.chain, l.segment, l.reason) for l in index["Enterprise:某染整公司"]]
    [('modern_textile', 'dyeing_finishing', 'name')]
    >>> sorted(index.served["modern_textile"]["dyeing_finishing"])
    ['Enterprise:某染整公司']
    """

    def __init__(self, graph: nx.MultiDiGraph, taxonomy: Taxonomy | None = None, *,
                 mentions: Mapping[str, list[str]] | None = None):
        self.graph = graph
        self.taxonomy = taxonomy or default_taxonomy()
        self._rows, self.industry_chains = _link_rows(graph, self.taxonomy, mentions)
        self._lists: dict[str, list[ChainLink]] = {}
        self._made: dict[tuple[str, str, int, str], ChainLink] = {}  # equal links: one object
        self._cache: dict = {}  # per-graph structures of the other analytics (partners)

    def __getitem__(self, node: str) -> list[ChainLink]:
        found = self._lists.get(node)
        if found is None:
            made = self._made
            found = []
            # the rows are ChainLink.sort_key() tuples: sorting them sorts the links
            for row in sorted(self._rows[node]):
                link = made.get(row)
                if link is None:
                    link = made[row] = ChainLink(row[0], row[1] or None, REASONS[row[2]],
                                                 row[3])
                found.append(link)
            self._lists[node] = found
        return found

    def __contains__(self, node) -> bool:
        return node in self._rows

    def __iter__(self):
        """Entity ids in sorted order, as in the dict `link_chains` returns."""
        return iter(self._sorted_ids)

    def __len__(self) -> int:
        return len(self._rows)

    def __repr__(self) -> str:
        return f"<ChainIndex of {len(self._rows)} linked entities>"

    @functools.cached_property
    def _sorted_ids(self) -> list[str]:
        return sorted(self._rows)

    def chains_of(self, node: str) -> set[str]:
        """The chain ids `node` is linked to (empty when none)."""
        return {row[0] for row in self._rows.get(node, ())}

    @functools.cached_property
    def served(self) -> dict[str, dict[str, set[str]]]:
        """`chains_served` of the links: chain id -> {"": entity ids, segment id: ids}."""
        return {chain_id: {segment: {i for ids in by_kind.values() for i in ids}
                           for segment, by_kind in buckets.items()}
                for chain_id, buckets in self.served_by_kind.items()}

    @functools.cached_property
    def served_by_kind(self) -> dict[str, dict[str, dict[str | None, list[str]]]]:
        """chain id -> {"" or segment id -> {entity kind -> sorted entity ids}}."""
        lists: dict[tuple[str, str, str | None], list[str]] = {}  # (chain, segment, kind)
        nodes, rows = self.graph._node, self._rows
        for node, node_rows in rows.items():  # graph order reads memory in sequence; sorted below
            data = nodes.get(node)
            kind = data.get("kind") if data is not None else None
            keys = {(c, "", kind) for c, _, _, _ in node_rows}
            keys.update((c, s, kind) for c, s, _, _ in node_rows if s)
            for key in keys:
                if key in lists:
                    lists[key].append(node)
                else:
                    lists[key] = [node]
        out: dict[str, dict[str, dict[str | None, list[str]]]] = {}
        for (chain_id, segment, kind), ids in sorted(lists.items(), key=_none_first):
            ids.sort()
            out.setdefault(chain_id, {"": {}}).setdefault(segment, {})[kind] = ids
        return out

    def memo(self, key, compute):
        """``compute()``, kept per index: the per-graph structures other analytics derive
        from the links (`chain_gaps`, `recommend_partners`). Not locked: two threads may
        both compute a value (same result); `graph.views.snapshot` serialises the app's."""
        try:
            return self._cache[key]
        except KeyError:
            value = self._cache[key] = compute()
            return value


def _none_first(item):
    (chain_id, segment, kind), _ = item
    return chain_id, segment, kind is not None, kind or ""


_FOCUSES_ON, _NAME, _LEXICON, _EVIDENCE, _NEIGHBOUR = range(len(REASONS))


def _link_rows(graph: nx.MultiDiGraph, taxonomy: Taxonomy,
               mentions: Mapping[str, list[str]] | None
               ) -> tuple[dict[str, frozenset[tuple]], dict[str, str | None]]:
    """`link_chains` as entity id -> set of ``ChainLink.sort_key()`` tuples
    ``(chain, segment or "", reason index, via)``, and the `chain_of_industry` of each
    IndustryChain node.

    One pass over the nodes and their out-edges; the keyword hits of a text and the
    links a neighbour passes on are computed once and shared, and no ChainLink is built
    (`chain_gaps` needs only the chain and segment of each row).
    """
    if not isinstance(graph, (nx.DiGraph, nx.MultiDiGraph)):
        raise TypeError("link_chains needs a directed graph as exported by "
                        "GraphStore.to_networkx()")
    multi = graph.is_multigraph()
    nodes, succ = graph._node, graph._succ  # the adjacency itself: views cost too much here
    industry_kind, region_kind = EntityKind.INDUSTRY_CHAIN.value, EntityKind.REGION.value
    focuses_on = RelationKind.FOCUSES_ON.value
    industry_chain = {n: chain_of_industry(graph, n, taxonomy)
                      for n, d in nodes.items() if d.get("kind") == industry_kind}
    found_terms, terms = taxonomy._found_terms, taxonomy._terms
    known_chains = {c.id for c in taxonomy.chains}
    lexicon_rows: dict[str, frozenset] = {}  # chain id -> the one `lexicon` row
    term_rows: dict[tuple[str, int], frozenset] = {}  # (term, reason) -> rows

    def rows_of(text: str, short: bool, reason: int) -> frozenset:
        out = frozenset()
        for term in found_terms(text, short):
            rows = term_rows.get((term, reason))
            if rows is None:
                rows = term_rows[term, reason] = frozenset(
                    (c, s or "", reason, term) for c, s in terms[term])
            out = out | rows if out else rows
        return out

    # The row sets are frozen and shared between entities (most carry exactly the rows
    # of one keyword or one neighbour): a new set is made only when two sources meet.
    direct: dict[str, frozenset] = {}
    inherit: list[tuple[str, str, str]] = []  # (actor, neighbour, relation) to inherit through
    for node, data in nodes.items():
        kind = data.get("kind")
        if kind == industry_kind:
            if industry_chain[node]:
                direct[node] = frozenset(
                    {(industry_chain[node], "", _NAME, data.get("name", node))})
            continue
        if kind == region_kind:
            continue
        found = frozenset()
        for target, keys in succ[node].items():
            for key in (keys if multi else (keys.get("kind", ""),)):
                if key == focuses_on:
                    chain_id = industry_chain.get(target)
                    if chain_id:
                        more = {(chain_id, "", _FOCUSES_ON, target)}
                        segment = _segment_attr(taxonomy, chain_id, data.get("segment"))
                        if segment:
                            more.add((chain_id, segment, _FOCUSES_ON, target))
                        found = found.union(more)
                elif key in INHERIT_THROUGH:
                    inherit.append((node, target, key))
        for name in (data.get("name", ""), *data.get("aliases", ())):
            rows = rows_of(name, True, _NAME)
            if rows:
                found = found | rows if found else rows
        chain_id = data.get("chain")
        if chain_id and chain_id in known_chains:  # a listed company's lexicon chain
            rows = lexicon_rows.get(chain_id)
            if rows is None:
                rows = lexicon_rows[chain_id] = frozenset({(chain_id, "", _LEXICON, chain_id)})
            found = found | rows if found else rows
        if mentions:
            for sentence in mentions.get(node, ()):
                rows = rows_of(sentence, False, _EVIDENCE)
                if rows:
                    found = found | rows if found else rows
        if found:
            direct[node] = found

    links = dict(direct)
    passed_on: dict[str, frozenset] = {}  # neighbour -> the rows it passes on
    for node, target, key in inherit:
        if target in direct and nodes[target].get("kind") in INHERIT_THROUGH[key]:
            rows = passed_on.get(target)
            if rows is None:
                rows = passed_on[target] = frozenset(
                    (c, s, _NEIGHBOUR, target) for c, s, r, _ in direct[target]
                    if r != _NEIGHBOUR)
            links[node] = links[node] | rows if node in links else rows
    return links, industry_chain


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


def mention_clauses(store: GraphStore, ids: Iterable[str] | None = None, *,
                    actors: Iterable[str] | None = None) -> dict[str, list[str]]:
    """Entity id -> the clauses (text between commas/full stops) its mentions sit in, with
    the mentions of *other actors* blanked out; only for `ids` when given. `actors`, the
    ids of the stored entities that are not regions or chains, spares a read of every
    entity when the caller has them (a snapshot's graph does).

    A clause, not the whole sentence, and without other actors' names: work-report
    sentences list many actors, and only the words next to a mention that are not another
    actor's name describe it ("加快现代纺织、集成电路、新材料市级实验室建设" keeps its chains;
    "越城节能环保、柯桥现代住建…等6家综合体" gives each platform nothing beyond its own
    name). Suitable as the ``mentions`` argument of `link_chains`.
    """
    actors = (set(actors) if actors is not None else
              {e.id for e in store.entities() if e.kind.value not in CONTEXT_KINDS})
    by_entity = {i: ms for i, ms in store.mentions_by_entity().items() if i in actors}
    sentences = _Sentences(by_entity)
    wanted = set(ids) if ids is not None else None
    out: dict[str, list[str]] = {}
    for entity_id, ms in by_entity.items():
        if wanted is not None and entity_id not in wanted:
            continue
        clauses = {c for m in ms if (c := sentences.clause(entity_id, m)) is not None}
        if clauses:
            out[entity_id] = sorted(clauses)
    return out


class _Sentences:
    """The actors' mentions of each document, and per evidence sentence the spans and
    clause ends in it: found once per sentence by bisection, not once per mention by a
    pass over the document."""

    def __init__(self, by_entity: Mapping[str, list[Mention]]) -> None:
        spans: dict[str, list[tuple[int, int, str]]] = {}
        for entity_id, ms in by_entity.items():
            for m in ms:
                spans.setdefault(m.evidence.doc_id, []).append((m.start, m.end, entity_id))
        self._listed = spans  # in the order of `by_entity`, for `_unaligned_clause`
        self._spans = {doc: sorted(found) for doc, found in spans.items()}
        self._starts = {doc: [s for s, _, _ in found] for doc, found in self._spans.items()}
        self._seen: dict[tuple[str, int, int, str], _Sentence] = {}

    def clause(self, entity_id: str, m: Mention) -> str | None:
        """The clause around `m` with other actors' mentions as "□" (None when the mention
        lies outside its sentence)."""
        ev = m.evidence
        if len(ev.sentence) != ev.end - ev.start:
            return self._unaligned_clause(entity_id, m)
        lo, hi = m.start - ev.start, m.end - ev.start
        if not (0 <= lo <= hi <= len(ev.sentence)):
            return None
        key = (ev.doc_id, ev.start, ev.end, ev.sentence)
        sentence = self._seen.get(key)
        if sentence is None:
            sentence = self._seen[key] = _Sentence(ev.sentence, self._inside(ev))
        return sentence.clause(entity_id, lo, hi)

    def _unaligned_clause(self, entity_id: str, m: Mention) -> str | None:
        """`clause` for a sentence whose length differs from its offsets: blank the whole
        sentence, then walk out from the mention, as the clauses were first computed."""
        ev = m.evidence
        text = list(ev.sentence)
        for start, end, other in self._listed[ev.doc_id]:
            if other != entity_id and ev.start <= start < end <= ev.end:
                text[start - ev.start:end - ev.start] = "□" * (end - start)
        lo, hi = m.start - ev.start, m.end - ev.start
        if not (0 <= lo <= hi <= len(text)):
            return None
        while lo > 0 and text[lo - 1] not in _CLAUSE_END:
            lo -= 1
        while hi < len(text) and text[hi] not in _CLAUSE_END:
            hi += 1
        return "".join(text[lo:hi])

    def _inside(self, ev: Evidence) -> list[tuple[int, int, str]]:
        """The non-empty spans within the sentence of `ev`, relative to it, by start."""
        starts, found = self._starts.get(ev.doc_id, ()), self._spans.get(ev.doc_id, ())
        return [(start - ev.start, end - ev.start, other)
                for start, end, other in found[bisect_left(starts, ev.start):
                                               bisect_left(starts, ev.end)]
                if start < end <= ev.end]


class _Sentence:
    """One sentence, the actors' spans in it and its clause ends with the actors whose
    spans cover them (a covered clause end is blanked, so it ends no clause)."""

    def __init__(self, text: str, spans: list[tuple[int, int, str]]) -> None:
        self.text = text
        self.spans = spans
        self.starts = [s for s, _, _ in spans]
        self.longest = max((e - s for s, e, _ in spans), default=0)
        self.stops = [p for p, ch in enumerate(text) if ch in _CLAUSE_END]
        self.covers: dict[int, set[str]] = {}  # index in `stops` -> actors covering it
        for s, e, other in spans:
            for k in range(bisect_left(self.stops, s), bisect_left(self.stops, e)):
                self.covers.setdefault(k, set()).add(other)

    def clause(self, entity_id: str, lo: int, hi: int) -> str:
        """The clause around text[lo:hi] once the other actors' spans are blanked."""
        i = bisect_left(self.stops, lo) - 1
        while i >= 0 and self._blanked(i, entity_id):
            i -= 1
        j = bisect_left(self.stops, hi)
        while j < len(self.stops) and self._blanked(j, entity_id):
            j += 1
        a = self.stops[i] + 1 if i >= 0 else 0
        b = self.stops[j] if j < len(self.stops) else len(self.text)
        chars = None
        first = bisect_right(self.starts, a - self.longest)  # spans before it end by `a`
        for s, e, other in self.spans[first:bisect_left(self.starts, b)]:
            if other != entity_id and e > a:
                chars = chars if chars is not None else list(self.text[a:b])
                s, e = max(s, a), min(e, b)
                chars[s - a:e - a] = "□" * (e - s)
        return self.text[a:b] if chars is None else "".join(chars)

    def _blanked(self, stop: int, entity_id: str) -> bool:
        cover = self.covers.get(stop)
        return cover is not None and (len(cover) > 1 or entity_id not in cover)
