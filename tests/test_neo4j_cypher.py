"""Every Cypher statement the Neo4j store can send, linted offline by Neo4j's own parser.

The linter is `tests/cypher/lint.mjs` over `@neo4j-cypher/language-support` (pinned in
`tests/cypher/package.json` and its lock file); the test installs it with `npm ci` and
is skipped when node or npm is missing. A statement passes when the parser reports
nothing at all: no syntax error, no undefined variable or parameter, no unknown label,
relationship type, property key or function, no deprecation.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from graph.stores import neo4j as neo4j_store

CYPHER_DIR = Path(__file__).resolve().parent / "cypher"

#: the Neo4j 5 built-in functions the store may call; add one here when a statement needs it
FUNCTIONS = ["any", "collect", "count", "endNode", "startNode", "type"]

STATEMENTS = neo4j_store.all_statements()


def _schema() -> dict:
    return {"labels": neo4j_store.LABELS,
            "relationshipTypes": neo4j_store.RELATION_TYPES + neo4j_store.STRUCTURAL_TYPES,
            "propertyKeys": neo4j_store.PROPERTY_KEYS,
            "parameters": list(neo4j_store.PARAMETERS),
            "functions": FUNCTIONS}


def _install() -> None:
    """`npm ci` in tests/cypher unless node_modules already matches the lock file."""
    lock = CYPHER_DIR / "package-lock.json"
    installed = CYPHER_DIR / "node_modules" / ".package-lock.json"
    if installed.exists() and installed.stat().st_mtime >= lock.stat().st_mtime:
        return
    done = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                          cwd=CYPHER_DIR, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        pytest.fail(f"`npm ci` in {CYPHER_DIR} failed, so the Cypher lint cannot run:\n"
                    f"{done.stderr[-2000:]}")


def lint(queries: dict[str, str]) -> dict[str, list[dict]]:
    """Diagnostics per query name from tests/cypher/lint.mjs."""
    payload = json.dumps({"schema": _schema(), "queries": queries}, ensure_ascii=False)
    done = subprocess.run(["node", "lint.mjs"], cwd=CYPHER_DIR, input=payload,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"lint.mjs failed:\n{done.stderr[-2000:]}"
    return json.loads(done.stdout)["results"]


#: queries the linter must reject, with a word of its complaint: proof that it is awake
MISTAKES = {
    "undefined variable": ("MATCH (e:Entity) RETURN m", "not defined"),
    "unknown parameter": ("UNWIND $rowz AS row RETURN row", "Parameter $rowz"),
    "unknown label": ("MATCH (e:Entiti) RETURN e", "Entiti"),
    "unknown type": ("MATCH ()-[r:LOCATED_INN]->() RETURN r", "LOCATED_INN"),
    "syntax error": ("MATCH (e:Entity) RETRUN e", ""),
    "unknown property": ("MATCH (e:Entity) RETURN e.nmae", "nmae"),
    "unlisted function": ("MATCH (e:Entity) RETURN toUpper(e.name)", "toUpper"),
}


@pytest.fixture(scope="module")
def diagnostics() -> dict[str, list[dict]]:
    """One linter run over every statement and every mistake (node starts slowly)."""
    if not (shutil.which("node") and shutil.which("npm")):
        pytest.skip("Cypher lint needs node and npm (apt-get install nodejs npm)")
    _install()
    queries = dict(STATEMENTS)
    queries.update({f"mistake: {k}": q for k, (q, _) in MISTAKES.items()})
    return lint(queries)


def test_neo4j_cypher_catalogue_covers_every_kind():
    for kind in neo4j_store.EntityKind:
        assert f"MERGE_ENTITY[{kind.value}]" in STATEMENTS
    for kind in neo4j_store.RelationKind:
        assert f"MERGE_RELATION[{kind.value}]" in STATEMENTS
        assert f"COUNT_RELATION[{kind.value}]" in STATEMENTS


@pytest.mark.parametrize("name", sorted(STATEMENTS))
def test_neo4j_cypher_statement_lints_clean(diagnostics, name):
    found = diagnostics[name]
    assert found == [], f"{name}:\n{STATEMENTS[name]}\n" + "\n".join(
        f"  {d['severity']} at {d['line']}:{d['column']} ({d['text']!r}): {d['message']}"
        for d in found)


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_neo4j_cypher_linter_catches_mistakes(diagnostics, mistake):
    found = diagnostics[f"mistake: {mistake}"]
    complaint = MISTAKES[mistake][1]
    assert found and any(complaint in d["message"] for d in found), found
