"""Pipeline component: expand coordinations that share a head or a category.

- "越城节能环保、柯桥现代住建…等6家综合体" → 越城节能环保综合体, 柯桥现代住建综合体, …
- "镜湖、滨海、鉴湖三大科技城" → 镜湖科技城, 滨海科技城, 鉴湖科技城
- "G60、杭州城西、宁波甬江科创走廊" → G60科创走廊, 杭州城西科创走廊, 宁波甬江科创走廊
- "卧龙电气、三花智控等9家单位" → two enterprises; "集成电路、新材料等领域" → two chains
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from extract.candidates import Candidate, TextView, candidates, text_view
from extract.lexicons import Lexicon, default_lexicon
from extract.names import Head, NameFinder, default_name_finder
from extract.vocabulary import EntityKind

# what may stand between a list and its shared head: 等 / 行业内 / a count / a level
_BRIDGE = re.compile(r"(?:等)?(?:行业内|地区|区域)?(?:\d+|[一二三四五六七八九十两]+)?"
                     r"(?:家|个|大|所|座|条)?(?:省级以上|国家级|省级|市级)?$")
_CATEGORY = [
    (re.compile(r"^等?(?:行业内)?(?:\d+|[一二三四五六七八九十两]+)?(?:家|个)?(?:[\u4e00-\u9fff]{0,4})"
                r"(?:企业|公司|单位|集团)"), EntityKind.ENTERPRISE),
    (re.compile(r"^等?(?:\d+|[一二三四五六七八九十两]+)?(?:个|大)?(?:重点|新兴|传统|优势|特色|未来)?"
                r"(?:领域|产业链|产业集群|产业|行业)"), EntityKind.INDUSTRY_CHAIN),
]
MAX_ITEM = 16
_COUNTED = re.compile(r"等(\d+|[一二三四五六七八九十两]+)(?:家|个|所)")
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九十")} | {"两": 2}


def _count(s: str) -> int:
    return int(s) if s.isdigit() else _CN_DIGITS.get(s, -1)


class Coordination:
    """Adds one candidate per item of a coordinated list."""

    def __init__(self, lexicon: Lexicon, finder: NameFinder) -> None:
        self.lexicon = lexicon
        self.finder = finder

    def __call__(self, doc: Doc) -> Doc:
        view = text_view(doc)
        found = candidates(doc)
        new: list[Candidate] = []
        for cand in [c for c in found if c.source == "head"]:
            new.extend(self.expand_head(view, cand))
        new.extend(self.expand_category(view))
        found.extend(new)
        return doc

    def expand_head(self, view: TextView, cand: Candidate) -> list[Candidate]:
        text = view.text
        if cand.shared_head:  # "…等6家综合体": a bridge (等 or a count) ends the list
            bridge = _BRIDGE.search(text, max(0, cand.start - 10), cand.start)
            if bridge is None or not re.search(r"等|\d|[一二三四五六七八九十两]", bridge.group()):
                return []
            end = cand.start - len(bridge.group())
            shared = cand.shared_head
            items = self.items_before(view, end)
            if len(items) < 2 and "等" not in bridge.group():
                return []
        else:  # "G60、杭州城西、宁波甬江科创走廊": the last item carries the head
            if cand.start == 0 or text[cand.start - 1] != "、" or text[cand.end:cand.end + 1] == "、":
                return []
            head = next((h for h in self.finder.heads(text[cand.start:cand.end])
                         if cand.start + h.end == cand.end), None)
            if head is None:
                return []
            shared = head.text
            items = self.items_before(view, cand.start - 1)
            parallel = self.parallel_tail(text, cand, items)
            if parallel:  # "浙江大学、同济大学、上海交通大学嘉兴研究院等3家": 嘉兴研究院 is shared
                # outranks the bare university name on the same stretch
                return [Candidate(a, b, cand.kind, text[a:b] + parallel, "coordination",
                                  level=cand.level, confidence=0.97, surface=text[a:b],
                                  shared_head=parallel) for a, b in items]
            if any(self.finder.heads(text[a:b]) or text[b - 1] in self.lexicon.item_heads
                   for a, b in items):
                return []  # "苏州纳米城、苏州人工智能产业园": each item names itself
        out = []
        is_class = any(shared.endswith(h) for h in self.lexicon.class_heads)
        for start, end in items:
            item = text[start:end]
            own = [h for h in self.finder.heads(item) if h.end == len(item)]
            if own:
                named = self.finder.name_before(view, _shift(own[0], start))
                if named is None or named.confidence == 0 or named.start != start:
                    if not is_class:
                        continue
                name, kind = item, own[0].kind
            elif is_class:
                name, kind = item, self.item_kind(item, cand.kind)
            else:
                name, kind = item + shared, cand.kind
            out.append(Candidate(start, end, kind, name, "coordination", level=cand.level,
                                 confidence=0.75, surface=item, shared_head=shared))
        return out

    def parallel_tail(self, text: str, cand: Candidate, items: list[tuple[int, int]]) -> str:
        """The part of the last item that the others share, when all items start alike.

        The last item opens with a known name (上海交通大学) of the same type as every
        other item (浙江大学, 同济大学); what follows it (嘉兴研究院) is shared.
        """
        count = _COUNTED.match(text, cand.end)
        if not items or not count or _count(count.group(1)) != len(items) + 1:
            return ""  # only when a count confirms every item is one of these (等3家)
        kinds = set()
        for a, b in items:
            terms = self.lexicon.lookup(text[a:b])
            if not terms:
                return ""
            kinds.add(terms[0].kind)
        if len(kinds) != 1:
            return ""
        for length in range(cand.length - 2, 1, -1):
            terms = self.lexicon.lookup(text[cand.start:cand.start + length])
            if terms and terms[0].kind in kinds:
                return text[cand.start + length:cand.end]
        return ""

    def item_kind(self, item: str, default: EntityKind) -> EntityKind:
        """The type of a list item with no head of its own, from its last character (科创园)."""
        return self.lexicon.item_heads.get(item[-1], default)

    def items_before(self, view: TextView, end: int) -> list[tuple[int, int]]:
        """(start, end) of the 、-separated items that end at `end`, left to right."""
        text = view.text
        items: list[tuple[int, int]] = []
        while end > 0:
            window = text[max(0, end - 12):end]
            tail = max((h.text for h in self.finder.heads(window)
                        if window.endswith(h.text)), key=len, default="")
            pieces, _, left = self.finder.walk_left(view, end - len(tail))
            if left >= end or end - left > MAX_ITEM:
                break
            if self._after_head(text, left):
                return []  # the list runs into another name (科创大走廊展示馆、…): not a list
            items.append((left, end))
            if left == 0 or text[left - 1] != "、":
                break
            end = left - 1
        return list(reversed(items))

    def _after_head(self, text: str, pos: int) -> bool:
        window = text[max(0, pos - 8):pos]
        return any(window.endswith(h) for h in self.lexicon.heads)

    def expand_category(self, view: TextView) -> list[Candidate]:
        """Items of "A、B等…企业/领域" lists that no lexicon knows, typed by the category."""
        text = view.text
        out = []
        for m in re.finditer("等", text):
            tail = text[m.start():m.start() + 16]
            kind = next((k for rx, k in _CATEGORY if rx.match(tail)), None)
            if kind is None:
                continue
            items = self.items_before(view, m.start())
            if len(items) < 2:
                continue
            for start, end in items:
                item = text[start:end]
                if (self.lexicon.lookup(item) or self.finder.heads(item)
                        or item in self.finder.generic or not 3 <= len(item) <= 8
                        or any(self.lexicon.lookup(item[i:j]) for i in range(len(item))
                               for j in range(i + 2, len(item) + 1))):
                    continue
                out.append(Candidate(start, end, kind, item, "list", confidence=0.6, surface=item))
        return out


def _shift(head: Head, offset: int) -> Head:
    return Head(head.start + offset, head.end + offset, head.text, head.kind)


@Language.factory("innograph_coordination", default_config={}, assigns=["doc._.candidates"])
def make_coordination(nlp: Language, name: str) -> Coordination:
    return Coordination(default_lexicon(), default_name_finder())
