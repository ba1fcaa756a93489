"""Pipeline component: choose among overlapping candidates and merge short and full forms.

The longest candidate wins a stretch of text; the candidates inside it become its parts
(the university in an institute's name, the district in a park's). Mentions whose
normalised names agree (高新园区 = 高新区, 上海交大 = 上海交通大学, level words dropped)
become one entity with aliases.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc


from extract.candidates import Candidate, candidates, text_view
from extract.gazetteer import gazetteer_for
from extract.lexicons import Lexicon, default_lexicon
from extract.names import LEVEL_WORDS, quoted_spans
from extract.vocabulary import EntityKind, normalise_name

_DECLARED = re.compile(r"[（(](?:以下)?(?:简称|统称|下称)?[：:]?[“\"「]?"
                       r"([\u4e00-\u9fffA-Za-z0-9]{2,20}?)[”\"」]?[）)]")
_SELF_CITY = re.compile(r"我市|全市|本市")
_SELF_COUNTY = re.compile(r"我区|全区|本区|我县|全县|本县")
#: territorial spaces and carriers, whose names a province in front of their city only locates
_ZONES = {EntityKind.PARK, EntityKind.PLATFORM}
_INNER_HEAD_KINDS = {EntityKind.UNIVERSITY, EntityKind.INSTITUTE, EntityKind.LAB}


@dataclass
class ExtractedEntity:
    """One entity of a document with every mention that names it."""

    key: str
    kind: EntityKind
    name: str
    aliases: set[str] = field(default_factory=set)
    level: str | None = None
    chain: str = ""
    mentions: list[Candidate] = field(default_factory=list)


def _attach(holder: Candidate, cand: Candidate) -> None:
    """Hang `cand` under the innermost part of `holder` that contains it."""
    if holder.start == cand.start and holder.end == cand.end and \
            (holder.kind is cand.kind or holder.source != "coordination"):
        return  # the same stretch proposed twice: the first proposal stays
    for part in holder.parts:
        if part.start <= cand.start and cand.end <= part.end:
            _attach(part, cand)
            return
        if part.start < cand.end and cand.start < part.end:
            return  # crosses a part: a worse reading of the same text
    cand.emit = cand.source == "lexicon" or cand.kind in _INNER_HEAD_KINDS
    holder.parts.append(cand)


class Resolution:
    """Turns the candidates into resolved entities on `doc._.entities`."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.gazetteer = gazetteer_for(lexicon)

    def __call__(self, doc: Doc) -> Doc:
        found = self.outside_slogans(text_view(doc).text, candidates(doc))
        outer = self.select(found)
        entities: dict[str, ExtractedEntity] = {}
        for cand in outer:
            self._add_tree(entities, cand)
        text = text_view(doc).text
        self.merge_place_prefixed(entities)
        declared = self.merge_declared_aliases(text, outer, entities)
        outer = self.mentions_of_declared(text, outer, entities, declared)
        doc._.candidates = outer
        doc._.entities = entities
        doc._.home_region = self.home_region(text, entities)
        doc._.subject = document_subject(text, outer, entities, doc._.home_region,
                                         self.lexicon.region_level, self.lexicon.region_parent)
        return doc

    def merge_declared_aliases(self, text: str, outer: list[Candidate],
                               entities: dict[str, ExtractedEntity]) -> list[tuple[int, str, str]]:
        """"X（以下简称“Y”）" and "X（Y）": Y names the same entity as X."""
        alias_keys: dict[str, str] = {}  #: key of the alias's own entity → key it joins
        declared_at: list[tuple[int, str, str]] = []  #: (end of declaration, alias, entity key)
        by_start = {c.start: c for c in outer}
        for cand in outer:
            m = _DECLARED.match(text, cand.end)
            if not m or not cand.key:
                continue
            alias = m.group(1)
            declared = "称" in m.group()
            other = by_start.get(m.start(1))
            if not declared and not (other is not None and other.kind is cand.kind) \
                    and not alias.isascii():
                continue  # （暂名）, （苏州）: a note or a place, not another name
            target = entities[cand.key]
            target.aliases.add(alias)
            if declared:
                declared_at.append((m.end(), alias, cand.key))
            if other is None or not other.key or other.key == cand.key \
                    or other.kind is not cand.kind:
                other_key = self.key(cand.kind, alias)
            else:
                other_key = other.key
            merged = entities.pop(other_key, None) if other_key != cand.key else None
            if merged is None:
                alias_keys[other_key] = cand.key
                continue
            target.aliases |= merged.aliases | {merged.name}
            target.mentions += merged.mentions
            for mention in merged.mentions:
                mention.key = cand.key
            alias_keys[other_key] = cand.key
        # later mentions of a declared alias that were keyed before the declaration was read
        for ent_key in [k for k in entities if k in alias_keys]:
            merged = entities.pop(ent_key)
            target = entities.get(alias_keys[ent_key])
            if target is None:
                entities[ent_key] = merged
                continue
            target.aliases |= merged.aliases | {merged.name}
            target.mentions += merged.mentions
            for mention in merged.mentions:
                mention.key = target.key
        return [(end, alias, alias_keys.get(key, key)) for end, alias, key in declared_at]

    def merge_place_prefixed(self, entities: dict[str, ExtractedEntity]) -> None:
        """丽水云岫山高新区 and 云岫山高新区 in one document: the place in front only says
        where the same actor is, so the two are one entity under the longer name."""
        by_name = {(e.kind, e.name): e for e in entities.values()
                   if e.kind not in (EntityKind.REGION, EntityKind.INDUSTRY_CHAIN)}
        for (kind, name), longer in sorted(by_name.items(), key=lambda kv: -len(kv[0][1])):
            if longer.key not in entities:
                continue
            for cut in range(2, min(len(name) - 3, 8) + 1):
                place, rest = name[:cut], name[cut:]
                shorter = by_name.get((kind, rest))
                if shorter is None or shorter.key not in entities or shorter.key == longer.key:
                    continue
                if not any(t.kind is EntityKind.REGION for t in self.lexicon.lookup(place)):
                    continue
                del entities[shorter.key]
                longer.aliases |= shorter.aliases | {shorter.name}
                longer.mentions += shorter.mentions
                for mention in shorter.mentions:
                    mention.key = longer.key
                longer.level = longer.level or shorter.level

    @staticmethod
    def mentions_of_declared(text: str, outer: list[Candidate],
                             entities: dict[str, ExtractedEntity],
                             declared: list[tuple[int, str, str]]) -> list[Candidate]:
        """"…联盟（以下简称“联盟”）": later, a bare “联盟” names that alliance."""
        if not declared:
            return outer
        added = []
        spans = [(c.start, c.end) for c in outer]
        starts = [a for a, _ in spans]
        for end, alias, key in declared:
            ent = entities.get(key)
            if ent is None:
                continue
            for m in re.finditer(re.escape(alias), text[end:]):
                a, b = end + m.start(), end + m.end()
                i = bisect.bisect_right(starts, a) - 1
                if (i >= 0 and spans[i][1] > a) or (i + 1 < len(spans) and spans[i + 1][0] < b):
                    continue  # inside or across another name
                cand = Candidate(a, b, ent.kind, ent.name, "alias", surface=alias, key=key)
                ent.mentions.append(cand)
                added.append(cand)
        return sorted(outer + added, key=lambda c: c.start) if added else outer

    def outside_slogans(self, text: str, found: list[Candidate]) -> list[Candidate]:
        """Drop places and industries inside “slogans”, and names only seen in 《titles》."""
        spans = quoted_spans(text)
        if not spans:
            return found
        titles = [(a, b) for a, b, mark in spans if mark == "《"]
        quotes = [(a, b) for a, b, mark in spans if mark != "《"
                  and max(map(len, re.split("[、，]", text[a + 1:b - 1]))) <= 6]  # slogans
        names = [c for c in found if c.kind not in (EntityKind.REGION, EntityKind.INDUSTRY_CHAIN)
                 and c.confidence > 0]

        titles.sort()
        quotes.sort()
        title_starts, quote_starts = [a for a, _ in titles], [a for a, _ in quotes]

        def inside(c: Candidate, stretches) -> bool:
            starts = title_starts if stretches is titles else quote_starts
            i = bisect.bisect_left(starts, c.start) - 1  # the nearest stretches opening before
            return any(a < c.start and c.end < b for a, b in stretches[max(i - 1, 0):i + 1])

        def seen_outside_titles(name: str) -> bool:
            return any(not any(a < m.start() < b for a, b in titles)
                       for m in re.finditer(re.escape(name), text))

        if quotes:
            names = [n for n in names if inside(n, quotes) or bisect.bisect_left(
                quote_starts, n.end) > bisect.bisect_left(quote_starts, n.start)]
        kept = []
        for c in found:
            if c.kind in (EntityKind.REGION, EntityKind.INDUSTRY_CHAIN) and inside(c, quotes) \
                    and not any(n.start <= c.start and c.end <= n.end for n in names):
                continue
            if c.source != "lexicon" and inside(c, titles) and not seen_outside_titles(c.name):
                continue
            kept.append(c)
        return kept

    def select(self, found: list[Candidate]) -> list[Candidate]:
        """Non-overlapping outer candidates, longest first, each with its nested parts."""
        usable = [c for c in found if c.confidence > 0]
        usable.sort(key=lambda c: (-c.length, -c.confidence, c.start))
        outer: list[Candidate] = []  # kept sorted by start; outer candidates never overlap
        starts: list[int] = []
        for cand in usable:
            i = bisect.bisect_right(starts, cand.start) - 1
            before = outer[i] if i >= 0 else None
            if before is not None and cand.end <= before.end:
                _attach(before, cand)  # inside it (or the same stretch)
            elif (before is None or before.end <= cand.start) and \
                    (i + 1 >= len(outer) or cand.end <= outer[i + 1].start):
                outer.insert(i + 1, cand)
                starts.insert(i + 1, cand.start)
        return outer

    def _add_tree(self, entities: dict[str, ExtractedEntity], cand: Candidate) -> None:
        self._add(entities, cand)
        cand.parts.sort(key=lambda c: c.start)
        for part in cand.parts:
            self._add_tree(entities, part)

    def _add(self, entities: dict[str, ExtractedEntity], cand: Candidate) -> None:
        if not cand.emit:
            return
        cand.key = self.key(cand.kind, cand.name)
        ent = entities.get(cand.key)
        if ent is None:
            # an industry keeps the name the document gives it (智能家电, not a taxonomy term)
            name = self._drop_province_before_city(cand.name) if cand.kind in _ZONES else cand.name
            if cand.kind is EntityKind.INDUSTRY_CHAIN and cand.surface:
                name = cand.surface[:-2] if cand.surface.endswith("产业") and \
                    len(cand.surface) > 3 else cand.surface
            ent = entities[cand.key] = ExtractedEntity(cand.key, cand.kind, name,
                                                      chain=cand.chain)
        elif len(cand.name) > len(ent.name) and cand.source != "lexicon" \
                and not any(m.source == "lexicon" for m in ent.mentions):
            ent.aliases.add(ent.name)
            ent.name = cand.name
        for form in (cand.name, cand.surface):
            if form and form != ent.name:
                ent.aliases.add(form)
        ent.level = ent.level or cand.level
        ent.mentions.append(cand)

    def key(self, kind: EntityKind, name: str) -> str:
        """The form two names of one entity share."""
        norm = normalise_name(name)
        pieces, pos = [], 0
        for start, end, term in self.gazetteer.scan(norm):
            pieces.append(norm[pos:start])
            pieces.append(term.canonical)
            pos = end
        pieces.append(norm[pos:])
        norm = "".join(pieces)
        norm = self._drop_city_before_county(norm)
        if kind in _ZONES:
            norm = self._drop_province_before_city(norm)
        for word in LEVEL_WORDS:
            if norm != word:
                norm = norm.replace(word, "")
        if kind is EntityKind.INDUSTRY_CHAIN and norm.endswith("产业") and len(norm) > 3:
            norm = norm[:-2]
        changed = True
        while changed:  # 绍兴国家高新园区 → 绍兴国家高新区 → 绍兴高新区
            changed = False
            for variant, normal in self.lexicon.variants:
                if norm.endswith(variant) and len(norm) > len(variant):
                    norm = norm[: -len(variant)] + normal
                    changed = variant != normal
                    break
        return f"{kind.value}:{norm}"

    def _county_of_city_named(self, text: str, entities: dict[str, ExtractedEntity]) -> bool:
        """Whether the text names a county in full right after its city (湖州市吴兴区)."""
        city_ends = {(m.end, e.name) for e in entities.values() for m in e.mentions
                     if self.lexicon.region_level.get(e.name) == "city" and text[m.end - 1] == "市"}
        return any((m.start, parent) in city_ends and text[m.end - 1] in "区县市"
                   for e in entities.values() if self.lexicon.region_level.get(e.name) == "county"
                   for m in e.mentions
                   for parent in self.lexicon.region_parent.get(e.name, "").split("|"))

    def _drop_province_before_city(self, name: str) -> str:
        """湖南长沙经开区 → 长沙经开区: the province only says where the city is."""
        found = self.gazetteer.scan(name[:12])
        if len(found) >= 2:
            (a_start, a_end, a), (b_start, _, b) = found[:2]
            if a_start == 0 and a_end == b_start and a.kind is b.kind is EntityKind.REGION and \
                    self.lexicon.region_level.get(a.canonical) == "province" and \
                    self.lexicon.region_level.get(b.canonical) in ("city", "county") and \
                    len(name) - a_end > len(b.canonical) + 1:
                return name[a_end:]
        return name

    def _drop_city_before_county(self, norm: str) -> str:
        """嘉兴秀洲高新区 and 秀洲高新区 name one park: a county already says its city."""
        found = self.gazetteer.scan(norm)
        for (a_start, a_end, a), (b_start, _, b) in zip(found, found[1:]):
            if a_end == b_start and a.kind is b.kind is EntityKind.REGION and \
                    a.canonical in b.parent.split("|"):
                return norm[:a_start] + norm[a_end:]
        return norm

    def home_region(self, text: str, entities: dict[str, ExtractedEntity]) -> str | None:
        """The city or county the document is about: the one it names most, at the level it
        speaks of itself in (我市/全市 → a city, 我区/全县 → a district or county)."""
        county_voice = len(_SELF_COUNTY.findall(text)) > len(_SELF_CITY.findall(text))
        title_end = text.find("\n") if 0 <= text.find("\n") <= 80 else 0
        in_title = sorted(((m.start, -m.length, e) for e in entities.values()
                           for m in e.mentions
                           if m.start < title_end and e.kind in (EntityKind.PARK, EntityKind.REGION)),
                          key=lambda triple: triple[:2])  # the outermost name first
        if in_title and in_title[0][2].kind is EntityKind.PARK:
            return in_title[0][2].key  # a high-tech zone's own report or notice
        own_level = "county" if county_voice or self._county_of_city_named(text, entities) \
            else "city"
        ranked = []
        for ent in entities.values():
            level = self.lexicon.region_level.get(ent.name)
            if ent.kind is EntityKind.REGION and level in ("city", "county"):
                ranked.append((level == own_level, len(ent.mentions),
                               -min(m.start for m in ent.mentions), ent.key))
        return max(ranked)[-1] if ranked else None


