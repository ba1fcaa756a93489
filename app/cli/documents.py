"""Verbs about documents: extract one, build the store from many, list, remove, count."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from app.cli.common import echo_json, echo_table, errors_as_click, format_option, store_options
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
    from extract import extract_file

    if out_dir is not None:
        _extract_to_folder(files, out_dir)
        return
    if len(files) > 1:
        raise click.UsageError("one FILE prints to the terminal; for several, add --out FOLDER")
    with errors_as_click():
        result = extract_file(files[0]).to_json()
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


def _extract_to_folder(files: tuple[Path, ...], out_dir: Path) -> None:
    """Extract each file into OUT/<stem>.json; a bad file is named and skipped."""
    import json

    from extract import extract_file
    from extract.errors import InnographError

    out_dir.mkdir(parents=True, exist_ok=True)
    failed = 0
    for file in files:
        try:
            result = extract_file(file).to_json()
        except InnographError as err:
            failed += 1
            click.echo(f"{file}: {err}", err=True)
            continue
        (out_dir / f"{file.stem}.json").write_text(
            json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    if failed:
        raise SystemExit(1)

@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--workers", type=int, default=None,
              help="Extraction processes (default: one per core).")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="Where extraction runs: local processes, or a Dask "
              "cluster (needs --scheduler); the store is written from here either way.")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="The Dask scheduler for --executor dask.")
@store_options
def build(paths: tuple[Path, ...], workers: int | None, executor: str, scheduler: str | None,
          store: GraphStore) -> None:
    """Ingest files or folders (default data/docs/) into the store.

    Documents already in the store (same content) are skipped, so running it again
    changes nothing.

    \b
    Example:
        innograph build                       # everything under data/docs/
        innograph build reports/2021 plan.pdf --store neo4j
        innograph build archive/ --executor dask --scheduler tcp://10.0.0.5:8786
    """
    from graph.ingest import build as build_graph, find_documents

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
    with click.progressbar(length=len(files), label="Extracting", file=sys.stderr) as bar:
        report = build_graph(store, files, workers=workers, extractor=extractor,
                             progress=lambda _: bar.update(1))
    for path, message in report.failed:
        click.echo(f"skipped: {message}", err=True)
    click.echo(f"documents: {len(report.added)} added, {len(report.unchanged)} unchanged, "
               f"{len(report.failed)} failed")
    _print_counts(store)
    if report.failed and not report.added and not report.unchanged:
        raise click.ClickException("no document could be read; see the messages above")


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
    from graph.ingest import reapply_curation

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
@format_option(default="table")
@store_options
def documents(fmt: str, store: GraphStore) -> None:
    """List the documents in the store.

    \b
    Example:
        innograph documents --format json
    """
    rows = [{"id": d.id, "path": d.path, "title": d.title, "chars": d.chars, "added": d.added_at}
            for d in store.documents()]
    echo_json(rows) if fmt == "json" else echo_table(rows, ["id", "path", "chars", "added"])


@click.command()
@format_option(default="table")
@store_options
def stats(fmt: str, store: GraphStore) -> None:
    """Print the store's contents by type.

    \b
    Example:
        innograph stats --format json
    """
    if fmt == "json":
        echo_json(store.counts())
    else:
        _print_counts(store)


def _print_counts(store: GraphStore) -> None:
    counts = store.counts()
    click.echo("totals: " + ", ".join(f"{k} {v}" for k, v in counts["totals"].items()))
    click.echo("entities: " + (", ".join(f"{k} {v}" for k, v in counts["entities"].items()) or "none"))
    click.echo("relations: " + (", ".join(f"{k} {v}" for k, v in counts["relations"].items()) or "none"))
