"""Load the curated lexicons of `data/lexicons/` (TSV files with a `# source:` header)."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from extract.errors import LexiconError
from extract.vocabulary import EntityKind

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
LEXICON_DIR = DATA_DIR / "lexicons"


def read_tsv(path: Path) -> tuple[dict[str, str], list[dict[str, str]]]:
    """Header facts (`# key: value`) and rows keyed by the `# columns:` names."""
    meta: dict[str, str] = {}
    rows: list[dict[str, str]] = []
    columns: list[str] | None = None
    with path.open(encoding="utf-8") as fh:
        for lineno, raw in enumerate(fh, 1):
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip():
                continue
            if line.startswith("#"):
                key, _, value = line.lstrip("# ").partition(":")
                meta[key.strip()] = value.strip()
                if key.strip() == "columns":
                    columns = value.split()
                continue
            if columns is None:
                raise LexiconError(f"{path}:{lineno}: a `# columns: ...` header line must come "
                                   "before the first record")
            cells = line.split("\t")
            rows.append({c: (cells[i].strip() if i < len(cells) else "")
                         for i, c in enumerate(columns)})
    if "source" not in meta:
        raise LexiconError(f"{path}: the header must name the public source (`# source: ...`)")
    return meta, rows


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]


@dataclass(frozen=True)
class Term:
    """A known name: its type, the canonical name it stands for, and facts about it."""

    surface: str
    kind: EntityKind
    canonical: str
    parent: str = ""  #: containing region, or the organisation a branch belongs to
    level: str = ""  #: region level (province/city/county/...) or actor level
    chain: str = ""  #: industry-chain id for industry terms
    gated: bool = False  #: only trusted when its parent is mentioned in the same document


@dataclass
class Lexicon:
    """Every curated name innograph knows, indexed for character-level lookup."""

    terms: dict[str, list[Term]] = field(default_factory=dict)
    heads: dict[str, EntityKind] = field(default_factory=dict)
    class_heads: frozenset[str] = frozenset()  #: heads naming a category (园区), not a name
    item_heads: dict[str, EntityKind] = field(default_factory=dict)  #: one-character endings
    boundaries: frozenset[str] = frozenset()
    region_parent: dict[str, str] = field(default_factory=dict)  #: canonical region → parent
    region_level: dict[str, str] = field(default_factory=dict)  #: canonical region → level
    variants: list[tuple[str, str]] = field(default_factory=list)  #: name ending → normal form
    industry_prefixes: list[str] = field(default_factory=list)  #: 智能 (+光电)
    industry_suffixes: list[str] = field(default_factory=list)  #: (核电+) 关联

    def add(self, term: Term) -> None:
        if len(term.surface) < 2:
            return
        bucket = self.terms.setdefault(term.surface, [])
        if term not in bucket:
            bucket.append(term)

    def lookup(self, surface: str) -> list[Term]:
        return self.terms.get(surface, [])


def _short_region(name: str) -> str:
    for suffix in ("特别行政区", "自治区", "自治州", "自治县", "地区", "新区", "林区", "省", "市",
                   "区", "县", "盟", "旗"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def _load_regions(lex: Lexicon, path: Path) -> None:
    _, rows = read_tsv(path)
    canon_of: dict[str, str] = {}
    for row in rows:
        name = row.get("name", "")
        shorts = _split(row.get("short", ""))
        canonical = shorts[0] if row.get("level") in ("province", "city", "county") and shorts \
            else name
        canon_of[name] = canonical
    for row in rows:
        name, level = row.get("name", ""), row.get("level", "")
        canonical = canon_of[name]
        parent = "|".join(canon_of.get(p, _short_region(p)) for p in _split(row.get("parent", "")))
        lex.region_parent[canonical] = parent
        lex.region_level[canonical] = level
        # county names repeat across the country (鼓楼区, 滨海新区): trust them only where
        # the document names their city; foreign sub-regions likewise need their country
        gated = level in ("county", "foreign")  and bool(parent)
        lex.add(Term(name, EntityKind.REGION, canonical, parent, level, gated=gated))
        for short in _split(row.get("short", "")):
            lex.add(Term(short, EntityKind.REGION, canonical, parent, level, gated=gated))


def _load_named(lex: Lexicon, path: Path, kind: EntityKind) -> None:
    _, rows = read_tsv(path)
    for row in rows:
        name = row.get("name") or row.get("short_name", "")
        aliases = _split(row.get("aliases", "")) + _split(row.get("full_name", ""))
        parent, level = row.get("parent", ""), row.get("level", "")
        for surface in [name, *aliases]:
            lex.add(Term(surface, kind, name, parent, level, chain=row.get("chain", "")))


def _load_industries(lex: Lexicon, path: Path) -> None:
    _, rows = read_tsv(path)
    terms = {row["term"] for row in rows}
    for row in rows:
        term, chain = row["term"], row.get("chain", "")
        lex.add(Term(term, EntityKind.INDUSTRY_CHAIN, term, chain=chain))
        for syn in _split(row.get("synonyms", "")):
            if syn not in terms:
                lex.add(Term(syn, EntityKind.INDUSTRY_CHAIN, term, chain=chain))


_NAMED_FILES = {
    "universities.tsv": EntityKind.UNIVERSITY,
    "institutes.tsv": EntityKind.INSTITUTE,
    "labs.tsv": EntityKind.LAB,
    "enterprises.tsv": EntityKind.ENTERPRISE,
    "parks.tsv": EntityKind.PARK,
    "platforms.tsv": EntityKind.PLATFORM,
    "alliances.tsv": EntityKind.ALLIANCE,
}


def load_lexicon(directory: Path = LEXICON_DIR) -> Lexicon:
    """Read every lexicon file present in `directory` into one index."""
    if not directory.is_dir():
        raise LexiconError(f"lexicon folder {directory} is missing: reinstall innograph "
                           "from a source checkout (`pip install -e .`), which keeps data/ beside the code")
    lex = Lexicon()
    if (directory / "regions.tsv").exists():
        _load_regions(lex, directory / "regions.tsv")
    for filename, kind in _NAMED_FILES.items():
        if (directory / filename).exists():
            _load_named(lex, directory / filename, kind)
    if (directory / "industries.tsv").exists():
        _load_industries(lex, directory / "industries.tsv")
    _, heads = read_tsv(directory / "heads.tsv")
    lex.heads = {row["head"]: EntityKind(row["type"]) for row in heads if row.get("note") != "item"}
    lex.item_heads = {row["head"]: EntityKind(row["type"]) for row in heads
                      if row.get("note") == "item"}
    lex.class_heads = frozenset(row["head"] for row in heads if row.get("note") == "class")
    _, words = read_tsv(directory / "boundaries.tsv")
    lex.boundaries = frozenset(row["word"] for row in words)
    _, variants = read_tsv(directory / "name_variants.tsv")
    lex.variants = sorted(((r["variant"], r["normal"]) for r in variants),
                          key=lambda vn: len(vn[0]), reverse=True)
    _, affixes = read_tsv(directory / "industry_affixes.tsv")
    by_length = sorted(affixes, key=lambda r: len(r["affix"]), reverse=True)
    lex.industry_prefixes = [r["affix"] for r in by_length if r["position"] == "prefix"]
    lex.industry_suffixes = [r["affix"] for r in by_length if r["position"] == "suffix"]
    return lex


@lru_cache(maxsize=4)
def default_lexicon(directory: str = str(LEXICON_DIR)) -> Lexicon:
    """The lexicon of `data/lexicons/`, loaded once per process."""
    return load_lexicon(Path(directory))
