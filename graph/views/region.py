"""The region a planner works for: the choices of the selector, the scope, its gaps.

Thin adapters over `graph.analytics.scope` and `graph.analytics.gaps` on the store's
snapshot (built once per revision).
"""
from __future__ import annotations

from graph.regions import default_hierarchy
from graph.stores import GraphStore
from graph.views.snapshot import snapshot


def region_choices(store: GraphStore) -> list[tuple[str, str, int]]:
    """(region id, name, actors inside) of every place in the store, most actors first
    (economic regions are groups of cities, not places, and are left out)."""
    from graph.analytics.scope import actors_by_region

    snap = snapshot(store)
    return list(snap.memo("region_choices", lambda: tuple(actors_by_region(snap.graph))))


def scope_of(store: GraphStore, name: str | None):
    """The `RegionScope` of `name` (None for the whole store), memoised per revision."""
    from graph.analytics.scope import region_scope

    if not name:
        return None
    snap = snapshot(store)
    return snap.memo(("region_scope", name), lambda: region_scope(store, name))


def region_gap_reports(store: GraphStore, name: str | None, chain: str | None = None, *,
                       per_gap: int = 3) -> list:
    """`chain_gaps` for one region (every chain of the store without one), each gap with
    its nearest candidates from outside the region."""
    from graph.analytics.gaps import chain_gaps, gap_candidates

    snap = snapshot(store)
    links = snap.chains
    scope = scope_of(store, name)

    def compute():
        reports = chain_gaps(snap.graph, links.taxonomy, chain=chain, links=links, scope=scope)
        if scope is None:
            return tuple(reports)
        pool = {i for r in reports for buckets in [links.served.get(r.chain, {})]
                for ids in buckets.values() for i in ids if i not in scope}
        mentions = store.mentions_by_entity(pool) if pool else {}
        return tuple(gap_candidates(snap.graph, reports, scope, links, links.taxonomy,
                                    mentions=mentions, per_gap=per_gap,
                                    doc_places=document_places(store)))
    return list(snap.memo(("region_gaps", name, chain, per_gap), compute))


def region_context(store: GraphStore, scope) -> tuple[dict[str, int], frozenset[str]]:
    """What the region's documents (those that name it or a place inside it more than
    any other place but its own city and province) say: chain id -> how often they name
    it (its IndustryChain mentions, the chains of the actors they name and of the actors
    inside the region), and the ids of the actors they name."""
    from graph.analytics.chains import chain_of_industry
    from graph.model import EntityKind

    snap = snapshot(store)

    def compute():
        graph, links = snap.graph, snap.chains
        regions = [n for n, k in graph.nodes(data="kind") if k == EntityKind.REGION.value]
        chains_ = [n for n, k in graph.nodes(data="kind") if k == EntityKind.INDUSTRY_CHAIN.value]
        found = store.mentions_by_entity(regions + chains_)  # noqa: the region's documents
        per_doc: dict[str, dict[str, int]] = {}
        for rid in regions:
            for m in found.get(rid, ()):
                per_doc.setdefault(m.evidence.doc_id, {}).setdefault(rid, 0)
                per_doc[m.evidence.doc_id][rid] += 1
        around = {graph.nodes[r]["name"] for r in regions}
        above = {f"Region:{a}" for a in default_hierarchy().ancestors(scope.name, around)}
        about = set()
        for doc, counts in per_doc.items():
            inside = sum(n for rid, n in counts.items() if rid in scope)
            outside = max((n for rid, n in counts.items()
                           if rid not in scope and rid not in above), default=0)
            if inside > outside:
                about.add(doc)
        weights: dict[str, int] = {}
        named = {i for i, ms in store.mentions_by_entity(list(links)).items()
                 if graph.nodes[i].get("kind") not in (EntityKind.REGION.value,
                                                       EntityKind.INDUSTRY_CHAIN.value)
                 and any(m.evidence.doc_id in about for m in ms)}
        for node in named:
            for chain in links.chains_of(node):
                weights[chain] = weights.get(chain, 0) + 1
        for cid in chains_:
            chain = chain_of_industry(graph, cid, links.taxonomy)
            n = sum(1 for m in found.get(cid, ()) if m.evidence.doc_id in about)
            if chain and n:
                weights[chain] = weights.get(chain, 0) + n
        for node in scope.members:
            if graph.nodes.get(node, {}).get("kind") not in (EntityKind.REGION.value,
                                                             EntityKind.INDUSTRY_CHAIN.value):
                for chain in links.chains_of(node):
                    weights[chain] = weights.get(chain, 0) + 1
        return tuple(sorted(weights.items())), frozenset(named)
    weights, named = snap.memo(("region_context", scope.id), compute)
    return dict(weights), named


