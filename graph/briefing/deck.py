"""Build the briefing deck's slides from the store and the analytics.

`build_deck` reads the store once (through its snapshot), scopes it to a region when
asked, and turns the overview, network structure, indicators, chain gaps and partner
suggestions into `Slide` values; the writers (`write_pptx`, `write_pdf`) only draw them.
Every figure on a slide has its evidence (document and sentence) in the slide's notes.
"""
from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

import networkx as nx

from extract.errors import InnographError
from graph.analytics import (ChainIndex, chain_gaps, communities, hubs, indicator_table,
                             recommend_partners)
from graph.analytics.chains import CONTEXT_KINDS, mention_clauses
from graph.briefing.palette import BLUE, kind_color
from graph.briefing.scope import in_region, region_members, region_names
from graph.briefing.slides import (BarPanels, Bars, Deck, MapNode, NetworkMap, PlanRow,
                                   PlanVsResult, Slide, Table)
from graph.briefing.text import Text
from graph.model import Document, EntityKind, Evidence, IndicatorKind, Relation, RelationKind
from graph.stores import GraphStore
from graph.views.snapshot import induced, snapshot

DEFAULT_CHAINS = 3  #: chain slides when none is asked for: the chains with most actors
MAX_CHAINS = 4  #: at most this many chain slides (slides 5-8)
CHAIN_NAMES = 5  #: actors named per segment on a chain slide (the rest are counted)
MAP_NODES = 40  #: actors drawn on the network map
MAP_LABELS = 12  #: of which labelled
MAP_COMMUNITIES = 5  #: communities with a colour of their own; the rest are grey
BROKER_CORE = 2000  #: above this many nodes, brokers are sought among the best-connected ones
BROKER_SAMPLES = 100  #: ... with betweenness estimated from this many sampled sources
NOTE_LINES = 30  #: evidence lines per slide's notes at most
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


class BriefError(InnographError):
    """The deck cannot be made as asked (unknown chain, output format, missing font)."""


def build_deck(store: GraphStore, *, region: str | None = None, chains: Sequence[str] = (),
               title: str | None = None, lang: str = "zh", today: date | None = None) -> Deck:
    """The slides of a briefing on the store (or the part of it in `region`).

    Parameters
    ----------
    store : GraphStore
        Any store; an empty one gives a short deck that says what is missing.
    region : str, optional
        Only actors located (directly or through a park or parent body) in a region
        whose name starts with this or lies inside it (``data/lexicons/regions.tsv``).
    chains : sequence of str
        Chain ids or names for slides 5-8 (default: the chains with the most actors).
    title, lang, today
        The deck's title (default from the region), ``"zh"`` or ``"en"``, and its date.

    Raises
    ------
    BriefError
        When a chain is not in the taxonomy.
    """
    tr = Text(lang)
    region = (region or "").strip() or None
    deck_title = title or (tr("deck.title", region=region) if region else tr("deck.title_any"))
    today = today or date.today()
    docs = store.documents()
    if not docs:
        return _short_deck(deck_title, tr, today, region, docs, [tr("missing.documents")])
    snap = snapshot(store)
    graph, links = snap.graph, snap.chains
    taxonomy = links.taxonomy
    wanted = []
    for c in chains:
        try:
            wanted.append(taxonomy.chain(c).id)
        except KeyError as exc:
            raise BriefError(str(exc.args[0])) from None
    if region:
        members = region_members(graph, region)
        if not members:
            known = tr.join(region_names(graph)[:20]) or "-"
            return _short_deck(deck_title, tr, today, region, docs,
                               [tr("missing.region", region=region, known=known)])
        members |= {n for n, k in graph.nodes(data="kind") if k == EntityKind.INDUSTRY_CHAIN.value}
        all_actors = [n for n, k in graph.nodes(data="kind") if k not in CONTEXT_KINDS]
        graph = induced(graph, members)
        scoped = [n for n, k in graph.nodes(data="kind") if k not in CONTEXT_KINDS]
        links = ChainIndex(graph, taxonomy,
                           mentions=mention_clauses(store, scoped, actors=all_actors))
    builder = _Builder(store, graph, links, tr, docs, region)
    slides = [builder.title_slide(deck_title, today)]
    for make in (builder.glance, builder.network_map, builder.indicators):
        slide = make()
        if slide is not None:
            slides.append(slide)
    slides += builder.chain_slides(wanted)
    for make in (builder.gaps, builder.partnerships, builder.hubs):
        slide = make()
        if slide is not None:
            slides.append(slide)
    if builder.missing:
        slides.append(_missing_slide(tr, builder.missing))
    slides.append(builder.sources())
    return Deck(deck_title, tr.lang, tuple(slides), tuple(builder.missing))


