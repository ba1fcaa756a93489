"""The Neo4j store's logic that needs no server: rows, batching, identifiers, failing fast.

Its behaviour against a real Neo4j is tests/test_store_contract.py, run with NEO4J_URI
set (`docker compose up -d neo4j`). The recording driver below only stands in for the
transport, to check which statements are sent and how they are batched.
"""
from __future__ import annotations

import re

import pytest

from graph.stores import neo4j as neo4j_store
from graph.errors import DocumentNotFound, StoreUnavailable
from graph.model import EntityKind, Evidence, Mention, Relation, RelationKind, entity_id
from graph.stores.neo4j import Neo4jStore, batched, quote_identifier, write_rows
from graph.settings import Settings, StoreKind
from graph.stores import open_store
from tests.graph_factory import doc_graph, ecosystem

K, R = EntityKind, RelationKind


def test_neo4j_store_write_rows_carries_every_fact():
    a, b = ecosystem()
    rows = write_rows([a, b], now="2024-01-01T00:00:00+00:00")
    assert [d["id"] for d in rows.documents] == ["doc-a", "doc-b"]
    assert rows.documents[0]["added_at"] == "2024-01-01T00:00:00+00:00"
    assert rows.documents[0]["text"] == a.text
    # 浙江大学 is in both documents: one entity row, a mention row per document
    zju = entity_id(K.UNIVERSITY, "浙江大学")
    assert [r["id"] for r in rows.entities[K.UNIVERSITY]] == [zju]
    assert sum(len(v) for v in rows.entities.values()) == 5
    assert [m["doc_id"] for m in rows.mentions if m["entity_id"] == zju] == ["doc-a", "doc-b"]
    assert len(rows.mentions) == 6
    assert {k: len(v) for k, v in rows.relations.items()} == {
        R.AFFILIATED_WITH: 1, R.LOCATED_IN: 1, R.FOCUSES_ON: 1, R.COOPERATES_WITH: 1}
    assert len(rows.evidence) == 4 and len(rows.indicators) == 3
    assert [i["seq"] for i in rows.indicators] == [0, 1, 0]
    assert rows.indicators[0]["value_json"] == "1"


def test_neo4j_store_write_rows_drops_duplicates_keeping_the_first():
    a = doc_graph("d1", [(K.PARK, "甲园区"), (K.PARK, "乙园区")],
                  [("甲园区", R.INTEGRATED_WITH, "乙园区"), ("乙园区", R.INTEGRATED_WITH, "甲园区")])
    a.mentions.append(a.mentions[0])
    rows = write_rows([a, a])
    assert len(rows.documents) == 1 and len(rows.mentions) == 2
    # a symmetric relation stated both ways is one relation with one piece of evidence
    (rel,) = rows.relations[R.INTEGRATED_WITH]
    assert rel["source_id"] < rel["target_id"]
    assert len(rows.evidence) == 1
    assert rows.evidence[0]["key"] == f"{rel['id']}|d1|0"


def test_neo4j_store_write_rows_keep_attrs_and_levels():
    a = doc_graph("d1", [(K.INDUSTRY_CHAIN, "集成电路")])
    (eid, e), = a.entities.items()
    a.entities[eid] = e.__class__(e.id, e.kind, e.name, attrs=(("chain", "IC"),))
    a.mentions[0] = (eid, a.mentions[0][1].__class__("集成电路", 0, 4, a.mentions[0][1].evidence,
                                                     "national"))
    rows = write_rows([a])
    assert rows.entities[K.INDUSTRY_CHAIN][0]["attrs_json"] == '{"chain": "IC"}'
    assert rows.mentions[0]["level"] == "national"
    ent = neo4j_store.entity_from_record({"id": eid, "kind": "IndustryChain", "name": "集成电路",
                                          "attrs_json": '{"chain": "IC"}',
                                          "surfaces": ["集成电路", "IC产业"],
                                          "levels": ["municipal", "national"]})
    assert (ent.aliases, ent.level, ent.attrs) == (("IC产业",), "national", (("chain", "IC"),))


@pytest.mark.parametrize("size, expected", [(2, [2, 2, 1]), (5, [5]), (0, [5])])
def test_neo4j_store_batched_slices_rows(size, expected):
    assert [len(c) for c in batched([{}] * 5, size)] == expected


