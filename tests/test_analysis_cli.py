"""app.cli.analysis: the analysis verbs through click's CliRunner."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from app.cli import cli
from tests.graph_factory import K, R, doc_graph


@pytest.fixture
def db(local_store, tmp_path):
    """A local store with a small textile ecosystem; yields the --db path."""
    local_store.add_document(doc_graph(
        "doc-a", [(K.ENTERPRISE, "某印染公司"), (K.PARK, "柯桥高新区"), (K.INDUSTRY_CHAIN, "现代纺织"),
                  (K.INSTITUTE, "纺织研究院"), (K.UNIVERSITY, "某大学"), (K.REGION, "柯桥"),
                  (K.UNIVERSITY, "某大学二")],
        [("某印染公司", R.LOCATED_IN, "柯桥高新区"), ("柯桥高新区", R.FOCUSES_ON, "现代纺织"),
         ("柯桥高新区", R.LOCATED_IN, "柯桥"), ("纺织研究院", R.AFFILIATED_WITH, "某大学"),
         ("纺织研究院", R.LOCATED_IN, "柯桥")], indicators=1))
    return str(tmp_path / "test.db")


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_cli_gaps_table_and_json(db):
    table = run("gaps", "--db", db, "--format", "table")
    assert table.exit_code == 0
    assert "modern_textile" in table.output and "有企业但无实验室支撑" in table.output
    data = json.loads(run("gaps", "--db", db, "--chain", "现代纺织").output)
    assert data[0]["chain"] == "modern_textile"
    assert data[0]["actors"]["research"] == [{"id": "Institute:纺织研究院", "name": "纺织研究院"}]


def test_cli_gaps_unknown_chain_fails_cleanly(db):
    result = run("gaps", "--db", db, "--chain", "火星产业")
    assert result.exit_code == 1 and "choose one of" in result.output


def test_cli_partners_explains(db):
    result = run("partners", "某印染公司", "--db", db, "--format", "table")
    assert result.exit_code == 0
    assert "纺织研究院" in result.output and "服务同一产业链：现代纺织" in result.output
    english = run("partners", "某印染公司", "--db", db, "--format", "table", "--lang", "en")
    assert "serves the same chain: 现代纺织" in english.output
    data = json.loads(run("partners", "现代纺织", "--db", db).output)
    assert data["partners"][0]["id"] == "Institute:纺织研究院"


@pytest.mark.parametrize("name, message", [("某大学", None), ("火星", "no entity named '火星'")])
def test_cli_partners_name_matching(db, name, message):
    result = run("partners", name, "--db", db)
    if message is None:  # exact name wins over 某大学二
        assert result.exit_code == 0
    else:
        assert result.exit_code == 1 and message in result.output


def test_cli_partners_ambiguous_lists_matches(db):
    result = run("partners", "大学", "--db", db)
    assert result.exit_code == 1 and "ambiguous" in result.output and "某大学二" in result.output


def test_cli_path(db):
    result = run("path", "某印染公司", "纺织研究院", "--db", db, "--format", "table")
    assert result.output.strip() == ("3 step(s): 某印染公司 -[LOCATED_IN]-> 柯桥高新区 "
                                     "-[LOCATED_IN]-> 柯桥 <-[LOCATED_IN]- 纺织研究院")


def test_cli_hubs_and_indicators(db):
    hubs = json.loads(run("hubs", "--db", db, "--top", "1").output)
    assert hubs["hubs"][0]["name"] == "柯桥高新区"
    rows = json.loads(run("indicators", "--db", db).output)
    assert rows[0]["indicator"] == "指标0" and rows[0]["actual"] == 1


def test_cli_import_roster(db, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("企业名称,区域,产业\n甲纺织公司,柯桥,现代纺织\n", encoding="utf-8")
    first = run("import", "roster", str(path), "--db", db)
    assert first.exit_code == 0 and "imported (1 rows, 1 enterprises" in first.output
    assert "already imported" in run("import", "roster", str(path), "--db", db).output
    bad = tmp_path / "bad.csv"
    bad.write_text("企业名称,区域,产业\n乙公司,,纺织\n", encoding="utf-8")
    result = run("import", "roster", str(bad), "--db", db)
    assert result.exit_code == 1 and "row 2: region is empty" in result.output


@pytest.mark.parametrize("command", [["gaps"], ["partners"], ["path"], ["hubs"], ["indicators"],
                                     ["import", "roster"]])
def test_cli_analysis_commands_have_examples(command):
    result = run(*command, "--help")
    assert result.exit_code == 0 and "Example:" in result.output
