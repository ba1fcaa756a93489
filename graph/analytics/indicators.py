"""Plan versus result: stated indicators side by side."""
from __future__ import annotations

from dataclasses import dataclass

from graph.model import Indicator


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator in one period and region, with its actual and target values."""

    indicator: str
    period: str
    unit: str
    region: str
    actual: float | str | None
    target: float | str | None
    target_period: str | None = None  #: when the target was stated for another period
    evidence: tuple[str, ...] = ()


def indicator_table(indicators: list[Indicator]) -> list[IndicatorRow]:
    raise NotImplementedError
