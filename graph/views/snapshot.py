"""What the views derive from the whole graph, built once per revision of the store.

The app runs its page script on every click, in one thread per session, all sharing one
store. `snapshot(store)` returns the `Snapshot` of the store's current revision
(`GraphStore.revision`): the whole graph as networkx, its chain links (`ChainIndex`) and
whatever else a view memoises on it, each built on first use and then shared by every
caller until a write changes the revision. Only the latest snapshot of each store is
kept, and it goes when the store does.

Everything a snapshot holds is shared: callers only read it. A view that returns a
graph returns its own copy (`detached`, `induced`), so no caller can change the cache.
"""
from __future__ import annotations

import copy
import threading
import weakref
from collections.abc import Callable, Hashable, Iterable
from typing import Any

import networkx as nx

from graph.analytics.chains import CONTEXT_KINDS, ChainIndex, mention_clauses
from graph.analytics.taxonomy import default_taxonomy
from graph.errors import StoreUnavailable
from graph.stores import GraphStore


class Snapshot:
    """The derived structures of one revision of one store, each built once on demand."""

    def __init__(self, store: GraphStore, revision: int) -> None:
        self.revision = revision
        self._store = weakref.ref(store)  # a strong one would keep the store's entry alive
        self._lock = threading.Lock()
        self._values: dict[Hashable, Any] = {}
        self._building: dict[Hashable, threading.Lock] = {}

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The whole graph, as `GraphStore.to_networkx()` exports it. Read only."""
        return self.memo("graph", lambda: self.store.to_networkx())

    @property
    def chains(self) -> ChainIndex:
        """The chain links of `graph` with the default taxonomy and the words around each
        entity's mentions, as `chain_gaps(store)` computes them. Read only."""
        return self.memo("chains", lambda: ChainIndex(
            self.graph, default_taxonomy(), mentions=mention_clauses(
                self.store, actors=[n for n, kind in self.graph.nodes(data="kind")
                                    if kind not in CONTEXT_KINDS])))

    @property
    def store(self) -> GraphStore:
        """The store this snapshot reads (StoreUnavailable once it has been released)."""
        store = self._store()
        if store is None:
            raise StoreUnavailable("the store of this snapshot was closed and released: "
                                   "take a new snapshot of an open store")
        return store

    def memo(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """``compute()``, computed once per snapshot however many threads ask at once.

        The value is shared by every caller: make it immutable, or copy it before use.
        """
        try:
            return self._values[key]
        except KeyError:
            pass
        with self._lock:
            building = self._building.setdefault(key, threading.Lock())
        with building:  # one thread computes; the others wait for its value
            if key not in self._values:
                self._values[key] = compute()
            return self._values[key]

    def __repr__(self) -> str:
        return f"<Snapshot at revision {self.revision}: {', '.join(map(str, self._values))}>"


_lock = threading.Lock()
_latest: weakref.WeakKeyDictionary[GraphStore, Snapshot] = weakref.WeakKeyDictionary()


def snapshot(store: GraphStore) -> Snapshot:
    """The snapshot of the store's current revision: the cached one, or a new empty one.

    The revision is read before any data, so a snapshot never holds data older than its
    revision (at worst newer, which costs one rebuild at the next call).
    """
    revision = store.revision()
    with _lock:
        current = _latest.get(store)
        if current is None or current.revision != revision:
            current = _latest[store] = Snapshot(store, revision)
        return current


def fresh(value: Any) -> Any:
    """A copy of an attribute value that shares nothing mutable with it: lists and dicts
    are copied all the way down, strings and numbers (immutable) are shared."""
    if isinstance(value, _IMMUTABLE):
        return value
    if isinstance(value, list):
        return [fresh(v) for v in value]
    if isinstance(value, dict):
        return {k: fresh(v) for k, v in value.items()}
    return copy.deepcopy(value)


_IMMUTABLE = (str, int, float, type(None))


def detached(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of a graph or subgraph view that shares nothing with it, attribute values
    included (a plain ``copy()`` shares the aliases lists)."""
    out = graph.copy()
    for _, data in out.nodes(data=True):
        data.update(fresh(data))
    for _, _, data in out.edges(data=True):
        data.update(fresh(data))
    return out


def induced(graph: nx.MultiDiGraph, ids: Iterable[str]) -> nx.MultiDiGraph:
    """The entities `ids` (those in the graph) and the relations among them, as a
    detached copy in the order `GraphStore.to_networkx(ids=...)` builds them: nodes by
    id, relations by ``source|KIND|target``."""
    nodes = sorted({n for n in ids if n in graph})
    keep = set(nodes)
    succ = graph.succ
    edges = sorted(((u, v, k) for u in nodes for v, keys in succ[u].items() if v in keep
                    for k in keys), key=lambda e: f"{e[0]}|{e[2]}|{e[1]}")
    out = nx.MultiDiGraph()
    out.add_nodes_from((n, fresh(graph.nodes[n])) for n in nodes)
    out.add_edges_from((u, v, k, fresh(succ[u][v][k])) for u, v, k in edges)
    return out
