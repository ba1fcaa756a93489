"""Which store to open, built once from CLI flags and the environment."""
from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

DEFAULT_DB = Path("data") / "innograph.db"


class StoreKind(str, Enum):
    """The graph stores innograph can use."""

    LOCAL = "local"
    NEO4J = "neo4j"

    def __str__(self) -> str:
        return self.value


#: environment each store needs before it can start
REQUIRED_SETTINGS: dict[StoreKind, tuple[str, ...]] = {
    StoreKind.LOCAL: (),
    StoreKind.NEO4J: ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD"),
}


@dataclass(frozen=True)
class Settings:
    """Connection settings for one store."""

    store: StoreKind = StoreKind.LOCAL
    db_path: Path = DEFAULT_DB
    neo4j_uri: str | None = None
    neo4j_user: str | None = None
    neo4j_password: str | None = field(default=None, repr=False)
    neo4j_database: str | None = None
    batch_size: int = 1000
    tracer: Callable[[str, object], None] | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides) -> "Settings":
        """Settings from `INNOGRAPH_*` / `NEO4J_*` variables, then explicit overrides."""
        env = os.environ if env is None else env
        values = dict(
            store=env.get("INNOGRAPH_STORE", "local"),
            db_path=Path(env.get("INNOGRAPH_DB", str(DEFAULT_DB))),
            neo4j_uri=env.get("NEO4J_URI"),
            neo4j_user=env.get("NEO4J_USER"),
            neo4j_password=env.get("NEO4J_PASSWORD"),
            neo4j_database=env.get("NEO4J_DATABASE"),
        )
        values.update({k: v for k, v in overrides.items() if v is not None})
        try:
            values["store"] = StoreKind(values["store"])
        except ValueError:
            from graph.errors import StoreUnavailable

            raise StoreUnavailable(f"unknown store {values['store']!r} (INNOGRAPH_STORE or "
                                   "--store): choose one of "
                                   + ", ".join(k.value for k in StoreKind)) from None
        values["db_path"] = Path(values["db_path"])
        return cls(**values)

    def missing(self) -> list[str]:
        """The required settings of the chosen store that are not set."""
        have = {"NEO4J_URI": self.neo4j_uri, "NEO4J_USER": self.neo4j_user,
                "NEO4J_PASSWORD": self.neo4j_password}
        return [name for name in REQUIRED_SETTINGS[self.store] if not have.get(name)]
