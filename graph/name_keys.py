"""The keys under which two names of one actor meet across documents.

Rules, all read from the lexicons (`data/lexicons/`), none from a list of actors:
- interchangeable endings (`name_variants.tsv`: 某大走廊 = 某走廊, 某高新园区 = 某高新区)
  are brought to their normal form, as the extractor does inside one document, and an
  industry is named with or without 产业/业 (某某制造业 = 某某制造);
- an economic region named by the ending of exactly one other economic region's name
  (`regions.tsv`: X湾区 of 甲乙X湾区) is that region's short form;
- a bracketed segment may be left out (某某发展（产业）联盟 = 某某发展联盟): `bare_key`
  gives the key without it, for the resolver to use when it is unambiguous.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extract.lexicons import Lexicon, default_lexicon
from extract.vocabulary import EntityKind, normalise_name

_INDUSTRY_ENDINGS = ("产业", "业")  #: "the industry of X" is X
_BRACKETED = re.compile(r"[（(]([^（()）]{1,12})[)）]")


class NameKeys:
    """Keys of names, built once from a lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.variants = lexicon.variants  # longest ending first
        self.region_full = _economic_short_forms(lexicon)

    def canonical(self, kind: EntityKind, name: str) -> str:
        """The name an actor should carry: an economic region's full name for its short form."""
        if kind is EntityKind.REGION:
            return self.region_full.get(normalise_name(name), name)
        return name

    def key(self, kind: EntityKind, name: str) -> str:
        """The form two names of one actor share."""
        norm = normalise_name(self.canonical(kind, name))
        changed = True
        while changed:  # 某国家高新园区 → 某国家高新区 → 某高新区
            changed = False
            for variant, normal in self.variants:
                if norm.endswith(variant) and len(norm) > len(variant):
                    changed = variant != normal
                    norm = norm[: -len(variant)] + normal
                    break
        if kind is EntityKind.INDUSTRY_CHAIN:  # 纺织业 = 纺织, 光伏产业 = 光伏
            for ending in _INDUSTRY_ENDINGS:
                if norm.endswith(ending) and len(norm) - len(ending) >= 2:
                    return norm[: -len(ending)]
        return norm

    def bare_key(self, kind: EntityKind, name: str) -> tuple[str, str] | None:
        """(key without the bracketed segments, the segments) when the name has any and the
        shorter name is not another known actor (某大学 for 某大学（某市）, a campus)."""
        segments = _BRACKETED.findall(name)
        if not segments:
            return None
        bare = _BRACKETED.sub("", name)
        if len(normalise_name(bare)) < 2 or any(t.kind is kind for t in self.lexicon.lookup(bare)):
            return None
        return self.key(kind, bare), "|".join(segments)


def _economic_short_forms(lexicon: Lexicon) -> dict[str, str]:
    """Economic region → the one other economic region whose name ends with it."""
    regions = [name for name, level in lexicon.region_level.items() if level == "economic_region"]
    full: dict[str, str] = {}
    for short in regions:
        longer = [r for r in regions if r != short and r.endswith(short)]
        if len(longer) == 1:
            full[normalise_name(short)] = longer[0]
    return full


@lru_cache(maxsize=2)
def default_keys() -> NameKeys:
    """Keys from the lexicons of `data/lexicons/`, built once per process."""
    return NameKeys(default_lexicon())
