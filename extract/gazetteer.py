"""Pipeline component: find the lexicon's known names at character level.

Longest match wins at each position; short forms that are ambiguous nationally (county
names, foreign prefectures) count only when their parent region is named in the same
document.
"""
from __future__ import annotations

import bisect

import ahocorasick
from spacy.language import Language
from spacy.tokens import Doc

from extract.candidates import Candidate, candidates, text_view
from extract.lexicons import Lexicon, Term, default_lexicon
from extract.segmenter import pos_of
from extract.vocabulary import EntityKind

#: names read as one word; other known names are searched inside too (中国科学院宁波材料所)
_FLAT = (EntityKind.REGION, EntityKind.INDUSTRY_CHAIN, EntityKind.UNIVERSITY, EntityKind.ENTERPRISE)


class Gazetteer:
    """Marks every lexicon term in the text as a candidate."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.lengths: dict[str, list[int]] = {}
        for surface in lexicon.terms:
            self.lengths.setdefault(surface[0], []).append(len(surface))
        for first, lens in self.lengths.items():
            self.lengths[first] = sorted(set(lens), reverse=True)
        self.automaton = ahocorasick.Automaton()
        for surface, bucket in lexicon.terms.items():
            self.automaton.add_word(surface, (len(surface), _best(bucket)))
        if len(self.automaton):
            self.automaton.make_automaton()

    def __call__(self, doc: Doc) -> Doc:
        view = text_view(doc)
        text = view.text
        found = self.scan(text)
        found += [inner for start, end, term in found if term.kind not in _FLAT
                  for inner in self.scan(text, start, end, max_len=end - start - 1)]
        named = {t.canonical for _, _, t in found if not t.gated}
        # three siblings vouch for each other: 越城、柯桥、上虞 are all districts of 绍兴
        children: dict[str, set[str]] = {}
        for start, end, t in found:
            if t.gated and (pos_of(text[start:end]) or "ns").startswith("ns"):
                for parent in t.parent.split("|"):
                    children.setdefault(parent, set()).add(t.canonical)
        named |= {parent for parent, kids in children.items() if len(kids) >= 3}
        named |= {t.canonical for _, _, t in found
                  if t.gated and set(t.parent.split("|")) & named}
        bounds = set(view.starts) | {a + len(w) for a, w in zip(view.starts, view.words)}
        out = candidates(doc)
        previous: Candidate | None = None
        for start, end, term in found:
            if term.gated and not set(term.parent.split("|")) & named:
                continue
            if end - start <= 2 and not (start in bounds and end in bounds) and \
                    not self._inside_head_token(view, start):
                continue  # two characters cut out of other words (来华工作, 一家电气企业)
            cand = Candidate(start, end, term.kind, term.canonical, "lexicon",
                             level=_actor_level(term.level), confidence=0.95,
                             chain=term.chain, parent=term.parent, surface=text[start:end])
            if previous is not None and previous.end == start and term.kind is EntityKind.REGION \
                    and previous.kind is EntityKind.REGION and previous.parent == "" \
                    and self.lexicon.region_level.get(previous.name) == "foreign" \
                    and previous.name in term.parent.split("|"):
                out.remove(previous)  # 日本福井: a country and its prefecture are one place
                cand.start, cand.surface = previous.start, text[previous.start:end]
            out.append(cand)
            previous = cand
        self.join_industry_compounds(text, out)
        return doc

    def _inside_head_token(self, view, pos: int) -> bool:
        """Whether `pos` lies in a token that is a type head (时尚谷 holds the industry 时尚)."""
        i = bisect.bisect_right(view.starts, pos) - 1
        return i >= 0 and view.words[i] in self.lexicon.heads

    def join_industry_compounds(self, text: str, found: list[Candidate]) -> None:
        """Industry names are kept whole: 智能光电, 化纤新材料, 核电关联, 光伏新能源."""
        industries = sorted((c for c in found if c.kind is EntityKind.INDUSTRY_CHAIN),
                            key=lambda c: c.start)
        merged: list[Candidate] = []
        for cand in industries:
            last = merged[-1] if merged else None
            if last is not None and last.end == cand.start:
                last.end, last.surface = cand.end, text[last.start:cand.end]
                last.name = last.surface
                found.remove(cand)
                continue
            merged.append(cand)
        for cand in merged:
            for affix in self.lexicon.industry_prefixes:
                if text.endswith(affix, 0, cand.start) and not self._named_at(found, cand.start - 1):
                    cand.start -= len(affix)
                    break
            for affix in self.lexicon.industry_suffixes:
                if text.startswith(affix, cand.end) and not self._named_at(found, cand.end):
                    cand.end += len(affix)
                    break
            surface = text[cand.start:cand.end]
            if surface != cand.surface:
                cand.surface = cand.name = surface

    @staticmethod
    def _named_at(found: list[Candidate], pos: int) -> bool:
        return any(c.start <= pos < c.end for c in found)

    def scan(self, text: str, start: int = 0, end: int | None = None,
             max_len: int = 10**6) -> list[tuple[int, int, Term]]:
        """(start, end, term) for the longest known name at each position, left to right."""
        if start == 0 and end is None and max_len >= len(text) and len(self.automaton):
            # Aho-Corasick's leftmost-longest matches: the same answer as the loop below
            return [(last + 1 - length, last + 1, term)
                    for last, (length, term) in self.automaton.iter_long(text)]
        terms, lengths = self.lexicon.terms, self.lengths
        out: list[tuple[int, int, Term]] = []
        i, n = start, len(text) if end is None else end
        while i < n:
            for length in lengths.get(text[i], ()):
                if i + length <= n and length <= max_len:
                    surface = text[i:i + length]
                    bucket = terms.get(surface)
                    if bucket:
                        out.append((i, i + length, _best(bucket)))
                        i += length
                        break
            else:
                i += 1
        return out


def _best(bucket: list[Term]) -> Term:
    """Among terms sharing a surface, the ungated ones, then organisations before places."""
    return sorted(bucket, key=lambda t: (t.gated, t.kind.value == "Region"))[0]


def _actor_level(level: str) -> str | None:
    return level if level in ("national", "provincial", "municipal") else None


_SHARED: dict[int, Gazetteer] = {}


def gazetteer_for(lexicon: Lexicon) -> Gazetteer:
    """The one Gazetteer (and Aho-Corasick automaton) of a lexicon, shared by the steps."""
    if id(lexicon) not in _SHARED:
        _SHARED[id(lexicon)] = Gazetteer(lexicon)
    return _SHARED[id(lexicon)]


@Language.factory("innograph_gazetteer", default_config={"lexicon_dir": None},
                  assigns=["doc._.candidates"])
def make_gazetteer(nlp: Language, name: str, lexicon_dir: str | None) -> Gazetteer:
    return gazetteer_for(default_lexicon(lexicon_dir) if lexicon_dir else default_lexicon())
