"""The `review` verb: the review queue, duplicate suggestions and the history of changes."""
from __future__ import annotations

import click

from app.cli.common import echo_json, echo_table, format_option, store_options
from graph.model import EntityKind
from graph.stores import GraphStore


def _centre(store: GraphStore, name: str | None, kind: EntityKind) -> str | None:
    if not name:
        return None
    hits = [e for e in store.find_entities(name) if e.kind is kind]
    if not hits:
        raise click.ClickException(f"no {kind.value} {name!r} in the store: `innograph stats` "
                                   "shows what it holds")
    return hits[0].id


@click.command()
@click.option("--document", help="Only facts stated in this document (id, path or file name).")
@click.option("--type", "kind", help="Only this entity or relation type (e.g. Institute, LOCATED_IN).")
@click.option("--region", help="Only facts touching this region or what is linked to it.")
@click.option("--chain", help="Only facts touching this industry chain or what is linked to it.")
@click.option("--limit", type=int, default=50, show_default=True, help="Facts to list (0: all).")
@click.option("--all", "include_reviewed", is_flag=True, help="Include facts already reviewed.")
@click.option("--history", is_flag=True, help="Print who changed what when, instead of the queue.")
@format_option(default="table")
@store_options
def review(document, kind, region, chain, limit, include_reviewed, history, fmt,
           store: GraphStore) -> None:
    """The facts worth checking first, and likely duplicate entities.

    Low-confidence facts come first, then facts many views depend on (hubs, chain
    links). Review them in the app's 审核 page; its actions are written to
    data/curation.yaml and applied at every build.

    \b
    Example:
        innograph review --format json --limit 20
        innograph review --region 柯桥 --type LOCATED_IN
        innograph review --history
    """
    from graph.curation.duplicates import duplicate_candidates
    from graph.curation.file import CurationFile
    from graph.curation.queue import all_facts, review_progress, review_queue

    file = CurationFile()
    if history:
        rows = file.history()
        if fmt == "json":
            echo_json(rows)
        else:
            echo_table([{**r, "undone": "已撤销" if r.get("undone") else ""} for r in rows],
                       ["when", "who", "action", "what", "undone"])
        return
    curation = file.load()
    doc_id = store.find_document(document).id if document else None
    facts = all_facts(store, curation)
    queue = review_queue(store, curation, document=doc_id, kind=kind,
                         region=_centre(store, region, EntityKind.REGION),
                         chain=_centre(store, chain, EntityKind.INDUSTRY_CHAIN),
                         include_reviewed=include_reviewed, facts=facts)
    if limit:
        queue = queue[:limit]
    duplicates = duplicate_candidates(store, curation)
    progress = review_progress(facts)
    if fmt == "json":
        echo_json({"facts": [f.to_json() for f in queue],
                   "duplicates": [d.to_json() for d in duplicates],
                   "progress": {"reviewed": progress.reviewed, "total": progress.total}})
        return
    click.echo(f"已审核 {progress.reviewed} / {progress.total}")
    echo_table([{"item": f.item, "type": f.type, "fact": f.label[:40],
                 "confidence": f.confidence, "weight": f.weight,
                 "source": ",".join(f.sources)} for f in queue],
               ["item", "type", "fact", "confidence", "weight", "source"])
    click.echo()
    echo_table([{"a": d.a_name, "b": d.b_name, "score": d.score,
                 "why": "；".join(d.reasons)[:40]} for d in duplicates],
               ["a", "b", "score", "why"])