def document_places(store: GraphStore) -> dict[str, str]:
    """Document id -> the city or district it names most (the place it is about)."""
    from graph.model import EntityKind

    snap = snapshot(store)

    def compute():
        hierarchy = default_hierarchy()
        graph = snap.graph
        regions = [n for n, d in graph.nodes(data=True) if d.get("kind") == EntityKind.REGION.value
                   and hierarchy.level(d.get("name", "")) in ("city", "county")]
        counts: dict[str, dict[str, int]] = {}
        for rid, ms in store.mentions_by_entity(regions).items():
            for m in ms:
                per = counts.setdefault(m.evidence.doc_id, {})
                per[rid] = per.get(rid, 0) + 1
        return tuple((doc, graph.nodes[max(sorted(per), key=per.get)]["name"])
                     for doc, per in sorted(counts.items()))
    return dict(snap.memo("document_places", compute))


#: a region whose own chains give fewer suggestions also looks at its city's chains
MIN_SUGGESTIONS = 3


def _with_sentences(store: GraphStore, plan):
    """The plan with the sentences of each partner's grounds first in its evidence."""
    from dataclasses import replace

    def filled(p):
        found = [{"part": part, "doc_id": ev.doc_id, "sentence": ev.sentence}
                 for part, rel in p.grounds for ev in store.relation_evidence(rel)[:1]]
        return replace(p, evidence=(*found, *p.evidence))
    return replace(plan, suggestions=tuple(map(filled, plan.suggestions)),
                   existing=tuple(map(filled, plan.existing)))


def _emphasis(weights: dict[str, int]) -> dict[str, float]:
    """Chain id -> 0.5..1: how much a region's documents stress each of its chains."""
    top = max(weights.values(), default=0)
    return {c: 0.5 + 0.5 * w / top for c, w in weights.items()} if top else {}


def _parent_in_store(graph, place: str, wider: dict[str, str]) -> str | None:
    """The next enclosing place of `place` held by the graph, above those already used."""
    if not place:
        return None
    used = set(wider.values())
    names = {d.get("name") for _, d in graph.nodes(data=True) if d.get("kind") == "Region"}
    for ancestor in default_hierarchy().ancestors(place, names):
        if ancestor in names and ancestor not in used:
            return ancestor
    return None


def partner_plan(store: GraphStore, source_id: str, region: str | None = None, *,
                 top: int = 10):
    """`plan_partners` for an entity or chain on the store's snapshot; `region` (or the
    source itself when it is a Region) is the planner's place."""
    from graph.analytics.partner_plan import RESEARCH_ACTORS, plan_partners
    from graph.model import EntityKind

    snap = snapshot(store)
    graph, links = snap.graph, snap.chains
    is_region = graph.nodes.get(source_id, {}).get("kind") == EntityKind.REGION.value
    if is_region:
        region = graph.nodes[source_id]["name"]
    scope = scope_of(store, region)
    weights, named = region_context(store, scope) if is_region else (None, frozenset())

    def compute():
        pool = [n for n in links if graph.nodes[n].get("kind") in RESEARCH_ACTORS]
        mentions = store.mentions_by_entity([*pool, source_id])
        wider: dict[str, str] = {}
        emphasis = _emphasis(weights or {})
        while True:
            plan = plan_partners(graph, source_id, links, taxonomy=links.taxonomy, scope=scope,
                                 region_chains=weights, mentions=mentions, known=named,
                                 doc_places=document_places(store), wider=wider,
                                 emphasis=emphasis, top=top)
            parent = _parent_in_store(graph, plan.place if is_region else "", wider)
            if len(plan.suggestions) >= MIN_SUGGESTIONS or parent is None:
                return _with_sentences(store, plan)
            # few chains of its own: add those of its city (then province), scored lower
            more, _ = region_context(store, scope_of(store, parent))
            more = {c: w for c, w in more.items() if c not in weights and c not in wider}
            wider.update({c: parent for c in more})
            emphasis.update({c: f for c, f in _emphasis(more).items() if c not in emphasis})
            wider.setdefault("", parent)
    return snap.memo(("partner_plan", source_id, region, top), compute)


def region_counts(store: GraphStore, name: str) -> dict:
    """The entities inside a region by type, for `innograph stats --region`."""
    scope = scope_of(store, name)
    graph = snapshot(store).graph
    counts: dict[str, int] = {}
    for node in scope.members - {scope.id}:
        kind = graph.nodes[node].get("kind", "") if node in graph else ""
        if kind:
            counts[kind] = counts.get(kind, 0) + 1
    return {"region": scope.name, "level": scope.level, "entities": dict(sorted(counts.items()))}


def region_indicators(store: GraphStore, name: str | None) -> list:
    """The indicators whose region is this region or a place inside it (all without one)."""
    indicators = store.indicators()
    if not name:
        return indicators
    scope = scope_of(store, name)
    hierarchy = default_hierarchy()
    return [i for i in indicators if i.region and hierarchy.contains(scope.name, i.region)]


def region_graph(store: GraphStore, name: str | None):
    """The graph of the region's members (the whole graph without one), a detached copy."""
    from graph.views.snapshot import induced

    snap = snapshot(store)
    if not name:
        return snap.graph
    return induced(snap.graph, scope_of(store, name).members)
