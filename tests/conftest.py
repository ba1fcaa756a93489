"""Shared fixtures: see tests/README.md for the table."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from graph.settings import Settings, StoreKind
from graph.stores import GraphStore, open_store

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "docs" / "shaoxing_2020_report.txt"


def pytest_addoption(parser):
    parser.addoption("--browser", action="store_true", help="run the headless-Chromium app tests")


#: set by `make test-neo4j`: a neo4j-marked test that skips fails the run instead
REQUIRE_NEO4J = "INNOGRAPH_REQUIRE_NEO4J"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if (report.skipped and os.environ.get(REQUIRE_NEO4J) == "1"
            and item.get_closest_marker("neo4j") is not None):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"{REQUIRE_NEO4J}=1 but this Neo4j test skipped: {reason}"


def pytest_collection_modifyitems(config, items):
    if config.getoption("--browser") or os.environ.get("INNOGRAPH_BROWSER_TESTS"):
        return
    skip = pytest.mark.skip(reason="browser test: pass --browser (make test-browser) to run")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_extraction(sample_text):
    from extract import extract_text

    return extract_text(sample_text)


def _open(kind: StoreKind, tmp_path: Path) -> GraphStore:
    if kind is StoreKind.NEO4J:
        if not os.environ.get("NEO4J_URI"):
            pytest.skip("Neo4j store: set NEO4J_URI (docker compose up -d neo4j) to run it")
        store = open_store(Settings.from_env(store="neo4j"))
        store.clear()  # each test starts from an empty database
        return store
    return open_store(Settings(store=StoreKind.LOCAL, db_path=tmp_path / "test.db"))


#: the store kinds a `store` test runs on; the Neo4j one carries the `neo4j` mark
STORE_PARAMS = [pytest.param(k, id=k.value,
                             marks=[pytest.mark.neo4j] if k is StoreKind.NEO4J else [])
                for k in StoreKind]


@pytest.fixture(params=STORE_PARAMS)
def store(request, tmp_path) -> GraphStore:
    """An empty store of each kind (Neo4j only when NEO4J_URI is set)."""
    s = _open(request.param, tmp_path)
    yield s
    s.close()


@pytest.fixture
def local_store(tmp_path) -> GraphStore:
    s = _open(StoreKind.LOCAL, tmp_path)
    yield s
    s.close()


@pytest.fixture(scope="session")
def sample_graph(sample_text, sample_extraction):
    """The sample report as the facts one document contributes."""
    from graph.ingest import to_document_graph

    return to_document_graph(str(SAMPLE), sample_text, sample_extraction)


@pytest.fixture
def built_store(local_store, sample_graph) -> GraphStore:
    """A local store holding the sample report."""
    local_store.add_document(sample_graph)
    return local_store
