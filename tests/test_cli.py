"""The `innograph` command line, through click's test runner."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli
from tests.conftest import ROOT, SAMPLE


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)

    return invoke


def all_commands():
    """(path, command) for every leaf command, e.g. ('import roster', <Command>)."""
    out = []

    def walk(prefix, group):
        for name, cmd in group.commands.items():
            if hasattr(cmd, "commands"):
                walk(f"{prefix}{name} ", cmd)
            else:
                out.append((f"{prefix}{name}", cmd))

    walk("", cli)
    return out


@pytest.mark.parametrize("path,command", all_commands(), ids=lambda x: x if isinstance(x, str) else "")
def test_cli_every_command_has_help_with_an_example(path, command):
    assert command.help and "Example:" in command.help, f"`innograph {path}` needs an Example:"


def test_cli_readme_mentions_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [path for path, _ in all_commands() if f"innograph {path}" not in readme]
    assert not missing, f"README does not mention: {missing}"


def test_cli_extract_prints_schema_json(run):
    result = run("extract", SAMPLE, "--format", "json")
    data = json.loads(result.output)
    assert set(data) == {"entities", "relations", "indicators"}
    ent = next(e for e in data["entities"] if e["name"] == "天津大学浙江绍兴研究院")
    mention = ent["mentions"][0]
    text = SAMPLE.read_text(encoding="utf-8")
    assert text[mention["start"]:mention["end"]] == mention["text"]
    assert text[mention["sentence_start"]:mention["sentence_end"]] == mention["sentence"]
    rel = data["relations"][0]
    assert {"head", "type", "tail", "confidence", "evidence"} <= set(rel)


def test_cli_extract_table_lists_entities(run):
    result = run("extract", SAMPLE, "--format", "table")
    assert result.exit_code == 0 and "天津大学浙江绍兴研究院" in result.output


def test_cli_build_stats_documents_remove(run, tmp_path):
    db = tmp_path / "g.db"
    built = run("build", SAMPLE, "--db", db)
    assert "documents: 1 added" in built.output
    again = run("build", SAMPLE, "--db", db)
    assert "0 added, 1 unchanged" in again.output
    assert _counts(built.output) == _counts(again.output)
    stats = json.loads(run("stats", "--db", db, "--format", "json").output)
    assert len(stats["entities"]) >= 6 and len(stats["relations"]) >= 4
    listed = run("documents", "--db", db, "--format", "json")
    (doc,) = json.loads(listed.output)
    removed = run("remove", Path(doc["path"]).name, "--db", db)
    assert "removed" in removed.output
    assert json.loads(run("stats", "--db", db, "--format", "json").output)["totals"]["documents"] == 0


def test_cli_errors_name_the_problem_and_the_next_step(run, tmp_path):
    from graph.stores.local import LocalStore

    LocalStore(tmp_path / "g.db").close()  # an empty store
    result = CliRunner().invoke(cli, ["remove", "nope.txt", "--db", str(tmp_path / "g.db")])
    assert result.exit_code == 1
    assert "no document 'nope.txt'" in result.output and "innograph documents" in result.output
    result = CliRunner().invoke(cli, ["build", str(tmp_path), "--db", str(tmp_path / "g.db")])
    assert result.exit_code == 1 and "no documents found" in result.output


def test_cli_neo4j_without_settings_says_what_is_missing(tmp_path, monkeypatch):
    for var in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD"):
        monkeypatch.delenv(var, raising=False)
    result = CliRunner().invoke(cli, ["stats", "--store", "neo4j"])
    assert result.exit_code == 1 and "NEO4J_URI" in result.output


def _counts(output: str) -> list[str]:
    return [line for line in output.splitlines() if re.match(r"(entities|relations|totals):", line)]


def test_cli_remove_refuses_an_ambiguous_file_name(run, tmp_path, sample_text):
    db = tmp_path / "g.db"
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "r.txt").write_text(f"{folder}\n" + sample_text, encoding="utf-8")
        run("build", tmp_path / folder / "r.txt", "--db", db)
    result = CliRunner().invoke(cli, ["remove", "r.txt", "--db", str(db)])
    assert result.exit_code == 1 and "names 2 documents" in result.output
    assert json.loads(run("stats", "--db", db, "--format", "json").output)["totals"]["documents"] == 2
