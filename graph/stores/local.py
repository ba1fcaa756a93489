"""The embedded local store: one SQLite file in WAL mode, readable while a build writes.

Schema (version `SCHEMA_VERSION`, kept in `PRAGMA user_version`): documents and entities
have INTEGER row ids (`rid`), with their text ids kept as UNIQUE columns for look-ups;
every other table refers to them by integer. Relations are keyed by the integers
(source, kind, target) in a WITHOUT ROWID table with a (target, kind, source) index;
relation kinds are small integers (table `relation_kinds`). Mentions and relation
evidence are keyed by document first, so a load appends to them, and each has one
narrow index for the look-ups by entity or by relation. A sentence equal to the
document text at its offsets (the usual case) is not stored again: the column is NULL
and the sentence is sliced from `documents.text`, which is stored once.

A file written by an older schema is refused with `StoreUnavailable`: delete it and
run `innograph build` again.

The graph's revision (`GraphStore.revision`) is the row 'revision' of a small `meta`
table, created when a store opens a file that lacks it (an additive change: no schema
version bump) and incremented by `_write()` in the same transaction as any write that
changed a row, so every connection, thread and process reads the same number.
"""
from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from operator import itemgetter
from pathlib import Path

import networkx as nx

from graph.errors import DocumentNotFound, StoreUnavailable
from graph.model import (Document, DocumentGraph, Entity, EntityKind, Evidence, Indicator,
                         IndicatorKind, Mention, Relation, RelationKind)
from graph.settings import StoreKind
from graph.stores.base import BuildFailure, GraphStore, Removal, build_networkx, group_mentions, revision_seed

SCHEMA_VERSION = 2  #: `PRAGMA user_version` of files this module writes (0: the old text-keyed one)

SCHEMA = [
    """CREATE TABLE documents (
  rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, path TEXT NOT NULL, title TEXT NOT NULL,
  chars INTEGER NOT NULL, added_at TEXT NOT NULL, text TEXT NOT NULL)""",
    """CREATE TABLE entities (
  rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, name TEXT NOT NULL,
  attrs TEXT NOT NULL DEFAULT '{}')""",
    """CREATE TABLE relation_kinds (code INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)""",
    # sentence: NULL when it is documents.text[sent_start:sent_end]
    """CREATE TABLE mentions (
  doc INTEGER NOT NULL REFERENCES documents(rid), entity INTEGER NOT NULL REFERENCES entities(rid),
  start INTEGER NOT NULL, surface TEXT NOT NULL, "end" INTEGER NOT NULL, level TEXT,
  sent_start INTEGER NOT NULL, sent_end INTEGER NOT NULL, sentence TEXT,
  confidence REAL NOT NULL, extractor TEXT NOT NULL,
  PRIMARY KEY (doc, entity, start, surface)) WITHOUT ROWID""",
    # (entity, level) + the primary key: entities() reads surfaces and levels from it alone
    "CREATE INDEX mentions_entity ON mentions(entity, level)",
    """CREATE TABLE relations (
  source INTEGER NOT NULL, kind INTEGER NOT NULL, target INTEGER NOT NULL,
  PRIMARY KEY (source, kind, target)) WITHOUT ROWID""",
    "CREATE INDEX relations_target ON relations(target, kind, source)",
    """CREATE TABLE relation_evidence (
  doc INTEGER NOT NULL REFERENCES documents(rid),
  source INTEGER NOT NULL, kind INTEGER NOT NULL, target INTEGER NOT NULL,
  sent_start INTEGER NOT NULL, sent_end INTEGER NOT NULL, sentence TEXT,
  confidence REAL NOT NULL, extractor TEXT NOT NULL,
  PRIMARY KEY (doc, source, kind, target, sent_start),
  FOREIGN KEY (source, kind, target) REFERENCES relations(source, kind, target)) WITHOUT ROWID""",
    "CREATE INDEX relation_evidence_relation ON relation_evidence(source, kind, target)",
    """CREATE TABLE indicators (
  doc INTEGER NOT NULL REFERENCES documents(rid), indicator TEXT NOT NULL, value TEXT NOT NULL,
  unit TEXT NOT NULL, period TEXT NOT NULL, kind TEXT NOT NULL, region TEXT NOT NULL,
  sent_start INTEGER NOT NULL, sent_end INTEGER NOT NULL, sentence TEXT,
  confidence REAL NOT NULL, extractor TEXT NOT NULL)""",
    "CREATE INDEX indicators_doc ON indicators(doc)",
]
META_TABLE = "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)"
#: the graph's revision, created at a random value (see `_ensure_meta`)
CREATE_REVISION = "INSERT OR IGNORE INTO meta(key, value) VALUES ('revision', ?)"
BUMP_REVISION = ("INSERT INTO meta(key, value) VALUES ('revision', ?) "
                 "ON CONFLICT(key) DO UPDATE SET value = value + 1")
