"""The Neo4j store: the same contract as the local store, kept in a Neo4j 5 database.

Data model
----------
- ``(:Entity:<Kind> {id, name, kind, attrs_json})``: one node per entity, with the
  fixed label ``Entity`` plus one label per `EntityKind` (``:University``,
  ``:IndustryChain``…). Labels come from the enum only, never from document text.
- ``(:Document {id, path, title, chars, added_at, text})``.
- ``(:Mention {entity_id, doc_id, surface, start_offset, end_offset, level, sentence,
  sent_start, sent_end, confidence, extractor})-[:OF]->(:Entity)`` and
  ``-[:IN]->(:Document)``: one node per mention, so an entity's aliases and level are
  read from its mentions, exactly as in the local store.
- ``(:Entity)-[:<RELATION_KIND> {id}]->(:Entity)``: one relationship per relation, of
  the schema's type (`RelationKind` only); ``id`` is `Relation.id`. Symmetric kinds are
  stored once, with sorted ends (`Relation.make`).
- ``(:Evidence {key, relation_id, source_id, target_id, kind, doc_id, sentence,
  sent_start, sent_end, confidence, extractor})-[:IN]->(:Document)``: one node per
  piece of relation evidence. A relationship cannot point at another relationship, so
  evidence names its relation by ``relation_id`` (indexed) and carries the ends and
  type needed to find it again.
- ``(:Indicator {doc_id, seq, indicator, value_json, unit, period, kind, region,
  sentence, sent_start, sent_end, confidence, extractor})-[:IN]->(:Document)``.
- ``(:InnographMeta {key: 'graph', revision})``: one node holding the graph's revision
  (`GraphStore.revision`), incremented in the transaction of every write that changes
  the graph; created at a random revision by the first such write.

Everything a document contributes hangs off its ``Document`` node through ``IN``, so
retracting it is: delete the document's mentions, evidence and indicators, then the
relations left without evidence, then the entities left without mentions (with the
relations that touch them). A fact stays while some other document supports it.

Writes
------
`add_documents` writes a group of documents in one transaction: it first reads which
of them are already stored (idempotence), then sends ``UNWIND $rows AS row …``
statements of at most ``batch_size`` rows each. A document therefore lands whole or
not at all. Uniqueness constraints on ``Entity.id`` and ``Document.id`` and an index
on ``Evidence.relation_id`` are created on first use (``IF NOT EXISTS``).

All Cypher lives in this module as named constants; the statements that need a label
or relationship type are generated once per enum member (`MERGE_ENTITY`,
`MERGE_RELATION`, `COUNT_RELATION`). Values are always ``$parameters``.
`all_statements()` lists every statement the store can send, for the offline lint in
``tests/test_neo4j_cypher.py``.
"""
from __future__ import annotations

import json
import re
from contextlib import contextmanager
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from itertools import islice
from typing import TYPE_CHECKING, Any

import networkx as nx

from graph.errors import DocumentNotFound, StoreUnavailable
from graph.model import (Document, DocumentGraph, Entity, EntityKind, Evidence, Indicator,
                         IndicatorKind, Mention, Relation, RelationKind)
from graph.settings import Settings, StoreKind
from graph.stores.base import (BuildFailure, GraphStore, MentionRow, Removal, build_networkx, group_mentions,
                         revision_seed)

if TYPE_CHECKING:  # the driver is imported only when a store is opened
    import neo4j

Tracer = Callable[[str, object], None]

FIX = "start it with `docker compose up -d neo4j` or use --store local"

# --- identifiers: only from the enums, through one quoting helper -------------------------
_IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def quote_identifier(name: str) -> str:
    """A label or relationship type as a backtick-quoted Cypher identifier.

    Only enum values reach this function; the pattern check is a second guard.
    """
    if not _IDENTIFIER.match(name):
        raise ValueError(f"{name!r} is not a plain identifier: labels and relationship types "
                         "come from EntityKind / RelationKind only")
    return f"`{name}`"


def _label(kind: EntityKind | str) -> str:
    return quote_identifier(EntityKind(kind).value)


def _rel_type(kind: RelationKind | str) -> str:
    return quote_identifier(RelationKind(kind).value)


RELATION_TYPES: list[str] = [k.value for k in RelationKind]

# --- schema -------------------------------------------------------------------------------
CONSTRAINT_ENTITY_ID = (
    "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE")
CONSTRAINT_DOCUMENT_ID = (
    "CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE")
INDEX_EVIDENCE_RELATION = (
    "CREATE INDEX evidence_relation IF NOT EXISTS FOR (ev:Evidence) ON (ev.relation_id)")
INDEX_ENTITY_KIND = "CREATE INDEX entity_kind IF NOT EXISTS FOR (e:Entity) ON (e.kind)"
#: one meta node per key: MERGE on it is then safe under concurrent writers
CONSTRAINT_META_KEY = (
    "CREATE CONSTRAINT innograph_meta_key IF NOT EXISTS FOR (m:InnographMeta) "
    "REQUIRE m.key IS UNIQUE")
