"""Ingestion of real documents: idempotent, retractable, resolved across documents."""
from __future__ import annotations

from pathlib import Path

import pytest

from graph.ingest import build, document_id, find_documents
from graph.model import EntityKind, entity_id
from graph.curation.file import load_curation
from graph.resolution import Resolver
from tests.conftest import SAMPLE


@pytest.fixture
def two_docs(tmp_path, sample_text) -> Path:
    """The sample report, and a short second document sharing some of its actors."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "report.txt").write_text(sample_text, encoding="utf-8")
    (folder / "news.txt").write_text(
        "绍兴市科技局消息：浙江大学绍兴研究院与卧龙电气签署合作协议，共建电机联合实验室。\n"
        "上海交大绍兴研究院在镜湖科技城举办成果对接会。", encoding="utf-8")
    return folder


def test_ingest_build_twice_changes_nothing(local_store, two_docs):
    first = build(local_store, [two_docs], workers=1)
    counts = local_store.counts()
    second = build(local_store, [two_docs], workers=1)
    assert len(first.added) == 2 and second.added == [] and len(second.unchanged) == 2
    assert local_store.counts() == counts


def test_ingest_remove_takes_only_what_the_document_alone_supported(local_store, two_docs):
    build(local_store, [two_docs], workers=1)
    news_id = document_id((two_docs / "news.txt").read_text(encoding="utf-8"))
    shared = entity_id(EntityKind.INSTITUTE, "浙江大学绍兴研究院")
    only_news = {m_entity for m_entity in (e.id for e in local_store.entities())
                 if {m.evidence.doc_id for m in local_store.mentions(m_entity)} == {news_id}}
    assert only_news, "the news item should bring at least one entity of its own"
    local_store.remove_document(news_id)
    remaining = {e.id for e in local_store.entities()}
    assert not (only_news & remaining)
    assert shared in remaining
    assert {m.evidence.doc_id for m in local_store.mentions(shared)} != {news_id}


def test_ingest_resolves_short_form_across_documents(local_store, two_docs):
    build(local_store, [two_docs], workers=1)
    institutes = [e for e in local_store.entities(kinds=[EntityKind.INSTITUTE])
                  if "上海交" in e.name]
    assert len(institutes) == 1
    assert {"上海交通大学绍兴研究院", "上海交大绍兴研究院"} <= {institutes[0].name, *institutes[0].aliases}


def test_ingest_reports_unreadable_files_and_keeps_the_rest(local_store, tmp_path, sample_text):
    (tmp_path / "good.txt").write_text(sample_text, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    report = build(local_store, [tmp_path], workers=1)
    assert len(report.added) == 1
    assert report.failed and "empty.txt" in report.failed[0][1]


def test_ingest_find_documents_lists_supported_files(tmp_path):
    for name in ("a.txt", "b.md", "c.pdf", "d.xlsx", "e.docx"):
        (tmp_path / name).write_text("x")
    assert [p.name for p in find_documents([tmp_path])] == ["a.txt", "b.md", "c.pdf", "e.docx"]


def test_ingest_parallel_build_matches_serial(tmp_path, sample_text):
    from graph.stores.local import LocalStore

    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(4):
        (folder / f"r{i}.txt").write_text(f"第{i}号\n" + sample_text, encoding="utf-8")
    serial, parallel = LocalStore(tmp_path / "s.db"), LocalStore(tmp_path / "p.db")
    build(serial, [folder], workers=1)
    build(parallel, [folder], workers=2)
    assert serial.counts() == parallel.counts()


def test_ingest_curation_merges_renames_and_drops(tmp_path, sample_text):
    curation = tmp_path / "curation.yaml"
    curation.write_text("merge:\n  - [镜湖科技城, 滨海科技城]\ndrop:\n  - 创研科技园\n"
                        "rename:\n  卧龙电气: 卧龙电气驱动集团\n", encoding="utf-8")
    from graph.stores.local import LocalStore

    store = LocalStore(tmp_path / "c.db")
    build(store, [SAMPLE], workers=1, resolver=Resolver(curation=load_curation(curation)))
    names = {e.name for e in store.entities()}
    assert "镜湖科技城" in names and "滨海科技城" not in names and "创研科技园" not in names
    assert "卧龙电气驱动集团" in names and "卧龙电气" not in names


def test_ingest_curation_rejects_unknown_type(tmp_path):
    from graph.errors import LexiconError

    bad = tmp_path / "curation.yaml"
    bad.write_text("retype:\n  某某: Company\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="must be one of"):
        load_curation(bad)


def test_ingest_reapply_curation_reaches_stored_documents(local_store, tmp_path):
    from graph.curation.reapply import reapply_curation

    build(local_store, [SAMPLE], workers=1)
    before = local_store.counts()
    assert "创研科技园" in {e.name for e in local_store.entities()}
    curation = tmp_path / "curation.yaml"
    curation.write_text("drop:\n  - 创研科技园\n", encoding="utf-8")
    assert reapply_curation(local_store, resolver=Resolver(curation=load_curation(curation))) == 1
    assert "创研科技园" not in {e.name for e in local_store.entities()}
    assert local_store.counts()["totals"] == before["totals"]
