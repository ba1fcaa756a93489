"""The industry-chain taxonomy (``data/chains/``): chains, their segments, capabilities.

The files and their conventions are described in ``data/chains/README.md``; this module
reads them into frozen dataclasses, checks the conventions a consumer relies on, and
answers the two questions the rest of the analytics ask: which chain does an
IndustryChain name stand for, and which chain/segment keywords occur in a text.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from graph.errors import LexiconError
from graph.model import EntityKind, normalise_name

DEFAULT_DIRECTORY = Path(__file__).resolve().parents[2] / "data" / "chains"
STAGES = ("upstream", "midstream", "downstream")
CAPABILITIES_FILE = "capabilities.yaml"


@dataclass(frozen=True)
class Segment:
    """One link of a chain, placed by keywords."""

    id: str  #: unique inside the chain
    chain_id: str  #: the chain it belongs to
    stage: str  #: upstream | midstream | downstream
    name: str
    name_en: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Chain:
    """An industry chain with its names and ordered segments."""

    id: str
    name: str
    name_en: str
    synonyms: tuple[str, ...]
    segments: tuple[Segment, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by the synonyms."""
        return (self.name, *self.synonyms)

    def segment(self, segment_id: str) -> Segment:
        """The segment with this id (raises KeyError naming the valid ones)."""
        for s in self.segments:
            if s.id == segment_id:
                return s
        raise KeyError(f"chain {self.id!r} has no segment {segment_id!r}: choose one of "
                       + ", ".join(s.id for s in self.segments))


@dataclass(frozen=True)
class Capability:
    """A column of the chain x capability matrix and the gap shown when it is empty."""

    id: str
    label: str
    label_en: str
    entity_types: tuple[EntityKind, ...]
    gap_reason: str
    gap_reason_en: str
    flag_when: tuple[str, ...] = ()  #: flag the gap only when one of these capabilities is present


@dataclass(frozen=True)
class Taxonomy:
    """All chains (sorted by id) and the capability columns (in display order)."""

    chains: tuple[Chain, ...]
    capabilities: tuple[Capability, ...]
    empty_segment_reason: str = "该环节无任何创新主体"
    empty_segment_reason_en: str = "no actor serves this segment"

    def chain(self, chain_id: str) -> Chain:
        """The chain with this id, or the chain whose name or synonym is exactly `chain_id`.

        Raises
        ------
        KeyError
            Naming the valid chain ids.
        """
        for c in self.chains:
            if c.id == chain_id:
                return c
        found = self._name_index.get(_norm(chain_id))
        if found is not None:
            return found
        raise KeyError(f"no industry chain {chain_id!r}: choose one of "
                       + ", ".join(c.id for c in self.chains))

    def chain_for_name(self, name: str) -> Chain | None:
        """The chain an IndustryChain entity name stands for, by name or synonym.

        An exact (normalised) name or synonym wins; otherwise the chain whose name or
        synonym is the longest one contained in `name` (柯桥现代纺织 -> modern_textile).
        """
        key = _norm(name)
        index = self._name_index
        if key in index:
            return index[key]
        best: tuple[int, Chain] | None = None
        for term, chain in index.items():
            if len(term) >= 2 and not term.isascii() and term in key \
                    and (best is None or len(term) > best[0]):
                best = (len(term), chain)
        return best[1] if best else None

    def keyword_hits(self, text: str, *, short: bool = True) -> list[tuple[str, str | None, str]]:
        """(chain id, segment id or None, term) for the chain names, synonyms and segment
        keywords found in `text`, longest match first at each position, sorted.

        A term that is both a synonym and a keyword gives the chain and the segment.
        Single-character keywords (袜) are matched only when `short` is true: pass
        ``short=False`` for sentences, as ``data/chains/README.md`` asks.
        """
        terms = self._terms
        hits = {(chain_id, segment_id or "", term) for term in self._found_terms(text, short)
                for chain_id, segment_id in terms[term]}
        return [(c, s or None, t) for c, s, t in sorted(hits)]

    def _found_terms(self, text: str, short: bool = True) -> list[str]:
        """The terms `keyword_hits` finds in `text`, in text order (repeats kept)."""
        text = _norm(text)
        first_chars, pattern = self._matchers[bool(short)]
        if first_chars.isdisjoint(text):  # most names hold no term: skip the regex
            return []
        # leftmost, then longest match; continue after the match (see `_trie_pattern`)
        return pattern.findall(text)

    @functools.cached_property
    def _name_index(self) -> dict[str, Chain]:
        index: dict[str, Chain] = {}
        for c in self.chains:
            for n in c.names:
                index.setdefault(_norm(n), c)
        return index

    @functools.cached_property
    def _terms(self) -> dict[str, tuple[tuple[str, str | None], ...]]:
        terms: dict[str, list[tuple[str, str | None]]] = {}
        for c in self.chains:
            for n in c.names:
                terms.setdefault(_norm(n), []).append((c.id, None))
            for s in c.segments:
                for k in s.keywords:
                    terms.setdefault(_norm(k), []).append((c.id, s.id))
        return {t: tuple(dict.fromkeys(v)) for t, v in terms.items()}

    @functools.cached_property
    def _matchers(self) -> dict[bool, tuple[frozenset[str], re.Pattern]]:
        """For ``short`` true/false: the first characters of the terms (a text holding none
        of them has no hit) and one compiled trie regex of the terms, built once."""
        out = {}
        for short in (True, False):
            terms = [t for t in self._terms if short or len(t) > 1]
            out[short] = (frozenset(t[0] for t in terms), re.compile(_trie_pattern(terms)))
        return out


