"""Import a planner's roster of enterprises (CSV or XLSX) as a document of its own."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import InnographError
from graph.store import GraphStore


class RosterError(InnographError):
    """A roster file cannot be read, or one of its rows is malformed."""


@dataclass
class RosterReport:
    """What importing a roster did."""

    path: str
    doc_id: str
    added: bool  #: False when the same file was imported before
    rows: int
    enterprises: int
    skipped: list[str] = field(default_factory=list)  #: messages for rows left out


def import_roster(store: GraphStore, path: str | Path) -> RosterReport:
    raise NotImplementedError
