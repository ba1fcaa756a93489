"""Pipeline component: the relations between resolved entities, each with its sentence.

Two sources: the inside of names (天津大学浙江绍兴研究院 → AFFILIATED_WITH 天津大学,
LOCATED_IN 浙江, 绍兴) and cue words in sentences (整合, 合作, 对接, 重点建设, 组建联盟,
打造…基地).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from extract.candidates import Candidate, text_view
from extract.segmenter import pos_of
from extract.sentences import Sentence, clause_bounds, split_sentences
from extract.vocabulary import EntityKind, RelationKind

_ORGS = {EntityKind.UNIVERSITY, EntityKind.INSTITUTE, EntityKind.LAB}
_ACTORS = {EntityKind.UNIVERSITY, EntityKind.INSTITUTE, EntityKind.LAB, EntityKind.PARK,
           EntityKind.PLATFORM, EntityKind.ENTERPRISE, EntityKind.ALLIANCE}
_PARTNERS = _ACTORS | {EntityKind.REGION}
#: regions wider than a city, which a city cooperates with rather than belongs to
_WIDE_REGIONS = {"economic_region", "foreign", "province"}
#: a university or company named after a place need not sit there (浙江大学, 浙江医药)
_NAMED_AFTER_PLACES = {EntityKind.REGION, EntityKind.UNIVERSITY, EntityKind.ENTERPRISE}
_INTEGRATE = re.compile(r"整合|合并")
_COOPERATE = re.compile(r"合作|对接|共建|融入|携手|协同|签约|签订|联合")
#: the partner marker of "A与B合作": 与/同/和/跟 before the partner, adverbs allowed after A
_WITH = re.compile(r"((?:已|将|正|也|还|均|先后|分别|共同|积极|主动|深入)*)(?:与|同|跟)(?!时|比|期|步)")
_SIGNED = re.compile(r"签约|签订|签署|战略合作|合作协议|共建")
_CONTAINS = re.compile(r"重点建设|重点推进|重点抓好|重大抓好|包括|涵盖|下辖|所辖|布局建设|核心区|"
                       r"内的|范围内|拥有")
_FOUNDED_BY = re.compile(r"(?:由|依托)$")
_FOUNDING = re.compile(r"(?:牵头|联合|为主)?(?:建设|组建|共建|设立|成立|建立|打造|创建|发起成立)的?")
_JOIN = re.compile(r"组建|加入|牵头|发起|成立|组成|会长|理事长|会员|成员")
#: "联盟由A、B…共同发起成立": the stretch up to the verb lists the founding members
_FOUNDED_FROM = re.compile(r"[^。；]{0,3}由[^。；]{2,300}?(?:共同)?(?:发起|组成|联合成立|成立|组建)")
_BUILD_INTO = re.compile(r"打造")
_FIELD = re.compile(r"领域|产业链|产业集群|产业|行业|方向")
_ZONE_HEAD = re.compile(r"(高新区|开发区|经开区|科技城|科学城|新区|园区|走廊)$")
_OWNER_COLUMN = re.compile(r"(?:依托|承担|建设|牵头|共建|运营|申报)单位")
_RANKS = ((re.compile(r"走廊$"), 5), (re.compile(r"新区$"), 4),
          (re.compile(r"(高新区|开发区|经开区|高新园区|科技城|科学城)$"), 3))


@dataclass
class ExtractedRelation:
    """A relation between two resolved entities, with the sentence that states it."""

    head: str  #: entity key
    kind: RelationKind
    tail: str
    sentence: Sentence
    confidence: float
    rule: str


def park_rank(cand: Candidate) -> int:
    """How large a space is by its name: corridor > new area > zone/science city > park."""
    return 1 if cand.kind is EntityKind.PLATFORM else park_rank_of(cand.name)


def park_rank_of(name: str) -> int:
    for rx, rank in _RANKS:
        if rx.search(name):
            return rank
    return 2


def _bare_head(stretch: str, zone_name: str) -> bool:
    """Whether the zone's head stands alone in the stretch (高新区总管辖区域…)."""
    head = next((m.group() for m in _ZONE_HEAD.finditer(zone_name)), None)
    return head is not None and re.search(r"(?:^|[，,；。：\s]|全|该|本)" + head, stretch) is not None


