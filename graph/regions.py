"""The region hierarchy of `data/lexicons/regions.tsv`: district → city → province.

Each known place has a level (province, city, county, economic_region, foreign) and a
parent. Economic regions (长三角, 粤港澳大湾区, …) are groups of cities, never a location
in themselves: they have no parent and contain nothing here. Ingest writes the levels
and the PART_OF links between the places a store holds (`hierarchy_facts`); the
analytics read distances and tiers from here.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from extract.lexicons import Lexicon, default_lexicon
from extract.vocabulary import EntityKind, normalise_name

#: levels that name a place an actor can be in
LOCATION_LEVELS = ("province", "city", "county", "foreign")
ECONOMIC = "economic_region"
#: proximity tiers, nearest first: the smallest unit a candidate shares with the target
TIERS = ("district", "city", "province", "elsewhere")
_TIER_OF_LEVEL = {"county": "district", "city": "city", "province": "province"}


@dataclass(frozen=True)
class RegionHierarchy:
    """Levels and parents of the canonical region names of a lexicon."""

    lexicon: Lexicon

    def canonical(self, name: str) -> str | None:
        """The canonical name of a known place (上虞区 → 上虞), None when unknown or when
        the surface names several places."""
        if name in self.lexicon.region_level:
            return name
        found = {t.canonical for t in self.lexicon.lookup(normalise_name(name))
                 if t.kind is EntityKind.REGION}
        return found.pop() if len(found) == 1 else None

    def level(self, name: str) -> str | None:
        canon = self.canonical(name)
        return self.lexicon.region_level.get(canon) if canon else None

    def is_location(self, name: str) -> bool:
        """Whether actors can be *in* this place (not an economic region)."""
        return self.level(name) != ECONOMIC

    def parents(self, name: str) -> list[str]:
        """The parent(s) of a place: several for a county name shared by several cities."""
        canon = self.canonical(name)
        parent = self.lexicon.region_parent.get(canon, "") if canon else ""
        return [p for p in parent.split("|") if p]

    def ancestors(self, name: str, among: set[str] | frozenset[str] = frozenset()) -> list[str]:
        """The places containing `name`, nearest first. Where a name has several parents,
        the one in `among` (the places a document or store names) is followed."""
        out: list[str] = []
        current = self.canonical(name)
        while current:
            parents = self.parents(current)
            if len(parents) > 1:
                parents = [p for p in parents if p in among][:1]
            if not parents or parents[0] in out:
                break
            out.append(parents[0])
            current = parents[0]
        return out

    def chain(self, name: str, among: set[str] | frozenset[str] = frozenset()) -> list[str]:
        """`name` itself (canonical) followed by its ancestors."""
        canon = self.canonical(name)
        return [canon, *self.ancestors(canon, among)] if canon else []

    def contains(self, outer: str, inner: str) -> bool:
        """Whether `inner` is `outer` or lies inside it."""
        canon = self.canonical(outer)
        return bool(canon) and canon in self.chain(inner)

    def tier(self, target: str, place: str) -> str:
        """How near `place` is to `target`: the smallest unit both lie in (`TIERS`)."""
        mine, theirs = self.chain(target), set(self.chain(place))
        for unit in mine:
            if unit in theirs:
                return _TIER_OF_LEVEL.get(self.lexicon.region_level.get(unit, ""), "elsewhere")
        return "elsewhere"

    def shared(self, a: str, b: str) -> str | None:
        """The smallest place containing both `a` and `b` (上虞, 新昌: 绍兴)."""
        theirs = set(self.chain(b))
        return next((unit for unit in self.chain(a) if unit in theirs), None)

    def distance(self, a: str, b: str) -> int | None:
        """Steps through the hierarchy from `a` to `b` (上虞 → 新昌: 2, via 绍兴); None
        when they share no ancestor or either is unknown."""
        ca, cb = self.chain(a), self.chain(b)
        for i, unit in enumerate(ca):
            if unit in cb:
                return i + cb.index(unit)
        return None


@lru_cache(maxsize=1)
def default_hierarchy() -> RegionHierarchy:
    """The hierarchy of the default lexicon, loaded once per process."""
    return RegionHierarchy(default_lexicon())


def hierarchy_facts(regions: dict[str, str], known: dict[str, str],
                    hierarchy: RegionHierarchy | None = None
                    ) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """The levels of a document's places and the PART_OF links they add.

    `regions` maps the entity id of each Region the document names to its name; `known`
    maps the canonical name of every place already stored to its entity id. Each place
    gets its level, and a PART_OF to the nearest place containing it that the document
    or the store holds (上虞 → 绍兴; 绍兴 → 浙江). Economic regions get a level only.
    A stored place whose nearest container is one of the document's places gets its
    PART_OF to it too (上虞 stored before any document named 绍兴), so the links do not
    depend on the order documents arrive in. Returns ({entity id: level},
    [(child id, parent id)]).

    >>> levels, links = hierarchy_facts({"Region:上虞": "上虞", "Region:绍兴": "绍兴"},
    ...                                 {"浙江": "Region:浙江"})
    >>> levels, links
    ({'Region:上虞': 'county', 'Region:绍兴': 'city'}, [('Region:上虞', 'Region:绍兴'), ('Region:绍兴', 'Region:浙江')])
    """
    hierarchy = hierarchy or default_hierarchy()
    present = dict(known)
    for rid, name in regions.items():
        canon = hierarchy.canonical(name)
        if canon:
            present[canon] = rid
    levels, links = {}, []
    among = set(present)
    for rid, name in regions.items():
        level = hierarchy.level(name)
        if level is None:
            continue
        levels[rid] = level
        parent = _nearest(hierarchy, name, present, among)
        if parent is not None and parent != rid:
            links.append((rid, parent))
    # a stored place whose nearest container arrives only now (上虞 stored, 绍兴 new)
    ours = set(regions.values())
    for name, rid in sorted(known.items()):
        if rid not in regions:
            parent = _nearest(hierarchy, name, present, among)
            if parent in regions and regions[parent] in ours and parent != rid:
                links.append((rid, parent))
    return levels, links


def _nearest(hierarchy: RegionHierarchy, name: str, present: dict[str, str],
             among: set[str]) -> str | None:
    """The entity id of the nearest place containing `name` among `present`."""
    for ancestor in hierarchy.ancestors(name, among=among):
        if ancestor in present:
            return present[ancestor]
    return None


def places_named_in(text: str, hierarchy: RegionHierarchy | None = None, *,
                    gated: bool = True) -> list[str]:
    """The canonical places a text names (a name such as 中科卫星应用德清研究院, or a
    sentence), in order of appearance, economic regions left out. Every known name is
    matched, longest first, so 上海交通大学绍兴研究院 names 绍兴 (上海 is part of a
    university's name). With `gated` False, a county or foreign name counts only when
    the text also names its parent (合作 is a word before it is a county)."""
    hierarchy = hierarchy or default_hierarchy()
    automaton = _AUTOMATA.get(id(hierarchy.lexicon))
    if automaton is None:
        automaton = _AUTOMATA[id(hierarchy.lexicon)] = _names_automaton(hierarchy.lexicon)
    found = [term for _, (_, term) in automaton.iter_long(text)
             if term is not None and hierarchy.is_location(term.canonical)] \
        if len(automaton) else []
    named = {t.canonical for t in found if not t.gated}
    out: list[str] = []
    for term in found:
        if term.gated and not gated and not set(term.parent.split("|")) & named:
            continue
        if term.canonical not in out:
            out.append(term.canonical)
    return out


_AUTOMATA: dict[int, object] = {}  #: one automaton per lexicon, built on first use


def _names_automaton(lexicon: Lexicon):
    """Every surface of the lexicon -> (length, its Region term or None for other kinds)."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for surface, bucket in lexicon.terms.items():
        places = [t for t in bucket if t.kind is EntityKind.REGION]
        region = places[0] if places and len(places) == len(bucket) else None
        automaton.add_word(surface, (len(surface), region))
    if len(automaton):
        automaton.make_automaton()
    return automaton
