"""Issue 12, "first use without surprises", and the batch build of issue 14: one test per
point, named after it (points 7-10 are checked in the browser, tests/test_first_use_browser.py).
"""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli
from graph.model import EntityKind, RelationKind, entity_id
from graph.stores.local import LocalStore
from tests.conftest import ROOT, SAMPLE

K, R = EntityKind, RelationKind


def run(*args, ok: bool = True):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    if ok:
        assert result.exit_code == 0, result.output
    return result


# --- 4 (and issue 14.1): a batch keeps going ---------------------------------------------

@pytest.fixture
def mixed_batch(tmp_path, sample_text) -> dict[str, Path]:
    """A good report, a missing path, an empty, a binary, an undecodable and a broken file."""
    files = {"good": tmp_path / "report.txt", "missing": tmp_path / "missing.txt",
             "empty": tmp_path / "empty.txt", "binary": tmp_path / "image.txt",
             "encoding": tmp_path / "latin.txt", "parse": tmp_path / "broken.docx"}
    files["good"].write_text(sample_text, encoding="utf-8")
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    files["encoding"].write_bytes(bytes(range(0x80, 0x100)) * 8)
    files["parse"].write_bytes(b"PK\x03\x04 not really a zip archive")
    return files


def test_first_use_4_build_keeps_going_past_bad_files(tmp_path, mixed_batch):
    db = tmp_path / "g.db"
    result = run("build", *mixed_batch.values(), "--db", db, ok=False)
    assert result.exit_code == 1
    assert "1 added" in result.output and "5 failed" in result.output
    reasons = {"missing": "no such file", "empty": "empty", "binary": "binary",
               "encoding": "undecodable", "parse": "damaged"}
    for key, reason in reasons.items():
        line = next(l for l in result.output.splitlines() if str(mixed_batch[key]) in l)
        assert reason in line, line
    store = LocalStore(db)
    assert [Path(d.path).name for d in store.documents()] == ["report.txt"]
    store.close()


def test_first_use_4_failed_files_are_listed_until_they_build(tmp_path, mixed_batch, sample_text):
    db = tmp_path / "g.db"
    run("build", *mixed_batch.values(), "--db", db, ok=False)
    listed = json.loads(run("documents", "--failed", "--db", db, "--format", "json").output)
    assert {Path(f["path"]).name for f in listed} == {
        "missing.txt", "empty.txt", "image.txt", "latin.txt", "broken.docx"}
    assert all(f["reason"] and f["at"] for f in listed)
    mixed_batch["empty"].write_text("新闻：" + sample_text[:200], encoding="utf-8")
    run("build", mixed_batch["empty"], "--db", db)
    listed = json.loads(run("documents", "--failed", "--db", db, "--format", "json").output)
    assert "empty.txt" not in {Path(f["path"]).name for f in listed}


def test_first_use_4_oversized_file_is_named_not_read(tmp_path, monkeypatch, sample_text):
    from graph.ingest import build

    big = tmp_path / "archive.txt"
    big.write_text(sample_text * 3, encoding="utf-8")
    monkeypatch.setattr("extract.reading.MAX_DOCUMENT_BYTES", 10_000)
    store = LocalStore(tmp_path / "g.db")
    report = build(store, [big], workers=1)
    assert report.added == [] and "over the limit of 10,000 bytes" in report.failed[0][1]
    store.close()


def test_first_use_4_resume_extracts_only_what_is_not_stored(tmp_path, monkeypatch, sample_text):
    """A stored document is recognised by its content hash before extraction."""
    import extract
    from graph.ingest import build

    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(3):
        (folder / f"r{i}.txt").write_text(f"第{i}号报告\n" + sample_text[:600], encoding="utf-8")
    store = LocalStore(tmp_path / "g.db")
    build(store, [folder / "r0.txt"], workers=1)
    calls = []
    real = extract.extract_text
    monkeypatch.setattr(extract, "extract_text", lambda text: calls.append(text) or real(text))
    report = build(store, [folder], workers=1)
    assert len(report.unchanged) == 1 and len(report.added) == 2 and len(calls) == 2
    store.close()


def test_first_use_4_sigkill_mid_build_loses_nothing_and_rerun_finishes(tmp_path, sample_text):
    folder = tmp_path / "docs"
    folder.mkdir()
    total = 60
    for i in range(total):
        (folder / f"doc{i:03d}.txt").write_text(f"第{i}号简报\n" + sample_text[: 1500 + i * 10],
                                                encoding="utf-8")
    db = tmp_path / "g.db"
    exe = Path(sys.executable).with_name("innograph")
    child = subprocess.Popen([str(exe), "build", str(folder), "--db", str(db), "--workers", "1"],
                             cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    stored = 0
    try:
        while stored < 5 and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.05)
            if db.exists():
                try:
                    with sqlite3.connect(db) as conn:
                        stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
                except sqlite3.OperationalError:  # the schema is being created
                    pass
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL, "the build finished before it could be killed"
    store = LocalStore(db)
    assert store.integrity_check() == "ok"
    kept = len(store.documents())
    assert 5 <= kept < total
    store.close()
    again = run("build", folder, "--db", db)
    assert f"{total - kept} added, {kept} unchanged" in again.output
    store = LocalStore(db)
    assert len(store.documents()) == total
    store.close()


