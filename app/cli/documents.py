"""Verbs about documents: extract one, build the store from many, list, remove, count."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from app.cli.common import (echo_json, echo_table, errors_as_click, format_option,
                            region_option, store_options, writing_store_options, TABLE_WIDTH)
from graph.stores import GraphStore

DEFAULT_DOCS = Path("data") / "docs"


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write one FILE-STEM.json per document into this folder instead of printing.")
@format_option()
def extract(files: tuple[Path, ...], out_dir: Path | None, fmt: str) -> None:
    """Print what a document yields, without touching any store.

    \b
    Example:
        innograph extract data/docs/shaoxing_2020_report.txt --format table
        innograph extract docs/*.txt --out predictions/
    """
    if out_dir is not None:
        _extract_to_folder(files, out_dir)
        return
    if len(files) > 1:
        raise click.UsageError("one FILE prints to the terminal; for several, add --out FOLDER")
    with errors_as_click():
        result = _extract_with_progress(files[0]).to_json()
    if fmt == "json":
        echo_json(result)
        return
    echo_table([{"type": e["type"], "name": e["name"], "aliases": "、".join(e["aliases"]),
                 "level": e.get("level", "")} for e in result["entities"]],
               ["type", "name", "aliases", "level"])
    click.echo()
    echo_table(result["relations"], ["head", "type", "tail", "confidence"])
    click.echo()
    echo_table(result["indicators"], ["indicator", "value", "unit", "period", "kind"])


def _extract_with_progress(file: Path):
    """Extract one file; a long one shows how far into it extraction is (on stderr)."""
    from extract import extract_text, read_document
    from extract.chunks import CHUNK_CHARS

    text = read_document(file)
    if len(text) <= 2 * CHUNK_CHARS:
        return extract_text(text)
    with click.progressbar(length=len(text), label=f"抽取 {file.name}", file=sys.stderr,
                           show_eta=True) as bar:
        return extract_text(text, progress=lambda done, total: bar.update(done - bar.pos))


def _extract_to_folder(files: tuple[Path, ...], out_dir: Path) -> None:
    """Extract each file into OUT/<stem>.json; a bad file is named and skipped."""
    import json

    from extract.errors import InnographError

    out_dir.mkdir(parents=True, exist_ok=True)
    failed = 0
    for file in files:
        try:
            result = _extract_with_progress(file).to_json()
        except InnographError as err:
            failed += 1
            click.echo(f"{file}: {err}", err=True)
            continue
        (out_dir / f"{file.stem}.json").write_text(
            json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    if failed:
        raise SystemExit(1)

@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--workers", type=int, default=None,
              help="Extraction processes (default: one per core).")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="Where extraction runs: local processes, or a Dask "
              "cluster (needs --scheduler); the store is written from here either way.")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="The Dask scheduler for --executor dask.")
@writing_store_options
def build(paths: tuple[Path, ...], workers: int | None, executor: str, scheduler: str | None,
          store: GraphStore) -> None:
    """Ingest files or folders (default data/docs/) into the store.

    Every file is tried: one that cannot be read (missing, empty, binary, an unknown
    encoding, too large, a parse error) is named with its reason at the end and in
    `innograph documents --failed`, and the exit status is 1. Documents already in the
    store (same content) are skipped, so running it again -- also after an interrupted
    build -- extracts only what is missing.

    \b
    Example:
        innograph build                       # everything under data/docs/
        innograph build reports/2021 plan.pdf --store neo4j
        innograph build archive/ --executor dask --scheduler tcp://10.0.0.5:8786
    """
    from graph.curation.file import load_curation
    from graph.ingest import build as build_graph, find_documents

    load_curation()  # a malformed curation.yaml stops the build before anything is read
    if executor == "dask" and not scheduler:
        raise click.UsageError("--executor dask needs --scheduler tcp://HOST:PORT "
                               "(the address `dask scheduler` prints)")
    extractor = None
    if executor == "dask":
        from graph.distributed import dask_extractor
        extractor = dask_extractor(scheduler)

    paths = paths or (DEFAULT_DOCS,)
    files = find_documents(paths)
    if not files:
        raise click.ClickException(f"no documents found in {', '.join(map(str, paths))}: "
                                   "innograph reads .txt .md .html .docx .pdf files")
    from app.cli.progress import BuildProgress

    sizes = {str(f): f.stat().st_size if f.is_file() else 0 for f in files}
    bar = BuildProgress(len(files), sum(sizes.values()))
    try:
        report = build_graph(store, files, workers=workers, extractor=extractor,
                             progress=lambda s: bar.step(s.chars, sizes.get(s.path, 0)))
    finally:
        bar.finish()
    click.echo(f"documents: {len(report.added)} added, {len(report.unchanged)} unchanged, "
               f"{len(report.duplicates)} duplicates, {len(report.failed)} failed "
               f"({report.chars:,} characters read)")
    _print_counts(store)
    from graph.curation.file import unknown_names

    for problem in unknown_names(store):  # a typo in curation.yaml changes nothing: say so
        click.echo(f"warning: {problem}", err=True)
    for path, twin in report.duplicates:
        click.echo(f"duplicate: {path} has the text of {twin}, already stored; not added again",
                   err=True)
    if report.failed:
        click.echo(f"failed ({len(report.failed)}; listed again by "
                   "`innograph documents --failed`):", err=True)
        for _, message in report.failed:
            click.echo(f"  {message}", err=True)
        raise SystemExit(1)


@click.command()
@store_options
def curate(store: GraphStore) -> None:
    """Apply data/curation.yaml to the documents already in the store.

    Builds apply the curation file as they go; run this after editing it, so that the
    merges, renames, retypes and drops reach what was built before.

    \b
    Example:
        innograph curate
    """
    from graph.curation.file import load_curation, unknown_names
    from graph.curation.reapply import reapply_curation

    load_curation()  # a malformed file stops here, before the store changes
    problems = unknown_names(store)
    if problems:
        raise click.ClickException(problems[0] + (f" (and {len(problems) - 1} more)"
                                                   if len(problems) > 1 else ""))
    docs = store.documents()
    with click.progressbar(length=len(docs), label="Re-applying", file=sys.stderr) as bar:
        count = reapply_curation(store, progress=lambda _: bar.update(1))
    click.echo(f"curation applied to {count} documents")
    _print_counts(store)


@click.command()
@click.argument("document")
@store_options
def remove(document: str, store: GraphStore) -> None:
    """Retract a document: what only it supported goes, the rest stays.

    DOCUMENT is its id, its path as built, or its file name.

    \b
    Example:
        innograph remove shaoxing_2020_report.txt
    """
    doc = store.find_document(document)
    removal = store.remove_document(doc.id)
    click.echo(f"removed {doc.path}: {removal.entities} entities and {removal.relations} "
               "relations no other document supports")


@click.command()
@click.option("--failed", is_flag=True,
              help="The files builds could not ingest, with the reason, instead.")
@format_option()
@store_options
def documents(failed: bool, fmt: str, store: GraphStore) -> None:
    """List the documents in the store (title, file, size), or the files that failed.

    \b
    Example:
        innograph documents
        innograph documents --failed --format json
    """
    if failed:
        rows = [f.__dict__ for f in store.build_failures()]
        if fmt == "json":
            echo_json(rows)
        elif not rows:
            click.echo("no failed files: every file of the last builds was ingested")
        else:
            echo_table(rows, ["path", "reason", "at"])
        return
    docs = store.documents()
    if fmt == "json":
        echo_json([{"id": d.id, "title": d.title, "file": Path(d.path).name, "path": d.path,
                    "chars": d.chars, "added": d.added_at} for d in docs])
        return
    echo_table([{"id": d.id[:8], "title": d.title, "file": Path(d.path).name, "chars": d.chars,
                 "added": d.added_at.replace("T", " ")[:16]} for d in docs],
               ["id", "title", "file", "chars", "added"])


@click.command()
@format_option()
@region_option
@store_options
def stats(fmt: str, region: str | None, store: GraphStore) -> None:
    """Print the store's contents by type (with --region, what lies in that region).

    \b
    Example:
        innograph stats --format json
        innograph stats --region 绍兴
    """
    if region:
        from graph.views.region import region_counts

        counts = region_counts(store, region)
        if fmt == "json":
            echo_json(counts)
        else:
            click.echo(f"{counts['region']}: " + ", ".join(
                f"{k} {v}" for k, v in counts["entities"].items()))
        return
    if fmt == "json":
        echo_json(store.counts())
    else:
        _print_counts(store)


def _print_counts(store: GraphStore) -> None:
    import textwrap

    counts = store.counts()
    for key in ("totals", "entities", "relations"):
        line = f"{key}: " + (", ".join(f"{k} {v}" for k, v in counts[key].items()) or "none")
        click.echo(textwrap.fill(line, width=TABLE_WIDTH, subsequent_indent="  "))
