"""graph.analytics.roster: a planner's enterprise roster as a document."""
from __future__ import annotations

from pathlib import Path

import pytest

from graph.analytics import RosterError, import_roster
from graph.model import EntityKind, RelationKind, entity_id
from tests.graph_factory import doc_graph

K, R = EntityKind, RelationKind
CSV_ZH = "企业名称,区域,产业,环节,高新技术企业\n甲印染有限公司,柯桥,现代纺织,印染后整理,是\n乙芯片公司,越城,集成电路,,否\n"


def write(tmp_path: Path, text: str, name: str = "roster.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_roster_import_adds_enterprises_with_region_and_chain(local_store, tmp_path):
    report = import_roster(local_store, write(tmp_path, CSV_ZH))
    assert (report.added, report.rows, report.enterprises) == (True, 2, 2)
    firm = entity_id(K.ENTERPRISE, "甲印染有限公司")
    rels = {(r.kind, r.target_id) for r in local_store.relations(touching=[firm])}
    assert rels == {(R.LOCATED_IN, entity_id(K.REGION, "柯桥")),
                    (R.FOCUSES_ON, entity_id(K.INDUSTRY_CHAIN, "现代纺织"))}
    attrs = dict(local_store.get_entity(firm).attrs)
    assert attrs["high_tech"] == "true" and attrs["segment"] == "印染后整理"


def test_roster_evidence_points_at_the_row(local_store, tmp_path):
    report = import_roster(local_store, write(tmp_path, CSV_ZH))
    firm = entity_id(K.ENTERPRISE, "乙芯片公司")
    (mention,) = local_store.mentions(firm)
    text = local_store.document_text(report.doc_id)
    assert text.splitlines()[1] == mention.evidence.sentence == "乙芯片公司，位于越城，属于集成电路产业。"
    assert text[mention.evidence.start:mention.evidence.end] == mention.evidence.sentence
    assert text[mention.start:mention.end] == "乙芯片公司"


def test_roster_reimport_changes_nothing(local_store, tmp_path):
    path = write(tmp_path, CSV_ZH)
    first = import_roster(local_store, path)
    before = local_store.counts()
    again = import_roster(local_store, path)
    assert again.added is False and again.doc_id == first.doc_id
    assert local_store.counts() == before


def test_roster_merges_with_document_entities(local_store, tmp_path):
    from dataclasses import replace

    doc = doc_graph("doc-a", [(K.REGION, "柯桥"), (K.PARK, "柯桥区高新区")])
    kq = entity_id(K.REGION, "柯桥")
    (kq_id, mention), = [(i, m) for i, m in doc.mentions if i == kq]
    doc.mentions.append((kq, replace(mention, surface="柯桥区")))  # aliases are mention surfaces
    local_store.add_document(doc)
    assert "柯桥区" in local_store.get_entity(kq).aliases
    import_roster(local_store, write(tmp_path, "name,region,industry\n丙公司,柯桥区,纺织\n"))
    assert [e.name for e in local_store.entities(kinds=[K.REGION])] == ["柯桥"]


def test_roster_segment_places_the_enterprise(local_store, tmp_path):
    from graph.analytics import default_taxonomy, link_chains

    import_roster(local_store, write(tmp_path, CSV_ZH))
    links = link_chains(local_store.to_networkx(), default_taxonomy())
    firm = entity_id(K.ENTERPRISE, "甲印染有限公司")
    assert ("modern_textile", "dyeing_finishing") in {(l.chain, l.segment) for l in links[firm]}


def test_roster_reads_xlsx(local_store, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["企业名称", "地区", "行业"])
    sheet.append(["丁公司", "新昌", "高端装备"])
    book.save(tmp_path / "r.xlsx")
    report = import_roster(local_store, tmp_path / "r.xlsx")
    assert report.enterprises == 1
    assert entity_id(K.ENTERPRISE, "丁公司") in {e.id for e in local_store.entities()}


@pytest.mark.parametrize("text, message", [
    ("name,region,industry\n甲公司,,纺织\n", "row 2: region is empty"),
    ("name,region,industry,high_tech\n甲公司,柯桥,纺织,也许\n", "row 2: high_tech is '也许'"),
    ("企业名称,区域\n甲公司,柯桥\n", "no column for industry"),
    ("", "the file is empty"),
])
def test_roster_bad_rows_name_file_row_and_problem(local_store, tmp_path, text, message):
    """No good row: nothing is imported (with a good row, see tests/test_first_use.py)."""
    path = write(tmp_path, text)
    with pytest.raises(RosterError) as err:
        import_roster(local_store, path)
    assert str(path) in str(err.value) and message in str(err.value)
    assert local_store.documents() == []


def test_roster_rejects_other_formats(local_store, tmp_path):
    with pytest.raises(RosterError, match=r"\.csv or \.xlsx"):
        import_roster(local_store, write(tmp_path, "x", "roster.txt"))
