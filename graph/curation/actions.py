"""Review actions: each writes its change to the curation file (with who and when) and
re-applies the curation to the stored documents it touches, through the `GraphStore`
interface, so it works on both stores and survives every rebuild."""
from __future__ import annotations

from collections.abc import Iterable

from graph.curation.file import CurationFile
from graph.curation.reapply import REAPPLY_LOCK, StoredFacts, reapply
from graph.errors import DocumentNotFound, InnographError
from graph.model import EntityKind, Relation, RelationKind, normalise_name
from graph.stores import GraphStore


class ReviewError(InnographError):
    """A review action cannot be carried out as asked."""


def _strings(value) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


class Reviewer:
    """Carries out one planner's review actions on a store and a curation file."""

    def __init__(self, store: GraphStore, file: CurationFile | None = None, who: str = "") -> None:
        self.store = store
        self.file = file or CurationFile()
        self.who = who

    # --- plumbing ---------------------------------------------------------------------------
    def _entity(self, entity_id: str):
        return self.store.get_entity(entity_id)

    def _relation(self, relation: Relation) -> list[str]:
        source, target = self._entity(relation.source_id), self._entity(relation.target_id)
        return [source.name, relation.kind.value, target.name]

    def _act(self, action: str, changes: list[dict], what: str, *,
             touches_graph: bool = True, docs: Iterable[str] = ()) -> dict:
        names = [s for c in changes for s in _strings(c.get("value"))] + \
            [c["name"] for c in changes if "name" in c]
        entry = self.file.record(action, changes, self.who, what)
        if touches_graph:
            self._reapply(names, docs)
        return entry

    def _reapply(self, names: Iterable[str], docs: Iterable[str] = ()) -> None:
        with REAPPLY_LOCK:  # the file as it is now, whoever wrote it last
            wanted = StoredFacts(self.store).documents_naming(names) | set(docs)
            if wanted:
                reapply(self.store, wanted, curation=self.file.load())

    # --- entities ---------------------------------------------------------------------------
    def accept_entity(self, entity_id: str) -> dict:
        """Mark an entity checked and right: it leaves the queue."""
        e = self._entity(entity_id)
        return self._act("accept", [{"op": "append", "key": "accept", "value": e.name}],
                         e.name, touches_graph=False)

    def reject_entity(self, entity_id: str) -> dict:
        """Not an entity: it and its relations go, in every document, now and later."""
        e = self._entity(entity_id)
        return self._act("reject", [{"op": "append", "key": "drop", "value": e.name}], e.name)

    def rename(self, entity_id: str, new_name: str) -> dict:
        e = self._entity(entity_id)
        new_name = new_name.strip()
        if not new_name or normalise_name(new_name) == normalise_name(e.name):
            raise ReviewError(f"rename {e.name}: give a new, different name")
        return self._act("rename", [{"op": "set", "key": "rename", "name": e.name,
                                     "value": new_name}], f"{e.name} → {new_name}")

    def retype(self, entity_id: str, kind: EntityKind | str) -> dict:
        e = self._entity(entity_id)
        kind = EntityKind(kind)
        if kind is e.kind:
            raise ReviewError(f"retype {e.name}: it is already a {kind.value}")
        return self._act("retype", [{"op": "set", "key": "retype", "name": e.name,
                                     "value": kind.value}], f"{e.name}: {e.kind.value} → {kind.value}")

    def merge(self, keep_id: str, other_id: str) -> dict:
        """`other` is the same actor as `keep`: one node under keep's name and type."""
        keep, other = self._entity(keep_id), self._entity(other_id)
        if keep.id == other.id:
            raise ReviewError(f"merge {keep.name}: choose another entity to merge with")
        changes = [{"op": "append", "key": "merge", "value": [keep.name, other.name]}]
        if other.kind is not keep.kind:
            changes.append({"op": "set", "key": "retype", "name": other.name,
                            "value": keep.kind.value})
        return self._act("merge", changes, f"{other.name} → {keep.name}")

    def split_alias(self, entity_id: str, alias: str) -> dict:
        """The alias names another actor: its mentions become an entity of their own."""
        e = self._entity(entity_id)
        if alias not in e.aliases:
            raise ReviewError(f"split {alias} off {e.name}: it is not one of its aliases "
                              f"({'、'.join(e.aliases) or 'none'})")
        return self._act("split", [{"op": "append", "key": "split", "value": [e.name, alias]}],
                         f"{alias} ⟂ {e.name}")

    def mark_different(self, a_id: str, b_id: str) -> dict:
        """Two entities are different actors: never suggest them as duplicates again."""
        a, b = self._entity(a_id), self._entity(b_id)
        return self._act("different", [{"op": "append", "key": "different",
                                        "value": sorted([a.name, b.name])}],
                         f"{a.name} ≠ {b.name}", touches_graph=False)

    # --- relations --------------------------------------------------------------------------
    def accept_relation(self, relation: Relation) -> dict:
        value = self._relation(relation)
        return self._act("accept_relation", [{"op": "append", "key": "accept_relations",
                                              "value": value}], " ".join(value),
                         touches_graph=False)

    def reject_relation(self, relation: Relation) -> dict:
        value = self._relation(relation)
        return self._act("reject_relation", [{"op": "append", "key": "reject_relations",
                                              "value": value}], " ".join(value))

    def change_relation_type(self, relation: Relation, kind: RelationKind | str) -> dict:
        kind = RelationKind(kind)
        if kind is relation.kind:
            raise ReviewError(f"the relation is already {kind.value}")
        value = self._relation(relation) + [kind.value]
        return self._act("relation_type", [{"op": "append", "key": "relation_type",
                                            "value": value}], " ".join(value))

    def reverse_relation(self, relation: Relation) -> dict:
        if relation.kind.symmetric:
            raise ReviewError(f"{relation.kind.value} has no direction to reverse")
        value = self._relation(relation)
        return self._act("reverse", [{"op": "append", "key": "reverse", "value": value}],
                         " ".join(value))

    def add_relation(self, source_id: str, kind: RelationKind | str, target_id: str,
                     doc_id: str, sentence: str) -> dict:
        """A relation the extractor missed, with the sentence of the document that states it."""
        source, target = self._entity(source_id), self._entity(target_id)
        kind = RelationKind(kind)
        sentence = sentence.strip()
        try:
            text = self.store.document_text(doc_id)
        except DocumentNotFound:
            raise ReviewError(f"add {source.name} {kind.value} {target.name}: no document "
                              f"{doc_id!r} in the store") from None
        if not sentence or sentence not in text:
            raise ReviewError(f"add {source.name} {kind.value} {target.name}: the sentence is "
                              "not in that document; pick it in the document view")
        if source.id == target.id:
            raise ReviewError(f"add {kind.value}: choose two different entities")
        value = {"source": source.name, "source_type": source.kind.value, "type": kind.value,
                 "target": target.name, "target_type": target.kind.value,
                 "document": doc_id, "sentence": sentence}
        return self._act("add", [{"op": "append", "key": "add", "value": value}],
                         f"{source.name} {kind.value} {target.name}", docs=[doc_id])

    # --- undo -------------------------------------------------------------------------------
    def undo(self) -> dict | None:
        """Revert the last action not undone yet; returns its history entry, or None."""
        entry = self.file.undo(self.who)
        if entry is None:
            return None
        changes = entry.get("changes") or []
        names = [s for c in changes for s in _strings(c.get("value"))]
        names += [s for c in changes for s in _strings(c.get("previous"))]
        names += [c["name"] for c in changes if "name" in c]
        docs = [c["value"]["document"] for c in changes
                if isinstance(c.get("value"), dict) and "document" in c["value"]]
        if entry.get("action") not in ("accept", "accept_relation", "different"):
            self._reapply(names, docs)
        return entry
