"""Verbs that analyse the graph: gaps, partners, path, hubs, indicators, import roster.

Each one parses its arguments, calls one function of `graph.analytics`, and renders it.
"""
from __future__ import annotations

from pathlib import Path

import click

from app.cli.common import (CONTEXT_SETTINGS, echo_json, echo_table, format_option, region_option,
                            store_options, writing_store_options)
from graph.stores import GraphStore
from graph.views.search import resolve_name



@click.command()
@click.option("--chain", default=None, help="Only this chain (id or Chinese name).")
@format_option(choices=("json", "table"))
@region_option
@store_options
def gaps(chain: str | None, fmt: str, region: str | None, store: GraphStore) -> None:
    """Industry chains: who serves them, where research support is missing.

    Lists each chain the documents touch (or the one asked for) with its coverage
    score, the actors by capability, and the gaps with their reasons.

    \b
    Example:
        innograph gaps
        innograph gaps --chain 现代纺织 --format json
        innograph gaps --region 绍兴 --format json   # only 绍兴's actors; who could fill each gap
    """
    from graph.analytics import chain_gaps
    from graph.views.region import region_gap_reports

    try:
        reports = region_gap_reports(store, region, chain) if region else \
            chain_gaps(store, chain=chain)
    except KeyError as exc:
        raise click.ClickException(str(exc.args[0])) from None
    if fmt == "json":
        echo_json([r.to_dict() for r in reports])
        return
    rows = []
    for r in reports:
        chain_gaps_ = [g.reason for g in r.gaps if g.segment is None]
        empty = [s.name for s in r.segments if not any(s.actors.values())]
        row = {"chain": r.chain, "name": r.name, "coverage": f"{r.coverage:.2f}",
               "actors": len({a for ids in r.actors.values() for a in ids}),
               "gaps": "；".join(chain_gaps_) or "-",
               "empty segments": "、".join(empty) or "-"}
        if region:
            from graph.analytics.gaps import gap_key

            row["nearest outside"] = "；".join(dict.fromkeys(
                f"{c.name}（{c.place or '?'}）" for g in r.gaps
                for c in r.candidates.get(gap_key(g), ())[:1])) or "-"
        rows.append(row)
    # the counts by capability are in --format json; the table stays inside 100 columns
    echo_table(rows, ["chain", "name", "coverage", "actors", "gaps", "empty segments",
                      *(["nearest outside"] if region else [])])


@click.command()
@click.argument("name")
@click.option("--top", type=int, default=10, show_default=True, help="How many suggestions.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the reasons.")
@format_option(choices=("json", "table"))
@region_option
@store_options
def partners(name: str, top: int, lang: str, fmt: str, region: str | None,
             store: GraphStore) -> None:
    """Suggest research partners for an enterprise, a chain or a region.

    NAME is matched by name or alias. Candidates are research actors (universities,
    institutes, labs, platforms) serving the same chain; the score (0–100) is the sum
    of chain fit, proximity and evidence, shown as parts. Partners that already exist
    are listed apart. --region measures proximity from that region.

    \b
    Example:
        innograph partners 上虞
        innograph partners 三花智控 --top 5 --format json
        innograph partners 集成电路 --region 绍兴 --lang en
    """
    from graph.views.region import partner_plan

    if top < 1:
        raise click.ClickException(f"--top must be at least 1, not {top}")
    source = resolve_name(store, name)
    plan = partner_plan(store, source.id, region, top=top)
    if fmt == "json":
        echo_json(plan.to_dict(lang))
        return
    zh = lang == "zh"
    if not plan.suggestions:
        click.echo(f"无法为{source.name}推荐新的科研合作伙伴：没有服务其产业链的科研主体"
                   if zh else f"no new research partner can be suggested for {source.name}: "
                   "no research actor serves its chains")
    else:
        click.echo(f"{source.name} 的科研合作伙伴建议（得分 = 产业链匹配 + 距离 + 证据）："
                   if zh else f"research partners for {source.name} "
                   "(score = chain fit + proximity + evidence):")
        _partner_table(plan.suggestions, lang)
    if plan.existing:
        click.echo("\n已有伙伴：" if zh else "\nexisting partners:")
        _partner_table(plan.existing, lang)


def _partner_table(partners, lang: str) -> None:
    echo_table([{"rank": i, "partner": p.name, "kind": p.kind, "score": p.score,
                 "parts": "+".join(str(v) for v in p.parts.values()),
                 "reasons": ("；" if lang == "zh" else "; ").join(r.text(lang) for r in p.reasons)}
                for i, p in enumerate(partners, 1)],
               ["rank", "partner", "kind", "score", "parts", "reasons"])


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
@region_option
@store_options
def hubs(top: int, fmt: str, region: str | None, store: GraphStore) -> None:
    """The best-connected entities (degree) and the brokers between others (betweenness).

    \b
    Example:
        innograph hubs --top 5
        innograph hubs --region 绍兴
    """
    from graph.analytics import brokers, hubs as hubs_
    from graph.views.region import region_graph

    graph = region_graph(store, region) if region else store.to_networkx()
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
@region_option
@store_options
def indicators(fmt: str, region: str | None, store: GraphStore) -> None:
    """Plan versus result: each indicator's actual and target side by side.

    \b
    Example:
        innograph indicators --format json
        innograph indicators --region 绍兴
    """
    from graph.analytics import indicator_table
    from graph.views.region import region_indicators

    rows = indicator_table(region_indicators(store, region))
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