SCHEMA_STATEMENTS = (CONSTRAINT_ENTITY_ID, CONSTRAINT_DOCUMENT_ID, INDEX_EVIDENCE_RELATION,
                     INDEX_ENTITY_KIND, CONSTRAINT_META_KEY)

# --- the graph's revision ----------------------------------------------------------------
META_KEY = "graph"  #: the `key` of the meta node holding the revision

BUMP_REVISION = """
MERGE (m:InnographMeta {key: $key})
ON CREATE SET m.revision = $seed
ON MATCH SET m.revision = m.revision + 1
"""

REVISION = """
MATCH (m:InnographMeta {key: $key})
RETURN m.revision AS revision
"""

# --- writes -------------------------------------------------------------------------------
EXISTING_DOCUMENTS = """
UNWIND $ids AS id
MATCH (d:Document {id: id})
RETURN d.id AS id
"""

CREATE_DOCUMENTS = """
UNWIND $rows AS row
CREATE (:Document {id: row.id, path: row.path, title: row.title, chars: row.chars,
                   added_at: row.added_at, text: row.text})
"""

_MERGE_ENTITY = """
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
ON CREATE SET e:{label}, e.name = row.name, e.kind = row.kind, e.attrs_json = row.attrs_json
"""

#: one MERGE per entity kind, so the kind's label is a constant of the statement
MERGE_ENTITY: dict[EntityKind, str] = {k: _MERGE_ENTITY.replace("{label}", _label(k))
                                       for k in EntityKind}

CREATE_MENTIONS = """
UNWIND $rows AS row
MATCH (e:Entity {id: row.entity_id})
MATCH (d:Document {id: row.doc_id})
CREATE (m:Mention {entity_id: row.entity_id, doc_id: row.doc_id, surface: row.surface,
                   start_offset: row.start_offset, end_offset: row.end_offset,
                   level: row.level, sentence: row.sentence, sent_start: row.sent_start,
                   sent_end: row.sent_end, confidence: row.confidence,
                   extractor: row.extractor})
CREATE (m)-[:OF]->(e)
CREATE (m)-[:IN]->(d)
"""

_MERGE_RELATION = """
UNWIND $rows AS row
MATCH (s:Entity {id: row.source_id})
MATCH (t:Entity {id: row.target_id})
MERGE (s)-[r:{type}]->(t)
ON CREATE SET r.id = row.id
"""

#: one MERGE per relation kind, so the relationship type is a constant of the statement
MERGE_RELATION: dict[RelationKind, str] = {k: _MERGE_RELATION.replace("{type}", _rel_type(k))
                                           for k in RelationKind}

CREATE_EVIDENCE = """
UNWIND $rows AS row
MATCH (d:Document {id: row.doc_id})
CREATE (ev:Evidence {key: row.key, relation_id: row.relation_id, source_id: row.source_id,
                     target_id: row.target_id, kind: row.kind, doc_id: row.doc_id,
                     sentence: row.sentence, sent_start: row.sent_start,
                     sent_end: row.sent_end, confidence: row.confidence,
                     extractor: row.extractor})
CREATE (ev)-[:IN]->(d)
"""

CREATE_INDICATORS = """
UNWIND $rows AS row
MATCH (d:Document {id: row.doc_id})
CREATE (i:Indicator {doc_id: row.doc_id, seq: row.seq, indicator: row.indicator,
                     value_json: row.value_json, unit: row.unit, period: row.period,
                     kind: row.kind, region: row.region, sentence: row.sentence,
                     sent_start: row.sent_start, sent_end: row.sent_end,
                     confidence: row.confidence, extractor: row.extractor})
CREATE (i)-[:IN]->(d)
"""

# --- retraction ---------------------------------------------------------------------------
GET_DOCUMENT = """
MATCH (d:Document {id: $id})
RETURN d.id AS id, d.path AS path, d.title AS title, d.chars AS chars, d.added_at AS added_at
"""

DOCUMENT_ENTITY_IDS = """
MATCH (:Document {id: $id})<-[:IN]-(:Mention)-[:OF]->(e:Entity)
RETURN DISTINCT e.id AS id
"""

DOCUMENT_RELATIONS = """
MATCH (:Document {id: $id})<-[:IN]-(ev:Evidence)
RETURN DISTINCT ev.relation_id AS relation_id, ev.source_id AS source_id,
       ev.target_id AS target_id, ev.kind AS kind
"""

DELETE_DOCUMENT_FACTS = """
MATCH (:Document {id: $id})<-[:IN]-(x)
DETACH DELETE x
"""

DELETE_DOCUMENT = """
MATCH (d:Document {id: $id})
DETACH DELETE d
"""

DELETE_UNSUPPORTED_RELATIONS = """
UNWIND $rows AS row
MATCH (s:Entity {id: row.source_id})-[r]->(t:Entity {id: row.target_id})
WHERE type(r) = row.kind
  AND NOT EXISTS { MATCH (ev:Evidence {relation_id: row.relation_id}) }
DELETE r
RETURN count(*) AS deleted
"""

