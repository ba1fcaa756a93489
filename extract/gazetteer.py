"""Pipeline component: find the lexicon's known names at character level.

Longest match wins at each position; short forms that are ambiguous nationally (county
names, foreign prefectures) count only when their parent region is named in the same
document.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extract.candidates import Candidate, candidates
from extract.lexicons import Lexicon, Term, default_lexicon


class Gazetteer:
    """Marks every lexicon term in the text as a candidate."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.lengths: dict[str, list[int]] = {}
        for surface in lexicon.terms:
            self.lengths.setdefault(surface[0], []).append(len(surface))
        for first, lens in self.lengths.items():
            self.lengths[first] = sorted(set(lens), reverse=True)

    def __call__(self, doc: Doc) -> Doc:
        found = self.scan(doc.text)
        named = {t.canonical for _, _, t in found if not t.gated}
        out = candidates(doc)
        for start, end, term in found:
            if term.gated and term.parent not in named:
                continue
            out.append(Candidate(start, end, term.kind, term.canonical, "lexicon",
                                 level=_actor_level(term.level), confidence=0.95,
                                 chain=term.chain, parent=term.parent, surface=doc.text[start:end]))
        return doc

    def scan(self, text: str) -> list[tuple[int, int, Term]]:
        """(start, end, term) for the longest known name at each position, left to right."""
        terms, lengths = self.lexicon.terms, self.lengths
        out: list[tuple[int, int, Term]] = []
        i, n = 0, len(text)
        while i < n:
            for length in lengths.get(text[i], ()):
                if i + length <= n:
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


@Language.factory("innograph_gazetteer", default_config={"lexicon_dir": None},
                  assigns=["doc._.candidates"])
def make_gazetteer(nlp: Language, name: str, lexicon_dir: str | None) -> Gazetteer:
    return Gazetteer(default_lexicon(lexicon_dir) if lexicon_dir else default_lexicon())
