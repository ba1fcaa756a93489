"""Review actions on both stores: apply, rebuild from scratch, the effect is still there;
undo restores the state before. Entities are picked from the sample by shape, not by name."""
from __future__ import annotations

from collections import defaultdict

import pytest

from graph.curation.actions import Reviewer
from graph.curation.file import CurationFile
from graph.ingest import build
from graph.model import EntityKind, Relation, RelationKind, entity_id
from graph.resolution import Resolver
from graph.settings import StoreKind
from tests.conftest import SAMPLE, _open

HEADER = "# 规划处的更正（手写注释）\nmerge: []  # 合并\n"


@pytest.fixture(params=[StoreKind.LOCAL, pytest.param(StoreKind.NEO4J, marks=pytest.mark.neo4j)],
                ids=["local", "neo4j"])
def reviewer(request, tmp_path):
    store = _open(request.param, tmp_path)
    path = tmp_path / "curation.yaml"
    path.write_text(HEADER, encoding="utf-8")
    build(store, [SAMPLE], workers=1, resolver=Resolver.for_store(store, path))
    yield Reviewer(store, CurationFile(path), who="测试员")
    store.close()


def rebuild(reviewer: Reviewer) -> None:
    """From scratch: an empty store, the documents built again with the curation file."""
    store = reviewer.store
    store.clear()
    build(store, [SAMPLE], workers=1, resolver=Resolver.for_store(store, reviewer.file.path))


def state(store) -> tuple:
    return (sorted((e.id, e.name, e.aliases) for e in store.entities()),
            sorted(r.id for r in store.relations()))


def _ids(store) -> set[str]:
    return {e.id for e in store.entities()}


def _rels(store) -> set[Relation]:
    return set(store.relations())


def _linked(store, kind: EntityKind):
    degree = defaultdict(int)
    for r in store.relations():
        degree[r.source_id] += 1
        degree[r.target_id] += 1
    return sorted((e for e in store.entities(kinds=[kind]) if degree[e.id]),
                  key=lambda e: (-degree[e.id], e.id))


# each case: (action, check) — the action returns what the check needs
def _reject(rv):
    e = _linked(rv.store, EntityKind.PARK)[0]
    rv.reject_entity(e.id)
    return lambda s: e.id not in _ids(s) and not s.relations(touching=[e.id])


def _rename(rv):
    e = _linked(rv.store, EntityKind.INSTITUTE)[0]
    rv.rename(e.id, "测试" + e.name)
    new = entity_id(e.kind, "测试" + e.name)
    return lambda s: new in _ids(s) and e.id not in _ids(s) and s.relations(touching=[new])


def _retype(rv):
    e = _linked(rv.store, EntityKind.PLATFORM)[0]
    rv.retype(e.id, EntityKind.INSTITUTE)
    new = entity_id(EntityKind.INSTITUTE, e.name)
    return lambda s: new in _ids(s) and e.id not in _ids(s)


def _merge(rv):
    keep, other = _linked(rv.store, EntityKind.PARK)[:2]
    mentions = len(rv.store.mentions(keep.id)) + len(rv.store.mentions(other.id))
    rv.merge(keep.id, other.id)
    return lambda s: (other.id not in _ids(s) and keep.id in _ids(s)
                      and len(s.mentions(keep.id)) == mentions)


def _split(rv):
    e = next(e for e in rv.store.entities()
             if any(rv.store.find_entities(a)[0].id == e.id and a not in e.name for a in e.aliases))
    alias = next(a for a in e.aliases if a not in e.name)
    rv.split_alias(e.id, alias)
    return lambda s: entity_id(e.kind, alias) in _ids(s) and alias not in s.get_entity(e.id).aliases


def _pick_relation(store, kind: RelationKind) -> Relation:
    return sorted(store.relations(kinds=[kind]), key=lambda r: r.id)[0]


def _reject_relation(rv):
    r = _pick_relation(rv.store, RelationKind.LOCATED_IN)
    rv.reject_relation(r)
    return lambda s: r not in _rels(s) and {r.source_id, r.target_id} <= _ids(s)


def _change_type(rv):
    r = _pick_relation(rv.store, RelationKind.LOCATED_IN)
    rv.change_relation_type(r, RelationKind.COOPERATES_WITH)
    new = Relation.make(r.source_id, RelationKind.COOPERATES_WITH, r.target_id)
    return lambda s: r not in _rels(s) and new in _rels(s)


def _reverse(rv):
    r = _pick_relation(rv.store, RelationKind.AFFILIATED_WITH)
    rv.reverse_relation(r)
    new = Relation.make(r.target_id, r.kind, r.source_id)
    return lambda s: r not in _rels(s) and new in _rels(s)


def _add(rv):
    store = rv.store
    linked = {frozenset((r.source_id, r.target_id)) for r in store.relations()}
    by_sentence = defaultdict(set)
    for eid, ms in store.mentions_by_entity().items():
        for m in ms:
            by_sentence[(m.evidence.doc_id, m.evidence.sentence)].add(eid)
    (doc, sentence), a, b = next(
        (key, a, b) for key, ids in sorted(by_sentence.items()) for a in sorted(ids)
        for b in sorted(ids) if a < b and frozenset((a, b)) not in linked)
    rv.add_relation(a, RelationKind.COOPERATES_WITH, b, doc, sentence)
    new = Relation.make(a, RelationKind.COOPERATES_WITH, b)

    def check(s):
        return new in _rels(s) and any(ev.sentence == sentence and ev.extractor == "curation"
                                       for ev in s.relation_evidence(new))
    return check


ACTIONS = [_reject, _rename, _retype, _merge, _split, _reject_relation, _change_type,
           _reverse, _add]


@pytest.mark.parametrize("action", ACTIONS, ids=lambda f: f.__name__.strip("_"))
def test_review_action_survives_rebuild_and_undo_restores(reviewer, action):
    before = state(reviewer.store)
    check = action(reviewer)
    assert check(reviewer.store), "the action changed the graph"
    rebuild(reviewer)
    assert check(reviewer.store), "the effect survives a rebuild from scratch"
    assert reviewer.file.path.read_text(encoding="utf-8").startswith(HEADER.splitlines()[0])
    entry = reviewer.undo()
    assert entry["who"] == "测试员" and entry["undone"]["who"] == "测试员"
    assert state(reviewer.store) == before, "undo restores the graph as it was"
    rebuild(reviewer)
    assert state(reviewer.store) == before, "and so does a rebuild after the undo"


def test_review_rejected_relation_stays_rejected_when_a_later_document_states_it(reviewer, tmp_path):
    r = _pick_relation(reviewer.store, RelationKind.LOCATED_IN)
    reviewer.reject_relation(r)
    again = tmp_path / "same_report_again.txt"  # the same statements, another document
    again.write_text(SAMPLE.read_text(encoding="utf-8") + "\n（转载）\n", encoding="utf-8")
    report = build(reviewer.store, [again], workers=1,
                   resolver=Resolver.for_store(reviewer.store, reviewer.file.path))
    assert report.added and r not in _rels(reviewer.store)
