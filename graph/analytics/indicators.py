"""Plan versus result: stated indicators side by side."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from graph.model import Indicator, IndicatorKind

#: Leading words that say what was done, not what is measured (培育高新技术企业 and
#: 新增高新技术企业 are one indicator); stripped before indicators are compared.
ACTION_PREFIXES = ("谋划创建", "争取培育", "全力提升", "稳步推进", "分层推进", "组织申报", "培育",
                   "新增", "实现", "实施", "组织", "建设", "新建", "争取", "争创", "引进", "新认定",
                   "提升", "完成", "达到", "累计")
_ENUM = re.compile(r"^\s*(?:\d+[.、．]|[（(]\d+[)）]|[一二三四五六七八九十]+、)\s*")
_YEAR = re.compile(r"(\d{4})")


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator: the actual and the target planners compare, each with its period."""

    indicator: str  #: the indicator as first stated
    period: str  #: the target's period when there is a target, else the actual's
    unit: str
    region: str
    actual: float | str | None
    target: float | str | None
    actual_period: str | None = None
    target_period: str | None = None
    evidence: tuple[str, ...] = ()  #: the sentences the numbers were read from

    @property
    def progress(self) -> float | None:
        """actual / target when both are numbers and the target is not zero."""
        if isinstance(self.actual, (int, float)) and isinstance(self.target, (int, float)) \
                and self.target:
            return round(self.actual / self.target, 3)
        return None


def normalise_indicator(name: str) -> str:
    """The form indicators are matched in: NFKC, no spaces, enumeration or action verb.

    >>> normalise_indicator("2. 培育高新技术企业")
    '高新技术企业'
    """
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))
    text = _ENUM.sub("", text)
    for prefix in ACTION_PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix) + 1:
            return text[len(prefix):]
    return text


def _year(period: str) -> int:
    m = _YEAR.search(period or "")
    return int(m.group(1)) if m else 0


def indicator_table(indicators: Iterable[Indicator]) -> list[IndicatorRow]:
    """Actual and target values of the same indicator side by side.

    Indicators are grouped by normalised name (`normalise_indicator`), unit and region.
    Each target is paired with the actual of the same period, or else with the latest
    actual of an earlier (or the same) year -- "what did we promise for 2021 and where do
    we stand". Actuals no target was paired with get a row of their own. Repeated
    statements (the same value in several documents) are one row.

    Parameters
    ----------
    indicators : iterable of Indicator
        E.g. ``store.indicators()``.

    Returns
    -------
    list of IndicatorRow
        Sorted by normalised indicator, period, region and unit.

    Examples
    --------
    >>> from graph.model import Evidence
    >>> ev = Evidence("d", "…", 0, 1)
    >>> rows = indicator_table([
    ...     Indicator("全社会研发经费占地区生产总值", 2.65, "%", "2020", IndicatorKind.ACTUAL, "绍兴", ev),
    ...     Indicator("全社会研发经费占地区生产总值", 3, "%", "2021", IndicatorKind.TARGET, "绍兴", ev)])
    >>> [(r.period, r.actual, r.actual_period, r.target, r.progress) for r in rows]
    [('2021', 2.65, '2020', 3, 0.883)]
    """
    groups: dict[tuple[str, str, str], dict[str, list[Indicator]]] = {}
    for ind in indicators:
        key = (normalise_indicator(ind.indicator), ind.unit.strip(), ind.region)
        if not key[0]:
            continue
        side = groups.setdefault(key, {"actual": [], "target": []})
        side["actual" if ind.kind == IndicatorKind.ACTUAL else "target"].append(ind)

    rows: list[tuple[tuple, IndicatorRow]] = []
    for (name, unit, region), side in groups.items():
        actuals = _dedupe(side["actual"])
        targets = _dedupe(side["target"])
        used: set[int] = set()
        for t in targets:
            same = [i for i, a in enumerate(actuals) if a.period == t.period]
            earlier = [i for i, a in enumerate(actuals) if _year(a.period) <= _year(t.period)]
            pick = same[-1] if same else (earlier[-1] if earlier else None)
            a = actuals[pick] if pick is not None else None
            if pick is not None:
                used.add(pick)
            rows.append(((name, t.period, region, unit), IndicatorRow(
                t.indicator.strip(), t.period, unit, region, a.value if a else None, t.value,
                a.period if a else None, t.period, _evidence(a, t))))
        for i, a in enumerate(actuals):
            if i not in used:
                rows.append(((name, a.period, region, unit), IndicatorRow(
                    a.indicator.strip(), a.period, unit, region, a.value, None, a.period, None,
                    _evidence(a))))
    return [r for _, r in sorted(rows, key=lambda kv: (kv[0], str(kv[1].actual),
                                                        str(kv[1].target)))]


def _dedupe(items: list[Indicator]) -> list[Indicator]:
    """One statement per (period, value), ordered by year, period and value."""
    seen: dict[tuple[str, str], Indicator] = {}
    for i in items:
        seen.setdefault((i.period, str(i.value)), i)
    return sorted(seen.values(), key=lambda i: (_year(i.period), i.period, str(i.value)))


def _evidence(*items: Indicator | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i.evidence.sentence for i in items if i is not None))
