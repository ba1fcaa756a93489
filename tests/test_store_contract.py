"""The contract both stores honour; every test runs on each store kind."""
from __future__ import annotations

from dataclasses import replace

import pytest

from graph.errors import DocumentNotFound, EntityNotFound
from graph.model import EntityKind, Relation, RelationKind, entity_id
from graph.stores import GraphStore
from tests.graph_factory import doc_graph, ecosystem

K, R = EntityKind, RelationKind


def test_store_add_document_is_idempotent(store):
    a, b = ecosystem()
    assert store.add_document(a) is True
    before = store.counts()
    assert store.add_document(a) is False
    assert store.counts() == before


def test_store_merges_one_actor_across_documents(store):
    store.add_documents(ecosystem())
    zju = entity_id(K.UNIVERSITY, "浙江大学")
    assert len(store.entities(kinds=[K.UNIVERSITY])) == 1
    assert {m.evidence.doc_id for m in store.mentions(zju)} == {"doc-a", "doc-b"}


def test_store_preserves_direction(store):
    store.add_documents(ecosystem())
    inst, zju = entity_id(K.INSTITUTE, "浙江大学绍兴研究院"), entity_id(K.UNIVERSITY, "浙江大学")
    rels = store.relations(kinds=[R.AFFILIATED_WITH])
    assert [(r.source_id, r.target_id) for r in rels] == [(inst, zju)]


def test_store_keeps_symmetric_relations_once(store):
    a = doc_graph("d1", [(K.PARK, "甲园区"), (K.PARK, "乙园区")],
                  [("甲园区", R.INTEGRATED_WITH, "乙园区"), ("乙园区", R.INTEGRATED_WITH, "甲园区")])
    store.add_document(a)
    assert len(store.relations(kinds=[R.INTEGRATED_WITH])) == 1


def test_store_remove_document_retracts_only_unsupported_facts(store):
    a, b = ecosystem()
    store.add_documents([a, b])
    removal = store.remove_document("doc-b")
    names = {e.name for e in store.entities()}
    assert names == {"浙江大学", "浙江大学绍兴研究院", "绍兴"}
    assert {r.kind for r in store.relations()} == {R.AFFILIATED_WITH, R.LOCATED_IN}
    assert (removal.entities, removal.relations) == (2, 2)
    assert [d.id for d in store.documents()] == ["doc-a"]
    assert len(store.indicators()) == 2
    zju = entity_id(K.UNIVERSITY, "浙江大学")
    assert {m.evidence.doc_id for m in store.mentions(zju)} == {"doc-a"}


def test_store_remove_unknown_document_raises(store):
    with pytest.raises(DocumentNotFound):
        store.remove_document("nope")


def test_store_get_unknown_entity_raises(store):
    with pytest.raises(EntityNotFound):
        store.get_entity("University:没有这所大学")


def test_store_evidence_traces_to_document_and_sentence(store):
    a, _ = ecosystem()
    store.add_document(a)
    rel = Relation.make(entity_id(K.INSTITUTE, "浙江大学绍兴研究院"), R.LOCATED_IN,
                        entity_id(K.REGION, "绍兴"))
    (ev,) = store.relation_evidence(rel)
    assert ev.doc_id == "doc-a" and "浙江大学绍兴研究院" in ev.sentence
    assert store.document_text("doc-a")[ev.start:ev.end] == ev.sentence


def test_store_neighbourhood_counts_hops(store):
    store.add_documents(ecosystem())
    inst = entity_id(K.INSTITUTE, "浙江大学绍兴研究院")
    one = store.neighbourhood([inst], hops=1)
    two = store.neighbourhood([inst], hops=2)
    assert set(one) == {inst, entity_id(K.UNIVERSITY, "浙江大学"), entity_id(K.REGION, "绍兴")}
    assert entity_id(K.PARK, "镜湖科技城") in two and entity_id(K.INDUSTRY_CHAIN, "集成电路") not in two


def test_store_to_networkx_agrees_with_relations(store):
    store.add_documents(ecosystem())
    g = store.to_networkx()
    assert g.number_of_nodes() == 5 and g.number_of_edges() == 4
    assert g.nodes[entity_id(K.PARK, "镜湖科技城")]["kind"] == "Park"


def test_store_find_entities_by_alias(store):
    a = doc_graph("d1", [(K.UNIVERSITY, "上海交通大学")])
    eid = entity_id(K.UNIVERSITY, "上海交通大学")
    a.mentions.append((eid, a.mentions[0][1].__class__("上海交大", 0, 4, a.mentions[0][1].evidence)))
    store.add_document(a)
    assert [e.name for e in store.find_entities("交大")] == ["上海交通大学"]
    assert store.get_entity(eid).aliases == ("上海交大",)


def test_store_clear_empties_everything(store):
    store.add_documents(ecosystem())
    store.clear()
    assert store.counts()["totals"] == {"documents": 0, "indicators": 0}
    assert store.entities() == []


# --- mentions_by_entity: the mentions of many entities in one read -----------------------
def _per_id(store, ids):
    """What `mentions_by_entity(ids)` must equal: `mentions()` of each id that has any."""
    return {i: ms for i in sorted(set(ids)) if (ms := store.mentions(i))}