def _trie_pattern(terms) -> str:
    """A regex matching any of `terms`, the longest one at the leftmost position.

    The terms are folded into a character trie, so at a given position only the branch
    of the next character is tried; greedy optional tails make the longest term win and
    backtrack to a shorter one that ends there (a regex alternation would instead take
    the first alternative listed and try every term at every position).

    >>> p = re.compile(_trie_pattern(["纺织", "现代纺织", "现代"]))
    >>> p.findall("柯桥现代纺织和现代农业、纺织")
    ['现代纺织', '现代', '纺织']
    """
    if not terms:
        return "(?!)"  # matches nothing
    trie: dict = {}
    for term in terms:
        node = trie
        for ch in term:
            node = node.setdefault(ch, {})
        node[""] = {}  # end of a term

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" not in node:
            return body
        return "(?:" + body + ")?" if len(alts) == 1 else body + "?"

    return build(trie)


def _norm(text: str) -> str:
    return normalise_name(text).lower()


def load_taxonomy(directory: str | Path = DEFAULT_DIRECTORY) -> Taxonomy:
    """Read every chain file and ``capabilities.yaml`` from `directory`.

    Parameters
    ----------
    directory : path
        A folder laid out as ``data/chains/`` (see its README.md).

    Returns
    -------
    Taxonomy
        Chains sorted by id, capabilities in display order.

    Raises
    ------
    LexiconError
        Naming the file and what is wrong with it.

    Examples
    --------
    >>> tax = load_taxonomy()
    >>> tax.chain("modern_textile").name
    '现代纺织'
    >>> tax.chain_for_name("现代医药").id, tax.chain_for_name("现代环保装备").id
    ('biomedicine', 'energy_saving_env')
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise LexiconError(f"taxonomy folder {directory} does not exist: pass the folder "
                           "holding the chain .yaml files (default data/chains/)")
    chains = []
    for path in sorted(directory.glob("*.yaml")):
        if path.name != CAPABILITIES_FILE:
            chains.append(_read_chain(path))
    if not chains:
        raise LexiconError(f"taxonomy folder {directory} holds no chain .yaml file")
    cap_path = directory / CAPABILITIES_FILE
    if not cap_path.exists():
        raise LexiconError(f"{cap_path} is missing: the taxonomy needs the capability columns")
    caps, extra = _read_capabilities(cap_path)
    return Taxonomy(tuple(sorted(chains, key=lambda c: c.id)), caps, **extra)


@functools.lru_cache(maxsize=1)
def default_taxonomy() -> Taxonomy:
    """The taxonomy in ``data/chains/``, read once."""
    return load_taxonomy(DEFAULT_DIRECTORY)


def _load_yaml(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path}: not valid UTF-8 YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: expected a mapping at the top level")
    return data


def _need(path: Path, data: dict, keys: tuple[str, ...], where: str = "") -> None:
    missing = [k for k in keys if k not in data]
    if missing:
        raise LexiconError(f"{path}: {where}missing key(s) {', '.join(missing)} "
                           "(see data/chains/README.md for the format)")


def _str_list(path: Path, value, what: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise LexiconError(f"{path}: {what} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _read_chain(path: Path) -> Chain:
    data = _load_yaml(path)
    _need(path, data, ("id", "name", "name_en", "synonyms", "segments"))
    if data["id"] != path.stem:
        raise LexiconError(f"{path}: id {data['id']!r} must equal the file name {path.stem!r}")
    if not isinstance(data["segments"], list) or not 3 <= len(data["segments"]) <= 6:
        raise LexiconError(f"{path}: a chain needs 3-6 segments")
    segments, seen_ids, seen_kw = [], set(), {}
    for i, s in enumerate(data["segments"], 1):
        if not isinstance(s, dict):
            raise LexiconError(f"{path}: segment {i} must be a mapping")
        _need(path, s, ("id", "stage", "name", "name_en", "keywords"), f"segment {i}: ")
        if s["id"] in seen_ids:
            raise LexiconError(f"{path}: segment id {s['id']!r} appears twice")
        seen_ids.add(s["id"])
        if s["stage"] not in STAGES:
            raise LexiconError(f"{path}: segment {s['id']!r} has stage {s['stage']!r}, not one "
                               f"of {', '.join(STAGES)}")
        keywords = _str_list(path, s["keywords"], f"segment {s['id']!r} keywords")
        for k in keywords:
            nk = unicodedata.normalize("NFKC", k).lower()
            if nk in seen_kw:
                raise LexiconError(f"{path}: keyword {k!r} is in segments {seen_kw[nk]!r} "
                                   f"and {s['id']!r}; a keyword places an actor in one segment")
            seen_kw[nk] = s["id"]
        segments.append(Segment(s["id"], data["id"], s["stage"], s["name"], s["name_en"],
                                keywords))
    missing = set(STAGES) - {s.stage for s in segments}
    if missing:
        raise LexiconError(f"{path}: no segment of stage {', '.join(sorted(missing))}")
    return Chain(data["id"], data["name"], data["name_en"],
                 _str_list(path, data["synonyms"], "synonyms"), tuple(segments))


def _read_capabilities(path: Path) -> tuple[tuple[Capability, ...], dict[str, str]]:
    data = _load_yaml(path)
    _need(path, data, ("capabilities",))
    caps = []
    for i, c in enumerate(data["capabilities"] or [], 1):
        _need(path, c, ("id", "label", "label_en", "entity_types", "gap_reason", "gap_reason_en"),
              f"capability {i}: ")
        kinds = []
        for t in _str_list(path, c["entity_types"], f"capability {c['id']!r} entity_types"):
            try:
                kinds.append(EntityKind(t))
            except ValueError:
                raise LexiconError(f"{path}: capability {c['id']!r} names entity type {t!r}, "
                                   "not one of " + ", ".join(k.value for k in EntityKind)) from None
        flag_when = _str_list(path, c.get("flag_when") or [], f"capability {c['id']!r} flag_when")
        caps.append(Capability(c["id"], c["label"], c["label_en"], tuple(kinds), c["gap_reason"],
                               c["gap_reason_en"], flag_when))
    ids = {c.id for c in caps}
    for c in caps:
        unknown = set(c.flag_when) - ids
        if unknown:
            raise LexiconError(f"{path}: capability {c.id!r} flag_when names unknown "
                               f"capabilities {', '.join(sorted(unknown))}")
    extra = {}
    seg = data.get("empty_segment") or {}
    if seg:
        _need(path, seg, ("gap_reason", "gap_reason_en"), "empty_segment: ")
        extra = {"empty_segment_reason": seg["gap_reason"],
                 "empty_segment_reason_en": seg["gap_reason_en"]}
    return tuple(caps), extra
