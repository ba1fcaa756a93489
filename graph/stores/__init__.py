"""The graph stores: one interface (`base`), two implementations (`local`, `neo4j`), and the
factory that opens the one the settings choose."""
from __future__ import annotations

from graph.errors import StoreUnavailable
from graph.settings import Settings, StoreKind
from graph.stores.base import BuildFailure, GraphStore, Removal, build_networkx

__all__ = ["BuildFailure", "GraphStore", "Removal", "build_networkx", "open_store"]


def open_store(settings: Settings | None = None, *,
               otherwise: str = "or use --store local") -> GraphStore:
    """Open the store the settings choose; the Neo4j driver is imported only when needed.

    `otherwise` ends the message when settings are missing: the other way out, as the
    caller offers it (empty when there is none).
    """
    settings = settings or Settings.from_env()
    missing = settings.missing()
    if missing:
        example = "export NEO4J_URI=bolt://localhost:7687 NEO4J_USER=neo4j NEO4J_PASSWORD=…"
        raise StoreUnavailable(
            f"the {settings.store} store needs {', '.join(missing)}: set them (`{example}`; "
            f"docker compose sets them for the app)" + (f" {otherwise}" if otherwise else ""))
    if settings.store is StoreKind.LOCAL:
        from graph.stores.local import LocalStore
        return LocalStore(settings.db_path, tracer=settings.tracer)
    if settings.store is StoreKind.NEO4J:
        from graph.stores.neo4j import Neo4jStore
        return Neo4jStore.from_settings(settings)
    raise StoreUnavailable(f"unknown store {settings.store!r}: choose one of "
                           + ", ".join(k.value for k in StoreKind))