UNSUPPORTED_ENTITIES = """
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WHERE NOT EXISTS { MATCH (e)<-[:OF]-(:Mention) }
RETURN e.id AS id
"""

RELATION_IDS_TOUCHING = """
UNWIND $ids AS id
MATCH (:Entity {id: id})-[r]-(:Entity)
WHERE type(r) IN $kinds
RETURN DISTINCT r.id AS id
"""

DELETE_EVIDENCE_OF_RELATIONS = """
UNWIND $ids AS id
MATCH (ev:Evidence {relation_id: id})
DETACH DELETE ev
"""

DELETE_ENTITIES = """
UNWIND $ids AS id
MATCH (e:Entity {id: id})
DETACH DELETE e
"""

CLEAR_BATCH = """
MATCH (n)
WHERE n:Entity OR n:Document OR n:Mention OR n:Evidence OR n:Indicator
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
"""

# --- reads --------------------------------------------------------------------------------
DOCUMENTS = """
MATCH (d:Document)
RETURN d.id AS id, d.path AS path, d.title AS title, d.chars AS chars, d.added_at AS added_at
ORDER BY added_at, path
"""

FORGET_FAILURES = """
UNWIND $rows AS path
MATCH (f:BuildFailure {path: path})
DELETE f
"""

RECORD_FAILURES = """
UNWIND $rows AS row
MERGE (f:BuildFailure {path: row.path})
SET f.reason = row.reason, f.at = $at
"""

BUILD_FAILURES = """
MATCH (f:BuildFailure)
RETURN f.path AS path, f.reason AS reason, f.at AS at
ORDER BY path
"""

DOCUMENT_TEXT = """
MATCH (d:Document {id: $id})
RETURN d.text AS text
"""

_ENTITY_RETURN = """
WITH e, collect(DISTINCT m.surface) AS surfaces, collect(DISTINCT m.level) AS levels
RETURN e.id AS id, e.kind AS kind, e.name AS name, e.attrs_json AS attrs_json,
       surfaces, levels
ORDER BY id
"""

ENTITIES = """
MATCH (e:Entity)<-[:OF]-(m:Mention)
WHERE $kinds IS NULL OR e.kind IN $kinds
""" + _ENTITY_RETURN

ENTITIES_BY_IDS = """
UNWIND $ids AS id
MATCH (e:Entity {id: id})<-[:OF]-(m:Mention)
WHERE $kinds IS NULL OR e.kind IN $kinds
""" + _ENTITY_RETURN

FIND_ENTITIES = """
MATCH (e:Entity)<-[:OF]-(m:Mention)
WITH e, collect(DISTINCT m.surface) AS surfaces, collect(DISTINCT m.level) AS levels
WHERE e.name CONTAINS $query OR any(s IN surfaces WHERE s CONTAINS $query)
RETURN e.id AS id, e.kind AS kind, e.name AS name, e.attrs_json AS attrs_json,
       surfaces, levels
"""

_RELATION_RETURN = """
RETURN s.id AS source_id, t.id AS target_id, type(r) AS kind
ORDER BY r.id
"""

RELATIONS = """
MATCH (s:Entity)-[r]->(t:Entity)
WHERE type(r) IN $kinds
""" + _RELATION_RETURN

RELATIONS_TOUCHING = """
UNWIND $ids AS id
MATCH (:Entity {id: id})-[r]-(:Entity)
WHERE type(r) IN $kinds
WITH DISTINCT r
RETURN startNode(r).id AS source_id, endNode(r).id AS target_id, type(r) AS kind, r.id AS id
ORDER BY id
"""

RELATIONS_AMONG = """
UNWIND $ids AS id
MATCH (s:Entity {id: id})-[r]->(t:Entity)
WHERE type(r) IN $kinds AND t.id IN $ids
""" + _RELATION_RETURN

RELATIONS_AMONG_KINDS = """
MATCH (s:Entity)-[r]->(t:Entity)
WHERE type(r) IN $kinds AND s.kind IN $entity_kinds AND t.kind IN $entity_kinds
""" + _RELATION_RETURN

NEIGHBOUR_IDS = """
UNWIND $ids AS id
MATCH (:Entity {id: id})-[r]-(n:Entity)
WHERE type(r) IN $kinds
RETURN DISTINCT n.id AS id
"""

#: a mention's columns, in the document order `group_mentions` reads them in
_MENTION_COLUMNS = """
       m.surface AS surface, m.start_offset AS start_offset, m.end_offset AS end_offset,
       m.level AS level, m.doc_id AS doc_id, m.sentence AS sentence,
       m.sent_start AS sent_start, m.sent_end AS sent_end, m.confidence AS confidence,
       m.extractor AS extractor
ORDER BY doc_id, start_offset, surface
"""

MENTIONS = """
MATCH (:Entity {id: $id})<-[:OF]-(m:Mention)
RETURN""" + _MENTION_COLUMNS

MENTIONS_BY_IDS = """
UNWIND $ids AS id
MATCH (:Entity {id: id})<-[:OF]-(m:Mention)
RETURN id AS entity_id,""" + _MENTION_COLUMNS

