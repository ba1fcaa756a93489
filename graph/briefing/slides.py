"""The slide model: what each slide says, independent of PPTX or PDF."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Table:
    """A real table: a header row and rows of cells, all text."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    marked: tuple[tuple[int, int], ...] = ()  #: (row, column) of cells shown as gaps


@dataclass(frozen=True)
class Bars:
    """Horizontal bars, one per label, in the given colours (largest first)."""

    title: str
    labels: tuple[str, ...]
    values: tuple[float, ...]
    colors: tuple[str, ...]
    legend: tuple[tuple[str, str], ...] = ()  #: (label, colour) when colours mean something


@dataclass(frozen=True)
class BarPanels:
    """Bar charts side by side in one picture."""

    panels: tuple[Bars, ...]


@dataclass(frozen=True)
class PlanRow:
    """One indicator: the stated result and plan, each with its value and period text."""

    label: str
    actual: float | None
    target: float | None
    actual_text: str
    target_text: str


@dataclass(frozen=True)
class PlanVsResult:
    """Plan versus result bars, each indicator scaled to the larger of its two figures."""

    rows: tuple[PlanRow, ...]
    actual_label: str
    target_label: str


@dataclass(frozen=True)
class MapNode:
    """A node of the network map: its community, size (links) and whether it is labelled."""

    id: str
    name: str
    kind: str
    community: int
    links: int
    labelled: bool


@dataclass(frozen=True)
class NetworkMap:
    """The main actors and the links among them, with a legend per community."""

    nodes: tuple[MapNode, ...]
    edges: tuple[tuple[str, str], ...]
    communities: tuple[str, ...]  #: legend text of community 0, 1, ...
    kind_labels: tuple[tuple[str, str], ...]  #: (kind value, label) of the kinds drawn


Picture = Bars | BarPanels | PlanVsResult | NetworkMap


@dataclass(frozen=True)
class Slide:
    """One slide: a title, then any of bullets, a table and a picture; notes carry the
    evidence (document and sentence) for its figures."""

    key: str  #: what the slide is: "title", "glance", "map", "chain", ...
    title: str
    subtitle: str = ""
    bullets: tuple[str, ...] = ()
    table: Table | None = None
    picture: Picture | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Deck:
    """The slides in order, the deck's title, language and what the store lacked."""

    title: str
    lang: str
    slides: tuple[Slide, ...]
    missing: tuple[str, ...] = field(default=())  #: what a fuller store would add

    @property
    def pictures(self) -> int:
        return sum(1 for s in self.slides if s.picture is not None)
