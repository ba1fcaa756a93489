"""Pipeline component: names ending in a type head (研究院, 科技城, 综合体 …).

From each head it walks left over jieba tokens while they can be part of a name,
stopping at punctuation, clause-opening verbs and function words. Level words (省级,
国家级) inside a name become the `level` property. A name whose words are all generic
(一批市级重点实验室) is kept only as a shared head for coordination, never as an entity.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from extract.candidates import Candidate, TextView, candidates, text_view
from extract.lexicons import Lexicon, default_lexicon, read_tsv
from extract.segmenter import pos_of
from extract.vocabulary import EntityKind

LEVEL_WORDS = {"国家级": "national", "省级": "provincial", "市级": "municipal",
               "县级": "municipal", "区级": "municipal", "省级以上": "provincial",
               "国家级以上": "national"}
_STOP_POS = ("p", "c", "u", "r", "m", "q", "d", "y", "e", "o", "f", "x", "w", "zg", "i")
_COUNT = re.compile(r"^(?:\d+|[\d一二三四五六七八九十两百千万]+[大家个所座项条批是]|[一二三四五六七八九十两])$")
_GROUP_INITIALS = frozenset({"中"})
_QUANTITY = re.compile(r"^[多数几若各每全第首整半]|[家个所座项条批次年月日亿万千百十]$")
_NUMBERING = re.compile(r"^[（(][一二三四五六七八九十\d]+[）)]$")
_PLACE_SUFFIXES = frozenset("口湾港岛湖山江河门桥洲滩岸")
_QUOTES = {"“": "”", "《": "》", "「": "」", "‘": "’"}
_NAME_VERBS = {"创新", "孵化", "检验", "检测", "研发", "转移", "转化", "服务", "制造", "设计",
               "合作", "融合", "集成", "生产", "加工", "互联", "智造"}
_OPEN, _CLOSE = "（(", "）)"
MAX_NAME = 24
#: heads that name a space only together with the organisation running it (…大学X基地)
_OWNED_HEADS = frozenset({"基地"})
_OWNER_KINDS = {EntityKind.UNIVERSITY, EntityKind.INSTITUTE, EntityKind.LAB, EntityKind.ENTERPRISE}
_OWNER_END = re.compile(r"(大学|学院|研究院|研究所|\d+所|实验室|公司|集团)")
_COMMON_FREQ = 500
#: a numbered research institute of a group (820所, 第七〇三研究所 is a head already)
_NUMBERED_INSTITUTE = re.compile(
    r"(?<=[\u4e00-\u9fff])(?<![内外余近约共有等达超])\d{2,4}所(?![有以属在得需高院学科研大中])")  #: jieba's frequency above which a word is common, not part of a brand


@dataclass(frozen=True)
class Head:
    """A type head found in the text."""

    start: int
    end: int
    text: str
    kind: EntityKind


class NameFinder:
    """Proposes a candidate for each head with a specific name on its left."""

    def __init__(self, lexicon: Lexicon, generic: frozenset[str]) -> None:
        self.lexicon = lexicon
        self.generic = generic
        heads = sorted(lexicon.heads, key=len, reverse=True)
        self.head_re = re.compile("|".join(map(re.escape, heads)))

    def __call__(self, doc: Doc) -> Doc:
        view = text_view(doc)
        out = candidates(doc)
        for head in self.heads(view.text):
            found = self.name_before(view, head)
            if found is not None:
                out.append(found)
        return doc

    def heads(self, text: str) -> list[Head]:
        found = [Head(m.start(), m.end(), m.group(), self.lexicon.heads[m.group()])
                 for m in self.head_re.finditer(text)]
        found += [Head(m.start(), m.end(), m.group(), EntityKind.INSTITUTE)
                  for m in _NUMBERED_INSTITUTE.finditer(text)]  # 某某重工820所
        return sorted(found, key=lambda h: h.start)

    def name_before(self, view: TextView, head: Head, floor: int | None = None) -> Candidate:
        """The candidate ending at this head (confidence 0 when nothing specific names it);
        no name reaches left of `floor` (a name inside a name stays inside its window)."""
        text = view.text
        start = head.start
        quoted = start > 0 and text[start - 1] == "“" and text[head.end:head.end + 1] == "”"
        if quoted:  # 西塞“科学谷”: the quotes mark the head, the name runs on to the left
            start -= 1
        pieces, level, left = self.walk_left(view, start, floor)
        if pieces and pieces[-1] == "环" and head.kind not in (EntityKind.PARK, EntityKind.ALLIANCE):
            pieces, left = pieces[:-1], left + 1  # 环X names a space around X, not an organisation
        words = [w for w in (_strip_level(p)[1] for p in pieces) if w]
        name = "".join(reversed(words)) + head.text
        specific = any(self.is_specific(w) for w in words)
        if specific and left > 1 and text[left - 1] == "、" and \
                all(self.is_specific(w) <= self._is_industry(w) for w in words) and \
                any(text[:left - 1].endswith(t) for t in self._industries_before(text, left - 1)):
            specific = False  # "现代纺织、集成电路、新材料市级实验室": a category, not a name
        if head.text in _OWNED_HEADS and not self._names_an_owner(text[left:head.start]):
            specific = False  # "打造先进制造基地": a base is named by the body that runs it
        end = head.end + (1 if quoted else 0)
        return Candidate(left, end, head.kind, name, "head", level=level,
                         confidence=0.8 if specific else 0.0, surface=text[left:end],
                         shared_head="" if specific else name)

    def _place_suffix(self, view: TextView, piece: str, start: int) -> bool:
        """瓯江口, 杭州湾: a one-character place ending after a place name."""
        if piece not in _PLACE_SUFFIXES or start == 0:
            return False
        left = view.text[view.starts[bisect.bisect_right(view.starts, start - 1) - 1]:start]
        return (pos_of(left) or "").startswith("ns") or self._is_region(left)

    def _is_region(self, word: str) -> bool:
        return any(t.kind is EntityKind.REGION for t in self.lexicon.lookup(word))

    def _county_full_form(self, word: str) -> bool:
        return word[-1:] in "区县" and self._is_region(word)

    def _industries_before(self, text: str, end: int) -> list[str]:
        window = text[max(0, end - 8):end]
        return [window[i:] for i in range(len(window) - 1) if self._is_industry(window[i:])]

    def _is_industry(self, word: str) -> bool:
        return any(t.kind is EntityKind.INDUSTRY_CHAIN for t in self.lexicon.lookup(word))

    def walk_left(self, view: TextView, pos: int,
                  floor: int | None = None) -> tuple[list[str], str | None, int]:
        """The name words between `floor` and `pos` (nearest first), the level met, and
        where they begin."""
        text, token_starts = view.text, view.starts
        pieces: list[str] = []
        level: str | None = None
        left = pos
        floor = max(0, pos - MAX_NAME) if floor is None else floor
        while left > floor:
            piece_start = _token_start_before(token_starts, left)
            piece = text[piece_start:left]
            if pieces and all(_strip_level(p)[0] and not _strip_level(p)[1] for p in pieces) and \
                    (piece in self.lexicon.heads or any(t.kind in _OWNER_KINDS
                                                        for t in self.lexicon.lookup(piece))):
                break  # "…大学市级中试平台": a status after a name, not a longer name
            if piece and piece[-1] in _CLOSE:
                opening = max(text.rfind(o, max(0, left - 9), left) for o in _OPEN)
                if opening < 0 or left - opening > 8 or _NUMBERING.match(text[opening:left]):
                    break  # a bracket inside a name (江南大学（绍兴）…), not a list number
                piece_start, piece = opening, text[opening:left]
            elif piece in self.lexicon.heads and not self.lexicon.lookup(piece):
                if self.lexicon.heads[piece] is EntityKind.PLATFORM and piece not in self.lexicon.class_heads:
                    break  # a platform's name ends there: table cells glued (…中试平台浙江…公司)
                # another head inside the name (…研究院创新生态圈): keep going only if a
                # specific name ends there
                if piece_start <= floor:
                    break
                inner = self.name_before(view, Head(piece_start, left, piece,
                                                    self.lexicon.heads[piece]), floor)
                if inner.confidence == 0:
                    break
                piece_start, piece = inner.start, text[inner.start:left]
            elif piece in _GROUP_INITIALS and pieces and self._at_clause_start(view, piece_start):
                pass  # 中+船重工: the 中 of a central group's short name (中船, 中电, 中核)
            elif not self.can_continue(piece) and not self._place_suffix(view, piece, piece_start):
                break
            if pieces and self._county_full_form(piece) and self._is_region(pieces[-1]):
                break  # 南湖区嘉兴科技城: the district locates the name, it is not part of it
            if pieces and self._is_region(pieces[-1]) and self._opens_clause(view, piece, piece_start):
                break  # "，委托杭州示范规划研究院": a common word before the place opens the clause
            piece_level, _ = _strip_level(piece)
            level = level or piece_level
            pieces.append(piece)
            left = piece_start
        return pieces, level, left

    def _names_an_owner(self, stretch: str) -> bool:
        """Whether an organisation (university, institute, lab, company) is named in it."""
        if _OWNER_END.search(stretch):
            return True
        return any(term.kind in _OWNER_KINDS for i in range(len(stretch))
                   for j in range(i + 2, min(len(stretch), i + 12) + 1)
                   for term in self.lexicon.lookup(stretch[i:j]))

    def _at_clause_start(self, view: TextView, start: int) -> bool:
        """Whether the token at `start` opens its clause (after punctuation or a verb)."""
        if start == 0:
            return True
        before = view.text[_token_start_before(view.starts, start):start]
        return not any(ch.isalnum() for ch in before) or before in self.lexicon.boundaries or \
            (pos_of(before) or "n").startswith(_STOP_POS + ("v",))

    def _opens_clause(self, view: TextView, piece: str, start: int) -> bool:
        """A common word (not a name part) standing first in its clause."""
        if self.lexicon.lookup(piece) or self._is_region(piece) or pos_of(piece) is None:
            return False
        import jieba

        if jieba.dt.FREQ.get(piece, 0) < _COMMON_FREQ:
            return False
        return self._at_clause_start(view, start)

    def can_continue(self, piece: str) -> bool:
        """Whether a token left of a name can still belong to it."""
        if not piece or not piece.strip():
            return False
        if piece in self.lexicon.boundaries or _COUNT.match(piece):
            return False
        if piece in LEVEL_WORDS or piece == "环" or any(not t.gated for t in self.lexicon.lookup(piece)):
            return True
        if not any(ch.isalnum() for ch in piece):  # punctuation
            return False
        if piece.isdigit() or (piece.isascii() and not any(c.isalpha() for c in piece)):
            return False
        tag = pos_of(piece)
        if tag is None:
            return True  # unknown words are mostly proper names
        if tag.startswith("m") and len(piece) >= 2 and not _QUANTITY.match(piece):
            return True  # 三元集团, 九阳股份: numerals as a brand, not a count
        if tag.startswith(_STOP_POS):
            return False
        if tag.startswith("v") and tag != "vn" and piece not in _NAME_VERBS:
            return False
        return True

    def is_specific(self, word: str) -> bool:
        """A word that names something rather than describing it."""
        if self.lexicon.lookup(word) or any(ch in _OPEN + _CLOSE for ch in word):
            return True
        if word.isascii() and word.isalnum():
            return True
        return len(word) >= 2 and not self._all_generic(word)

    def _all_generic(self, word: str) -> bool:
        """Whether the word splits wholly into generic and level words (省级重点, 农业企业)."""
        ok = [True] + [False] * len(word)
        for i in range(len(word)):
            if ok[i]:
                for j in range(i + 1, min(len(word), i + 6) + 1):
                    if word[i:j] in self.generic or word[i:j] in LEVEL_WORDS:
                        ok[j] = True
        return ok[-1]


def _strip_level(piece: str) -> tuple[str | None, str]:
    """(level, rest) for a token that starts with a level word: 省级重点 → (provincial, 重点)."""
    for word in sorted(LEVEL_WORDS, key=len, reverse=True):
        if piece.startswith(word):
            return LEVEL_WORDS[word], piece[len(word):]
    return None, piece


def quoted_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, opening mark) of every “…” and 《…》 stretch, marks included."""
    spans = []
    for opening, closing in _QUOTES.items():
        for m in re.finditer(re.escape(opening) + "[^" + re.escape(closing) + "\n]{0,80}"
                             + re.escape(closing), text):
            spans.append((m.start(), m.end(), opening))
    return spans


def _token_start_before(token_starts: list[int], pos: int) -> int:
    """Start of the token that holds the character just before `pos`."""

    i = bisect.bisect_right(token_starts, pos - 1) - 1
    return token_starts[max(i, 0)]


def load_generic_words(lexicon_dir=None) -> frozenset[str]:
    from extract.lexicons import LEXICON_DIR

    _, rows = read_tsv((lexicon_dir or LEXICON_DIR) / "generic_words.tsv")
    return frozenset(r["word"] for r in rows)


@lru_cache(maxsize=1)
def default_name_finder() -> NameFinder:
    """The name finder of the default lexicon, shared by the names and coordination steps."""
    return NameFinder(default_lexicon(), load_generic_words())


@Language.factory("innograph_names", default_config={}, assigns=["doc._.candidates"])
def make_name_finder(nlp: Language, name: str) -> NameFinder:
    return default_name_finder()
