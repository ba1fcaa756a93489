"""innograph against a real Neo4j: the CLI, the app, a server that stops mid-build, a wrong
password, and two builds at once. Needs NEO4J_URI (`make test-neo4j` sets it)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli
from graph.ingest import build
from graph.settings import StoreKind
from graph.stores.local import LocalStore
from tests.conftest import SAMPLE, _open
from tests.test_app_browser import _free_port, _stop, _wait_healthy, browser  # noqa: F401

pytestmark = pytest.mark.neo4j

INNOGRAPH = Path(sys.executable).with_name("innograph")


@pytest.fixture
def neo4j(tmp_path):
    """The shared test Neo4j, emptied."""
    store = _open(StoreKind.NEO4J, tmp_path)
    yield store
    store.close()


def _variants(folder: Path, n: int, start: int = 0) -> Path:
    """`n` distinct documents (the sample report under a numbered first line)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = SAMPLE.read_text(encoding="utf-8")
    for i in range(start, start + n):
        (folder / f"r{i:02d}.txt").write_text(f"第{i}号报告\n{text}", encoding="utf-8")
    return folder


def _local(tmp_path: Path, *folders: Path) -> LocalStore:
    store = LocalStore(tmp_path / f"local-{len(folders)}.db")
    for folder in folders:
        build(store, [folder], workers=1)
    return store


def _same_facts(a, b) -> None:
    """Two stores holding the same graph: counts, entities, relations and mentions."""
    assert a.counts() == b.counts()
    assert a.entities() == b.entities()
    assert a.relations() == b.relations()
    assert a.mentions_by_entity() == b.mentions_by_entity()


def _duplicates(store) -> list:
    with store._driver.session(database=store.database) as session:
        rows = session.run("MATCH (n) WHERE n:Entity OR n:Document WITH labels(n) AS l, n.id AS id,"
                           " count(*) AS n WHERE n > 1 RETURN l, id, n").data()
    return rows


def _cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(INNOGRAPH), *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})})


# --- the CLI --------------------------------------------------------------------------------
def test_neo4j_cli_build_stats_and_export(neo4j, tmp_path):
    docs = _variants(tmp_path / "docs", 3)
    result = CliRunner().invoke(cli, ["build", str(docs), "--store", "neo4j", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "3 added" in result.output
    again = CliRunner().invoke(cli, ["build", str(docs), "--store", "neo4j", "--workers", "1"])
    assert again.exit_code == 0 and "0 added, 3 unchanged" in again.output
    local = _local(tmp_path, docs)
    _same_facts(neo4j, local)
    stats = CliRunner().invoke(cli, ["stats", "--store", "neo4j"])
    local_stats = CliRunner().invoke(cli, ["stats", "--db", local.path])
    assert stats.exit_code == 0 and stats.output == local_stats.output
    for fmt in ("json", "graphml", "csv"):
        out, mine = tmp_path / f"neo.{fmt}", tmp_path / f"local.{fmt}"
        assert CliRunner().invoke(cli, ["export", "--format", fmt, "--store", "neo4j",
                                        str(out)]).exit_code == 0
        assert CliRunner().invoke(cli, ["export", "--format", fmt, "--db", local.path,
                                        str(mine)]).exit_code == 0
        if fmt == "csv":
            assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in mine.iterdir())
        else:
            assert out.read_bytes() == mine.read_bytes()
    local.close()


def test_neo4j_cli_wrong_password_says_so(neo4j):
    result = _cli("stats", "--store", "neo4j", env={"NEO4J_PASSWORD": "not-the-password"})
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "wrong user or password" in result.stderr and os.environ["NEO4J_URI"] in result.stderr


# --- two builds at once ---------------------------------------------------------------------
def test_neo4j_two_builds_at_once_end_with_the_union(neo4j, tmp_path):
    a, b = _variants(tmp_path / "a", 6), _variants(tmp_path / "b", 6, start=6)
    runs = [subprocess.Popen([str(INNOGRAPH), "build", str(folder), "--store", "neo4j",
                              "--workers", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True) for folder in (a, b)]
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
        assert "6 added" in out
    local = _local(tmp_path, a, b)
    try:
        _same_facts(neo4j, local)
        assert _duplicates(neo4j) == []
    finally:
        local.close()


# --- the app ----------------------------------------------------------------------------------
def _serve_app(env: dict[str, str]):
    port = _free_port()
    proc = subprocess.Popen([str(INNOGRAPH), "app", "--store", "neo4j", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, **env})
    url = f"http://127.0.0.1:{port}"
    _wait_healthy(proc, url)
    return proc, url


@pytest.mark.browser
def test_neo4j_app_overview_page_reads_neo4j(neo4j, browser, tmp_path):  # noqa: F811
    build(neo4j, [_variants(tmp_path / "docs", 2)], workers=1)
    proc, url = _serve_app({})
    try:
        page = browser.new_page(viewport={"width": 1440, "height": 900}, locale="zh-CN")
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url, wait_until="domcontentloaded")
        page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning] h1",
                               timeout=90_000)
        metrics = page.locator("[data-testid=stMetricValue]").all_inner_texts()
        assert metrics[0] == "2"  # documents
        assert page.locator("[data-testid=stException]").count() == 0 and errors == []
        page.close()
    finally:
        _stop(proc)


@pytest.mark.browser
def test_neo4j_app_with_the_server_unreachable_names_the_uri(browser):  # noqa: F811
    uri = f"bolt://127.0.0.1:{_free_port()}"  # nothing listens there
    proc, url = _serve_app({"NEO4J_URI": uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": "x"})
    try:
        page = browser.new_page(viewport={"width": 1440, "height": 900}, locale="zh-CN")
        page.goto(url, wait_until="domcontentloaded")
        alert = page.wait_for_selector("[data-testid=stAlert]", timeout=90_000)
        assert uri in alert.inner_text() and "出错了" in alert.inner_text()
        assert page.locator("[data-testid=stException]").count() == 0
        page.close()
    finally:
        _stop(proc)