def test_first_use_4_progress_shows_documents_characters_and_eta(tmp_path, sample_text):
    from graph.ingest import build

    for i in range(2):
        (tmp_path / f"r{i}.txt").write_text(f"{i}\n" + sample_text[:300], encoding="utf-8")
    steps = []
    store = LocalStore(tmp_path / "g.db")
    report = build(store, [tmp_path], workers=1, progress=steps.append)
    store.close()
    assert [(s.done, s.total) for s in steps] == [(1, 2), (2, 2)]
    assert sum(s.chars for s in steps) == report.chars == 2 * 302
    # the CLI's bar: documents and characters beside click's ETA
    env = dict(os.environ, COLUMNS="120")
    out = subprocess.run([str(Path(sys.executable).with_name("innograph")), "build",
                          str(tmp_path), "--db", str(tmp_path / "h.db")],
                         capture_output=True, text=True, env=env, cwd=ROOT)
    assert "2/2 docs, 604 chars, 100%" in out.stderr
    import io

    from app.cli.progress import BuildProgress

    bar = BuildProgress(4, 400, stream=io.StringIO())
    bar.start -= 10  # ten seconds for the first quarter of the bytes
    bar.step(chars=120, size=100)
    assert bar.line().startswith("Extracting  1/4 docs, 120 chars, 25%, ETA 30s")


# --- 6: a typo in --db ------------------------------------------------------------------

@pytest.mark.parametrize("verb", [["stats"], ["documents"], ["gaps"], ["hubs"], ["export", "x.json"]])
def test_first_use_6_reading_commands_refuse_a_missing_store(tmp_path, verb):
    typo = tmp_path / "typo.db"
    result = run(*verb, "--db", typo, ok=False)
    assert result.exit_code == 1
    assert f"no store at {typo.resolve()}" in result.output
    assert not typo.exists()


# --- 11: output format and width ---------------------------------------------------------

@pytest.fixture
def built_db(tmp_path) -> Path:
    db = tmp_path / "g.db"
    run("build", SAMPLE, "--db", db)
    return db


def test_first_use_11_json_when_piped_table_on_a_terminal(built_db, monkeypatch):
    piped = run("hubs", "--db", built_db).output
    assert json.loads(piped)["hubs"]
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    from app.cli.common import resolve_format

    assert resolve_format(None) == "table" and resolve_format("json") == "json"


def test_first_use_11_tables_stay_inside_100_columns(built_db):
    from app.cli.common import text_width

    for verb in (["partners", "现代纺织"], ["gaps"], ["hubs"], ["indicators"], ["documents"],
                 ["stats"]):
        out = run(*verb, "--db", built_db, "--format", "table").output
        wide = [l for l in out.splitlines() if text_width(l) > 100]
        assert not wide, (verb, wide[:2])
    full = json.loads(run("partners", "现代纺织", "--db", built_db, "--format", "json").output)
    longest = max((r for p in full["partners"] for r in p["reasons"]), key=len)
    table = run("partners", "现代纺织", "--db", built_db, "--format", "table").output
    assert "…" in table and longest not in table  # cut in the table, whole in JSON


# --- 12: messages that say what to do ----------------------------------------------------

def test_first_use_12_load_without_neo4j_settings_names_no_foreign_option(built_db, monkeypatch):
    for var in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD"):
        monkeypatch.delenv(var, raising=False)
    result = run("load", "--db", built_db, ok=False)
    assert result.exit_code == 1 and "NEO4J_URI" in result.output
    assert "--store" not in result.output  # `load` has no such option
    assert "export NEO4J_URI=" in result.output


def test_first_use_12_make_run_prints_the_url_and_the_build_time():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "opens the app" not in readme
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    run_recipe = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "http://localhost:$(PORT)" in run_recipe and "open" in run_recipe
    assert "first build" in readme


# --- 2: the roster merges with the documents ---------------------------------------------

ROSTER_ROWS = ("企业名称,区域,产业\n卧龙电气驱动集团股份有限公司,上虞区,高端装备\n卧龙电气,上虞,电机\n"
               "绍兴测试新材料有限公司,柯桥区,新材料\n")


