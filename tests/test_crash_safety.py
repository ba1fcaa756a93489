"""A build killed mid-way leaves a sound local store holding whole documents only.

A child process adds 200 synthetic documents one by one; the test SIGKILLs it right
after it reports a commit (so most likely inside the next transaction), then opens
the file: SQLite's integrity check passes, every stored document has exactly the
mentions, relation evidence and indicators it carries, nothing refers to a document
that is not there, and a second build completes the store.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from graph.stores.local import LocalStore
from graph.model import DocumentGraph, EntityKind, RelationKind
from tests.graph_factory import doc_graph

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = 200
K, R = EntityKind, RelationKind

CHILD = """
import sys
from graph.stores.local import LocalStore
from tests.test_crash_safety import DOCUMENTS, synthetic_document

store = LocalStore(sys.argv[1])
for i in range(DOCUMENTS):
    store.add_document(synthetic_document(i))
    print(i, flush=True)
"""


def synthetic_document(i: int) -> DocumentGraph:
    """Document i: 30 enterprises of its own plus two shared places, 60 relations, 3 indicators."""
    names = [f"企业{i}号{j}" for j in range(30)]
    entities = [(K.ENTERPRISE, n) for n in names] + [(K.REGION, "绍兴"), (K.PARK, f"园区{i % 7}")]
    relations = [(n, R.LOCATED_IN, "绍兴") for n in names]
    relations += [(a, R.COOPERATES_WITH, b) for a, b in zip(names, names[1:])]
    relations.append((names[0], R.LOCATED_IN, f"园区{i % 7}"))
    return doc_graph(f"doc-{i:03d}", entities, relations, indicators=3)


def _expected(graph: DocumentGraph) -> tuple[int, int, int]:
    return (len(graph.mentions), len({r.id for r, _ in graph.relations}), len(graph.indicators))


def _stored(store: LocalStore) -> dict[str, tuple[int, int, int]]:
    mentions, evidence = Counter(), Counter()
    for e in store.entities():
        mentions.update(m.evidence.doc_id for m in store.mentions(e.id))
    for r in store.relations():
        evidence.update(ev.doc_id for ev in store.relation_evidence(r))
    indicators = Counter(i.evidence.doc_id for i in store.indicators())
    docs = set(mentions) | set(evidence) | set(indicators) | {d.id for d in store.documents()}
    return {d: (mentions[d], evidence[d], indicators[d]) for d in docs}


def _build_and_kill(path: Path, after: int) -> int:
    """Run the child build, SIGKILL it once it reported `after` commits; how many it reported."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, text=True)
    reported = 0
    deadline = time.monotonic() + 30
    try:
        for line in child.stdout:
            reported = int(line) + 1
            if reported >= after or time.monotonic() > deadline:
                break
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=10)
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL, "the build finished before it could be killed"
    return reported


@pytest.mark.parametrize("kill_after", [40])
def test_crash_safety_killed_build_leaves_whole_documents(tmp_path, kill_after):
    path = tmp_path / "crash.db"
    reported = _build_and_kill(path, kill_after)

    store = LocalStore(path)
    try:
        assert store.integrity_check() == "ok"
        stored = _stored(store)
        ids = {d.id for d in store.documents()}
        assert set(stored) == ids, "facts refer to documents that are not stored"
        assert reported <= len(ids) <= reported + 1  # the commit in flight may have landed
        for i in range(DOCUMENTS):
            graph = synthetic_document(i)
            if graph.document.id in ids:
                assert stored[graph.document.id] == _expected(graph), graph.document.id
        # the store is usable: building again adds exactly the missing documents
        added = store.add_documents(synthetic_document(i) for i in range(DOCUMENTS))
        assert added == DOCUMENTS - len(ids)
        assert len(store.documents()) == DOCUMENTS
        assert store.integrity_check() == "ok"
    finally:
        store.close()
