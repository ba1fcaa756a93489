"""Verbs that move the graph out: export it to files, load it into another store."""
from __future__ import annotations

from pathlib import Path

import click

from app.cli.common import errors_as_click, format_option, store_options
from graph.settings import Settings, StoreKind
from graph.stores import GraphStore, open_store


@click.command()
@click.argument("out", type=click.Path(path_type=Path))
@format_option(choices=("graphml", "gexf", "json", "csv"), default="json")
@store_options
def export(out: Path, fmt: str, store: GraphStore) -> None:
    """Write the graph to OUT as GraphML, GEXF, node-link JSON or neo4j-admin CSV.

    GraphML opens in yEd and Gephi, GEXF in Gephi; list attributes (aliases) are
    joined with "|". For csv, OUT is a folder that receives entities.csv and
    relations.csv for `neo4j-admin database import full`.

    \b
    Example:
        innograph export --format graphml graph.graphml
        innograph export --format csv import/ --store neo4j
    """
    from graph.export import export_graph

    files = export_graph(store, fmt, out)
    for f in files:
        click.echo(str(f))
    if fmt == "csv":
        nodes, rels = files
        click.echo(f"import with: neo4j-admin database import full --nodes={nodes} "
                   f"--relationships={rels} neo4j", err=True)


@click.command()
@click.option("--to", "target_kind", type=click.Choice([StoreKind.NEO4J.value]),
              default=StoreKind.NEO4J.value, show_default=True, help="Store to copy into.")
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Local store to copy from (default: data/innograph.db).")
@click.option("--trace", is_flag=True, help="Print every query sent to the target store.")
def load(target_kind: str, db_path: Path | None, trace: bool) -> None:
    """Copy the local store into Neo4j; documents already there are skipped.

    The target is read from NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD (and
    NEO4J_DATABASE); running it twice copies nothing the second time.

    \b
    Example:
        docker compose up -d neo4j
        NEO4J_URI=bolt://localhost:7687 NEO4J_USER=neo4j NEO4J_PASSWORD=innograph-dev \\
            innograph load --to neo4j
    """
    from graph.export import copy_store

    tracer = (lambda q, p: click.echo(f"-- {q} {p or ''}", err=True)) if trace else None
    source_settings = Settings.from_env(store=StoreKind.LOCAL, db_path=db_path)
    if not source_settings.db_path.exists():
        raise click.ClickException(f"no local store at {source_settings.db_path}: run "
                                   "`innograph build` first, or pass --db")
    with errors_as_click():
        source = open_store(source_settings)
        try:
            target = open_store(Settings.from_env(store=target_kind, tracer=tracer), otherwise="")
        except BaseException:
            source.close()
            raise
    try:
        with errors_as_click():
            present = {d.id for d in target.documents()}
            total = sum(1 for d in source.documents() if d.id not in present)
            with click.progressbar(length=total, label="Copying",
                                   file=click.get_text_stream("stderr")) as bar:
                report = copy_store(source, target, progress=lambda _: bar.update(1))
    finally:
        source.close()
        target.close()
    click.echo(f"documents: {len(report.copied)} copied, {len(report.skipped)} already in "
               f"{target_kind}")


COMMANDS = (export, load)