def test_first_use_2_roster_rows_resolve_like_document_mentions(built_db, tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text(ROSTER_ROWS, encoding="utf-8")
    store = LocalStore(built_db)
    before = {e.id for e in store.entities(kinds=[K.ENTERPRISE])}
    assert entity_id(K.ENTERPRISE, "卧龙电气") in before  # the report names it
    store.close()
    run("import", "roster", roster, "--db", built_db)
    store = LocalStore(built_db)
    firms = {e.name: e for e in store.entities(kinds=[K.ENTERPRISE])}
    assert "卧龙电气驱动集团股份有限公司" not in firms  # the lexicon's full name of 卧龙电气
    assert "卧龙电气驱动集团股份有限公司" in firms["卧龙电气"].aliases
    wolong = entity_id(K.ENTERPRISE, "卧龙电气")
    rels = {(r.kind, r.target_id) for r in store.relations(touching=[wolong])
            if r.source_id == wolong}
    assert {(R.LOCATED_IN, entity_id(K.REGION, "上虞")),
            (R.FOCUSES_ON, entity_id(K.INDUSTRY_CHAIN, "高端装备")),
            (R.FOCUSES_ON, entity_id(K.INDUSTRY_CHAIN, "电机"))} <= rels
    assert [e.name for e in store.entities(kinds=[K.REGION]) if "上虞" in e.name] == ["上虞"]
    assert len(firms) == len(before) + 1  # only the new materials firm is new
    store.close()


def test_first_use_2_company_suffix_and_region_prefix_join_a_stored_firm(local_store, tmp_path):
    from graph.analytics import import_roster
    from tests.graph_factory import doc_graph

    local_store.add_document(doc_graph("news", [(K.ENTERPRISE, "测试新材料"), (K.REGION, "柯桥")]))
    roster = tmp_path / "r.csv"
    roster.write_text("name,region,industry\n绍兴测试新材料有限公司,柯桥区,新材料\n", encoding="utf-8")
    import_roster(local_store, roster)
    assert [e.name for e in local_store.entities(kinds=[K.ENTERPRISE])] == ["测试新材料"]


# --- 3: roster files as planners have them -----------------------------------------------

def test_first_use_3_gbk_csv_with_bad_rows_imports_the_good_ones(tmp_path):
    roster = tmp_path / "excel.csv"
    roster.write_bytes(("企业名称,区域,产业\n甲印染有限公司,柯桥,现代纺织\n乙,丙机械有限公司,新昌,轴承\n"
                        "丁芯片有限公司,越城\n戊轴承有限公司,新昌,轴承,\n").encode("gbk"))
    db = tmp_path / "g.db"
    result = run("import", "roster", roster, "--db", db, ok=False)
    assert result.exit_code == 1 and "imported (2 rows" in result.output
    assert "row 3: 4 cells where the header has 3" in result.output
    assert "row 4: industry is empty" in result.output
    store = LocalStore(db)
    assert sorted(e.name for e in store.entities(kinds=[K.ENTERPRISE])) == ["戊轴承有限公司",
                                                                           "甲印染有限公司"]
    store.close()


def test_first_use_3_xlsx_with_a_title_row_above_the_header(local_store, tmp_path):
    import openpyxl

    from graph.analytics import import_roster

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2024年绍兴市重点企业名录"])
    sheet.append([])
    sheet.append(["序号", "企业名称", "所在地区", "所属产业"])
    sheet.append([1, "甲装备有限公司", "诸暨", "高端装备"])
    sheet.append([2, "乙公司", "诸暨", "高端装备"])
    sheet.append([3, "甲装备有限公司", "越城", "高端装备"])
    book.save(tmp_path / "r.xlsx")
    report = import_roster(local_store, tmp_path / "r.xlsx")
    assert report.rows == 2
    assert report.problems == ("row 6: 甲装备有限公司 is already listed in row 4",)


def test_first_use_3_sample_roster_ships_marked_and_documented():
    from graph.analytics.roster import read_roster_rows

    sample = ROOT / "data" / "roster" / "sample.csv"
    rows, problems = read_roster_rows(sample)
    assert rows and not problems
    assert all("虚构" in r.name for r in rows)  # fictitious, and saying so
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "data/roster/sample.csv" in readme
    for column in ("企业名称", "区域", "产业", "环节", "高新技术企业"):
        assert column in readme.split("data/roster/sample.csv", 1)[1][:2500]


# --- 5: one report in two formats -------------------------------------------------------

def test_first_use_5_same_report_as_txt_and_docx_is_one_document(tmp_path, sample_text):
    import docx

    lines = [l for l in sample_text.splitlines() if l.strip()][:40]
    (tmp_path / "report.txt").write_text("\n".join(lines), encoding="utf-8")
    document = docx.Document()
    for line in lines:
        document.add_paragraph("  " + line.replace("，", ", ") + " ")
    document.save(tmp_path / "report.docx")
    db = tmp_path / "g.db"
    result = run("build", tmp_path / "report.txt", tmp_path / "report.docx", "--db", db)
    assert "1 added" in result.output and "1 duplicates" in result.output
    assert f"duplicate: {tmp_path / 'report.docx'} has the text of {tmp_path / 'report.txt'}" \
        in result.output
    listed = json.loads(run("documents", "--db", db, "--format", "json").output)
    assert len(listed) == 1
    table = run("documents", "--db", db, "--format", "table").output
    assert lines[0].strip()[:20] in table and "report.txt" in table
    assert str(tmp_path) not in table  # the file name, not the absolute path