class RelationFinder:
    """Adds `doc._.relations`; the work on each document happens in its own `RelationPass`,
    so one pipeline can serve several threads."""

    def __init__(self, lexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        return RelationPass(self.lexicon).run(doc)


class RelationPass:
    """The relations of one document."""

    def __init__(self, lexicon) -> None:
        self.lexicon = lexicon

    def run(self, doc: Doc) -> Doc:
        view = text_view(doc)
        sentences = split_sentences(view.text)
        doc._.sentences = sentences
        self.text, self.tokens, self.token_starts = view.text, view.words, view.starts
        self.sentences, self.sentence_starts = sentences, [s.start for s in sentences]
        outer: list[Candidate] = doc._.candidates
        self.found: dict[tuple[str, RelationKind, str], ExtractedRelation] = {}
        self.home = doc._.home_region
        self.home_place = self.place_of_home(outer)
        self.subject = doc._.subject or self.home
        subject = doc._.entities.get(self.subject) if self.subject else None
        self.subject_zone = (subject.key, subject.name) \
            if subject is not None and subject.kind is EntityKind.PARK else None
        self.region_levels = {key: self.lexicon.region_level.get(e.name, "")
                              for key, e in doc._.entities.items() if e.kind is EntityKind.REGION}
        self.region_names = {key: e.name for key, e in doc._.entities.items()
                             if e.kind is EntityKind.REGION}
        by_sentence = _group(outer, sentences)
        for sent, cands in by_sentence:
            self.from_names(sent, cands)
            self.from_sentence(self.text, sent, cands)
        self.from_place_prefixes(self.text, sentences, outer)
        if _OWNER_COLUMN.search(self.text):
            self.owner_columns(outer)
        self.branches_at_home(sentences, outer)
        doc._.relations = list(self.found.values())
        return doc

    def place_of_home(self, outer: list[Candidate]) -> str | None:
        """The region the document's home is in: itself, or the district a zone is named after."""
        for cand in outer:
            if cand.key == self.home:
                if cand.kind is EntityKind.REGION:
                    return cand.key
                return next((p.key for p in _keyed_parts(cand) if p.kind is EntityKind.REGION), None)
        return self.home

    def branches_at_home(self, sentences: list[Sentence], outer: list[Candidate]) -> None:
        """A branch institute whose name gives no place sits in the region the document is about."""
        placed = {r.head for r in self.found.values() if r.kind is RelationKind.LOCATED_IN}
        branches = {r.head for r in self.found.values() if r.kind is RelationKind.AFFILIATED_WITH}
        for cand in outer:
            if cand.key in branches and cand.key not in placed and cand.kind is EntityKind.INSTITUTE:
                self.add(cand, RelationKind.LOCATED_IN, self.home_place,
                         self.sentence_at(cand.start), 0.4, "doc:home-branch")
                placed.add(cand.key)

    def regions_named_in(self, text: str) -> list[str]:
        """Keys of this document's regions whose names occur in `text`."""
        return [key for key, name in self.region_names.items() if name in text]

    def sentence_at(self, pos: int) -> Sentence:
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        return self.sentences[max(i, 0)]

    def add(self, head: Candidate | str | None, kind: RelationKind, tail: Candidate | str | None,
            sent: Sentence, confidence: float, rule: str) -> None:
        h = head.key if isinstance(head, Candidate) else head
        t = tail.key if isinstance(tail, Candidate) else tail
        if not h or not t or h == t:
            return
        if kind.symmetric and t < h:
            h, t = t, h
        key = (h, kind, t)
        if key not in self.found or self.found[key].confidence < confidence:
            self.found[key] = ExtractedRelation(h, kind, t, sent, confidence, rule)

    # --- inside names -------------------------------------------------------------------
    def from_names(self, sent: Sentence, cands: list[Candidate]) -> None:
        for cand in _walk(cands):
            if not cand.key:
                continue
            parts = list(_keyed_parts(cand))
            orgs = [p for p in parts if p.kind in _ORGS]
            for part in parts:
                if part.kind is EntityKind.REGION and cand.kind not in _NAMED_AFTER_PLACES:
                    self.add(cand, RelationKind.LOCATED_IN, part, sent, 0.9, "name:region")
                elif part.kind is EntityKind.INDUSTRY_CHAIN and cand.kind in _ACTORS:
                    self.add(cand, RelationKind.FOCUSES_ON, part, sent, 0.85, "name:industry")
            if orgs and (cand.kind in (EntityKind.INSTITUTE, EntityKind.LAB, EntityKind.PLATFORM)
                         or _school_of(cand, orgs[0])):
                self.add(cand, RelationKind.AFFILIATED_WITH, orgs[0], sent, 0.9, "name:parent")
            if cand.source == "coordination" and cand.kind not in _NAMED_AFTER_PLACES:
                for region in self.regions_named_in(cand.shared_head):  # …、上海交通大学嘉兴研究院
                    self.add(cand, RelationKind.LOCATED_IN, region, sent, 0.8, "name:shared-head")

    # --- sentence cues --------------------------------------------------------------------
    def from_sentence(self, text: str, sent: Sentence, cands: list[Candidate]) -> None:
        keyed = [c for c in cands if c.key]
        # the actor a sentence opens with is its subject (not one inside a list or quote)
        self.sentence_actors = [c for c in keyed[:1] if c.kind in _ACTORS]
        for start, end in clause_bounds(text, sent.start, sent.end):
            clause = [c for c in keyed if start <= c.start < end]
            ctext = text[start:end]
            if _INTEGRATE.search(ctext):
                self.integrations(text, sent, clause, start)
            if _COOPERATE.search(ctext):
                self.cooperations(text, sent, clause, start, end)
            self.home_focus(ctext, sent, clause)
        if _CONTAINS.search(sent.text):
            self.containment(text, sent, keyed)
        self.founders(text, sent, keyed)
        self.places_before(text, sent, keyed)
        if _JOIN.search(sent.text):
            self.memberships(text, sent, keyed)
        cues = [sent.start + m.start() for m in _BUILD_INTO.finditer(sent.text)]
        for cue, nxt in zip(cues, cues[1:] + [sent.end]):
            quote = text.rfind("“", sent.start, cue)
            if quote > text.rfind("”", sent.start, cue):  # 之江实验室“…打造人工智能创新高地”
                subject = next((c for c in reversed(keyed) if c.end == quote), None)
                nxt = min(nxt, text.find("”", cue) if "”" in text[cue:nxt] else nxt)
            else:  # the first actor of the sentence is the one being built up
                subject = next((c for c in keyed if c.kind in _ACTORS and c.start < cue), None)
            for chain in keyed:
                if chain.kind is EntityKind.INDUSTRY_CHAIN and cue < chain.start < nxt:
                    self.add(subject, RelationKind.FOCUSES_ON, chain, sent, 0.6, "sent:build-into")

    def memberships(self, text: str, sent: Sentence, keyed: list[Candidate]) -> None:
        """Members of an alliance: "联盟由A、B…共同发起成立" names each founder, whatever its
        kind; elsewhere the organisations of a sentence that joins or leads one."""
        for alliance in (c for c in keyed if c.kind is EntityKind.ALLIANCE):
            founded = _FOUNDED_FROM.match(text, alliance.end)
            if founded:
                stop = founded.end()
                for member in keyed:
                    if alliance.end < member.start < stop and member.kind in _ACTORS \
                            and member.kind is not EntityKind.ALLIANCE:
                        self.add(member, RelationKind.MEMBER_OF, alliance, sent, 0.75, "sent:founded-from")
                continue
            for member in keyed:
                if member.kind in (EntityKind.ENTERPRISE, EntityKind.UNIVERSITY,
                                   EntityKind.INSTITUTE):
                    self.add(member, RelationKind.MEMBER_OF, alliance, sent, 0.7, "sent:join")

    def founders(self, text: str, sent: Sentence, keyed: list[Candidate]) -> None:
        """"由温州医科大学牵头建设的瓯江实验室", "依托科大讯飞建设的…实验室"."""
        for i, founder in enumerate(keyed[:-1]):
            if founder.kind not in _ORGS | {EntityKind.ENTERPRISE}:
                continue
            verb = _FOUNDING.match(text, founder.end)
            introduced = _FOUNDED_BY.search(text[max(sent.start, founder.start - 2):founder.start])
            if not introduced and not (verb and verb.group().startswith("牵头")):
                continue
            founded = keyed[i + 1]
            if verb and verb.group() and founded.start - verb.end() <= 12 and \
                    founded.kind in (EntityKind.LAB, EntityKind.INSTITUTE, EntityKind.PLATFORM):
                self.add(founded, RelationKind.AFFILIATED_WITH, founder, sent, 0.75, "sent:founded-by")

    def places_before(self, text: str, sent: Sentence, keyed: list[Candidate]) -> None:
        """A district named right before an actor, or "位于X的Y": the actor sits there."""
        for place, actor in zip(keyed, keyed[1:]):
            if place.kind is not EntityKind.REGION or actor.kind not in _ACTORS or \
                    self.region_levels.get(place.key) not in ("county", "city"):
                continue
            between = text[place.end:actor.start]
            if between == "" or (between in ("的", "内的") and
                                 text[max(0, place.start - 2):place.start] == "位于"):
                self.add(actor, RelationKind.LOCATED_IN, place, sent, 0.7, "text:place-before")

    def integrations(self, text: str, sent: Sentence, clause: list[Candidate], start: int) -> None:
        parks = [c for c in clause if c.kind is EntityKind.PARK]
        verb = _INTEGRATE.search(text, start)
        before = [p for p in parks if p.end <= verb.start()]
        after = [p for p in parks if p.start >= verb.end()]
        if before and after:  # "A整合B、C"
            for p in after:
                self.add(before[-1], RelationKind.INTEGRATED_WITH, p, sent, 0.8, "sent:integrate")
            return
        for a, b in zip(before, before[1:]):  # "A与B整合提升、C与D…"
            between = text[a.end:b.start]
            if between in ("与", "和", "同", "及"):
                self.add(a, RelationKind.INTEGRATED_WITH, b, sent, 0.8, "sent:integrate")

    def cooperations(self, text: str, sent: Sentence, clause: list[Candidate], start: int,
                     end: int) -> None:
        ctext = text[start:end]
        partners = [c for c in clause if c.kind in _PARTNERS
                    and c.key not in (self.home, self.home_place, self.subject)]
        with_at = _WITH.search(ctext)
        if with_at:  # "支持A、B与C开展协同攻关", "学校已与C签约": each of A, B with C
            at = start + with_at.start()
            subjects = self.listed_before(text, [c for c in clause if c.kind in _PARTNERS],
                                          at)
            heads = [s.key for s in subjects] or [self.subject]
            for p in partners:
                if p.start > at:
                    for head in heads:
                        self.add(head, RelationKind.COOPERATES_WITH, p, sent, 0.7, "sent:cooperate")
            return
        signed = _SIGNED.search(ctext) is not None
        for p in partners:
            before = text[max(start, p.start - 3):p.start]
            after = text[p.end:min(end, p.end + 4)]
            if re.search(r"(对接|融入)\S{0,1}$", before) or \
                    (p.kind in _ORGS and re.match(r"\S{0,2}(专场|对接|合作)", after)) or \
                    (signed and p.kind in _ACTORS and not self.named_after_home(p)) or \
                    self.region_levels.get(p.key) in _WIDE_REGIONS:
                self.add(self.subject, RelationKind.COOPERATES_WITH, p, sent, 0.6, "sent:match")

    def named_after_home(self, cand: Candidate) -> bool:
        """丽水某大学研究院 in a 丽水 report: a local actor, not an outside partner."""
        return any(p.key in (self.home, self.home_place) for p in _keyed_parts(cand))

    @staticmethod
    def listed_before(text: str, cands: list[Candidate], pos: int) -> list[Candidate]:
        """The candidates that end right before `pos`, joined by 、/和/及 (A、B与…)."""
        out: list[Candidate] = []
        end = pos
        for cand in sorted((c for c in cands if c.end <= pos), key=lambda c: -c.start):
            if text[cand.end:end] not in ("", "、", "和", "及", "以及"):
                break
            out.append(cand)
            end = cand.start
        return out

    def containment(self, text: str, sent: Sentence, keyed: list[Candidate]) -> None:
        spaces = [c for c in keyed if c.kind in (EntityKind.PARK, EntityKind.PLATFORM)]
        for m in _CONTAINS.finditer(sent.text):
            cue = sent.start + m.start()
            containers = [c for c in spaces if c.end <= cue]
            if containers:
                outer, outer_rank = containers[-1].key, park_rank(containers[-1])
            elif self.subject_zone and _bare_head(text[sent.start:cue], self.subject_zone[1]):
                outer, outer_rank = self.subject_zone[0], park_rank_of(self.subject_zone[1])
            else:  # "高新区…包括四个园区：…": the bare head is the document's own zone
                continue
            for part in spaces:
                if part.start > cue and park_rank(part) < outer_rank:
                    self.add(part, RelationKind.PART_OF, outer, sent, 0.7, "sent:contains")

    def placed_before(self, chain: Candidate) -> bool:
        """Whether a place name stands right before an industry (柯桥现代纺织, 滨海生物医药)."""
        i = bisect.bisect_left(self.token_starts, chain.start) - 1
        if i < 0 or self.token_starts[i] + len(self.tokens[i]) != chain.start:
            return False
        word = self.tokens[i]
        return pos_of(word) == "ns" or any(t.kind is EntityKind.REGION
                                          for t in self.lexicon.lookup(word))

    def home_focus(self, ctext: str, sent: Sentence, clause: list[Candidate]) -> None:
        """Chains listed with no actor in the clause are what the home region focuses on."""
        if not self.subject or not _FIELD.search(ctext):
            return
        if any(c.kind in _ACTORS for c in clause):
            return
        chains = [c for c in clause if c.kind is EntityKind.INDUSTRY_CHAIN
                  and not self.placed_before(c)]
        listed = len(chains) >= 2 or (chains and self.text.startswith("等", chains[0].end))
        if listed:
            subject = next((c for c in self.sentence_actors if c.start < chains[0].start), None)
            for chain in chains:
                if subject is not None:  # "甬江实验室…，围绕A、B等方向…": the sentence's subject
                    self.add(subject, RelationKind.FOCUSES_ON, chain, sent, 0.55, "sent:subject-focus")
                else:
                    self.add(self.subject, RelationKind.FOCUSES_ON, chain, sent, 0.5, "sent:home-focus")

    def owner_columns(self, outer: list[Candidate]) -> None:
        """A list or table with a 依托单位 column: a platform glued to the organisation
        right after it (…中试平台某某海洋大学…) is run by that organisation."""
        for cand, nxt in zip(outer, outer[1:]):
            if cand.key and nxt.key and cand.end == nxt.start and \
                    cand.kind in (EntityKind.PLATFORM, EntityKind.LAB, EntityKind.INSTITUTE) and \
                    nxt.kind in _ORGS | {EntityKind.ENTERPRISE}:
                self.add(cand, RelationKind.AFFILIATED_WITH, nxt, self.sentence_at(cand.start),
                         0.6, "table:owner-column")

    # --- place prefixes ------------------------------------------------------------------
    def from_place_prefixes(self, text: str, sentences: list[Sentence],
                            outer: list[Candidate]) -> None:
        """"滨海科技城" sits in "滨海新区"; "滨海生物医药" is 滨海新区 focusing on 生物医药."""
        areas = [c for c in outer if c.kind is EntityKind.PARK and c.key and c.name.endswith("新区")]
        spaces = [c for c in outer if c.kind in (EntityKind.PARK, EntityKind.PLATFORM)]
        chains = [c for c in outer if c.kind is EntityKind.INDUSTRY_CHAIN]
        for area in {a.key: a for a in areas}.values():
            prefix = area.name[:-2]
            if len(prefix) < 2:
                continue
            for cand in [c for c in spaces if c.name.startswith(prefix)] + \
                    [c for c in chains if text.endswith(prefix, 0, c.start)]:
                sent = self.sentence_at(cand.start)
                if cand.key and cand.key != area.key and cand.name.startswith(prefix) and \
                        cand.kind in (EntityKind.PARK, EntityKind.PLATFORM) and \
                        not any(p.kind is EntityKind.REGION for p in cand.parts):
                    self.add(cand, RelationKind.PART_OF, area, sent, 0.6, "name:place-prefix")
                if cand.kind is EntityKind.INDUSTRY_CHAIN and \
                        text[max(0, cand.start - len(prefix)):cand.start] == prefix:
                    self.add(area, RelationKind.FOCUSES_ON, cand, sent, 0.6, "name:place-prefix")
        for i, cand in enumerate(outer[:-1]):
            nxt = outer[i + 1]
            if cand.kind is EntityKind.REGION and nxt.kind is EntityKind.INDUSTRY_CHAIN \
                    and cand.end == nxt.start \
                    and self.region_levels.get(cand.key) in ("city", "county"):
                sent = self.sentence_at(cand.start)
                for chain in _listed_after(text, outer, i + 1):  # 衢州新材料、新能源、集成电路等
                    self.add(cand, RelationKind.FOCUSES_ON, chain, sent, 0.7, "text:region-industry")


def _listed_after(text: str, outer: list[Candidate], first: int) -> list[Candidate]:
    """The industry at `first` and those listed after it (A、B和C), stopping at anything else."""
    out = [outer[first]]
    for nxt in outer[first + 1:]:
        if nxt.kind is not EntityKind.INDUSTRY_CHAIN or \
                text[out[-1].end:nxt.start] not in ("、", "和", "及", "以及", "与"):
            break
        out.append(nxt)
    return out


def _school_of(cand: Candidate, org: Candidate) -> bool:
    """X大学Y学院: a school (学院) named inside its university."""
    return cand.kind is EntityKind.UNIVERSITY and org.kind is EntityKind.UNIVERSITY and \
        cand.name.endswith("学院") and cand.name.startswith(org.name) and len(cand.name) > len(org.name) + 2


def _keyed_parts(cand: Candidate):
    """The entities directly inside a name, looking through parts that are not entities."""
    for part in cand.parts:
        if part.key:
            yield part
        else:
            yield from _keyed_parts(part)


def _walk(cands: list[Candidate]):
    """Every candidate and, depth first, the parts inside it."""
    for cand in cands:
        yield cand
        yield from _walk(cand.parts)


def _group(cands: list[Candidate], sentences: list[Sentence]) -> list[tuple[Sentence, list[Candidate]]]:
    out, i = [], 0
    ordered = sorted(cands, key=lambda c: c.start)
    for sent in sentences:
        group = []
        while i < len(ordered) and ordered[i].start < sent.end:
            if ordered[i].start >= sent.start:
                group.append(ordered[i])
            i += 1
        out.append((sent, group))
    return out





@Language.factory("innograph_relations", default_config={}, assigns=["doc._.relations"])
def make_relations(nlp: Language, name: str) -> RelationFinder:
    from extract.lexicons import default_lexicon

    return RelationFinder(default_lexicon())
