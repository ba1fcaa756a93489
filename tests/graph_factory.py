"""Small hand-built document graphs for store and analytics tests."""
from __future__ import annotations

from graph.model import (Document, DocumentGraph, Entity, EntityKind, Evidence, Indicator,
                         IndicatorKind, Mention, Relation, RelationKind)

K = EntityKind
R = RelationKind


def doc_graph(doc_id: str, entities: list[tuple[EntityKind, str]],
              relations: list[tuple[str, RelationKind, str]] = (),
              indicators: int = 0) -> DocumentGraph:
    """A document whose one sentence mentions every entity and states every relation."""
    text = "，".join(name for _, name in entities) + "。"
    doc = DocumentGraph(Document(doc_id, f"{doc_id}.txt", f"title {doc_id}", len(text)), text)
    ev = Evidence(doc_id, text, 0, len(text), 0.9, "test")
    by_name = {}
    pos = 0
    for kind, name in entities:
        e = Entity.make(kind, name)
        by_name[name] = e
        doc.entities[e.id] = e
        doc.mentions.append((e.id, Mention(name, pos, pos + len(name), ev)))
        pos += len(name) + 1
    for head, kind, tail in relations:
        doc.relations.append((Relation.make(by_name[head].id, kind, by_name[tail].id), ev))
    for i in range(indicators):
        doc.indicators.append(Indicator(f"指标{i}", i + 1, "家", "2020", IndicatorKind.ACTUAL,
                                        "绍兴", ev))
    return doc


def ecosystem() -> list[DocumentGraph]:
    """Two documents sharing one university: a 5-node ecosystem checkable on paper."""
    a = doc_graph("doc-a", [(K.UNIVERSITY, "浙江大学"), (K.INSTITUTE, "浙江大学绍兴研究院"),
                            (K.REGION, "绍兴")],
                  [("浙江大学绍兴研究院", R.AFFILIATED_WITH, "浙江大学"),
                   ("浙江大学绍兴研究院", R.LOCATED_IN, "绍兴")], indicators=2)
    b = doc_graph("doc-b", [(K.UNIVERSITY, "浙江大学"), (K.PARK, "镜湖科技城"),
                            (K.INDUSTRY_CHAIN, "集成电路")],
                  [("镜湖科技城", R.FOCUSES_ON, "集成电路"),
                   ("镜湖科技城", R.COOPERATES_WITH, "浙江大学")], indicators=1)
    return [a, b]
