"""Ranks a document states as results: "人才指数跃居全省第二" → 人才指数全省排名, 2 位.

A rank counts when a ranking verb (列/居/位居/跃升至 …) or 排名 introduces it; ordinals of
events and batches (第二届, 第三批, 第046号) are not ranks. The name is the measure ranked
(the words before the verb, else the value stated just before) with the scope it is
ranked in (全省, 全国, 南通各县市区) and 排名; when the scope names a ranking list
(全国科技创新百强区) the list is the name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extract.metric_names import COUNT_UNITS, clause_start, clean

_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_RANK = re.compile(
    r"(?P<verb>位居|位列|跃居|跃升至|跃升到|上升至|上升到|升至|提升至|排名|排在|列|居|排)"
    r"(?P<scope>[^，,。；;：:第、升至到居列]{0,14}?)第\s*(?P<num>\d{1,3}|[一二两三四五六七八九十]{1,3})\s*(?P<unit>位|名)?"
    r"(?![届批次号期代方轮个项季年度章条款级])")
#: a scope that is a region or a set of regions, not a ranking list
_REGION_SCOPE = re.compile(r"^(?:全[省市国区县]|本[省市区]|.{1,6}各[县市区]+|.{0,4}[省市]|全国地级市|全省地级市)$")
#: ranks of a change or of a share of effort are secondary to the measure's own figures
_SECONDARY = re.compile(r"^(?:增速|增幅)|(?:增速|增幅|幅度|完成率)$")
#: "连续12年居全国第一": the run of years is not part of the measure
_RUN = re.compile(r"连续\s*(?:\d+|[一二两三四五六七八九十]+)\s*年$")
#: "由全省第5位上升到第4位": the earlier rank and the scope it names
_FROM = re.compile(r"由(?P<scope>[^第]{0,8})第\s*\S{1,3}?[位名]?$")


@dataclass(frozen=True)
class Rank:
    """A rank stated in a sentence."""

    start: int  #: offset of the rank's number in the sentence
    end: int
    value: int
    name: str


def chinese_number(text: str) -> int | None:
    """1-99 written in digits or in Chinese numerals (十二, 二十, 三十三)."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        value = (_DIGITS.get(tens, 0) if tens else 1) * 10 + (_DIGITS.get(ones, 0) if ones else 0)
        return value if all(c in _DIGITS for c in tens + ones) else None
    return _DIGITS.get(text) if len(text) == 1 else None


def find_ranks(s: str, measure_before: dict[int, tuple[str, str]]) -> list[Rank]:
    """The ranks of sentence s; measure_before maps where each value of s ends to its name
    and unit (the measure a bare "列全省第一" ranks)."""
    out = []
    for m in rank_matches(s):
        rank = read_rank(s, m, measure_before)
        if rank is not None:
            out.append(rank)
    return out


def rank_matches(s: str) -> list[re.Match]:
    """Where sentence s may state a rank."""
    return list(_RANK.finditer(s))


def read_rank(s: str, m: re.Match, measure_before: dict[int, tuple[str, str]]) -> Rank | None:
    """The rank at m, or None when it is no result of its own."""
    value = chinese_number(m.group("num"))
    if value is None:
        return None
    c_start = clause_start(s, m.start())
    measure = s[c_start:m.start()]
    scope = m.group("scope").strip()
    came_from = _FROM.search(measure)
    if came_from:
        measure = measure[:came_from.start()]
        scope = scope or came_from.group("scope").strip()
    if measure.rstrip().endswith("均"):  # one rank shared by several measures
        return None
    measure = _RUN.sub("", clean(measure.rsplit("、", 1)[-1]))
    if _SECONDARY.search(measure):
        return None
    if scope and not _REGION_SCOPE.match(scope):
        name = scope if scope.endswith("排名") else scope + "排名"  # a ranking list
    else:
        if not measure or re.search(r"\d", measure):
            earlier = next((v for pos, v in reversed(measure_before.items()) if pos <= m.start()), None)
            if earlier and earlier[1] in COUNT_UNITS:
                return None  # the standing of a count already stated is secondary to it
            measure = earlier[0] if earlier else _clause_before(s, c_start)
        if not measure:
            return None
        if measure.endswith("排名"):
            name = measure[:-2] + scope + "排名" if scope else measure
        else:
            name = measure + scope + "排名"
    return Rank(m.start("num"), m.end(), value, name)


def _clause_before(s: str, c_start: int) -> str:
    """The clause before this one, as the measure ranked ("A上榜B百强，位列全国第13位")."""
    prev_stop = clause_start(s, max(0, c_start - 1))
    return clean(s[prev_stop:max(0, c_start - 1)])[-20:]