def _short_deck(title: str, tr: Text, today: date, region: str | None,
                docs: list[Document], missing: list[str]) -> Deck:
    slides = (_Builder.title_for(title, tr, today, region, docs), _missing_slide(tr, missing))
    return Deck(title, tr.lang, slides, tuple(missing))


def _missing_slide(tr: Text, missing: Sequence[str]) -> Slide:
    return Slide("missing", tr("missing.title"), bullets=(tr("missing.intro"), *missing),
                 notes=tuple(missing))


def _clip(text: str, n: int) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= n else text[:n - 1] + "…"


def _number(value) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{value:,}" if isinstance(value, int) else str(value)


def years_of(docs: Iterable[Document]) -> list[int]:
    """The years named in the documents' titles or file names, sorted."""
    found = set()
    for d in docs:
        found.update(int(y) for y in _YEAR.findall(f"{d.title} {Path(d.path).name}"))
    return sorted(found)


class _Builder:
    """Makes each slide from one scoped graph; collects what is missing on the way."""

    def __init__(self, store: GraphStore, graph: nx.MultiDiGraph, links: ChainIndex, tr: Text,
                 docs: list[Document], region: str | None) -> None:
        self.store, self.graph, self.links, self.tr = store, graph, links, tr
        self.taxonomy = links.taxonomy
        self.docs, self.region = docs, region
        self.titles = {d.id: d.title or Path(d.path).name for d in docs}
        self.missing: list[str] = []
        self.nodes = graph.nodes
        self.actors = [n for n, k in graph.nodes(data="kind") if k not in CONTEXT_KINDS]
        self.simple = nx.Graph()  #: undirected, simple: "who is linked to whom"
        self.simple.add_nodes_from(graph.nodes(data=True))
        self.simple.add_edges_from(graph.edges())
        self.degree = dict(self.simple.degree())
        self._reports = None
        self._chosen = None
        self._evidence: dict[str, Evidence] = {}

    # --- helpers ----------------------------------------------------------------------
    def name(self, node: str) -> str:
        return self.nodes[node].get("name", node) if node in self.nodes else node

    def kind(self, node: str) -> str:
        return self.nodes[node].get("kind", "") if node in self.nodes else ""

    def _order(self, n: str) -> tuple[int, str, str]:
        return -self.degree.get(n, 0), self.name(n), n

    def by_degree(self, ids: Iterable[str]) -> list[str]:
        """The entities, best-connected first (then by name and id)."""
        return sorted(ids, key=self._order)

    def top(self, ids: Iterable[str], n: int) -> list[str]:
        """The `n` best-connected of the entities, as `by_degree` orders them."""
        return heapq.nsmallest(n, ids, key=self._order)

    def cite(self, ev: Evidence) -> str:
        return self.tr("notes.cite", doc=self.titles.get(ev.doc_id, ev.doc_id),
                       sentence=_clip(ev.sentence, 160))

    def mention_evidence(self, ids: Iterable[str]) -> dict[str, Evidence]:
        """The first mention's evidence of each entity (read once per entity)."""
        todo = [i for i in dict.fromkeys(ids) if i not in self._evidence]
        if todo:
            for i, ms in self.store.mentions_by_entity(todo).items():
                if ms:
                    self._evidence[i] = ms[0].evidence
        return {i: self._evidence[i] for i in ids if i in self._evidence}

    def entity_notes(self, ids: Sequence[str], limit: int = NOTE_LINES) -> list[str]:
        """One line per entity: its name and the sentence it was read from."""
        found = self.mention_evidence(ids[:limit])
        return [f"{self.name(i)} — {self.cite(found[i])}" for i in ids[:limit] if i in found]

    def relation_note(self, u: str, v: str) -> str | None:
        """A line of evidence for a link between u and v (either direction)."""
        for a, b in ((u, v), (v, u)):
            for kind in self.graph.succ[a].get(b, {}) if a in self.graph else ():
                evs = self.store.relation_evidence(Relation(a, b, RelationKind(kind)))
                if evs:
                    return f"{self.name(a)} → {self.name(b)}: {self.cite(evs[0])}"
        return None

    def names_line(self, ids: Sequence[str], total: int) -> str:
        """The names of `ids`, and "… and N more" for the rest of `total`."""
        more = total - len(ids)
        return self.tr.join(self.name(i) for i in ids) + (
            self.tr("notes.more", n=more) if more > 0 else "")

    # --- slide 1 ----------------------------------------------------------------------
    @staticmethod
    def title_for(title: str, tr: Text, today: date, region: str | None,
                  docs: list[Document]) -> Slide:
        years = years_of(docs)
        span = ("" if not years else str(years[0]) if years[0] == years[-1]
                else f"{years[0]}–{years[-1]}")
        sources = (tr("title.sources", docs=len(docs), years=span + ("" if tr.en else " 年"))
                   if span else tr("title.sources_noyear", docs=len(docs)))
        bullets = (tr("title.region", region=region) if region else tr("title.all_regions"),
                   tr("title.date", date=today.isoformat()), sources, tr("title.made_by"))
        notes = tuple(f"{d.title or Path(d.path).name} ({d.path})" for d in docs[:NOTE_LINES])
        return Slide("title", title, subtitle="", bullets=bullets, notes=notes)

    def title_slide(self, title: str, today: date) -> Slide:
        return self.title_for(title, self.tr, today, self.region, self.docs)

    # --- slide 2 ----------------------------------------------------------------------
    def actor_regions(self) -> dict[str, set[str]]:
        """Region node -> the actors located in it, directly or through a park."""
        region = EntityKind.REGION.value
        located = RelationKind.LOCATED_IN.value
        found: dict[str, set[str]] = {}
        succ = self.graph.succ
        for a in self.actors:
            places = [t for t, keys in succ[a].items() if located in keys]
            regions = [t for t in places if self.kind(t) == region]
            if not regions:
                regions = [r for p in places for r, keys in succ[p].items()
                           if located in keys and self.kind(r) == region]
            for r in regions:
                found.setdefault(r, set()).add(a)
        return found

    def glance(self) -> Slide | None:
        tr = self.tr
        if not self.actors:
            self.missing.append(tr("missing.actors"))
            return None
        by_kind: dict[str, list[str]] = {}
        for a in self.actors:
            by_kind.setdefault(self.kind(a), []).append(a)
        kinds = sorted(by_kind, key=lambda k: (-len(by_kind[k]), k))
        panels = [Bars(tr("glance.by_kind"), tuple(tr.kind(k) for k in kinds),
                       tuple(float(len(by_kind[k])) for k in kinds),
                       tuple(kind_color(k) for k in kinds))]
        regions = self.actor_regions()
        top = sorted(regions, key=lambda r: (-len(regions[r]), self.name(r)))[:8]
        if top:
            panels.append(Bars(tr("glance.by_region", n=len(top)), tuple(self.name(r) for r in top),
                               tuple(float(len(regions[r])) for r in top), (BLUE,) * len(top)))
        chains = {c for a in self.actors for c in self.links.chains_of(a)}
        bullets = [tr("glance.total", n=len(self.actors), chains=len(chains))]
        bullets += [tr("glance.kind", kind=tr.kind(k), n=len(by_kind[k])) for k in kinds[:5]]
        if top:
            bullets.append(tr("glance.top_region", name=self.name(top[0]), n=len(regions[top[0]])))
        notes = [tr("notes.counted", docs=len(self.docs))]
        notes += [tr("notes.kind_list", kind=tr.kind(k), n=len(by_kind[k]),
                     names=self.names_line(self.top(by_kind[k], 20), len(by_kind[k])))
                  for k in kinds]
        notes += [tr("notes.region_list", name=self.name(r), n=len(regions[r]),
                     names=self.names_line(self.top(regions[r], 20), len(regions[r])))
                  for r in top]
        notes.append(tr("notes.evidence"))
        notes += self.entity_notes(self.top(self.actors, 12), limit=12)
        return Slide("glance", tr("glance.title"), bullets=tuple(bullets),
                     picture=BarPanels(tuple(panels)), notes=tuple(notes))

    # --- slide 3 ----------------------------------------------------------------------
    def map_nodes(self) -> list[str]:
        """The main actors: grown from the best-connected one, always adding the
        best-connected neighbour of those chosen, so the map holds few, connected groups."""
        chain = EntityKind.INDUSTRY_CHAIN.value
        sub = self.simple.subgraph(n for n in self.simple if self.kind(n) != chain)
        order = iter(self.by_degree(n for n in sub if sub.degree(n) > 0))
        chosen: set[str] = set()
        heap: list[tuple[int, str, str]] = []
        while len(chosen) < MAP_NODES:
            if not heap:
                start = next((n for n in order if n not in chosen), None)
                if start is None:
                    break
                heapq.heappush(heap, (-self.degree[start], self.name(start), start))
            _, _, node = heapq.heappop(heap)
            if node in chosen:
                continue
            chosen.add(node)
            for other in sub[node]:
                if other not in chosen:
                    heapq.heappush(heap, (-self.degree[other], self.name(other), other))
        return sorted(chosen)

    def network_map(self) -> Slide | None:
        tr = self.tr
        simple = nx.Graph(self.simple.subgraph(self.map_nodes()))
        if simple.number_of_edges() == 0:
            self.missing.append(tr("missing.network"))
            return None
        groups = communities(simple)
        community = {m: min(c.index, MAP_COMMUNITIES) for c in groups for m in c.members}
        local = dict(simple.degree())
        labelled = set(sorted(simple, key=lambda n: (-local[n], -self.degree.get(n, 0), n))[:MAP_LABELS])
        nodes = tuple(MapNode(n, self.name(n), self.kind(n), community[n], local[n], n in labelled)
                      for n in sorted(simple))
        legend, bullets = [], [tr("map.summary", n=simple.number_of_nodes(),
                                  e=simple.number_of_edges())]
        for c in groups[:MAP_COMMUNITIES]:
            centre = max(c.members, key=lambda m: (local[m], m))
            legend.append(tr("map.community", i=c.index + 1, name=self.name(centre),
                             n=len(c.members) - 1))
        bullets += legend[:4]
        short = [tr("map.group", i=c.index + 1) for c in groups[:MAP_COMMUNITIES]]
        if len(groups) > MAP_COMMUNITIES:
            short.append(tr("map.other_groups"))
        kinds = sorted({self.kind(n) for n in simple}, key=lambda k: list(EntityKind).index(
            EntityKind(k)) if k in EntityKind._value2member_map_ else 99)
        picture = NetworkMap(nodes, tuple(sorted(simple.edges())), tuple(short),
                             tuple((k, tr.kind(k)) for k in kinds))
        notes = [tr("notes.counted", docs=len(self.docs)), tr("notes.evidence")]
        for n in sorted(labelled, key=lambda n: -local[n]):
            for other in sorted(simple[n], key=lambda m: -local[m])[:1]:
                line = self.relation_note(n, other)
                if line:
                    notes.append(line)
        return Slide("map", tr("map.title"), bullets=tuple(bullets), picture=picture,
                     notes=tuple(notes))

    # --- slide 4 ----------------------------------------------------------------------
    def indicators(self) -> Slide | None:
        tr = self.tr
        stated = self.store.indicators()
        doc_of = {}
        for ind in stated:
            doc_of.setdefault(ind.evidence.sentence, ind.evidence.doc_id)
        rows = indicator_table(stated)
        if self.region:
            rows = [r for r in rows if not r.region or in_region(r.region, self.region)]

        def numeric(v) -> bool:
            return isinstance(v, (int, float)) and not isinstance(v, bool)

        def rank(r):
            both = numeric(r.actual) and numeric(r.target)
            name = r.indicator.strip()
            clean = 4 <= len(name) <= 18 and not re.match(r"^\d", name)
            return (not both, not numeric(r.target), not clean, len(name), name)

        usable = [r for r in rows if numeric(r.actual) or numeric(r.target)]
        chosen = sorted(usable, key=rank)[:7]
        chosen = [r for r in chosen if numeric(r.target)] or chosen
        if not chosen:
            self.missing.append(tr("missing.indicators"))
            return None

        def figure(value, unit, period) -> str:
            if value is None:
                return tr("indicators.none_stated")
            return f"{_number(value)}{unit}" + (f"（{period}）" if period else "")

        plan = []
        for r in chosen:
            plan.append(PlanRow(_clip(r.indicator, 16),
                                float(r.actual) if numeric(r.actual) else None,
                                float(r.target) if numeric(r.target) else None,
                                figure(r.actual, r.unit, r.actual_period),
                                figure(r.target, r.unit, r.target_period)))
        bullets = []
        for r in chosen:
            name = _clip(r.indicator, 16)
            if r.progress is not None:
                bullets.append(tr("indicators.progress", name=name, p=r.progress))
            elif numeric(r.target):
                bullets.append(tr("indicators.only_target", name=name,
                                  target=figure(r.target, r.unit, r.target_period)))
        notes = [tr("notes.evidence")]
        for r in chosen:
            notes.append(tr("notes.indicator", name=r.indicator, value=(
                f"{tr('indicators.actual')} {figure(r.actual, r.unit, r.actual_period)}; "
                f"{tr('indicators.target')} {figure(r.target, r.unit, r.target_period)}")))
            notes += [self.cite(Evidence(doc_of.get(s, ""), s, 0, 0)) for s in r.evidence]
        return Slide("indicators", tr("indicators.title"), bullets=tuple(bullets[:5]),
                     picture=PlanVsResult(tuple(plan), tr("indicators.actual"),
                                          tr("indicators.target")), notes=tuple(notes))

    # --- slides 5-8 -------------------------------------------------------------------
    def reports(self) -> list:
        """Chain reports of the chains with actors, most actors first."""
        if self._reports is None:
            found = chain_gaps(self.graph, self.taxonomy, links=self.links)
            found = [r for r in found if any(r.actors.values())]
            self._reports = sorted(found, key=lambda r: (-len(_actors_of(r)), r.chain))
        return self._reports

    def chosen(self, wanted: Sequence[str] = ()) -> list:
        if self._chosen is None:
            if wanted:
                by_id = {r.chain: r for r in self.reports()}
                self._chosen = [by_id.get(c) or chain_gaps(self.graph, self.taxonomy, chain=c,
                                                           links=self.links)[0]
                                for c in dict.fromkeys(wanted)][:MAX_CHAINS]
            else:
                self._chosen = self.reports()[:DEFAULT_CHAINS]
        return self._chosen

    def chain_slides(self, wanted: Sequence[str] = ()) -> list[Slide]:
        chosen = self.chosen(wanted)
        if not chosen:
            self.missing.append(self.tr("missing.chains"))
        return [self.chain_slide(r) for r in chosen]

    def chain_slide(self, report) -> Slide:
        """One row per segment, upstream to downstream: its actors and its gap; first the
        actors serving the chain without a segment; the whole chain's gaps below."""
        tr = self.tr
        rows, marked, shown = [], [], []

        def names(ids: list[str]) -> str:
            shown.extend(ids[:CHAIN_NAMES])
            return tr.join(self.name(a) for a in ids[:CHAIN_NAMES]) + (
                tr("chain.more", n=len(ids)) if len(ids) > CHAIN_NAMES else "")

        placed = {a for seg in report.segments for ids in seg.actors.values() for a in ids}
        unplaced = self.by_degree(_actors_of(report) - placed)
        if unplaced:
            rows.append((tr.cap(tr("chain.whole")), tr("chain.no_segment"), names(unplaced), ""))
        for seg in report.segments:
            ids = self.by_degree({a for ids in seg.actors.values() for a in ids})
            gap = tr.join(g.reason_en if tr.en else g.reason for g in seg.gaps)
            if not ids:
                marked.append((len(rows), 2))
            rows.append((tr.cap(tr.stage(seg.stage)), seg.name_en if tr.en and seg.name_en else seg.name,
                         names(ids) if ids else tr("chain.empty"), gap))
        table = Table((tr("chain.col.stage"), tr("chain.col.segment"), tr("chain.col.actors"),
                       tr("chain.col.gap")), tuple(rows), marked=tuple(marked))
        actors = _actors_of(report)
        name = report.name_en if tr.en and report.name_en else report.name
        bullets = [tr("chain.coverage", c=report.coverage, n=len(actors))]
        whole = [g.reason_en if tr.en else g.reason for g in report.gaps if g.segment is None]
        bullets.append(tr("chain.gaps", text=tr.join(whole)) if whole else tr("chain.no_gaps"))
        segments = {s.id: (s.name_en if tr.en and s.name_en else s.name) for s in report.segments}
        gaps = [f"{segments.get(g.segment, g.segment) if g.segment else tr('chain.whole')}："
                f"{g.reason_en if tr.en else g.reason}" for g in report.gaps]
        notes = [tr("chain.coverage", c=report.coverage, n=len(actors)), *gaps,
                 tr("notes.evidence"), *self.entity_notes(list(dict.fromkeys(shown)))]
        return Slide("chain", tr("chain.title", name=name), bullets=tuple(bullets), table=table,
                     notes=tuple(notes))

    # --- slide 9 ----------------------------------------------------------------------
    def candidates(self, chain_id: str, top: int = 3) -> list:
        try:
            return recommend_partners(self.graph, chain_id, self.taxonomy, top=top,
                                      links=self.links)
        except InnographError:
            return []

    def gaps(self) -> Slide | None:
        tr = self.tr
        rows, notes = [], [tr("notes.evidence")]
        for report in self.chosen() or self.reports()[:DEFAULT_CHAINS]:
            segments = {s.id: (s.name_en if tr.en and s.name_en else s.name)
                        for s in report.segments}
            gaps = [g for g in report.gaps if g.segment is None] or list(report.gaps)
            if not gaps:
                continue
            found = self.candidates(report.chain)
            name = report.name_en if tr.en and report.name_en else report.name
            empty = [segments[g.segment] for g in report.gaps if g.capability == "segment"]
            text = tr.join([g.reason_en if tr.en else g.reason for g in gaps[:2]])
            if empty:
                text += ("; " if tr.en else "；") + tr("gaps.empty_segments",
                                                        names=tr.join(empty[:3]))
            rows.append((name, _clip(text, 60),
                         tr.join(s.name for s in found) or tr("gaps.none")))
            for s in found:
                notes.append(f"{name} — {s.name}: " + "; ".join(tr.reason(r) for r in s.reasons[:3]))
            notes += self.entity_notes([s.id for s in found], limit=3)
        if not rows:
            self.missing.append(tr("missing.gaps"))
            return None
        table = Table((tr("gaps.col.chain"), tr("gaps.col.gap"), tr("gaps.col.who")), tuple(rows))
        return Slide("gaps", tr("gaps.title"), table=table, notes=tuple(notes))

    # --- slide 10 ---------------------------------------------------------------------
    def partnerships(self) -> Slide | None:
        tr = self.tr
        enterprise = EntityKind.ENTERPRISE.value
        sources = self.by_degree(a for a in self.actors if self.kind(a) == enterprise)[:8]
        rows, notes, seen = [], [tr("notes.evidence")], set()
        for source in sources:
            for s in recommend_partners(self.graph, source, self.taxonomy, top=1, links=self.links):
                rows.append((self.name(source), s.name, _clip(tr.join(
                    tr.reason(r) for r in s.reasons[:2]), 48)))
                notes.append(f"{self.name(source)} — {s.name}: "
                             + "; ".join(tr.reason(r) for r in s.reasons))
                seen.update((source, s.id))
        if len(rows) < 3:  # few enterprises: partners for the chains instead
            for report in self.chosen()[:3]:
                for s in self.candidates(report.chain, top=2):
                    name = report.name_en if tr.en and report.name_en else report.name
                    rows.append((name, s.name, _clip(tr.join(tr.reason(r) for r in s.reasons[:1]), 48)))
                    notes.append(f"{name} — {s.name}: " + "; ".join(tr.reason(r) for r in s.reasons))
                    seen.add(s.id)
        if not rows:
            self.missing.append(tr("missing.partners"))
            return None
        notes += self.entity_notes(sorted(seen), limit=12)
        rows = rows[:7]
        table = Table((tr("partners.col.actor"), tr("partners.col.partner"), tr("partners.col.why")),
                      tuple(rows))
        asked = Counter(partner for _, partner, _ in rows)
        bullets = [tr("partners.most", name=name, n=n) for name, n in asked.most_common(2) if n > 1]
        return Slide("partners", tr("partners.title"), bullets=tuple(bullets), table=table,
                     notes=tuple(notes))

    # --- slide 11 ---------------------------------------------------------------------
    def hubs(self) -> Slide | None:
        tr = self.tr
        top = [r for r in hubs(self.simple, top=40) if r.kind not in CONTEXT_KINDS][:8]
        top = [r for r in top if self.degree.get(r.id, 0) > 0]
        if not top:
            return None
        kinds = list(dict.fromkeys(r.kind for r in top))
        bars = Bars(tr("hubs.chart"), tuple(_clip(r.name, 14) for r in top),
                    tuple(float(self.degree[r.id]) for r in top),
                    tuple(kind_color(r.kind) for r in top),
                    tuple((tr.kind(k), kind_color(k)) for k in kinds))
        broker_ids, core = self.brokers()
        bullets = [tr("hubs.brokers")] + [tr("hubs.broker", name=self.name(b), kind=tr.kind(self.kind(b)))
                                          for b in broker_ids[:5]] if broker_ids else []
        notes = [tr("notes.counted", docs=len(self.docs))]
        if core:
            notes.append(tr("notes.approx", n=core, k=BROKER_SAMPLES))
        notes.append(tr("notes.evidence"))
        for r in top[:6]:
            neighbours = self.by_degree(nx.all_neighbors(self.graph, r.id))
            line = self.relation_note(r.id, neighbours[0]) if neighbours else None
            if line:
                notes.append(line)
        notes += self.entity_notes(broker_ids[:5])
        return Slide("hubs", tr("hubs.title"), bullets=tuple(bullets), picture=bars,
                     notes=tuple(notes))

    def brokers(self) -> tuple[list[str], int]:
        """Actors by betweenness, and 0, or on a big graph the size of the core of
        best-connected entities it was estimated on (from sampled sources)."""
        simple, core = self.simple, 0
        if simple.number_of_nodes() > BROKER_CORE:
            core = BROKER_CORE
            simple = nx.Graph(simple.subgraph(self.top(simple, core)))  # a copy: views are slow
        if simple.number_of_nodes() < 3:
            return [], 0
        k = min(BROKER_SAMPLES, simple.number_of_nodes()) if core else None
        scores = nx.betweenness_centrality(simple, k=k, seed=42)
        ranked = sorted(((-s, node) for node, s in scores.items()
                         if s > 0 and self.kind(node) not in CONTEXT_KINDS))
        return [node for _, node in ranked[:8]], core

    # --- slide 12 ---------------------------------------------------------------------
    def sources(self) -> Slide:
        tr = self.tr
        docs = sorted(self.docs, key=lambda d: (years_of([d]) or [0])[-1], reverse=True)
        indicators = self.store.indicators()
        stated = Counter(i.evidence.doc_id for i in indicators)
        planned = sum(1 for i in indicators if i.kind == IndicatorKind.TARGET)
        rows = []
        for d in docs[:8]:
            years = years_of([d])
            rows.append((_clip(d.title or Path(d.path).name, 34),
                         "–".join(dict.fromkeys(map(str, (years[0], years[-1])))) if years else "-",
                         (d.added_at or "")[:10] or "-", f"{d.chars:,}", f"{stated[d.id]:,}"))
        bullets = [tr("sources.totals", entities=self.graph.number_of_nodes(),
                      relations=self.graph.number_of_edges(), indicators=sum(stated.values())),
                   tr("sources.indicators", actual=len(indicators) - planned, target=planned)]
        if len(docs) > 8:
            bullets.append(tr("sources.more", n=len(docs) - 8))
        notes = tuple(f"{d.title or Path(d.path).name}: {d.path} ({d.id})" for d in docs[:NOTE_LINES])
        return Slide("sources", tr("sources.title"), bullets=tuple(bullets), table=Table(
            (tr("sources.col.doc"), tr("sources.col.year"), tr("sources.col.added"),
             tr("sources.col.chars"), tr("sources.col.indicators")), tuple(rows)), notes=notes)


def _actors_of(report) -> set[str]:
    return {a for ids in report.actors.values() for a in ids}