@pytest.mark.parametrize("name", ["University", "LOCATED_IN"])
def test_neo4j_store_quote_identifier_accepts_enum_values(name):
    assert quote_identifier(name) == f"`{name}`"


@pytest.mark.parametrize("name", ["Uni`) DETACH DELETE (n", "浙江大学", "", "a b"])
def test_neo4j_store_quote_identifier_rejects_anything_else(name):
    with pytest.raises(ValueError):
        quote_identifier(name)


@pytest.mark.parametrize("name", sorted(neo4j_store.all_statements()))
def test_neo4j_store_statements_take_values_only_as_parameters(name):
    text = neo4j_store.all_statements()[name]
    assert not re.search(r"['\"]", text), f"{name} has a string literal: pass a $parameter"
    assert "{label}" not in text and "{type}" not in text


# --- a recording transport: what is sent, in which transactions --------------------------
class _Result:
    def __init__(self, rows):
        self._rows = rows

    def data(self):
        return self._rows

    def __iter__(self):
        return iter(self._rows)

    def consume(self):
        return None


class _Tx:
    def __init__(self, log):
        self.log = log

    def run(self, query, params=None):
        self.log.append((query, params or {}))
        if query == neo4j_store.GET_DOCUMENT:
            return _Result([])
        if query == neo4j_store.MENTIONS_BY_IDS:
            return _Result([_mention_record(i) for i in params["ids"] if i != "unknown"])
        if query == neo4j_store.MENTIONS_OF_ALL:
            return _Result([_mention_record(i) for i in ("b", "a")])
        return _Result([{"deleted": 0, "n": 0}] if "count(" in query else [])


def _mention_record(entity: str) -> dict:
    """A row of the MENTIONS_* statements: every entity named once in the same sentence."""
    return {"entity_id": entity, "surface": entity, "start_offset": 0, "end_offset": 1,
            "level": None, "doc_id": "d", "sentence": "a，b，c。", "sent_start": 0,
            "sent_end": 6, "confidence": 0.9, "extractor": "test"}


class _Session:
    def __init__(self, driver):
        self.driver = driver

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def run(self, query, params=None):
        self.driver.autocommit.append(query)
        return _Result([])

    def _transaction(self, work):
        log: list = []
        self.driver.transactions.append(log)
        return work(_Tx(log))

    execute_write = execute_read = _transaction


class _RecordingDriver:
    def __init__(self):
        self.autocommit: list[str] = []
        self.transactions: list[list] = []

    def session(self, database=None):
        return _Session(self)

    def close(self):
        pass


@pytest.fixture
def recorded():
    traced = []
    driver = _RecordingDriver()
    store = Neo4jStore(driver, batch_size=2, tracer=lambda q, p: traced.append(q))
    driver.schema = driver.transactions[:]  # the schema's transactions, sent on opening
    driver.transactions.clear()
    return store, driver, traced


def test_neo4j_store_creates_schema_on_first_use(recorded):
    _, driver, traced = recorded
    # one managed transaction per statement: retried when two stores open at once
    assert driver.schema == [[(q, {})] for q in neo4j_store.SCHEMA_STATEMENTS]
    assert driver.autocommit == []
    assert traced == list(neo4j_store.SCHEMA_STATEMENTS)


def test_neo4j_store_adds_a_document_in_one_transaction_of_small_batches(recorded):
    store, driver, traced = recorded
    a, _ = ecosystem()
    assert store.add_document(a) is True
    (tx,) = driver.transactions
    catalogue = set(neo4j_store.all_statements().values())
    assert all(q in catalogue for q, _ in tx)
    assert tx[0][0] == neo4j_store.EXISTING_DOCUMENTS and tx[0][1] == {"ids": ["doc-a"]}
    assert all(len(p["rows"]) <= 2 for _, p in tx if "rows" in p)
    sent = [row for q, p in tx if q == neo4j_store.CREATE_MENTIONS for row in p["rows"]]
    assert len(sent) == 3  # three mentions, over two batches
    assert traced[-len(tx):] == [q for q, _ in tx]


def test_neo4j_store_groups_small_documents_per_transaction(recorded):
    store, driver, _ = recorded
    store.batch_size = 1000
    docs = [doc_graph(f"d{i}", [(K.REGION, f"地{i}")]) for i in range(10)]
    assert store.add_documents(docs) == 10
    assert len(driver.transactions) == 1


