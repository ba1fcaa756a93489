"""Verbs that analyse the graph: gaps, partners, path, hubs, indicators, import roster.

Each one parses its arguments, calls one function of `graph.analytics`, and renders it.
"""
from __future__ import annotations

from pathlib import Path

import click

from app.cli.common import (CONTEXT_SETTINGS, echo_json, echo_table, format_option, store_options,
                            writing_store_options)
from graph.stores import GraphStore
from graph.views.search import resolve_name



@click.command()
@click.option("--chain", default=None, help="Only this chain (id or Chinese name).")
@format_option(choices=("json", "table"))
@store_options
def gaps(chain: str | None, fmt: str, store: GraphStore) -> None:
    """Industry chains: who serves them, where research support is missing.

    Lists each chain the documents touch (or the one asked for) with its coverage
    score, the actors by capability, and the gaps with their reasons.

    \b
    Example:
        innograph gaps
        innograph gaps --chain 现代纺织 --format json
    """
    from graph.analytics import chain_gaps

    try:
        reports = chain_gaps(store, chain=chain)
    except KeyError as exc:
        raise click.ClickException(str(exc.args[0])) from None
    if fmt == "json":
        echo_json([r.to_dict() for r in reports])
        return
    rows = []
    for r in reports:
        chain_gaps_ = [g.reason for g in r.gaps if g.segment is None]
        empty = [s.name for s in r.segments if not any(s.actors.values())]
        rows.append({"chain": r.chain, "name": r.name, "coverage": f"{r.coverage:.2f}",
                     "actors": len({a for ids in r.actors.values() for a in ids}),
                     "gaps": "；".join(chain_gaps_) or "-",
                     "empty segments": "、".join(empty) or "-"})
    # the counts by capability are in --format json; the table stays inside 100 columns
    echo_table(rows, ["chain", "name", "coverage", "actors", "gaps", "empty segments"])


@click.command()
@click.argument("name")
@click.option("--top", type=int, default=10, show_default=True, help="How many suggestions.")
@format_option(choices=("json", "table"))
@store_options
def partners(name: str, top: int, fmt: str, store: GraphStore) -> None:
    """Suggest research partners for an enterprise, a chain, a region or any actor.

    NAME is matched by name or alias. Suggestions are ranked by a resource-allocation
    score over shared chains, places and neighbours, each with its reasons.

    \b
    Example:
        innograph partners 集成电路
        innograph partners 三花智控 --top 5 --format json
    """
    from graph.views.chains import partner_candidates

    source = resolve_name(store, name)
    found = partner_candidates(store, source.id, top=top)
    if fmt == "json":
        echo_json({"source": {"id": source.id, "name": source.name},
                   "partners": [s.__dict__ | {"reasons": list(map(str, s.reasons))}
                                for s in found]})
        return
    if not found:
        click.echo(f"no research partner can be suggested for {source.name} "
                   f"({source.kind.value}): it shares no chain, place or neighbour with one")
        return
    click.echo(f"research partners for {source.name} ({source.kind.value}):")
    echo_table([{"rank": i, "partner": s.name, "kind": s.kind, "score": f"{s.score:.3f}",
                 "reasons": "; ".join(map(str, s.reasons))} for i, s in enumerate(found, 1)],
               ["rank", "partner", "kind", "score", "reasons"])


@click.command()
@click.argument("a")
@click.argument("b")
@click.option("--limit", type=int, default=3, show_default=True, help="How many paths.")
@format_option(choices=("json", "table"))
@store_options
def path(a: str, b: str, limit: int, fmt: str, store: GraphStore) -> None:
    """The shortest link paths between two entities, with the relations along them.

    \b
    Example:
        innograph path 浙江大学 绍兴
    """
    from graph.views.chains import path_between

    ea, eb = resolve_name(store, a), resolve_name(store, b)
    view = path_between(store, ea.id, eb.id, limit=limit)
    found, names = view.paths, view.names
    if fmt == "json":
        echo_json([{"nodes": [{"id": n, "name": names.get(n, n)} for n in p.nodes],
                    "steps": [s.__dict__ for s in p.steps]} for p in found])
        return
    if not found:
        click.echo(f"{ea.name} and {eb.name} are not connected")
    for p in found:
        click.echo(f"{len(p.steps)} step(s): {p.render(names)}")


@click.command()
@click.option("--top", type=int, default=10, show_default=True, help="How many of each.")
@format_option(choices=("json", "table"))
@store_options
def hubs(top: int, fmt: str, store: GraphStore) -> None:
    """The best-connected entities (degree) and the brokers between others (betweenness).

    \b
    Example:
        innograph hubs --top 5
    """
    from graph.analytics import brokers, hubs as hubs_

    graph = store.to_networkx()
    result = {"hubs": hubs_(graph, top=top), "brokers": brokers(graph, top=top)}
    if fmt == "json":
        echo_json({k: [r.__dict__ for r in v] for k, v in result.items()})
        return
    for title, ranked in result.items():
        click.echo(f"{title}:")
        echo_table([r.__dict__ for r in ranked], ["name", "kind", "score"])
        click.echo()


@click.command()
@format_option(choices=("json", "table"))
@store_options
def indicators(fmt: str, store: GraphStore) -> None:
    """Plan versus result: each indicator's actual and target side by side.

    \b
    Example:
        innograph indicators --format json
    """
    from graph.analytics import indicator_table

    rows = indicator_table(store.indicators())
    if fmt == "json":
        echo_json([r.__dict__ | {"evidence": list(r.evidence), "progress": r.progress}
                   for r in rows])
        return
    echo_table([{"indicator": r.indicator if len(r.indicator) <= 24 else r.indicator[:23] + "…",
                 "unit": r.unit, "region": r.region,
                 "actual": "" if r.actual is None else r.actual,
                 "actual period": r.actual_period or "",
                 "target": "" if r.target is None else r.target,
                 "target period": r.target_period or ""} for r in rows],
               ["indicator", "unit", "region", "actual", "actual period", "target",
                "target period"])


@click.group("import", context_settings=CONTEXT_SETTINGS)
def import_() -> None:
    """Import planners' own data into the store.

    \b
    Example:
        innograph import roster enterprises.xlsx
    """


@import_.command()
@click.argument("file", type=click.Path(path_type=Path))
@writing_store_options
def roster(file: Path, store: GraphStore) -> None:
    """Import a CSV or XLSX roster of enterprises (name, region, industry[, segment,
    high_tech]; Chinese headers 企业名称, 区域, 产业, 环节, 高新技术企业 work too).

    CSV may be UTF-8 or GBK (Excel's export); title rows above the header are skipped.
    A bad row (a missing cell, a stray comma) is left out and named with its line
    number, and the exit status is 1; the other rows are imported. Names are resolved
    as in documents (卧龙电气驱动集团股份有限公司 joins 卧龙电气). Importing the same
    file again changes nothing.

    \b
    Example:
        innograph import roster data/roster/sample.csv
    """
    from graph.analytics import import_roster

    report = import_roster(store, file)
    state = "imported" if report.added else "already imported, nothing changed"
    click.echo(f"{file}: {state} ({report.rows} rows, {report.enterprises} enterprises, "
               f"document {report.doc_id})")
    if report.problems:
        click.echo(f"{file}: {len(report.problems)} row(s) left out:", err=True)
        for problem in report.problems:
            click.echo(f"  {problem}", err=True)
        raise SystemExit(1)


COMMANDS = (gaps, partners, path, hubs, indicators, import_)
