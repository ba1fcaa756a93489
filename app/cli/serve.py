"""The `app` verb: serve the Streamlit app on the chosen store."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click

from graph.settings import StoreKind

APP_FILE = Path(__file__).resolve().parent.parent / "streamlit_app.py"


@click.command()
@click.option("--port", type=int, default=8501, show_default=True, help="Port to serve on.")
@click.option("--store", "store_kind", type=click.Choice([k.value for k in StoreKind]),
              default=None, help="Graph store (default: local, or $INNOGRAPH_STORE).")
@click.option("--db", "db_path", type=click.Path(dir_okay=False), default=None,
              help="Local store file (default: data/innograph.db).")
@click.option("--address", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 inside a container).")
def app(port: int, store_kind: str | None, db_path: str | None, address: str) -> None:
    """Start the Streamlit app (headless) on the chosen store.

    \b
    Example:
        innograph app --port 8502
        NEO4J_URI=bolt://localhost:7687 innograph app --store neo4j
    """
    env = dict(os.environ)
    env["INNOGRAPH_APP_ADDRESS"] = address  # the 审核 page asks for a password off loopback
    if store_kind:
        env["INNOGRAPH_STORE"] = store_kind
    if db_path:
        env["INNOGRAPH_DB"] = str(Path(db_path).resolve())
    cmd = [sys.executable, "-m", "streamlit", "run", str(APP_FILE),
           "--server.headless", "true", "--server.port", str(port),
           "--server.address", address, "--browser.gatherUsageStats", "false",
           "--client.toolbarMode", "viewer"]
    click.echo(f"innograph app on http://{address}:{port}  (Ctrl+C stops it)", err=True)
    if os.name == "posix":
        # become Streamlit, so stopping `innograph app` (Ctrl+C, SIGTERM) stops the server
        # too instead of leaving it orphaned on the port
        sys.stdout.flush()
        sys.stderr.flush()
        os.execve(sys.executable, cmd, env)
    raise SystemExit(subprocess.call(cmd, env=env))
