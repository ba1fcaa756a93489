"""Demo mode limited to reviewed facts: only what a planner accepted is shown."""
from __future__ import annotations

from graph.curation.rules import Curation
from graph.model import Entity, EntityKind, Relation, RelationKind
from graph.stores import build_networkx
from graph.views.reviewed import reviewed_only


def _graph():
    a = Entity.make(EntityKind.UNIVERSITY, "湘潭大学")
    b = Entity.make(EntityKind.REGION, "金华")
    c = Entity.make(EntityKind.INSTITUTE, "金华光伏研究院")
    rels = [Relation.make(c.id, RelationKind.LOCATED_IN, b.id),
            Relation.make(c.id, RelationKind.AFFILIATED_WITH, a.id)]
    return build_networkx([a, b, c], rels), a, b, c, rels


def test_reviewed_only_keeps_accepted_relations_with_their_ends():
    g, a, b, c, rels = _graph()
    curation = Curation()
    curation.accept_relations.add(next(iter(_keys(rels[:1]))))
    kept = reviewed_only(g, curation)
    assert set(kept.nodes) == {b.id, c.id}
    assert [k for _, _, k in kept.edges(keys=True)] == ["LOCATED_IN"]


def test_reviewed_only_keeps_an_accepted_entity_alone_and_nothing_unreviewed():
    g, a, *_ = _graph()
    assert reviewed_only(g, Curation()).number_of_nodes() == 0
    curation = Curation()
    curation.accept.add("湘潭大学")
    assert set(reviewed_only(g, curation).nodes) == {a.id}


def _keys(relations):
    from graph.curation.rules import _key_of

    return {_key_of(r) for r in relations}