_SCHOOL = re.compile(r"学校|我校|该校|本校|校长|校党委")


def document_subject(text: str, outer: list[Candidate], entities: dict[str, ExtractedEntity],
                     home: str | None, region_level: dict[str, str],
                     region_parent: dict[str, str]) -> str | None:
    """The actor the document speaks about: the city, county, zone or university it names
    most on its own (学校 counts for its university, a bare 高新区 for its zone); a county
    of that city, or a zone named after that place, wins when named nearly as often."""
    counts: dict[str, int] = {}
    for cand in outer:
        if cand.key in entities:
            counts[cand.key] = counts.get(cand.key, 0) + 1
    places = {k: n for k, n in counts.items() if entities[k].kind is EntityKind.REGION
              and region_level.get(entities[k].name) in ("city", "county")}
    parks = {k: n + _bare_head_mentions(text, entities[k], outer) for k, n in counts.items()
             if entities[k].kind is EntityKind.PARK}
    universities = sorted((k for k in counts if entities[k].kind is EntityKind.UNIVERSITY),
                          key=lambda k: -counts[k])
    best = max(places, key=lambda k: (places[k], k == home)) if places else home
    names = [entities[best].name] if best in entities else []
    speaks_as_city = len(_SELF_CITY.findall(text)) > len(_SELF_COUNTY.findall(text))
    counties = [k for k, n in places.items() if n >= 2 and 5 * n >= 3 * places[best]
                and names[0] in region_parent.get(entities[k].name, "").split("|")]
    if counties and not speaks_as_city:
        best = max(counties, key=places.get)
        names.append(entities[best].name)
    named = places.get(best, 0)
    zones = [k for k, n in parks.items() if n >= 3 and n > named
             or n >= 2 and 5 * n >= 3 * named and names and entities[k].name.startswith(tuple(names))]
    if zones:
        best = max(zones, key=lambda k: (parks[k], counts[k]))
    if universities:
        top = universities[0]
        if counts[top] + len(_SCHOOL.findall(text)) > parks.get(best, places.get(best, 0)):
            return top
    return best


_BARE_HEADS = ("高新区", "开发区", "经开区", "园区", "科学城", "科技城", "新区")


def _bare_head_mentions(text: str, park: ExtractedEntity, outer: list[Candidate]) -> int:
    """How often the zone's head stands alone ("高新区将…"): it then means this zone."""
    head = next((h for h in _BARE_HEADS if park.name.endswith(h)), None)
    if head is None:
        return 0
    inside = [(c.start, c.end) for c in outer]
    starts = [a for a, _ in inside]
    count = 0
    for m in re.finditer(head, text):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i >= 0 and inside[i][0] <= m.start() < inside[i][1]:
            continue
        if m.start() > 0 and text[m.start() - 1] not in "，。；、：:,;（(“”\n 　全该本我":
            continue
        count += 1
    return count


@Language.factory("innograph_resolution", default_config={},
                  assigns=["doc._.entities", "doc._.home_region", "doc._.subject"])
def make_resolution(nlp: Language, name: str) -> Resolution:
    return Resolution(default_lexicon())
