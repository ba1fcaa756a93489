"""Score cross-document resolution: does one actor stay one node across documents?

Gold annotations (one JSON file per document, `shared/spec/schema.md`) name each
document's actors with a canonical name and aliases. An actor is global: the same
canonical name in two documents is the same actor, and an alias is local to its document
unless it is another document's canonical name. Each stored mention is mapped, through
its surface, to the gold actor it names in its document; the items scored are the
(document, actor) units, each on the nodes that hold its mentions. Over pairs of units of
one actor, those sharing a node are right merges and the others missed merges (the actor
is split); pairs of units of two actors sharing a node are wrong merges. An actor split
inside one document is extraction's matter: it is listed, not counted.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from math import comb
from pathlib import Path

_DROP = re.compile(r"[\s()（）\[\]【】《》“”\"'‘’]")


def gold_key(name: str) -> str:
    """A name as the gold scorer compares it: NFKC, without spaces, brackets or quotes."""
    return _DROP.sub("", unicodedata.normalize("NFKC", str(name)))


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: str, b: str) -> None:
        a, b = self.find(a), self.find(b)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def gold_actors(gold: Mapping[str, dict]) -> dict[str, dict[str, str]]:
    """Per document (gold file's `doc`): normalised surface form → global actor key."""
    canonical = {gold_key(e["name"]) for data in gold.values() for e in data.get("entities", [])}
    actors = _Union()
    for data in gold.values():
        for e in data.get("entities", []):
            name = gold_key(e["name"])
            actors.find(name)
            for alias in map(gold_key, e.get("aliases", [])):
                if alias in canonical:
                    actors.join(name, alias)
    forms: dict[str, dict[str, str]] = {}
    for data in gold.values():
        index = forms.setdefault(data["doc"], {})
        for e in data.get("entities", []):
            actor = actors.find(gold_key(e["name"]))
            for form in (e["name"], *e.get("aliases", [])):
                index.setdefault(gold_key(form), actor)
    return forms


@dataclass(frozen=True)
class Item:
    """One actor of one document as it sits on one node of the store."""

    doc: str
    actor: str
    node: str


@dataclass
class MergeScore:
    """Pair counts over (document, actor) units, and the cases that cost the most."""

    right: int
    missed: int
    wrong: int
    units: int
    unmapped: int  #: stored mentions whose surface names no gold actor of their document
    splits: list[tuple[int, str, dict[str, list[str]]]] = field(default_factory=list)
    #: (missed pairs, actor, node → documents), worst first
    blends: list[tuple[int, str, dict[str, list[str]]]] = field(default_factory=list)
    #: (wrong pairs, node, actor → documents), worst first
    inside: list[tuple[str, str, list[str]]] = field(default_factory=list)
    #: (document, actor, nodes): one document's actor on several nodes (extraction's split)

    @property
    def precision(self) -> float:
        return self.right / (self.right + self.wrong) if self.right + self.wrong else 1.0

    @property
    def recall(self) -> float:
        return self.right / (self.right + self.missed) if self.right + self.missed else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def map_mentions(nodes: Mapping[str, Iterable[tuple[str, str]]],
                 forms: Mapping[str, Mapping[str, str]]) -> tuple[set[Item], int]:
    """Items from each node's (document, surface) mentions; also how many went unmapped
    (a surface that names no gold actor, or a document without gold)."""
    items: set[Item] = set()
    unmapped = 0
    for node, mentions in nodes.items():
        for doc, surface in mentions:
            actor = forms.get(doc, {}).get(gold_key(surface))
            if actor is None:
                unmapped += 1
            else:
                items.add(Item(doc, actor, node))
    return items, unmapped


def score_items(items: Iterable[Item], unmapped: int = 0) -> MergeScore:
    """Over pairs of (document, actor) units: two units share a node or not, and name one
    actor or two (see the module docstring)."""
    nodes_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    for it in items:
        nodes_of[(it.doc, it.actor)].add(it.node)
    units_of_actor: dict[str, list[tuple[str, str]]] = defaultdict(list)
    units_on_node: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for unit, nodes in sorted(nodes_of.items()):
        units_of_actor[unit[1]].append(unit)
        for node in nodes:
            units_on_node[node].append(unit)
    right, split_pairs = 0, {}
    for actor, units in units_of_actor.items():
        apart = sum(1 for i, u in enumerate(units) for v in units[i + 1:]
                    if not nodes_of[u] & nodes_of[v])
        right += comb(len(units), 2) - apart
        if apart:
            split_pairs[actor] = apart
    wrong_pairs: set[tuple] = set()
    blend_pairs: dict[str, int] = {}
    for node, units in units_on_node.items():
        pairs = {(u, v) for i, u in enumerate(units) for v in units[i + 1:] if u[1] != v[1]}
        if pairs:
            blend_pairs[node] = len(pairs)
            wrong_pairs |= pairs
    score = MergeScore(right, sum(split_pairs.values()), len(wrong_pairs), len(nodes_of),
                       unmapped)
    score.splits = sorted(((k, a, _docs(units_of_actor[a], nodes_of, by_node=True))
                           for a, k in split_pairs.items()), key=lambda t: (-t[0], t[1]))
    score.blends = sorted(((k, n, _docs(units_on_node[n], nodes_of, by_node=False))
                           for n, k in blend_pairs.items()), key=lambda t: (-t[0], t[1]))
    score.inside = [(d, a, sorted(ns)) for (d, a), ns in sorted(nodes_of.items()) if len(ns) > 1]
    return score


def _docs(units: list[tuple[str, str]], nodes_of: Mapping[tuple[str, str], set[str]],
          by_node: bool) -> dict[str, list[str]]:
    """Documents grouped by node (for an actor's units) or by actor (for a node's)."""
    grouped: dict[str, list[str]] = defaultdict(list)
    for doc, actor in units:
        for key in (sorted(nodes_of[(doc, actor)]) if by_node else [actor]):
            grouped[key].append(doc)
    return dict(sorted(grouped.items()))


def score_store(store, gold: Mapping[str, dict]) -> MergeScore:
    """Score a store built from the gold documents (matched by file name)."""
    names = {d.id: Path(d.path).name for d in store.documents()}
    nodes = {node: [(names.get(m.evidence.doc_id, ""), m.surface) for m in mentions]
             for node, mentions in store.mentions_by_entity().items()}
    return score_items(*map_mentions(nodes, gold_actors(gold)))


def format_score(score: MergeScore, top: int = 10) -> str:
    """The score and its worst cases, as lines for a terminal."""
    lines = [f"merge precision {score.precision:.4f}  recall {score.recall:.4f}  "
             f"F1 {score.f1:.4f}",
             f"pairs: {score.right} right, {score.missed} missed, {score.wrong} wrong; "
             f"{score.units} (document, actor) units; {score.unmapped} mentions name no "
             "gold actor"]
    if score.splits:
        lines.append(f"missed merges (one actor on several nodes), worst {top}:")
        for k, actor, nodes in score.splits[:top]:
            lines.append(f"  {k:>4}  {actor}: " + "; ".join(
                f"{node} [{', '.join(_short(d) for d in docs)}]" for node, docs in nodes.items()))
    if score.blends:
        lines.append(f"wrong merges (one node for several actors), worst {top}:")
        for k, node, actors in score.blends[:top]:
            lines.append(f"  {k:>4}  {node}: " + "; ".join(
                f"{actor} [{', '.join(_short(d) for d in docs)}]" for actor, docs in actors.items()))
    if score.inside:
        lines.append("split inside one document (not counted): " + "; ".join(
            f"{actor} [{_short(doc)}: {' / '.join(nodes)}]" for doc, actor, nodes in score.inside))
    return "\n".join(lines)


def _short(doc: str) -> str:
    return Path(doc).stem[:14]