def test_store_mentions_by_entity_equals_mentions_per_id(store, sample_graph):
    quoted = doc_graph("doc-c", [(K.PARK, "甲园区"), (K.UNIVERSITY, "浙江大学")])
    eid, m = quoted.mentions[0]  # a sentence the text does not hold at its offsets
    quoted.mentions[0] = (eid, replace(m, evidence=replace(m.evidence, sentence="改写的句子")))
    store.add_documents([sample_graph, *ecosystem(), quoted])
    ids = [e.id for e in store.entities()]
    every = store.mentions_by_entity()
    assert every == _per_id(store, ids) and list(every) == sorted(ids)
    assert store.mentions_by_entity(reversed(ids)) == every
    some = ids[::3]
    assert store.mentions_by_entity(some) == _per_id(store, some)
    assert GraphStore.mentions_by_entity(store, some) == store.mentions_by_entity(some)


def test_store_mentions_by_entity_of_no_ids_is_empty(store):
    assert store.mentions_by_entity([]) == {} and store.mentions_by_entity() == {}
    store.add_documents(ecosystem())
    assert store.mentions_by_entity([]) == {}


def test_store_mentions_by_entity_leaves_out_unknown_ids(store):
    store.add_documents(ecosystem())
    zju = entity_id(K.UNIVERSITY, "浙江大学")
    found = store.mentions_by_entity(["University:没有这所大学", zju, zju])
    assert found == {zju: store.mentions(zju)} and len(found[zju]) == 2


def test_store_mentions_by_entity_forgets_a_removed_document(store):
    store.add_documents(ecosystem())
    store.remove_document("doc-b")
    every = store.mentions_by_entity()
    assert {m.evidence.doc_id for ms in every.values() for m in ms} == {"doc-a"}
    assert set(every) == {e.id for e in store.entities()}
    park = entity_id(K.PARK, "镜湖科技城")
    assert store.mentions_by_entity([park]) == {}
    assert every == _per_id(store, [*every, park])


# --- revision: changes with every write that changes the graph, and only then ------------
def _reopened(store):
    """A second store object on the same database."""
    from graph.settings import Settings, StoreKind
    from graph.stores import open_store

    if store.kind is StoreKind.LOCAL:
        return open_store(Settings(store=StoreKind.LOCAL, db_path=store.path))
    return open_store(Settings.from_env(store="neo4j"))


def test_store_revision_changes_with_every_write(store):
    a, b = ecosystem()
    seen = [store.revision()]
    store.add_document(a)
    seen.append(store.revision())
    store.add_documents([b])
    seen.append(store.revision())
    store.remove_document("doc-a")
    seen.append(store.revision())
    store.clear()
    seen.append(store.revision())
    assert len(set(seen)) == len(seen), seen


def test_store_revision_stays_across_reads_and_an_unchanged_readd(store):
    a, b = ecosystem()
    store.add_documents([a, b])
    before = store.revision()
    store.counts(), store.entities(), store.relations(touching=["x"]), store.to_networkx()
    store.neighbourhood([entity_id(K.UNIVERSITY, "浙江大学")], hops=2), store.documents()
    assert store.add_document(a) is False
    assert store.add_documents([a, b]) == 0
    assert store.revision() == before


def test_store_revision_does_not_change_when_a_removal_fails(store):
    store.add_documents(ecosystem())
    before = store.revision()
    with pytest.raises(DocumentNotFound):
        store.remove_document("nope")
    assert store.revision() == before


def test_store_revision_is_seen_by_another_store_object(store):
    a, b = ecosystem()
    store.add_document(a)
    other = _reopened(store)
    try:
        before = other.revision()
        assert before == store.revision()
        store.add_document(b)
        assert other.revision() == store.revision() != before
        other.remove_document("doc-b")
        assert store.revision() == other.revision() != before
    finally:
        other.close()


# --- what only a real server shows a mock: schema, batches, retraction, parameters --------
def _facts(store):
    """Every fact the store holds, in a comparable form (the revision aside)."""
    rels = store.relations()
    ents = store.entities()
    return (store.counts(), ents, rels, [store.relation_evidence(r) for r in rels],
            store.mentions_by_entity(), store.indicators(), store.documents(),
            [store.document_text(d.id) for d in store.documents()])


def _schema(store) -> list[tuple[str, ...]]:
    """The constraints and indexes the store's database holds, by name."""
    if store.kind.value == "local":
        import sqlite3

        with sqlite3.connect(store.path) as conn:
            return sorted(conn.execute("SELECT type, name FROM sqlite_master "
                                       "WHERE type IN ('table', 'index', 'trigger')"))
    with store._driver.session(database=store.database) as session:
        found = [("constraint", r["name"]) for r in session.run("SHOW CONSTRAINTS YIELD name")]
        found += [("index", r["name"]) for r in session.run("SHOW INDEXES YIELD name")]
    return sorted(found)


