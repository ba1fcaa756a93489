"""Options and output helpers shared by the verbs."""
from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path

import click

from graph.errors import InnographError
from graph.settings import Settings, StoreKind
from graph.stores import open_store

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def store_options(fn: Callable) -> Callable:
    """--store / --db / --trace, turned into an open `store` argument."""

    @click.option("--store", "store_kind", type=click.Choice([k.value for k in StoreKind]),
                  default=None, help="Graph store (default: local, or $INNOGRAPH_STORE).")
    @click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
                  default=None, help="Local store file (default: data/innograph.db).")
    @click.option("--trace", is_flag=True, help="Print every query sent to the store.")
    @functools.wraps(fn)
    def wrapper(*args, store_kind, db_path, trace, **kwargs):
        tracer = (lambda q, p: click.echo(f"-- {q} {p or ''}", err=True)) if trace else None
        settings = Settings.from_env(store=store_kind, db_path=db_path, tracer=tracer)
        with errors_as_click():
            store = open_store(settings)
        try:
            with errors_as_click():
                return fn(*args, store=store, **kwargs)
        finally:
            store.close()

    return wrapper


class errors_as_click:
    """Turn innograph's errors into click's clean one-line failures."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc is not None and isinstance(exc, InnographError):
            raise click.ClickException(str(exc)) from exc
        return False


def format_option(choices: tuple[str, ...] = ("json", "table"), default: str = "json"):
    return click.option("--format", "fmt", type=click.Choice(choices), default=default,
                        show_default=True, help="Output format.")


def echo_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def echo_table(rows: list[dict], columns: list[str]) -> None:
    """A plain aligned table (width counts CJK characters as two columns)."""
    def width(s: str) -> int:
        return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)

    cells = [[str(r.get(c, "")) for c in columns] for r in rows]
    widths = [max([width(c)] + [width(row[i]) for row in cells]) for i, c in enumerate(columns)]
    def line(values):
        return "  ".join(v + " " * (w - width(v)) for v, w in zip(values, widths)).rstrip()
    click.echo(line(columns))
    click.echo(line(["-" * w for w in widths]))
    for row in cells:
        click.echo(line(row))


def region_option(fn: Callable) -> Callable:
    """--region NAME: only what lies in this city, district or province."""
    return click.option("--region", default=None, metavar="NAME",
                        help="Only this region and the places inside it (e.g. 绍兴, 上虞).")(fn)
