"""The embedded local store: one SQLite file in WAL mode, readable while a build writes."""
from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import networkx as nx

from graph.errors import DocumentNotFound, EntityNotFound, StoreUnavailable
from graph.model import (Document, DocumentGraph, Entity, EntityKind, Evidence, Indicator,
                         IndicatorKind, Mention, Relation, RelationKind)
from graph.settings import StoreKind
from graph.store import GraphStore, Removal, build_networkx

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
  id TEXT PRIMARY KEY, path TEXT NOT NULL, title TEXT NOT NULL, chars INTEGER NOT NULL,
  added_at TEXT NOT NULL, text TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entities (
  id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, attrs TEXT NOT NULL DEFAULT '{}');
CREATE TABLE IF NOT EXISTS mentions (
  entity_id TEXT NOT NULL REFERENCES entities(id), doc_id TEXT NOT NULL REFERENCES documents(id),
  surface TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, level TEXT,
  sentence TEXT NOT NULL, sent_start INTEGER NOT NULL, sent_end INTEGER NOT NULL,
  confidence REAL NOT NULL, extractor TEXT NOT NULL,
  PRIMARY KEY (entity_id, doc_id, start, surface));
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc_id);
CREATE TABLE IF NOT EXISTS relations (
  id TEXT PRIMARY KEY, source_id TEXT NOT NULL, target_id TEXT NOT NULL, kind TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS relations_source ON relations(source_id);
CREATE INDEX IF NOT EXISTS relations_target ON relations(target_id);
CREATE TABLE IF NOT EXISTS relation_evidence (
  relation_id TEXT NOT NULL REFERENCES relations(id), doc_id TEXT NOT NULL REFERENCES documents(id),
  sentence TEXT NOT NULL, sent_start INTEGER NOT NULL, sent_end INTEGER NOT NULL,
  confidence REAL NOT NULL, extractor TEXT NOT NULL,
  PRIMARY KEY (relation_id, doc_id, sent_start));
CREATE INDEX IF NOT EXISTS relation_evidence_doc ON relation_evidence(doc_id);
CREATE TABLE IF NOT EXISTS indicators (
  doc_id TEXT NOT NULL REFERENCES documents(id), indicator TEXT NOT NULL, value TEXT NOT NULL,
  unit TEXT NOT NULL, period TEXT NOT NULL, kind TEXT NOT NULL, region TEXT NOT NULL,
  sentence TEXT NOT NULL, sent_start INTEGER NOT NULL, sent_end INTEGER NOT NULL,
  confidence REAL NOT NULL, extractor TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS indicators_doc ON indicators(doc_id);
"""

_LEVEL_RANK = {"national": 3, "provincial": 2, "municipal": 1}
CACHE_KIB = 65536  #: SQLite page cache per connection, in KiB
WAL_CHECKPOINT_PAGES = 10000  #: pages the WAL may hold before a checkpoint (~40 MB)
BULK_ROWS = 50_000  #: rows `add_documents` writes per transaction


class LocalStore(GraphStore):
    """SQLite store; one connection per thread, so Streamlit's threads may share it."""

    kind = StoreKind.LOCAL

    def __init__(self, path: str | Path = ":memory:",
                 tracer: Callable[[str, object], None] | None = None) -> None:
        self.path = str(path)
        self.tracer = tracer
        self._local = threading.local()
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        else:  # one shared connection: each :memory: connection would be its own database
            self._shared = self._connect(check_same_thread=False)
        self._conn().executescript(SCHEMA)

    # --- connections -------------------------------------------------------------------
    def _connect(self, check_same_thread: bool = True) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None,
                                   check_same_thread=check_same_thread)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            # a larger page cache (allocated as used) and fewer checkpoints: a bulk load
            # rewrote the same index pages at almost every commit with the defaults
            conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
            conn.execute(f"PRAGMA wal_autocheckpoint={WAL_CHECKPOINT_PAGES}")
        except sqlite3.DatabaseError as exc:
            raise StoreUnavailable(f"cannot open the local store {self.path}: {exc}; move the "
                                   "file aside and run `innograph build` again") from exc
        if self.tracer:
            conn.set_trace_callback(lambda sql: self.tracer(sql, None))
        return conn

    def _conn(self) -> sqlite3.Connection:
        if self.path == ":memory:":
            return self._shared
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self._connect()
        return conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def _rows(self, sql: str, params: Iterable = ()) -> list[sqlite3.Row]:
        cur = self._conn().execute(sql, tuple(params))
        return cur.fetchall()

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None
        if self.path == ":memory:":
            self._shared.close()

    # --- documents ----------------------------------------------------------------------
    def add_document(self, graph: DocumentGraph) -> bool:
        with self._write() as conn:
            return self._insert(conn, graph)

    def add_documents(self, graphs: Iterable[DocumentGraph]) -> int:
        """Add several documents, many per transaction (about BULK_ROWS rows each)."""
        added, group, rows = 0, [], 0
        for g in graphs:
            group.append(g)
            rows += len(g.entities) + len(g.mentions) + 2 * len(g.relations) + len(g.indicators)
            if rows >= BULK_ROWS:
                added += self._insert_group(group)
                group, rows = [], 0
        return added + (self._insert_group(group) if group else 0)

    def _insert_group(self, group: list[DocumentGraph]) -> int:
        with self._write() as conn:
            return sum(self._insert(conn, g) for g in group)

    def _insert(self, conn: sqlite3.Connection, graph: DocumentGraph) -> bool:
        """Insert one document inside the caller's transaction; False if already stored."""
        doc = graph.document
        if conn.execute("SELECT 1 FROM documents WHERE id=?", (doc.id,)).fetchone():
            return False
        added = doc.added_at or datetime.now(timezone.utc).isoformat(timespec="seconds")
        conn.execute("INSERT INTO documents VALUES (?,?,?,?,?,?)",
                     (doc.id, doc.path, doc.title, doc.chars, added, graph.text))
        conn.executemany(
            "INSERT INTO entities(id, kind, name, attrs) VALUES (?,?,?,?) "
            "ON CONFLICT(id) DO NOTHING",
            [(e.id, e.kind.value, e.name, json.dumps(dict(e.attrs), ensure_ascii=False))
             for e in graph.entities.values()])
        conn.executemany(
            "INSERT OR IGNORE INTO mentions VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [(eid, doc.id, m.surface, m.start, m.end, m.level, m.evidence.sentence,
              m.evidence.start, m.evidence.end, m.evidence.confidence, m.evidence.extractor)
             for eid, m in graph.mentions])
        conn.executemany(
            "INSERT INTO relations VALUES (?,?,?,?) ON CONFLICT(id) DO NOTHING",
            [(r.id, r.source_id, r.target_id, r.kind.value) for r, _ in graph.relations])
        conn.executemany(
            "INSERT OR IGNORE INTO relation_evidence VALUES (?,?,?,?,?,?,?)",
            [(r.id, doc.id, ev.sentence, ev.start, ev.end, ev.confidence, ev.extractor)
             for r, ev in graph.relations])
        conn.executemany(
            "INSERT INTO indicators VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [(doc.id, i.indicator, json.dumps(i.value), i.unit, i.period, i.kind.value,
              i.region, i.evidence.sentence, i.evidence.start, i.evidence.end,
              i.evidence.confidence, i.evidence.extractor) for i in graph.indicators])
        return True

    def remove_document(self, doc_id: str) -> Removal:
        doc = self._document(doc_id)
        with self._write() as conn:
            conn.execute("DELETE FROM mentions WHERE doc_id=?", (doc_id,))
            conn.execute("DELETE FROM relation_evidence WHERE doc_id=?", (doc_id,))
            conn.execute("DELETE FROM indicators WHERE doc_id=?", (doc_id,))
            rels = conn.execute(
                "DELETE FROM relations WHERE id NOT IN (SELECT relation_id FROM relation_evidence)"
            ).rowcount
            # a relation whose end lost all support goes with it
            rels += conn.execute(
                "DELETE FROM relations WHERE source_id NOT IN (SELECT entity_id FROM mentions) "
                "OR target_id NOT IN (SELECT entity_id FROM mentions)").rowcount
            conn.execute("DELETE FROM relation_evidence WHERE relation_id NOT IN "
                         "(SELECT id FROM relations)")
            ents = conn.execute(
                "DELETE FROM entities WHERE id NOT IN (SELECT entity_id FROM mentions)").rowcount
            conn.execute("DELETE FROM documents WHERE id=?", (doc_id,))
        return Removal(doc, ents, rels)

    def _document(self, doc_id: str) -> Document:
        rows = self._rows("SELECT id, path, title, chars, added_at FROM documents WHERE id=?",
                          (doc_id,))
        if not rows:
            raise DocumentNotFound(f"no document {doc_id!r} in the store: `innograph documents` "
                                   "lists them")
        return Document(*rows[0])

    def documents(self) -> list[Document]:
        return [Document(*r) for r in self._rows(
            "SELECT id, path, title, chars, added_at FROM documents ORDER BY added_at, path")]

    def document_text(self, doc_id: str) -> str:
        rows = self._rows("SELECT text FROM documents WHERE id=?", (doc_id,))
        if not rows:
            self._document(doc_id)
        return rows[0][0]

    # --- entities and relations -----------------------------------------------------------
    def get_entity(self, entity_id: str) -> Entity:
        found = self.entities(ids=[entity_id])
        if not found:
            raise EntityNotFound(f"no entity {entity_id!r} in the store: try `innograph search`")
        return found[0]

    def entities(self, kinds: Iterable[EntityKind] | None = None,
                 ids: Iterable[str] | None = None) -> list[Entity]:
        where, params = [], []
        if kinds is not None:
            kinds = [EntityKind(k).value for k in kinds]
            where.append(f"e.kind IN ({','.join('?' * len(kinds))})")
            params += kinds
        if ids is not None:
            ids = list(ids)
            if not ids:
                return []
            self._temp_ids(ids)
            where.append("e.id IN (SELECT id FROM temp_ids)")
        sql = ("SELECT e.id, e.kind, e.name, e.attrs, "
               "group_concat(DISTINCT m.surface), group_concat(DISTINCT m.level) "
               "FROM entities e JOIN mentions m ON m.entity_id = e.id "
               + (f"WHERE {' AND '.join(where)} " if where else "")
               + "GROUP BY e.id ORDER BY e.id")
        return [_entity(*row) for row in self._rows(sql, params)]

    def _temp_ids(self, ids: list[str]) -> None:
        conn = self._conn()
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS temp_ids (id TEXT PRIMARY KEY)")
        conn.execute("DELETE FROM temp_ids")
        conn.executemany("INSERT OR IGNORE INTO temp_ids VALUES (?)", ((i,) for i in ids))

    def relations(self, kinds: Iterable[RelationKind] | None = None,
                  touching: Iterable[str] | None = None) -> list[Relation]:
        where, params = [], []
        if kinds is not None:
            kinds = [RelationKind(k).value for k in kinds]
            where.append(f"kind IN ({','.join('?' * len(kinds))})")
            params += kinds
        if touching is not None:
            touching = list(touching)
            if not touching:
                return []
            self._temp_ids(touching)
            where.append("(source_id IN (SELECT id FROM temp_ids) "
                         "OR target_id IN (SELECT id FROM temp_ids))")
        sql = ("SELECT source_id, target_id, kind FROM relations "
               + (f"WHERE {' AND '.join(where)} " if where else "") + "ORDER BY id")
        return [Relation(s, t, RelationKind(k)) for s, t, k in self._rows(sql, params)]

    def to_networkx(self, kinds: Iterable[EntityKind] | None = None,
                    ids: Iterable[str] | None = None) -> nx.MultiDiGraph:
        """As the base method, but reading only the relations among the chosen entities."""
        if ids is None:
            return super().to_networkx(kinds=kinds)
        entities = self.entities(kinds=kinds, ids=ids)
        if entities:
            self._temp_ids([e.id for e in entities])
        rows = self._rows(
            "SELECT source_id, target_id, kind FROM relations "
            "WHERE source_id IN (SELECT id FROM temp_ids) "
            "AND target_id IN (SELECT id FROM temp_ids) ORDER BY id") if entities else []
        return build_networkx(entities, [Relation(s, t, RelationKind(k)) for s, t, k in rows])

    def mentions(self, entity_id: str) -> list[Mention]:
        rows = self._rows(
            'SELECT surface, start, "end", level, doc_id, sentence, sent_start, sent_end, '
            "confidence, extractor FROM mentions WHERE entity_id=? ORDER BY doc_id, start",
            (entity_id,))
        return [Mention(s, a, b, Evidence(d, sent, ss, se, c, x), level)
                for s, a, b, level, d, sent, ss, se, c, x in rows]

    def relation_evidence(self, relation: Relation) -> list[Evidence]:
        rows = self._rows(
            "SELECT doc_id, sentence, sent_start, sent_end, confidence, extractor "
            "FROM relation_evidence WHERE relation_id=? ORDER BY doc_id, sent_start",
            (relation.id,))
        return [Evidence(*r) for r in rows]

    def indicators(self, doc_id: str | None = None) -> list[Indicator]:
        sql = ("SELECT indicator, value, unit, period, kind, region, doc_id, sentence, "
               "sent_start, sent_end, confidence, extractor FROM indicators "
               + ("WHERE doc_id=? " if doc_id else "") + "ORDER BY doc_id, sent_start")
        rows = self._rows(sql, (doc_id,) if doc_id else ())
        return [Indicator(n, json.loads(v), u, p, IndicatorKind(k), reg,
                          Evidence(d, s, ss, se, c, x))
                for n, v, u, p, k, reg, d, s, ss, se, c, x in rows]

    def clear(self) -> None:
        with self._write() as conn:
            for table in ("indicators", "relation_evidence", "relations", "mentions", "entities",
                          "documents"):
                conn.execute(f"DELETE FROM {table}")  # table names are constants

    def integrity_check(self) -> str:
        """SQLite's own verdict on the file: 'ok' when it is sound."""
        return self._rows("PRAGMA integrity_check")[0][0]


def _entity(eid: str, kind: str, name: str, attrs: str, surfaces: str | None,
            levels: str | None) -> Entity:
    aliases = sorted({s for s in (surfaces or "").split(",") if s and s != name})
    level = max((lv for lv in (levels or "").split(",") if lv in _LEVEL_RANK),
                key=_LEVEL_RANK.get, default=None)
    return Entity(eid, EntityKind(kind), name, tuple(aliases), level,
                  tuple(sorted(json.loads(attrs).items())))
