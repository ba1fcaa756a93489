"""The local store's schema version: old text-keyed files are refused with a clear message."""
from __future__ import annotations

import sqlite3

import pytest

from graph.errors import StoreUnavailable
from graph.stores.local import SCHEMA_VERSION, LocalStore
from tests.graph_factory import doc_graph, ecosystem

OLD_SCHEMA = """
CREATE TABLE documents (id TEXT PRIMARY KEY, path TEXT NOT NULL, title TEXT NOT NULL,
  chars INTEGER NOT NULL, added_at TEXT NOT NULL, text TEXT NOT NULL);
CREATE TABLE entities (id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL,
  attrs TEXT NOT NULL DEFAULT '{}');
INSERT INTO documents VALUES ('d', 'd.txt', 'd', 1, '2024-01-01', 'x');
"""


def test_local_store_new_file_gets_the_schema_version(tmp_path):
    LocalStore(tmp_path / "new.db").close()
    conn = sqlite3.connect(tmp_path / "new.db")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()
    store = LocalStore(tmp_path / "new.db")  # reopening is fine
    store.add_documents(ecosystem())
    store.close()
    store = LocalStore(tmp_path / "new.db")
    assert len(store.documents()) == 2
    store.close()


def test_local_store_refuses_a_file_of_the_old_schema(tmp_path):
    path = tmp_path / "innograph.db"
    conn = sqlite3.connect(path)
    conn.executescript(OLD_SCHEMA)
    conn.close()
    with pytest.raises(StoreUnavailable, match=r"older version.*rm .*innograph\.db.*innograph build"):
        LocalStore(path)
    conn = sqlite3.connect(path)  # the file is left as it was
    assert conn.execute("SELECT id FROM documents").fetchall() == [("d",)]
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
    conn.close()


def test_local_store_refuses_a_newer_schema(tmp_path):
    path = tmp_path / "future.db"
    LocalStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreUnavailable, match="newer version"):
        LocalStore(path)


def test_local_store_cli_says_rebuild_for_an_old_file(tmp_path):
    from click.testing import CliRunner
    from app.cli import cli as main

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(OLD_SCHEMA)
    conn.close()
    result = CliRunner().invoke(main, ["documents", "--db", str(path)])
    assert result.exit_code == 1 and "innograph build" in result.output, result.output
    print(result.output)


def test_local_store_sentences_come_back_whether_or_not_the_text_holds_them(tmp_path):
    g = doc_graph("d", [("University", "浙江大学"), ("Region", "绍兴")],
                  [("浙江大学", "LOCATED_IN", "绍兴")], indicators=1)
    rel, ev = g.relations[0]
    from graph.model import Evidence
    g.relations.append((rel, Evidence("d", "另一句。", 3, 7, 0.5, "t")))  # not at its offsets
    store = LocalStore(tmp_path / "s.db")
    store.add_document(g)
    assert [e.sentence for e in store.relation_evidence(rel)] == [ev.sentence, "另一句。"]
    assert store.indicators()[0].evidence.sentence == ev.sentence
    assert {m.evidence.sentence for e in store.entities() for m in store.mentions(e.id)} == {ev.sentence}
    store.close()


def test_local_store_failed_document_leaves_nothing(tmp_path):
    from graph.model import Mention, Evidence
    good = doc_graph("ok", [("Region", "绍兴")])
    bad = doc_graph("bad", [("Region", "杭州")])
    bad.mentions.append(("Region:不存在", Mention("不存在", 0, 3, Evidence("bad", "x", 0, 1))))
    store = LocalStore(tmp_path / "f.db")
    store.add_document(good)
    with pytest.raises(sqlite3.IntegrityError):
        store.add_document(bad)
    assert [d.id for d in store.documents()] == ["ok"]
    assert [e.name for e in store.entities()] == ["绍兴"]
    assert store.integrity_check() == "ok"
    store.close()


def test_local_store_file_without_the_meta_table_opens_and_gets_a_revision(tmp_path):
    path = tmp_path / "before_meta.db"
    a, b = ecosystem()
    store = LocalStore(path)
    store.add_document(a)
    store.close()
    conn = sqlite3.connect(path)  # as written before the revision existed (schema 2 too)
    conn.execute("DROP TABLE meta")
    conn.commit()
    conn.close()
    store = LocalStore(path)
    assert [d.id for d in store.documents()] == ["doc-a"]
    before = store.revision()
    store.add_document(b)
    assert store.revision() == before + 1
    store.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_local_store_opens_while_another_connection_writes(tmp_path):
    path = tmp_path / "busy.db"
    LocalStore(path).close()
    writer = sqlite3.connect(path, isolation_level=None, timeout=0)
    writer.execute("BEGIN IMMEDIATE")  # a build in another process holds the write lock
    try:
        store = LocalStore(path)
        assert store.revision() and store.documents() == []
        store.close()
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_local_store_revision_and_data_commit_together(tmp_path):
    store = LocalStore(tmp_path / "atomic.db")
    good, bad = doc_graph("ok", [("Region", "绍兴")]), doc_graph("bad", [("Region", "杭州")])
    from graph.model import Evidence, Mention
    bad.mentions.append(("Region:不存在", Mention("不存在", 0, 3, Evidence("bad", "x", 0, 1))))
    store.add_document(good)
    before = store.revision()
    with pytest.raises(sqlite3.IntegrityError):
        store.add_document(bad)
    assert store.revision() == before and [d.id for d in store.documents()] == ["ok"]
    store.close()
