"""The `innograph` command: one group, verbs in one module per verb group."""
from __future__ import annotations

import click

from app.cli.analysis import COMMANDS as ANALYSIS_COMMANDS
from app.cli.brief import brief
from app.cli.common import CONTEXT_SETTINGS
from app.cli.documents import build, curate, documents, extract, remove, stats
from app.cli.exchange import COMMANDS as EXCHANGE_COMMANDS
from app.cli.review import review
from app.cli.serve import app


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="innograph")
def cli() -> None:
    """innograph: turn innovation-ecosystem documents into a knowledge graph.

    \b
    Example:
        innograph build data/docs      # ingest documents into the local store
        innograph stats                # what the store holds
        innograph app                  # explore it in the browser
    """


for command in (extract, build, curate, remove, documents, stats, review, brief, app):
    cli.add_command(command)
for command in ANALYSIS_COMMANDS:  # gaps, partners, path, hubs, indicators, import
    cli.add_command(command)
for command in EXCHANGE_COMMANDS:  # export, load
    cli.add_command(command)


def main() -> None:
    cli(prog_name="innograph")
