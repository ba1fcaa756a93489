"""Options and output helpers shared by the verbs."""
from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path

import click

from graph.errors import InnographError
from graph.settings import DEFAULT_DB, Settings, StoreKind
from graph.stores import open_store

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _store_options(fn: Callable, *, must_exist: bool) -> Callable:
    @click.option("--store", "store_kind", type=click.Choice([k.value for k in StoreKind]),
                  default=None, help="Graph store (default: local, or $INNOGRAPH_STORE).")
    @click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
                  default=None, help="Local store file (default: data/innograph.db).")
    @click.option("--trace", is_flag=True, help="Print every query sent to the store.")
    @functools.wraps(fn)
    def wrapper(*args, store_kind, db_path, trace, **kwargs):
        tracer = (lambda q, p: click.echo(f"-- {q} {p or ''}", err=True)) if trace else None
        settings = Settings.from_env(store=store_kind, db_path=db_path, tracer=tracer)
        if must_exist:
            check_store_exists(settings)
        with errors_as_click():
            store = open_store(settings)
        try:
            with errors_as_click():
                return fn(*args, store=store, **kwargs)
        finally:
            store.close()

    return wrapper


def check_store_exists(settings: Settings) -> None:
    """Refuse a local store file that is not there (a typo in --db would create an empty one)."""
    if settings.store is StoreKind.LOCAL and not settings.db_path.exists():
        raise click.ClickException(
            f"no store at {settings.db_path.resolve()}: check the --db path, or create it with "
            f"`innograph build{'' if settings.db_path == DEFAULT_DB else f' --db {settings.db_path}'}`")


def store_options(fn: Callable) -> Callable:
    """--store / --db / --trace, turned into an open `store` argument; a local store file
    must exist (commands that read)."""
    return _store_options(fn, must_exist=True)


def writing_store_options(fn: Callable) -> Callable:
    """As `store_options`, for the commands that add to a store: a new file is created."""
    return _store_options(fn, must_exist=False)


class errors_as_click:
    """Turn innograph's errors into click's clean one-line failures."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc is not None and isinstance(exc, InnographError):
            raise click.ClickException(str(exc)) from exc
        return False


TABLE_WIDTH = 100  #: columns a table may take on the terminal


def resolve_format(fmt: str | None) -> str:
    """The asked format, else a table on a terminal and JSON when the output is piped."""
    if fmt:
        return fmt
    return "table" if sys.stdout.isatty() else "json"


def format_option(choices: tuple[str, ...] = ("json", "table"), default: str | None = None):
    """--format; without a default, `resolve_format` chooses by where the output goes."""
    if default is not None:
        return click.option("--format", "fmt", type=click.Choice(choices), default=default,
                            show_default=True, help="Output format.")
    return click.option("--format", "fmt", type=click.Choice(choices), default=None,
                        callback=lambda ctx, param, value: resolve_format(value),
                        help="Output format (default: table on a terminal, json when piped).")


def echo_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def text_width(s: str) -> int:
    """Terminal columns of a string (CJK characters take two)."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)


def clip(s: str, width: int) -> str:
    """`s` cut to `width` columns, ending in … when cut."""
    if text_width(s) <= width:
        return s
    out, used = "", 1
    for ch in s:
        w = text_width(ch)
        if used + w > width:
            break
        out, used = out + ch, used + w
    return out + "…"


def echo_table(rows: list[dict], columns: list[str], width: int = TABLE_WIDTH) -> None:
    """A plain aligned table within `width` columns: the widest columns are cut with …
    (the JSON output keeps the full text)."""
    cells = [[str(r.get(c, "")).replace("\n", " ") for c in columns] for r in rows]
    widths = [max([text_width(c)] + [text_width(row[i]) for row in cells])
              for i, c in enumerate(columns)]
    gaps = 2 * (len(columns) - 1)
    while sum(widths) + gaps > width:
        i = max(range(len(widths)), key=lambda k: widths[k])
        if widths[i] <= 8:
            break
        widths[i] -= 1

    def line(values):
        clipped = [clip(v, w) for v, w in zip(values, widths)]
        return "  ".join(v + " " * (w - text_width(v)) for v, w in zip(clipped, widths)).rstrip()
    click.echo(line(columns))
    click.echo(line(["-" * w for w in widths]))
    for row in cells:
        click.echo(line(row))


def region_option(fn: Callable) -> Callable:
    """--region NAME: only what lies in this city, district or province."""
    return click.option("--region", default=None, metavar="NAME",
                        help="Only this region and the places inside it (e.g. 绍兴, 上虞).")(fn)