READ_REVISION = "SELECT value FROM meta WHERE key = 'revision'"
#: the files builds could not ingest (additive like `meta`: created when missing)
FAILURES_TABLE = ("CREATE TABLE IF NOT EXISTS build_failures "
                  "(path TEXT PRIMARY KEY, reason TEXT NOT NULL, at TEXT NOT NULL)")

_LEVEL_RANK = {"national": 3, "provincial": 2, "municipal": 1}
CACHE_KIB = 65536  #: SQLite page cache per connection, in KiB
WAL_CHECKPOINT_PAGES = 10000  #: pages the WAL may hold before a checkpoint (~40 MB)
BULK_ROWS = 200_000  #: rows `add_documents` writes per transaction (fewer commits: each one
#: rewrites the touched pages of the relation indexes)
_CHUNK = 500  #: ids per `IN (?, ...)` look-up


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
        self._kind_code: dict[RelationKind, int] = {}
        self._code_kind: dict[int, RelationKind] = {}
        try:
            self._open_schema()
        except BaseException:
            self.close()
            raise

    # --- connections and schema ---------------------------------------------------------
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

    def _open_schema(self) -> None:
        """Create the schema in a new file; refuse a file of another schema version."""
        conn = self._conn()
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version == 0:
                with self._write(revise=False) as conn:  # under the write lock: one creator wins
                    version = conn.execute("PRAGMA user_version").fetchone()[0]
                    tables = conn.execute("SELECT count(*) FROM sqlite_master "
                                          "WHERE name NOT LIKE 'sqlite_%'").fetchone()[0]
                    if version == 0 and not tables:
                        for statement in SCHEMA:
                            conn.execute(statement)
                        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
                        version = SCHEMA_VERSION
        except sqlite3.DatabaseError as exc:
            raise StoreUnavailable(f"cannot open the local store {self.path}: {exc}; move the "
                                   "file aside and run `innograph build` again") from exc
        if version != SCHEMA_VERSION:
            p = self.path
            if version > SCHEMA_VERSION:
                raise StoreUnavailable(
                    f"the local store {p} was written by a newer version of innograph (schema "
                    f"{version}; this version reads schema {SCHEMA_VERSION}): upgrade innograph "
                    "or use another --db file")
            rebuild = (f"rm {p} {p}-wal {p}-shm && innograph build"
                       + ("" if _is_default_db(p) else f" --db {p}"))
            raise StoreUnavailable(
                f"the local store {p} was written by an older version of innograph (schema "
                f"{version}; this version reads schema {SCHEMA_VERSION}): delete it and build it "
                f"again: `{rebuild}` (and run `innograph import roster` again for any roster "
                "you imported)")
        self._ensure_meta()
        self._load_kinds()

    def _ensure_meta(self) -> None:
        """Add the `meta` table to a file that lacks it (new, or written before it existed).

        The revision starts at a random value, so a store rebuilt from scratch while an
        app runs does not repeat a revision number the app has cached results for.
        """
        found = {r[0] for r in self._conn().execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name IN ('meta', 'build_failures')")}
        if len(found) == 2:  # the usual case: no write lock taken, so opening never waits
            return
        with self._write(revise=False) as conn:
            conn.execute(META_TABLE)
            conn.execute(CREATE_REVISION, (revision_seed(),))
            conn.execute(FAILURES_TABLE)

    def _load_kinds(self) -> None:
        codes = dict(self._conn().execute("SELECT name, code FROM relation_kinds").fetchall())
        missing = [k.value for k in RelationKind if k.value not in codes]
        if missing:  # a new file, or a kind added since the file was written
            with self._write(revise=False) as conn:
                conn.executemany("INSERT OR IGNORE INTO relation_kinds(name) VALUES (?)",
                                 [(k,) for k in missing])
                codes = dict(conn.execute("SELECT name, code FROM relation_kinds").fetchall())
        self._kind_code = {RelationKind(n): c for n, c in codes.items()
                           if n in RelationKind._value2member_map_}
        self._code_kind = {c: k for k, c in self._kind_code.items()}

    def _conn(self) -> sqlite3.Connection:
        if self.path == ":memory:":
            return self._shared
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self._connect()
        return conn

    @contextmanager
    def _write(self, revise: bool = True) -> Iterator[sqlite3.Connection]:
        """One write transaction; with `revise`, one that changed any row also bumps the
        revision before it commits, so data and revision change together or not at all."""
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            before = conn.total_changes
            yield conn
            if revise and conn.total_changes != before:
                conn.execute(BUMP_REVISION, (revision_seed(),))
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def revision(self) -> int:
        """The graph's revision as last committed by any connection (see `_write`)."""
        row = self._conn().execute(READ_REVISION).fetchone()
        return row[0] if row else 0

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
            rows = _Rows()
            added = sum(self._prepare(conn, g, rows) for g in group)
            self._flush(conn, rows)
            return added

    def _insert(self, conn: sqlite3.Connection, graph: DocumentGraph) -> bool:
        """Insert one document inside the caller's transaction; False if already stored."""
        rows = _Rows()
        if not self._prepare(conn, graph, rows):
            return False
        self._flush(conn, rows)
        return True

    def _prepare(self, conn: sqlite3.Connection, graph: DocumentGraph, rows: "_Rows") -> bool:
        """Insert the document and its new entities; gather the rest into `rows`.
        False (and nothing done) if the document is already stored."""
        doc = graph.document
        if conn.execute("SELECT 1 FROM documents WHERE id=?", (doc.id,)).fetchone():
            return False
        added = doc.added_at or datetime.now(timezone.utc).isoformat(timespec="seconds")
        d = conn.execute(
            "INSERT INTO documents(id, path, title, chars, added_at, text) VALUES (?,?,?,?,?,?)",
            (doc.id, doc.path, doc.title, doc.chars, added, graph.text)).lastrowid
        wanted = {e.id for e in graph.entities.values()}
        wanted.update(eid for eid, _ in graph.mentions)
        for r, _ in graph.relations:
            wanted.add(r.source_id)
            wanted.add(r.target_id)
        rid = self._entity_rids(conn, wanted)
        new: dict[str, Entity] = {}
        for e in graph.entities.values():
            if e.id not in rid:
                new.setdefault(e.id, e)
        if new:  # an entity already stored keeps its kind, name and attributes
            conn.executemany(
                "INSERT INTO entities(id, kind, name, attrs) VALUES (?,?,?,?)",
                [(e.id, e.kind.value, e.name,
                  json.dumps(dict(e.attrs), ensure_ascii=False) if e.attrs else "{}")
                 for e in new.values()])
            rid.update(self._entity_rids(conn, new))
        unknown = sorted(wanted - rid.keys())
        if unknown:  # the old text-keyed schema refused such mentions too (foreign key)
            raise sqlite3.IntegrityError(
                f"document {doc.id} refers to entities it does not carry: {', '.join(unknown[:5])}")
        sentence = _SentenceRef(graph.text)
        rows.mentions += [(d, rid[eid], m.start, m.surface, m.end, m.level, m.evidence.start,
                           m.evidence.end, sentence(m.evidence), m.evidence.confidence,
                           m.evidence.extractor) for eid, m in graph.mentions]
        code = self._kind_code
        rows.evidence += [(d, rid[r.source_id], code[r.kind], rid[r.target_id], ev.start, ev.end,
                           sentence(ev), ev.confidence, ev.extractor)
                          for r, ev in graph.relations]
        rows.indicators += [
            (d, i.indicator, json.dumps(i.value), i.unit, i.period, i.kind.value, i.region,
             i.evidence.start, i.evidence.end, sentence(i.evidence), i.evidence.confidence,
             i.evidence.extractor) for i in graph.indicators]
        return True

    @staticmethod
    def _flush(conn: sqlite3.Connection, rows: "_Rows") -> None:
        """Write the gathered rows, each table in its key order (fewer pages visited)."""
        rows.mentions.sort(key=itemgetter(0, 1, 2, 3))
        conn.executemany(
            "INSERT OR IGNORE INTO mentions(doc, entity, start, surface, \"end\", level, "
            "sent_start, sent_end, sentence, confidence, extractor) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            rows.mentions)
        relation = itemgetter(1, 2, 3)
        conn.executemany("INSERT INTO relations(source, kind, target) VALUES (?,?,?) "
                         "ON CONFLICT DO NOTHING", sorted(map(relation, rows.evidence)))
        rows.evidence.sort(key=itemgetter(0, 1, 2, 3, 4))
        conn.executemany(
            "INSERT OR IGNORE INTO relation_evidence(doc, source, kind, target, sent_start, "
            "sent_end, sentence, confidence, extractor) VALUES (?,?,?,?,?,?,?,?,?)",
            rows.evidence)
        conn.executemany(
            "INSERT INTO indicators(doc, indicator, value, unit, period, kind, region, "
            "sent_start, sent_end, sentence, confidence, extractor) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            rows.indicators)

    @staticmethod
    def _entity_rids(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, int]:
        """The row ids of these entity ids (those stored)."""
        ids = list(ids)
        found: dict[str, int] = {}
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i:i + _CHUNK]
            found.update(conn.execute(
                f"SELECT id, rid FROM entities WHERE id IN ({','.join('?' * len(chunk))})",
                chunk).fetchall())
        return found

    def remove_document(self, doc_id: str) -> Removal:
        doc = self._document(doc_id)
        with self._write() as conn:
            row = conn.execute("SELECT rid FROM documents WHERE id=?", (doc_id,)).fetchone()
            if row is None:  # removed meanwhile by another connection
                self._document(doc_id)
            d = row[0]
            for sql in (
                    "CREATE TEMP TABLE IF NOT EXISTS gone_relations (source INTEGER, kind INTEGER, "
                    "target INTEGER, PRIMARY KEY (source, kind, target)) WITHOUT ROWID",
                    "CREATE TEMP TABLE IF NOT EXISTS gone_entities (rid INTEGER PRIMARY KEY)",
                    "DELETE FROM gone_relations", "DELETE FROM gone_entities"):
                conn.execute(sql)
            # what the document supported: its relations, the entities it mentions or links
            conn.execute("INSERT OR IGNORE INTO gone_relations "
                         "SELECT source, kind, target FROM relation_evidence WHERE doc=?", (d,))
            conn.execute("INSERT OR IGNORE INTO gone_entities SELECT entity FROM mentions "
                         "WHERE doc=? UNION SELECT source FROM gone_relations "
                         "UNION SELECT target FROM gone_relations", (d,))
            conn.execute("DELETE FROM mentions WHERE doc=?", (d,))
            conn.execute("DELETE FROM relation_evidence WHERE doc=?", (d,))
            conn.execute("DELETE FROM indicators WHERE doc=?", (d,))
            # ... of which whatever no other document supports goes
            rels = conn.execute(
                "DELETE FROM relations WHERE (source, kind, target) IN (SELECT source, kind, "
                "target FROM gone_relations g WHERE NOT EXISTS (SELECT 1 FROM relation_evidence e "
                "WHERE e.source=g.source AND e.kind=g.kind AND e.target=g.target))").rowcount
            conn.execute("DELETE FROM gone_entities WHERE EXISTS "
                         "(SELECT 1 FROM mentions WHERE entity=gone_entities.rid)")
            # a relation whose end lost all support goes with it, evidence and all
            conn.execute("DELETE FROM gone_relations")
            conn.execute("INSERT OR IGNORE INTO gone_relations "
                         "SELECT source, kind, target FROM relations "
                         "WHERE source IN (SELECT rid FROM gone_entities) "
                         "UNION SELECT source, kind, target FROM relations "
                         "WHERE target IN (SELECT rid FROM gone_entities)")
            conn.execute("DELETE FROM relation_evidence WHERE (source, kind, target) IN "
                         "(SELECT source, kind, target FROM gone_relations)")
            rels += conn.execute("DELETE FROM relations WHERE (source, kind, target) IN "
                                 "(SELECT source, kind, target FROM gone_relations)").rowcount
            ents = conn.execute(
                "DELETE FROM entities WHERE rid IN (SELECT rid FROM gone_entities)").rowcount
            conn.execute("DELETE FROM documents WHERE rid=?", (d,))
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

    def record_build(self, failed: Iterable[tuple[str, str]], succeeded: Iterable[str]) -> None:
        at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self._write(revise=False) as conn:
            conn.executemany("DELETE FROM build_failures WHERE path = ?",
                             [(str(p),) for p in succeeded])
            conn.executemany("INSERT OR REPLACE INTO build_failures(path, reason, at) "
                             "VALUES (?, ?, ?)", [(str(p), r, at) for p, r in failed])

    def build_failures(self) -> list[BuildFailure]:
        return [BuildFailure(*r) for r in self._rows(
            "SELECT path, reason, at FROM build_failures ORDER BY path")]

    def document_text(self, doc_id: str) -> str:
        rows = self._rows("SELECT text FROM documents WHERE id=?", (doc_id,))
        if not rows:
            self._document(doc_id)
        return rows[0][0]

    def _sentences(self, rows: list[tuple], doc_col: int, sentence_col: int,
                   start_col: int) -> list[tuple]:
        """Rows with a NULL sentence filled in from the text of their document."""
        need = {r[doc_col] for r in rows if r[sentence_col] is None}
        if not need:
            return rows
        texts = {}
        need = list(need)
        for i in range(0, len(need), _CHUNK):
            chunk = need[i:i + _CHUNK]
            texts.update(self._rows(
                f"SELECT rid, text FROM documents WHERE rid IN ({','.join('?' * len(chunk))})",
                chunk))
        out = []
        for r in rows:
            if r[sentence_col] is None:
                r = list(r)
                r[sentence_col] = texts[r[doc_col]][r[start_col]:r[start_col + 1]]
            out.append(r)
        return out

    # --- entities and relations -----------------------------------------------------------
    def entities(self, kinds: Iterable[EntityKind] | None = None,
                 ids: Iterable[str] | None = None) -> list[Entity]:
        return [e for _, e in self._entities(kinds, ids)]

    def _entities(self, kinds: Iterable[EntityKind] | None = None,
                  ids: Iterable[str] | None = None) -> list[tuple[int, Entity]]:
        """(row id, entity) pairs, sorted by entity id."""
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
        sql = ("SELECT e.rid, e.id, e.kind, e.name, e.attrs, "
               "group_concat(DISTINCT m.surface), group_concat(DISTINCT m.level) "
               "FROM entities e JOIN mentions m ON m.entity = e.rid "
               + (f"WHERE {' AND '.join(where)} " if where else "")
               + "GROUP BY e.rid ORDER BY e.id")
        return [(row[0], _entity(*row[1:])) for row in self._rows(sql, params)]

    def _temp_ids(self, ids: list[str]) -> None:
        conn = self._conn()
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS temp_ids (id TEXT PRIMARY KEY)")
        conn.execute("DELETE FROM temp_ids")
        conn.executemany("INSERT OR IGNORE INTO temp_ids VALUES (?)", ((i,) for i in ids))

    def _temp_rids(self, rids: Iterable[int]) -> None:
        conn = self._conn()
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS temp_rids (rid INTEGER PRIMARY KEY)")
        conn.execute("DELETE FROM temp_rids")
        conn.executemany("INSERT OR IGNORE INTO temp_rids VALUES (?)", ((i,) for i in rids))

    def _kind_codes(self, kinds: Iterable[RelationKind]) -> list[int]:
        kinds = [RelationKind(k) for k in kinds]
        if any(k not in self._kind_code for k in kinds):
            self._load_kinds()
        return [self._kind_code[k] for k in kinds]

    def _relation_kind(self, code: int) -> RelationKind:
        if code not in self._code_kind:
            self._load_kinds()
        return self._code_kind[code]

    def relations(self, kinds: Iterable[RelationKind] | None = None,
                  touching: Iterable[str] | None = None) -> list[Relation]:
        kind_sql, params = "", []
        if kinds is not None:
            codes = self._kind_codes(kinds)
            kind_sql = f" AND r.kind IN ({','.join('?' * len(codes))})"
            params = codes
        kind = self._relation_kind
        if touching is None:
            names = dict(self._rows("SELECT rid, id FROM entities"))
            rows = self._rows("SELECT source, target, kind FROM relations r WHERE 1"
                              + kind_sql, params)
            found = [Relation(names[s], names[t], kind(k)) for s, t, k in rows]
        else:
            touching = list(touching)
            if not touching:
                return []
            self._temp_ids(touching)
            self._conn().execute("CREATE TEMP TABLE IF NOT EXISTS temp_rids "
                                 "(rid INTEGER PRIMARY KEY)")
            self._conn().execute("DELETE FROM temp_rids")
            self._conn().execute("INSERT INTO temp_rids SELECT e.rid FROM temp_ids t "
                                 "JOIN entities e ON e.id = t.id")
            one = ("SELECT s.id, t.id, r.kind FROM relations r JOIN entities s ON s.rid = r.source "
                   "JOIN entities t ON t.rid = r.target WHERE r.{end} IN (SELECT rid FROM temp_rids)"
                   + kind_sql)
            rows = self._rows(one.format(end="source") + " UNION "
                              + one.format(end="target"), params + params)
            found = [Relation(s, t, kind(k)) for s, t, k in rows]
        found.sort(key=_relation_key)
        return found

    def to_networkx(self, kinds: Iterable[EntityKind] | None = None,
                    ids: Iterable[str] | None = None) -> nx.MultiDiGraph:
        """As the base method, but reading only the relations among the chosen entities."""
        if ids is None:
            return super().to_networkx(kinds=kinds)
        chosen = self._entities(kinds=kinds, ids=ids)
        return build_networkx([e for _, e in chosen], self._relations_among(chosen))

    def _relations_among(self, chosen: list[tuple[int, Entity]]) -> list[Relation]:
        if not chosen:
            return []
        names = {rid: e.id for rid, e in chosen}
        self._temp_rids(names)
        kind = self._relation_kind
        rows = self._rows("SELECT r.source, r.target, r.kind FROM temp_rids x "
                          "JOIN relations r ON r.source = x.rid "
                          "WHERE r.target IN (SELECT rid FROM temp_rids)")
        found = [Relation(names[s], names[t], kind(k)) for s, t, k in rows]
        found.sort(key=_relation_key)
        return found

    def mentions(self, entity_id: str) -> list[Mention]:
        rows = self._sentences(self._rows(
            'SELECT m.surface, m.start, m."end", m.level, d.id, m.sentence, m.sent_start, '
            "m.sent_end, m.confidence, m.extractor, m.doc FROM entities e "
            "JOIN mentions m ON m.entity = e.rid JOIN documents d ON d.rid = m.doc "
            "WHERE e.id=? ORDER BY d.id, m.start, m.surface", (entity_id,)), 10, 5, 6)
        return [Mention(s, a, b, Evidence(d, sent, ss, se, c, x), level)
                for s, a, b, level, d, sent, ss, se, c, x, _ in rows]

    def mentions_by_entity(self, ids: Iterable[str] | None = None) -> dict[str, list[Mention]]:
        """As the base method, in one read streamed in document order, so a NULL sentence
        needs only the text of the document being read."""
        if ids is None:
            source = "mentions m JOIN entities e ON e.rid = m.entity"
        else:
            ids = list(ids)
            if not ids:
                return {}
            self._temp_ids(ids)
            # CROSS JOIN keeps this join order: a few ids then cost a few index look-ups
            source = ("temp_ids t CROSS JOIN entities e ON e.id = t.id "
                      "CROSS JOIN mentions m ON m.entity = e.rid")
        rows = self._conn().execute(
            'SELECT e.id, m.surface, m.start, m."end", m.level, d.id, m.sentence, m.sent_start, '
            f"m.sent_end, m.confidence, m.extractor, m.doc FROM {source} "
            "JOIN documents d ON d.rid = m.doc ORDER BY d.id, m.start, m.surface")
        return group_mentions(self._sliced_sentences(rows))

    def _sliced_sentences(self, rows: Iterable[tuple]) -> Iterator[list]:
        """Mention rows without their trailing document row id, a NULL sentence sliced
        from the text of that document (read once per run of rows of one document)."""
        doc, text = None, ""
        for *row, rid in rows:
            if row[6] is None:
                if rid != doc:
                    doc, text = rid, self._rows("SELECT text FROM documents WHERE rid=?",
                                                (rid,))[0][0]
                row[6] = text[row[7]:row[8]]
            yield row

    def relation_evidence(self, relation: Relation) -> list[Evidence]:
        (code,) = self._kind_codes([relation.kind])
        rows = self._sentences(self._rows(
            "SELECT d.id, ev.sentence, ev.sent_start, ev.sent_end, ev.confidence, ev.extractor, "
            "ev.doc FROM relation_evidence ev JOIN documents d ON d.rid = ev.doc "
            "WHERE ev.source = (SELECT rid FROM entities WHERE id=?) AND ev.kind=? "
            "AND ev.target = (SELECT rid FROM entities WHERE id=?) "
            "ORDER BY d.id, ev.sent_start", (relation.source_id, code, relation.target_id)),
            6, 1, 2)
        return [Evidence(*r[:6]) for r in rows]

    def indicators(self, doc_id: str | None = None) -> list[Indicator]:
        sql = ("SELECT i.indicator, i.value, i.unit, i.period, i.kind, i.region, d.id, "
               "i.sentence, i.sent_start, i.sent_end, i.confidence, i.extractor, i.doc "
               "FROM indicators i JOIN documents d ON d.rid = i.doc "
               + ("WHERE d.id=? " if doc_id else "") + "ORDER BY d.id, i.sent_start, i.rowid")
        rows = self._sentences(self._rows(sql, (doc_id,) if doc_id else ()), 12, 7, 8)
        return [Indicator(n, json.loads(v), u, p, IndicatorKind(k), reg,
                          Evidence(d, s, ss, se, c, x))
                for n, v, u, p, k, reg, d, s, ss, se, c, x, _ in rows]

    def clear(self) -> None:
        with self._write() as conn:
            for table in ("indicators", "relation_evidence", "relations", "mentions", "entities",
                          "documents"):
                conn.execute(f"DELETE FROM {table}")  # table names are constants

    def located_within(self, region_id: str) -> set[str]:
        """As the base method, in one recursive query over LOCATED_IN and PART_OF."""
        codes = self._kind_codes([RelationKind.LOCATED_IN, RelationKind.PART_OF])
        rows = self._rows(LOCATED_WITHIN, (region_id, *codes))
        return {r[0] for r in rows} - {region_id}

    def integrity_check(self) -> str:
        """SQLite's own verdict on the file: 'ok' when it is sound."""
        return self._rows("PRAGMA integrity_check")[0][0]


#: the entities LOCATED_IN or PART_OF a region, at any depth (`LocalStore.located_within`)
LOCATED_WITHIN = """WITH RECURSIVE inside(rid) AS (
  SELECT rid FROM entities WHERE id = ?
  UNION
  SELECT r.source FROM relations r JOIN inside i ON r.target = i.rid WHERE r.kind IN (?, ?))
SELECT e.id FROM inside JOIN entities e ON e.rid = inside.rid"""
class _Rows:
    """Rows of one transaction, gathered to be written table by table."""

    def __init__(self) -> None:
        self.mentions: list[tuple] = []
        self.evidence: list[tuple] = []  #: relation_evidence rows; their relations are [1:4]
        self.indicators: list[tuple] = []


class _SentenceRef:
    """What to store for an evidence sentence: NULL when the document text holds it."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __call__(self, ev: Evidence) -> str | None:
        if ev.sentence == self.text[ev.start:ev.end] and isinstance(ev.sentence, str):
            return None
        if ev.sentence is None:
            raise sqlite3.IntegrityError("NOT NULL constraint failed: evidence sentence")
        return ev.sentence


def _relation_key(r: Relation) -> str:
    """The old `ORDER BY id` of relations: by 'source|KIND|target'."""
    return f"{r.source_id}|{r.kind.value}|{r.target_id}"


def _is_default_db(path: str) -> bool:
    from graph.settings import DEFAULT_DB

    try:
        return Path(path).resolve() == DEFAULT_DB.resolve()
    except OSError:
        return False


def _entity(eid: str, kind: str, name: str, attrs: str, surfaces: str | None,
            levels: str | None) -> Entity:
    aliases = sorted({s for s in (surfaces or "").split(",") if s and s != name})
    level = max((lv for lv in (levels or "").split(",") if lv in _LEVEL_RANK),
                key=_LEVEL_RANK.get, default=None)
    return Entity(eid, EntityKind(kind), name, tuple(aliases), level,
                  tuple(sorted(json.loads(attrs).items())))
