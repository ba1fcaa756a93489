"""The review queue and duplicate suggestions (graph/curation/queue.py, duplicates.py) and
`innograph review`."""
from __future__ import annotations

import json

from click.testing import CliRunner

from app.cli import cli
from graph.curation.actions import Reviewer
from graph.curation.duplicates import duplicate_candidates
from graph.curation.file import CurationFile
from graph.curation.queue import LOW_CONFIDENCE, all_facts, queue_order, review_progress, review_queue
from tests.conftest import SAMPLE
from tests.graph_factory import K, R, doc_graph


def test_review_queue_puts_low_confidence_first_then_heavy_facts(built_store, tmp_path):
    curation = CurationFile(tmp_path / "c.yaml").load()
    queue = review_queue(built_store, curation)
    assert queue and [queue_order(f) for f in queue] == sorted(queue_order(f) for f in queue)
    low = [f for f in queue if f.confidence < LOW_CONFIDENCE]
    assert low and queue[:len(low)] == low
    rest = queue[len(low):]
    assert [f.weight for f in rest] == sorted((f.weight for f in rest), reverse=True)
    assert all(f.evidence and f.evidence[0].sentence for f in queue)


def test_review_queue_accepted_facts_leave_it_and_count_as_reviewed(built_store, tmp_path):
    file = CurationFile(tmp_path / "c.yaml")
    reviewer = Reviewer(built_store, file, who="李")
    first = review_queue(built_store, file.load())
    entity = next(f for f in first if f.item == "entity")
    relation = next(f for f in first if f.item == "relation")
    reviewer.accept_entity(entity.id)
    reviewer.accept_relation(next(r for r in built_store.relations() if r.id == relation.id))
    after = review_queue(built_store, file.load())
    assert {entity.id, relation.id}.isdisjoint(f.id for f in after)
    assert len(after) == len(first) - 2
    progress = review_progress(all_facts(built_store, file.load()))
    assert progress.reviewed == 2 and progress.total == len(first)
    reviewer.undo()
    assert relation.id in {f.id for f in review_queue(built_store, file.load())}


def test_review_queue_filters_by_document_and_type(built_store, tmp_path):
    curation = CurationFile(tmp_path / "c.yaml").load()
    doc = built_store.documents()[0].id
    assert all(doc in f.documents for f in review_queue(built_store, curation, document=doc))
    assert {f.type for f in review_queue(built_store, curation, kind="LOCATED_IN")} == {"LOCATED_IN"}
    assert review_queue(built_store, curation, document="no-such-doc") == []


def _pair_store(store):
    store.add_document(doc_graph("d1", [(K.REGION, "某县"), (K.PARK, "某县云谷科技园"),
                                        (K.PARK, "云谷科技园"), (K.PARK, "海港物流园")],
                                 [("某县云谷科技园", R.LOCATED_IN, "某县"),
                                  ("云谷科技园", R.LOCATED_IN, "某县")]))
    return store


def test_review_duplicates_give_reasons_and_respect_marked_different(local_store, tmp_path):
    store = _pair_store(local_store)
    file = CurationFile(tmp_path / "c.yaml")
    found = duplicate_candidates(store, file.load())
    assert [(d.a_name, d.b_name) for d in found] == [("云谷科技园", "某县云谷科技园")]
    assert any("地名" in r for r in found[0].reasons) and any("同在某县" == r for r in found[0].reasons)
    assert len(found[0].evidence) == 2
    Reviewer(store, file, who="周").mark_different(found[0].a, found[0].b)
    assert duplicate_candidates(store, file.load()) == []


def test_review_cli_json_lists_facts_and_duplicates(tmp_path, monkeypatch):
    monkeypatch.setenv("INNOGRAPH_CURATION", str(tmp_path / "c.yaml"))
    db = tmp_path / "s.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(SAMPLE), "--db", str(db)]).exit_code == 0
    result = runner.invoke(cli, ["review", "--format", "json", "--db", str(db), "--limit", "0"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["facts"] and isinstance(data["duplicates"], list)
    assert all(f["evidence"] and f["evidence"][0]["sentence"] for f in data["facts"])
    confidences = [f["confidence"] for f in data["facts"]]
    low = [c for c in confidences if c < LOW_CONFIDENCE]
    assert confidences[:len(low)] == sorted(low)