def test_store_schema_is_created_once_and_idempotently(store):
    store.add_documents(ecosystem())
    schema, facts = _schema(store), _facts(store)
    for _ in range(2):
        _reopened(store).close()
    assert _schema(store) == schema and len(set(schema)) == len(schema)
    assert _facts(store) == facts
    if store.kind.value == "neo4j":
        names = {name for _, name in schema}
        assert {"entity_id", "document_id", "evidence_relation", "innograph_meta_key"} <= names


def test_store_batched_writes_merge_across_batches(store):
    """Many documents written in batches of 3 rows: one node per entity however they split."""
    traced: list[tuple[str, object]] = []
    if store.kind.value == "neo4j":
        store.batch_size, store.tracer = 3, lambda q, p: traced.append((q, p))
    docs = [doc_graph(f"d{i:02d}", [(K.ENTERPRISE, f"企业{i % 7}"), (K.REGION, "绍兴"),
                                    (K.PARK, f"园区{i % 3}")],
                      [(f"企业{i % 7}", R.LOCATED_IN, "绍兴"), (f"企业{i % 7}", R.LOCATED_IN,
                                                                f"园区{i % 3}")])
            for i in range(30)]
    assert store.add_documents(docs) == 30
    counts = store.counts()
    assert counts["entities"] == {"Enterprise": 7, "Park": 3, "Region": 1}
    assert counts["relations"] == {"LOCATED_IN": 7 + 21}  # to 绍兴, and every (企业, 园区) pair
    assert len(store.mentions(entity_id(K.REGION, "绍兴"))) == 30
    loc = Relation.make(entity_id(K.ENTERPRISE, "企业0"), R.LOCATED_IN, entity_id(K.REGION, "绍兴"))
    assert len(store.relation_evidence(loc)) == 5  # d00, d07, d14, d21, d28
    if store.kind.value == "neo4j":
        unwinds = [p["rows"] for q, p in traced if q.lstrip().startswith("UNWIND $rows")]
        assert unwinds and max(map(len, unwinds)) <= 3
        assert any("MERGE (e:Entity" in q for q, _ in traced)


def test_store_retracting_one_document_removes_exactly_its_facts(store):
    a, b = ecosystem()
    c = doc_graph("doc-c", [(K.PARK, "镜湖科技城"), (K.ENTERPRISE, "某芯片企业")],
                  [("某芯片企业", R.LOCATED_IN, "镜湖科技城")], indicators=1)
    store.add_documents([a, b])
    before = _facts(store)
    store.add_document(c)
    removal = store.remove_document("doc-c")
    assert _facts(store) == before
    assert (removal.entities, removal.relations) == (1, 1)  # 镜湖科技城 stays: doc-b has it


def test_store_reingest_changes_nothing(store):
    docs = ecosystem()
    store.add_documents(docs)
    facts, revision = _facts(store), store.revision()
    assert store.add_documents(ecosystem()) == 0
    assert [store.add_document(g) for g in docs] == [False, False]
    assert _facts(store) == facts and store.revision() == revision


def test_store_curation_merge_applies_to_stored_documents(store, tmp_path):
    from graph.curation.file import load_curation
    from graph.curation.reapply import reapply_curation
    from graph.ingest import build
    from graph.resolution import Curation, Resolver
    from tests.conftest import SAMPLE

    build(store, [SAMPLE], workers=1, resolver=Resolver(curation=Curation()))
    keep, gone = entity_id(K.PARK, "镜湖科技城"), entity_id(K.PARK, "滨海科技城")
    both = len(store.mentions(keep)) + len(store.mentions(gone))
    totals = store.counts()["totals"]
    curation = tmp_path / "curation.yaml"
    curation.write_text("merge:\n  - [镜湖科技城, 滨海科技城]\n", encoding="utf-8")
    assert reapply_curation(store, resolver=Resolver(curation=load_curation(curation))) == 1
    names = {e.name for e in store.entities(kinds=[K.PARK])}
    assert "镜湖科技城" in names and "滨海科技城" not in names
    assert "滨海科技城" in store.get_entity(keep).aliases
    assert len(store.mentions(keep)) == both and store.mentions(gone) == []
    assert store.counts()["totals"] == totals


AWKWARD = 'Q"uo\'te\\back}{slash`$x'


def test_store_names_with_quotes_backslashes_and_braces_round_trip(store):
    g = doc_graph(f"doc-{AWKWARD}", [(K.ENTERPRISE, AWKWARD), (K.REGION, "绍兴}")],
                  [(AWKWARD, R.LOCATED_IN, "绍兴}")], indicators=1)
    assert store.add_document(g) is True
    eid = entity_id(K.ENTERPRISE, AWKWARD)
    assert store.get_entity(eid).name == AWKWARD
    assert [e.id for e in store.find_entities("uo'te\\")] == [eid]
    (rel,) = store.relations(touching=[eid])
    assert store.relation_evidence(rel)[0].sentence == g.text
    assert store.document_text(f"doc-{AWKWARD}") == g.text
    assert eid in store.neighbourhood([entity_id(K.REGION, "绍兴}")], hops=1)
    assert store.add_document(g) is False
    store.remove_document(f"doc-{AWKWARD}")
    assert store.entities() == [] and store.counts()["totals"]["documents"] == 0