MENTIONS_OF_ALL = """
MATCH (e:Entity)<-[:OF]-(m:Mention)
RETURN e.id AS entity_id,""" + _MENTION_COLUMNS

RELATION_EVIDENCE = """
MATCH (ev:Evidence {relation_id: $id})
RETURN ev.doc_id AS doc_id, ev.sentence AS sentence, ev.sent_start AS sent_start,
       ev.sent_end AS sent_end, ev.confidence AS confidence, ev.extractor AS extractor
ORDER BY doc_id, sent_start
"""

_INDICATOR_RETURN = """
RETURN i.indicator AS indicator, i.value_json AS value_json, i.unit AS unit,
       i.period AS period, i.kind AS kind, i.region AS region, i.doc_id AS doc_id,
       i.sentence AS sentence, i.sent_start AS sent_start, i.sent_end AS sent_end,
       i.confidence AS confidence, i.extractor AS extractor
ORDER BY doc_id, sent_start, i.seq
"""

INDICATORS = "MATCH (i:Indicator)" + _INDICATOR_RETURN

INDICATORS_OF_DOCUMENT = "MATCH (:Document {id: $id})<-[:IN]-(i:Indicator)" + _INDICATOR_RETURN

COUNT_ENTITIES = """
MATCH (e:Entity)
WHERE EXISTS { MATCH (e)<-[:OF]-(:Mention) }
RETURN e.kind AS kind, count(*) AS n
"""

#: one count per relation type: `()-[r:T]->()` is answered from Neo4j's count store
COUNT_RELATION: dict[RelationKind, str] = {
    k: f"MATCH ()-[r:{_rel_type(k)}]->() RETURN count(r) AS n" for k in RelationKind}

COUNT_DOCUMENTS = "MATCH (d:Document) RETURN count(d) AS n"
COUNT_INDICATORS = "MATCH (i:Indicator) RETURN count(i) AS n"

#: every parameter name a statement may receive (the offline lint declares exactly these)
PARAMETERS = ("rows", "ids", "id", "kinds", "entity_kinds", "query", "limit", "key", "seed", "at")
#: labels, relationship types and property keys the statements may use
LABELS = (["Entity", "Document", "Mention", "Evidence", "Indicator", "InnographMeta",
           "BuildFailure"]
          + [k.value for k in EntityKind])
STRUCTURAL_TYPES = ["OF", "IN"]
PROPERTY_KEYS = sorted({
    "id", "name", "kind", "attrs_json", "path", "title", "chars", "added_at", "text",
    "entity_id", "doc_id", "surface", "start_offset", "end_offset", "level", "sentence",
    "sent_start", "sent_end", "confidence", "extractor", "key", "relation_id", "source_id",
    "target_id", "seq", "indicator", "value_json", "unit", "period", "region", "revision",
    "reason", "at"})


def all_statements() -> dict[str, str]:
    """Every Cypher statement the store can send, by name.

    The module's upper-case string constants, plus one entry per enum member for the
    generated statements (e.g. ``MERGE_ENTITY[University]``).
    """
    found: dict[str, str] = {}
    for name, value in globals().items():
        if not name.isupper() or name.startswith("_"):
            continue
        if isinstance(value, str) and _CYPHER_START.match(value):
            found[name] = value
        elif isinstance(value, dict):
            for key, text in value.items():
                if isinstance(key, (EntityKind, RelationKind)) and isinstance(text, str):
                    found[f"{name}[{key.value}]"] = text
    return found


_CYPHER_START = re.compile(r"\s*(MATCH|UNWIND|CREATE|MERGE)\b")


# --- rows: a DocumentGraph turned into UNWIND parameters -----------------------------------
@dataclass
class WriteRows:
    """The UNWIND rows that store a group of documents, one list per statement."""

    documents: list[dict[str, Any]] = field(default_factory=list)
    entities: dict[EntityKind, list[dict[str, Any]]] = field(default_factory=dict)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    relations: dict[RelationKind, list[dict[str, Any]]] = field(default_factory=dict)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    indicators: list[dict[str, Any]] = field(default_factory=list)

    def statements(self) -> Iterator[tuple[str, list[dict[str, Any]]]]:
        """(statement, rows) in the order they must run: nodes before what links them."""
        yield CREATE_DOCUMENTS, self.documents
        for kind in EntityKind:
            yield MERGE_ENTITY[kind], self.entities.get(kind, [])
        yield CREATE_MENTIONS, self.mentions
        for kind in RelationKind:
            yield MERGE_RELATION[kind], self.relations.get(kind, [])
        yield CREATE_EVIDENCE, self.evidence
        yield CREATE_INDICATORS, self.indicators

    def __len__(self) -> int:
        return sum(len(rows) for _, rows in self.statements())


