"""Issue #12 point 1: curation never loses a fact it was not asked to change, whatever its source."""
from __future__ import annotations

from pathlib import Path

from graph.analytics.roster import import_roster
from graph.curation.reapply import reapply_curation
from graph.ingest import build
from graph.curation.file import load_curation
from graph.resolution import Resolver

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "docs" / "shaoxing_2020_report.txt"
ROSTER = ("企业名称,区域,产业\n"
          "卧龙电气驱动集团股份有限公司,上虞区,高端装备\n"
          "卧龙电气,上虞,电机\n"
          "绍兴测试新材料有限公司,柯桥区,新材料\n")


def _facts(store) -> tuple[set, set]:
    return ({e.id for e in store.entities()},
            {r.id for r in store.relations()})


def test_curate_keeps_roster_facts(local_store, tmp_path):
    build(local_store, [SAMPLE], workers=1)
    roster = tmp_path / "r.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    import_roster(local_store, roster)
    before = _facts(local_store)
    empty = tmp_path / "curation.yaml"
    empty.write_text("merge: []\nrename: {}\nretype: {}\ndrop: []\nsplit: []\n", encoding="utf-8")
    reapply_curation(local_store, resolver=Resolver(curation=load_curation(empty)))
    after = _facts(local_store)
    assert before[0] - after[0] == set(), "entities lost"
    assert before[1] - after[1] == set(), "relations lost"
    assert after == before
