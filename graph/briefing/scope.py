"""Region scope: the part of the graph a deck about one region talks about."""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import networkx as nx

from graph.model import EntityKind, RelationKind

REGIONS_TSV = Path(__file__).resolve().parents[2] / "data" / "lexicons" / "regions.tsv"
#: links along which an actor belongs to a place: it sits in it, or is part of something there
PLACING = frozenset({RelationKind.LOCATED_IN.value, RelationKind.PART_OF.value})


@lru_cache(maxsize=1)
def _parents() -> dict[str, tuple[str, ...]]:
    """Region name (full or short) -> the full names of its parents, from regions.tsv."""
    parents: dict[str, set[str]] = {}
    if not REGIONS_TSV.exists():
        return {}
    with REGIONS_TSV.open(encoding="utf-8") as f:
        for row in csv.reader((line for line in f if not line.startswith("#")), delimiter="\t"):
            if len(row) < 4:
                continue
            name, short, _, parent = row[:4]
            ups = {p for p in parent.split("|") if p}
            for key in [name, *(s for s in short.split("|") if s)]:
                parents.setdefault(key, set()).update(ups)
    return {k: tuple(sorted(v)) for k, v in parents.items()}


def in_region(name: str, region: str) -> bool:
    """True when the region `name` is `region`, starts with it, or lies inside it
    (following the parents of ``data/lexicons/regions.tsv``).

    >>> in_region("柯桥", "绍兴"), in_region("绍兴市", "绍兴"), in_region("杭州", "绍兴")
    (True, True, False)
    """
    region = region.strip()
    if not region:
        return False
    parents = _parents()
    seen, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        if current.startswith(region):
            return True
        todo.extend(parents.get(current, ()))
    return False


def region_members(graph: nx.MultiDiGraph, region: str) -> set[str]:
    """The Region nodes in `region` and every entity placed in them: LOCATED_IN or PART_OF
    such a region, or (transitively) in a park, region or body that is. Empty when no
    Region node of the graph is in `region`."""
    regions = {n for n, d in graph.nodes(data=True)
               if d.get("kind") == EntityKind.REGION.value and in_region(d.get("name", ""), region)}
    found, todo = set(regions), list(regions)
    while todo:
        node = todo.pop()
        for source, keys in graph.pred[node].items():
            if source not in found and not PLACING.isdisjoint(keys):
                found.add(source)
                todo.append(source)
    return found


def region_names(graph: nx.MultiDiGraph) -> list[str]:
    """The names of the Region nodes, sorted."""
    return sorted(d.get("name", n) for n, d in graph.nodes(data=True)
                  if d.get("kind") == EntityKind.REGION.value)