def write_rows(graphs: Iterable[DocumentGraph], now: str | None = None) -> WriteRows:
    """The rows that store these documents; duplicates are dropped, the first one kept.

    Mentions are keyed by (entity, document, start, surface) and relation evidence by
    (relation, document, sentence start), as in the local store; a document without
    `added_at` gets `now` (default: the current UTC time).
    """
    now = now or datetime.now(timezone.utc).isoformat(timespec="seconds")
    out = WriteRows()
    seen_docs: set[str] = set()
    seen_entities: set[str] = set()
    seen_relations: set[str] = set()
    seen_mentions: set[tuple] = set()
    seen_evidence: set[str] = set()
    for graph in graphs:
        doc = graph.document
        if doc.id in seen_docs:
            continue
        seen_docs.add(doc.id)
        out.documents.append({"id": doc.id, "path": doc.path, "title": doc.title,
                              "chars": doc.chars, "added_at": doc.added_at or now,
                              "text": graph.text})
        for e in graph.entities.values():
            if e.id not in seen_entities:
                seen_entities.add(e.id)
                out.entities.setdefault(e.kind, []).append(
                    {"id": e.id, "name": e.name, "kind": e.kind.value,
                     "attrs_json": json.dumps(dict(e.attrs), ensure_ascii=False)})
        for eid, m in graph.mentions:
            key = (eid, doc.id, m.start, m.surface)
            if key in seen_mentions:
                continue
            seen_mentions.add(key)
            ev = m.evidence
            out.mentions.append({"entity_id": eid, "doc_id": doc.id, "surface": m.surface,
                                 "start_offset": m.start, "end_offset": m.end, "level": m.level,
                                 "sentence": ev.sentence, "sent_start": ev.start,
                                 "sent_end": ev.end, "confidence": ev.confidence,
                                 "extractor": ev.extractor})
        for r, ev in graph.relations:
            if r.id not in seen_relations:
                seen_relations.add(r.id)
                out.relations.setdefault(r.kind, []).append(
                    {"id": r.id, "source_id": r.source_id, "target_id": r.target_id})
            key = f"{r.id}|{doc.id}|{ev.start}"
            if key in seen_evidence:
                continue
            seen_evidence.add(key)
            out.evidence.append({"key": key, "relation_id": r.id, "source_id": r.source_id,
                                 "target_id": r.target_id, "kind": r.kind.value,
                                 "doc_id": doc.id, "sentence": ev.sentence,
                                 "sent_start": ev.start, "sent_end": ev.end,
                                 "confidence": ev.confidence, "extractor": ev.extractor})
        for seq, i in enumerate(graph.indicators):
            ev = i.evidence
            out.indicators.append({"doc_id": doc.id, "seq": seq, "indicator": i.indicator,
                                   "value_json": json.dumps(i.value, ensure_ascii=False),
                                   "unit": i.unit, "period": i.period, "kind": i.kind.value,
                                   "region": i.region, "sentence": ev.sentence,
                                   "sent_start": ev.start, "sent_end": ev.end,
                                   "confidence": ev.confidence, "extractor": ev.extractor})
    return out


def batched(rows: Sequence[Any], size: int) -> Iterator[list[Any]]:
    """Consecutive slices of at most `size` rows (size < 1 means one slice)."""
    it = iter(rows)
    size = size if size > 0 else max(len(rows), 1)
    while chunk := list(islice(it, size)):
        yield chunk


_LEVEL_RANK = {"national": 3, "provincial": 2, "municipal": 1}


def entity_from_record(rec: dict[str, Any]) -> Entity:
    """An Entity from a row of `ENTITIES`: aliases and level come from its mentions."""
    name = rec["name"]
    aliases = sorted({s for s in rec["surfaces"] if s and s != name})
    level = max((lv for lv in rec["levels"] if lv in _LEVEL_RANK), key=_LEVEL_RANK.get,
                default=None)
    attrs = json.loads(rec["attrs_json"] or "{}")
    return Entity(rec["id"], EntityKind(rec["kind"]), name, tuple(aliases), level,
                  tuple(sorted(attrs.items())))


def _kinds(kinds: Iterable[RelationKind | str] | None) -> list[str]:
    return RELATION_TYPES if kinds is None else [RelationKind(k).value for k in kinds]


