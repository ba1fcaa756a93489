"""Extraction on a Dask cluster (`dask.distributed`): `innograph build --executor dask`.

Each document is extracted on a worker; the results come back to the client in input
order, a bounded number in flight, and the client writes them to the store as the local
build does, so the store is the same whichever executor extracted. Workers need
innograph installed (the same version as the client).
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from pathlib import Path

from graph.errors import StoreUnavailable

#: documents in flight per worker thread: enough to keep workers busy, few enough that
#: the client never holds more than a handful of extractions
IN_FLIGHT_PER_THREAD = 4


def dask_extractor(scheduler: str | None = None, client=None):
    """A function mapping a list of paths to (path, text, extraction, error) tuples on the
    cluster at `scheduler` (tcp://HOST:PORT), or through an existing `client`."""
    try:
        from distributed import Client
    except ImportError:  # pragma: no cover - an install without the extra
        raise StoreUnavailable("--executor dask needs dask.distributed: "
                               "pip install 'distributed>=2024.1'") from None

    def extract(paths: list[Path]) -> Iterator[tuple]:
        from graph.ingest import _extract_one

        own = client is None
        try:
            c = Client(scheduler, set_as_default=False) if own else client
        except OSError as exc:
            raise StoreUnavailable(f"no Dask scheduler at {scheduler}: {exc}; start one with "
                                   "`dask scheduler` and `dask worker ADDRESS`, or build "
                                   "without --executor dask") from exc
        try:
            threads = max(sum(c.nthreads().values()), 1)
            pending: deque = deque()
            todo = iter(map(str, paths))
            for path in todo:
                pending.append(c.submit(_extract_one, path, pure=False))
                if len(pending) >= threads * IN_FLIGHT_PER_THREAD:
                    break
            while pending:
                future = pending.popleft()
                result = future.result()
                future.release()
                nxt = next(todo, None)
                if nxt is not None:
                    pending.append(c.submit(_extract_one, nxt, pure=False))
                yield result
        finally:
            if own:
                c.close()

    return extract
