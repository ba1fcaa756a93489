"""The canonical form of a name given alone (a roster cell), as documents resolve it.

A document mention becomes its lexicon entry's canonical name (卧龙电气驱动集团股份有限公司
→ 卧龙电气, 上虞区 → 上虞); a name from a table gets the same treatment, and for
enterprises also without its company suffix (股份有限公司, 有限公司, 集团) and its
leading region (绍兴, 浙江), which tables add and documents usually leave out.
"""
from __future__ import annotations

from extract.lexicons import Lexicon, default_lexicon
from extract.vocabulary import EntityKind, normalise_name

#: longest first: 集团股份有限公司 before 股份有限公司 before 有限公司
COMPANY_SUFFIXES = ("集团股份有限公司", "集团有限责任公司", "集团有限公司", "股份有限公司",
                    "有限责任公司", "有限公司", "集团公司", "集团", "公司")
#: shorter than this, a stripped enterprise name is too generic to stand for one firm
MIN_CORE = 3


def without_suffix(name: str) -> str:
    """The enterprise name without its company suffix (卧龙电气驱动集团股份有限公司 → 卧龙电气驱动)."""
    for suffix in COMPANY_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def without_region(name: str, lexicon: Lexicon | None = None) -> str:
    """The name without the region it starts with (绍兴测试新材料 → 测试新材料)."""
    lexicon = lexicon or default_lexicon()
    for end in range(min(len(name) - 1, 12), 1, -1):
        if any(t.kind is EntityKind.REGION for t in lexicon.lookup(name[:end])):
            return name[end:]
    return name


def name_forms(kind: EntityKind, name: str, lexicon: Lexicon | None = None) -> list[str]:
    """The forms one actor's name may take elsewhere, the given one first."""
    lexicon = lexicon or default_lexicon()
    name = normalise_name(name)
    forms = [name]
    if kind is EntityKind.ENTERPRISE:
        core = without_suffix(name)
        local = without_region(core, lexicon)
        forms += [f for f in (core, local) if len(f) >= MIN_CORE and f not in forms]
    return forms


def canonical_name(kind: EntityKind, name: str, lexicon: Lexicon | None = None) -> str:
    """The lexicon's canonical name for `name` (tried in each of its `name_forms`), else
    the name as given."""
    lexicon = lexicon or default_lexicon()
    for form in name_forms(kind, name, lexicon):
        for term in lexicon.lookup(form):
            if term.kind is kind:
                return term.canonical
    return name.strip()