# --- the store ----------------------------------------------------------------------------
class Neo4jStore(GraphStore):
    """The graph in a Neo4j 5 database; the driver is thread-safe, sessions are per call."""

    kind = StoreKind.NEO4J

    def __init__(self, driver: "neo4j.Driver", *, uri: str = "", database: str | None = None,
                 batch_size: int = 1000, tracer: Tracer | None = None) -> None:
        self._driver = driver
        self.uri = uri
        self.database = database
        self.batch_size = max(int(batch_size), 1)
        self.tracer = tracer
        self._ensure_schema()

    @classmethod
    def from_settings(cls, settings: Settings) -> "Neo4jStore":
        """Connect to the server the settings name, or fail at once with the fix."""
        try:
            import neo4j
            from neo4j.exceptions import AuthError, DriverError, Neo4jError
        except ImportError as exc:  # pragma: no cover - neo4j is a dependency
            raise StoreUnavailable("the Neo4j store needs the neo4j driver: "
                                   "`pip install neo4j`, or use --store local") from exc
        uri = settings.neo4j_uri or ""
        try:
            driver = neo4j.GraphDatabase.driver(
                uri, auth=(settings.neo4j_user or "", settings.neo4j_password or ""),
                connection_timeout=5, notifications_min_severity="OFF")
        except (DriverError, ValueError) as exc:
            raise StoreUnavailable(
                f"NEO4J_URI {uri!r} is not a Neo4j address ({_one_line(exc)}): use e.g. "
                "bolt://localhost:7687, neo4j://host or neo4j+s://host") from exc
        try:
            driver.verify_connectivity()
        except AuthError as exc:
            driver.close()
            raise StoreUnavailable(
                f"Neo4j at {uri} refused user {settings.neo4j_user!r}: wrong user or password, "
                "check NEO4J_USER and NEO4J_PASSWORD (docker-compose.yml uses neo4j / "
                "innograph-dev)") from exc
        except (DriverError, Neo4jError, OSError) as exc:
            driver.close()
            raise StoreUnavailable(f"Neo4j not reachable at {uri} ({_one_line(exc)}): "
                                   f"{FIX}") from exc
        try:
            return cls(driver, uri=uri, database=settings.neo4j_database,
                       batch_size=settings.batch_size, tracer=settings.tracer)
        except (DriverError, Neo4jError) as exc:
            driver.close()
            raise StoreUnavailable(
                f"Neo4j at {uri} would not create innograph's constraints and indexes "
                f"({_one_line(exc)}): connect as a user allowed to change the schema, or "
                "check NEO4J_DATABASE") from exc

    # --- plumbing --------------------------------------------------------------------------
    @contextmanager
    def _session(self) -> Iterator["neo4j.Session"]:
        """A session; the server going away inside it becomes one StoreUnavailable line.

        Transient errors (deadlocks, a leader switch) never get here: `execute_read` and
        `execute_write` retry them, for up to the driver's `max_transaction_retry_time`.
        """
        from neo4j.exceptions import (AuthError, IncompleteCommit, ServiceUnavailable,
                                      SessionExpired)
        try:
            with self._driver.session(database=self.database) as session:
                yield session
        except AuthError as exc:
            raise StoreUnavailable(f"Neo4j at {self.uri} no longer accepts the password "
                                   f"({_one_line(exc)}): check NEO4J_PASSWORD") from exc
        except (ServiceUnavailable, SessionExpired, IncompleteCommit) as exc:
            raise StoreUnavailable(
                f"Neo4j at {self.uri} stopped answering ({_one_line(exc)}): {FIX}; once it "
                "is back, running the same build again adds what is missing") from exc

    # the statement is positional-only: `query` is also one of its parameters (FIND_ENTITIES)
    def _run(self, tx, statement: str, /, **params) -> list[dict[str, Any]]:
        if self.tracer:
            self.tracer(statement, params)
        return tx.run(statement, params).data()

    def _mention_rows(self, tx, statement: str, /, **params) -> Iterator[MentionRow]:
        """The mention rows of a `MENTIONS_*` statement as the driver fetches them."""
        if self.tracer:
            self.tracer(statement, params)
        for r in tx.run(statement, params):
            yield (r["entity_id"], r["surface"], r["start_offset"], r["end_offset"], r["level"],
                   r["doc_id"], r["sentence"], r["sent_start"], r["sent_end"], r["confidence"],
                   r["extractor"])

    def _run_batched(self, tx, statement: str, rows: Sequence[dict[str, Any]], /,
                     **params) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for chunk in batched(rows, self.batch_size):
            out += self._run(tx, statement, rows=chunk, **params)
        return out

    def _read(self, statement: str, /, **params) -> list[dict[str, Any]]:
        with self._session() as session:
            return session.execute_read(lambda tx: self._run(tx, statement, **params))

    def _ensure_schema(self) -> None:
        with self._session() as session:
            # one transaction per schema change (they may not share one with data writes);
            # a managed one, so the deadlock of two stores opening at once is retried
            from neo4j.exceptions import ClientError
            for statement in SCHEMA_STATEMENTS:
                try:
                    session.execute_write(lambda tx, s=statement: self._run(tx, s))
                except ClientError as exc:  # another store created the same rule meanwhile
                    if not (exc.code or "").endswith("AlreadyExists"):
                        raise

    def close(self) -> None:
        self._driver.close()

    # --- documents -------------------------------------------------------------------------
    def add_document(self, graph: DocumentGraph) -> bool:
        return self.add_documents([graph]) == 1

    def add_documents(self, graphs: Iterable[DocumentGraph]) -> int:
        """Add documents, several per transaction (at most about `batch_size` rows each)."""
        added = 0
        group: list[DocumentGraph] = []
        rows = 0
        for g in graphs:
            group.append(g)
            rows += 1 + len(g.entities) + len(g.mentions) + 2 * len(g.relations) + len(g.indicators)
            if rows >= self.batch_size:
                added += self._add_group(group)
                group, rows = [], 0
        if group:
            added += self._add_group(group)
        return added

    def _add_group(self, group: list[DocumentGraph]) -> int:
        from neo4j.exceptions import ConstraintError

        def work(tx) -> int:
            ids = list(dict.fromkeys(g.document.id for g in group))
            known = {r["id"] for r in self._run(tx, EXISTING_DOCUMENTS, ids=ids)}
            rows = write_rows(g for g in group if g.document.id not in known)
            for statement, statement_rows in rows.statements():
                if statement_rows:
                    self._run_batched(tx, statement, statement_rows)
            if rows.documents:
                self._bump_revision(tx)
            return len(rows.documents)

        with self._session() as session:
            try:
                return session.execute_write(work)
            except ConstraintError:  # another writer stored one of them meanwhile: re-check
                return session.execute_write(work)

    def remove_document(self, doc_id: str) -> Removal:
        def work(tx) -> Removal:
            found = self._run(tx, GET_DOCUMENT, id=doc_id)
            if not found:
                raise DocumentNotFound(f"no document {doc_id!r} in the store: "
                                       "`innograph documents` lists them")
            doc = Document(**found[0])
            entity_ids = {r["id"] for r in self._run(tx, DOCUMENT_ENTITY_IDS, id=doc_id)}
            rels = self._run(tx, DOCUMENT_RELATIONS, id=doc_id)
            entity_ids |= {r["source_id"] for r in rels} | {r["target_id"] for r in rels}
            self._run(tx, DELETE_DOCUMENT_FACTS, id=doc_id)
            n_rels = sum(r["deleted"] for r in
                         self._run_batched(tx, DELETE_UNSUPPORTED_RELATIONS, rels))
            orphans = [r["id"] for r in
                       self._run(tx, UNSUPPORTED_ENTITIES, ids=sorted(entity_ids))]
            # a relation whose end lost all support goes with it, evidence and all
            rel_ids = [r["id"] for r in
                       self._run(tx, RELATION_IDS_TOUCHING, ids=orphans, kinds=RELATION_TYPES)]
            self._run(tx, DELETE_EVIDENCE_OF_RELATIONS, ids=rel_ids)
            self._run(tx, DELETE_ENTITIES, ids=orphans)
            self._run(tx, DELETE_DOCUMENT, id=doc_id)
            self._bump_revision(tx)
            return Removal(doc, len(orphans), n_rels + len(rel_ids))

        with self._session() as session:
            return session.execute_write(work)

    def documents(self) -> list[Document]:
        return [Document(**r) for r in self._read(DOCUMENTS)]

    def record_build(self, failed: Iterable[tuple[str, str]], succeeded: Iterable[str]) -> None:
        from datetime import datetime, timezone

        at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        rows = [{"path": str(p), "reason": r} for p, r in failed]
        paths = [str(p) for p in succeeded]

        def work(tx) -> None:
            self._run_batched(tx, FORGET_FAILURES, paths)
            self._run_batched(tx, RECORD_FAILURES, rows, at=at)

        with self._session() as session:
            session.execute_write(work)

    def build_failures(self) -> list[BuildFailure]:
        return [BuildFailure(**r) for r in self._read(BUILD_FAILURES)]

    def document_text(self, doc_id: str) -> str:
        rows = self._read(DOCUMENT_TEXT, id=doc_id)
        if not rows:
            raise DocumentNotFound(f"no document {doc_id!r} in the store: "
                                   "`innograph documents` lists them")
        return rows[0]["text"]

    # --- entities and relations ------------------------------------------------------------
    def entities(self, kinds: Iterable[EntityKind] | None = None,
                 ids: Iterable[str] | None = None) -> list[Entity]:
        kind_values = None if kinds is None else [EntityKind(k).value for k in kinds]
        if ids is None:
            rows = self._read(ENTITIES, kinds=kind_values)
        else:
            ids = list(dict.fromkeys(ids))
            if not ids:
                return []
            rows = self._read(ENTITIES_BY_IDS, ids=ids, kinds=kind_values)
        return [entity_from_record(r) for r in rows]

    def relations(self, kinds: Iterable[RelationKind] | None = None,
                  touching: Iterable[str] | None = None) -> list[Relation]:
        if touching is None:
            rows = self._read(RELATIONS, kinds=_kinds(kinds))
        else:
            touching = list(dict.fromkeys(touching))
            if not touching:
                return []
            rows = self._read(RELATIONS_TOUCHING, ids=touching, kinds=_kinds(kinds))
        return [_relation(r) for r in rows]

    def mentions(self, entity_id: str) -> list[Mention]:
        return [Mention(r["surface"], r["start_offset"], r["end_offset"],
                        Evidence(r["doc_id"], r["sentence"], r["sent_start"], r["sent_end"],
                                 r["confidence"], r["extractor"]), r["level"])
                for r in self._read(MENTIONS, id=entity_id)]

    def mentions_by_entity(self, ids: Iterable[str] | None = None) -> dict[str, list[Mention]]:
        """As the base method, in one read transaction: all mentions in one statement, or
        the ids in UNWIND batches of `batch_size`; records are streamed, not listed."""
        if ids is not None:
            ids = list(dict.fromkeys(ids))
            if not ids:
                return {}

        def work(tx) -> dict[str, list[Mention]]:
            if ids is None:
                return group_mentions(self._mention_rows(tx, MENTIONS_OF_ALL))
            found: dict[str, list[Mention]] = {}
            for chunk in batched(ids, self.batch_size):
                found.update(group_mentions(self._mention_rows(tx, MENTIONS_BY_IDS, ids=chunk)))
            return {i: found[i] for i in sorted(found)}

        with self._session() as session:
            return session.execute_read(work)

    def relation_evidence(self, relation: Relation) -> list[Evidence]:
        return [Evidence(r["doc_id"], r["sentence"], r["sent_start"], r["sent_end"],
                         r["confidence"], r["extractor"])
                for r in self._read(RELATION_EVIDENCE, id=relation.id)]

    def indicators(self, doc_id: str | None = None) -> list[Indicator]:
        rows = (self._read(INDICATORS_OF_DOCUMENT, id=doc_id) if doc_id
                else self._read(INDICATORS))
        return [Indicator(r["indicator"], json.loads(r["value_json"]), r["unit"], r["period"],
                          IndicatorKind(r["kind"]), r["region"],
                          Evidence(r["doc_id"], r["sentence"], r["sent_start"], r["sent_end"],
                                   r["confidence"], r["extractor"]))
                for r in rows]

    def clear(self) -> None:
        def work(tx) -> int:
            deleted = self._run(tx, CLEAR_BATCH, limit=self.batch_size * 10)[0]["deleted"]
            if deleted:
                self._bump_revision(tx)
            return deleted

        with self._session() as session:
            while session.execute_write(work):
                pass

    # --- revision --------------------------------------------------------------------------
    def revision(self) -> int:
        rows = self._read(REVISION, key=META_KEY)
        return rows[0]["revision"] if rows else 0

    def _bump_revision(self, tx) -> None:
        """Count one more change of the graph, inside the transaction that made it."""
        self._run(tx, BUMP_REVISION, key=META_KEY, seed=revision_seed())

    # --- helpers pushed down into Cypher ---------------------------------------------------
    def counts(self) -> dict[str, dict[str, int]]:
        def work(tx) -> dict[str, dict[str, int]]:
            ents = {r["kind"]: r["n"] for r in self._run(tx, COUNT_ENTITIES) if r["n"]}
            rels = {}
            for kind, statement in COUNT_RELATION.items():
                n = self._run(tx, statement)[0]["n"]
                if n:
                    rels[kind.value] = n
            totals = {"documents": self._run(tx, COUNT_DOCUMENTS)[0]["n"],
                      "indicators": self._run(tx, COUNT_INDICATORS)[0]["n"]}
            return {"entities": dict(sorted(ents.items())), "relations": dict(sorted(rels.items())),
                    "totals": totals}

        with self._session() as session:
            return session.execute_read(work)

    def find_entities(self, query: str, limit: int = 20) -> list[Entity]:
        q = query.strip()
        if not q:
            return []
        hits = [entity_from_record(r) for r in self._read(FIND_ENTITIES, query=q)]
        hits.sort(key=lambda e: (e.name != q and q not in e.aliases, len(e.name), e.id))
        return hits[:limit]

    def to_networkx(self, kinds: Iterable[EntityKind] | None = None,
                    ids: Iterable[str] | None = None) -> nx.MultiDiGraph:
        if ids is not None:
            ids = list(dict.fromkeys(ids))
        entities = self.entities(kinds=kinds, ids=ids)
        keep = [e.id for e in entities]
        if ids is not None:
            rows = self._read(RELATIONS_AMONG, ids=keep, kinds=RELATION_TYPES) if keep else []
        elif kinds is not None:
            rows = self._read(RELATIONS_AMONG_KINDS, kinds=RELATION_TYPES,
                              entity_kinds=[EntityKind(k).value for k in kinds])
        else:
            rows = self._read(RELATIONS, kinds=RELATION_TYPES)
        return build_networkx(entities, [_relation(r) for r in rows])

    def neighbour_ids(self, ids: set[str]) -> set[str]:
        return {r["id"] for r in self._read(NEIGHBOUR_IDS, ids=sorted(ids), kinds=RELATION_TYPES)}

    # issue 13 (regions): the query is LOCATED_WITHIN, at the end of the module
    def located_within(self, region_id: str) -> set[str]:
        """As `GraphStore.located_within`, in one Cypher query."""
        return {r["id"] for r in self._read(LOCATED_WITHIN, id=region_id)} - {region_id}


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def _relation(rec: dict[str, Any]) -> Relation:
    return Relation(rec["source_id"], rec["target_id"], RelationKind(rec["kind"]))


# --- regions (issue 13): everything inside a place, in one query --------------------------
#: the entities LOCATED_IN or PART_OF a region, at any depth (`Neo4jStore.located_within`)
LOCATED_WITHIN = """
MATCH (inner:Entity)-[:LOCATED_IN|PART_OF*1..]->(:Entity {id: $id})
RETURN DISTINCT inner.id AS id
"""