def test_neo4j_store_remove_unknown_document_raises(recorded):
    store, _, _ = recorded
    with pytest.raises(DocumentNotFound):
        store.remove_document("nope")


def test_neo4j_store_unreachable_server_fails_fast_with_the_fix():
    settings = Settings(store=StoreKind.NEO4J, neo4j_uri="bolt://127.0.0.1:1",
                        neo4j_user="neo4j", neo4j_password="x")
    with pytest.raises(StoreUnavailable) as info:
        open_store(settings)
    message = str(info.value)
    assert "bolt://127.0.0.1:1" in message and "docker compose up -d neo4j" in message
    assert "--store local" in message


@pytest.mark.parametrize("uri", ["http//nope", "foo://localhost:7687"])
def test_neo4j_store_bad_uri_names_the_accepted_schemes(uri):
    settings = Settings(store=StoreKind.NEO4J, neo4j_uri=uri, neo4j_user="neo4j",
                        neo4j_password="x")
    with pytest.raises(StoreUnavailable, match=re.escape(uri)):
        Neo4jStore.from_settings(settings)


def test_neo4j_store_relation_ids_match_the_model():
    rel = Relation.make("Park:乙", R.INTEGRATED_WITH, "Park:甲")
    (row,) = write_rows([doc_graph("d", [(K.PARK, "乙"), (K.PARK, "甲")],
                                   [("乙", R.INTEGRATED_WITH, "甲")])]).relations[R.INTEGRATED_WITH]
    assert row["id"] == rel.id


# --- revision: bumped inside the transaction of each write that changes the graph ---------
def test_neo4j_store_bumps_the_revision_in_the_write_transaction(recorded):
    store, driver, _ = recorded
    store.add_document(ecosystem()[0])
    (tx,) = driver.transactions
    query, params = tx[-1]
    assert query == neo4j_store.BUMP_REVISION
    assert params["key"] == neo4j_store.META_KEY and params["seed"] > 0
    assert [q for q, _ in tx].count(neo4j_store.BUMP_REVISION) == 1


def test_neo4j_store_leaves_the_revision_when_nothing_is_written(recorded, monkeypatch):
    store, driver, _ = recorded
    plain_run = _Tx.run

    def run(self, query, params=None):
        if query == neo4j_store.EXISTING_DOCUMENTS:  # every document is already stored
            self.log.append((query, params or {}))
            return _Result([{"id": i} for i in params["ids"]])
        return plain_run(self, query, params)

    monkeypatch.setattr(_Tx, "run", run)
    assert store.add_documents(ecosystem()) == 0
    store.clear()  # the recording transport reports nothing deleted
    sent = [q for tx in driver.transactions for q, _ in tx]
    assert neo4j_store.BUMP_REVISION not in sent


def test_neo4j_store_reads_the_revision_of_the_meta_node(recorded):
    store, driver, _ = recorded
    assert store.revision() == 0  # no meta node yet: nothing was ever written
    (tx,) = driver.transactions
    assert tx == [(neo4j_store.REVISION, {"key": neo4j_store.META_KEY})]


def test_neo4j_store_reads_mentions_of_many_ids_in_batches_of_one_transaction(recorded):
    store, driver, traced = recorded
    found = store.mentions_by_entity(["b", "a", "c", "a", "unknown"])
    (tx,) = driver.transactions
    assert [q for q, _ in tx] == [neo4j_store.MENTIONS_BY_IDS] * 2
    assert [p["ids"] for _, p in tx] == [["b", "a"], ["c", "unknown"]]  # batch_size 2
    assert traced[-2:] == [q for q, _ in tx]
    assert list(found) == ["a", "b", "c"]
    (a,), (b,) = found["a"], found["b"]
    assert a == Mention("a", 0, 1, Evidence("d", "a，b，c。", 0, 6, 0.9, "test"))
    assert a.evidence is b.evidence  # one sentence: one Evidence object


def test_neo4j_store_reads_all_mentions_in_one_statement(recorded):
    store, driver, _ = recorded
    assert list(store.mentions_by_entity()) == ["a", "b"]
    assert store.mentions_by_entity([]) == {}
    (tx,) = driver.transactions
    assert [q for q, _ in tx] == [neo4j_store.MENTIONS_OF_ALL]
