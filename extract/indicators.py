"""Pipeline component: the numbers a document states, as actual results or targets.

A number counts when a unit follows it (亿元, 家, 项, %, 个百分点 …). Whether it is a
target follows from where it stands: in the plan part of a report (a heading naming a
later year's 思路/计划/目标), or in a sentence with 力争/目标/到20XX年.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from extract.candidates import text_view

from extract.metric_names import NameState, clause_end, clause_start, measure_name
from extract.ranks import rank_matches, read_rank
from extract.sentences import Sentence, split_sentences
from extract.vocabulary import IndicatorKind

_UNITS = ("个百分点", "万亿元", "亿元", "万元", "平方公里", "万平方米", "平方米", "万平米", "平米", "家次", "人次", "场次",
          "万人次", "万人", "亿", "元", "家", "个", "项", "%", "％", "人", "名", "支", "场", "位", "件", "所", "篇",
          "倍", "台", "套", "亩", "期")
#: a clause that sets a rule (补助 30%, 最高不超过1000万元) states no result or target
_RULE = re.compile(r"给予|补助|奖励|资助|不超过|不低于|不少于|不高于|最高|最多|只能|原则上|每家|每个|每项")
_NUMBER = re.compile(
    r"(?P<num>\d+(?:\.\d+)?)(?:\s*[-—~～至]\s*(?P<to>\d+(?:\.\d+)?))?\s*(?P<more>多|余)?\s*"
    r"(?P<unit>" + "|".join(map(re.escape, _UNITS)) + r")(?P<bound>以上|左右|以内)?")
#: a share written as a fraction: 占全市1/3
_FRACTION = re.compile(r"占[^，,。；;]{0,12}?(?P<num>\d+)\s*/\s*(?P<den>\d+)(?![\d/])")
_ITEM_NUMBER = re.compile(r"(\d{1,2})\.(?=\d)")
#: how far from a value its sentence is read for its period and kind
_REACH = 300
_YEAR = re.compile(r"(20\d\d)\s*年")
_PART = re.compile(r"上半年|下半年|前三季度|[一二三四]季度")
_MONTHS = re.compile(r"(\d{1,2})\s*[-—~～至]\s*(\d{1,2})\s*月")
_PLAN_HEADING = re.compile(r"(20\d\d)\s*年[^。\n]{0,12}(思路|计划|安排|目标|要点|展望|打算)")
#: a document that opens with what the report year will bring
_FUTURE_OPENING = re.compile(r"\s*(20\d\d)\s*年[，,][^。；;\n]{0,16}?(?:将|要|计划|拟)(?:按照|围绕|坚持|继续|全面|重点|着力|深入|加快|聚焦|以)")
_PLAN_TITLE = re.compile(r"要点|计划|思路|安排|规划|方案")
_SUMMARY_TITLE = re.compile(r"总结|回顾|完成情况|通知|公告")
_TARGET_CUE = re.compile(r"力争|争取(?=到|在|实现|达到|完成|突破|全年|新增)|计划到|(?<![截止至])到20\d\d年|预期|目标(?:是|为|：|:)")
#: a year a change is measured against (较2021年, 比上年), not the period of the value
_BASE_YEAR = re.compile(r"(?:较|比|同比|相比)\s*(20\d\d)\s*年")
_EXISTING = re.compile(r"(推进|提升|等)$")


@dataclass(frozen=True)
class ExtractedIndicator:
    """A stated number with its meaning, unit, period and kind."""

    indicator: str
    value: float | str
    unit: str
    period: str
    kind: IndicatorKind
    region: str
    sentence: Sentence
    start: int  #: offset of the number in the document


class IndicatorFinder:
    """Adds `doc._.indicators`."""

    names: list[tuple[int, int]] = []  #: entity mention spans of the document being read

    def __call__(self, doc: Doc) -> Doc:
        text = text_view(doc).text
        sentences = doc._.sentences or split_sentences(text)
        year = report_year(text)
        part = report_part(text)
        plan_at, plan_year = plan_section(text, year)
        region = _region_name(doc)
        self.names = _name_spans(doc)
        found: list[ExtractedIndicator] = []
        seen: set[tuple] = set()
        for sent in sentences:
            for ind in self.in_sentence(text, sent, year, plan_at, plan_year, region, part):
                key = (ind.value, ind.unit, ind.kind, ind.period, ind.indicator[-4:])
                if key not in seen:
                    seen.add(key)
                    found.append(ind)
        doc._.indicators = found
        return doc

    def in_sentence(self, text: str, sent: Sentence, year: int | None, plan_at: int,
                    plan_year: int | None, region: str, part: str = "") -> list[ExtractedIndicator]:
        s = sent.text
        found: list[tuple[int, int, float | str, str]] = []
        for m in _NUMBER.finditer(s, _list_number_end(text, sent)):
            if self.skip(s, m) or _RULE.search(_clause_at(s, m.start())) \
                    or self.in_name(sent.start + m.start()):
                continue
            value: float | str = _number(m.group("num"))
            if m.group("to"):
                value = f"{m.group('num')}-{m.group('to')}"
            unit = "%" if m.group("unit") == "％" else m.group("unit")
            found.append((m.start(), m.end(), value, unit))
        for m in (_FRACTION.finditer(s) if "/" in s else ()):
            found.append((m.start("num"), m.end(), f"{m.group('num')}/{m.group('den')}", ""))
        events = [(start, end, value, unit, None) for start, end, value, unit in found]
        if "第" in s:
            events += [(m.start(), m.end(), None, "位", m) for m in rank_matches(s)]
        out: list[ExtractedIndicator] = []
        state = NameState()
        named: dict[int, tuple[str, str]] = {}
        for start, end, value, unit, rank_at in sorted(events, key=lambda e: e[0]):
            if rank_at is not None:
                rank = read_rank(s, rank_at, named)
                if rank is None:
                    continue
                start, name, value = rank.start, rank.name, rank.value
                state.name, state.end = name, rank.end
            else:
                name = measure_name(s, start, end, unit, state)
            named[end] = (name, unit)
            out.append(self.make(sent, start, name, value, unit, year, plan_at, plan_year, region, part))
        return out

    def in_name(self, pos: int) -> bool:
        """Whether a position lies inside an entity's name (中电科10所 is no count of 所)."""
        i = bisect.bisect_right(self.names, (pos, float("inf"))) - 1
        return i >= 0 and self.names[i][0] <= pos < self.names[i][1]

    def make(self, sent: Sentence, start: int, name: str, value: float | str, unit: str,
             year: int | None, plan_at: int, plan_year: int | None,
             region: str, part: str = "") -> ExtractedIndicator:
        s = sent.text
        absolute = sent.start + start
        in_plan = absolute >= plan_at
        # what a value's period and kind depend on stands near it (and reading stays linear)
        before = s[max(0, start - _REACH):start]
        s = s[max(0, start - _REACH):start + _REACH]
        years = [int(y) for y in _YEAR.findall(_BASE_YEAR.sub("", before))]
        past = bool(years) and plan_year is not None and max(years) < plan_year
        target = (in_plan and not past and not _EXISTING.search(before.rstrip())) \
            or bool(_TARGET_CUE.search(s))
        kind = IndicatorKind.TARGET if target else IndicatorKind.ACTUAL
        period = self.period(before, year, plan_year if in_plan and not past else None,
                             "" if in_plan else part)
        return ExtractedIndicator(name, value, unit, period, kind, region, sent, absolute)

    @staticmethod
    def period(before: str, year: int | None, plan_year: int | None, part: str = "") -> str:
        """The year (and months, or half/quarter) the number refers to: the last ones named
        before it, else the part of the year the report covers."""
        years = [int(y) for y in _YEAR.findall(_BASE_YEAR.sub("", before))]
        y = plan_year or (years[-1] if years else year)
        months = list(_MONTHS.finditer(before))
        if y and months:
            return f"{y}年{months[-1].group(1)}-{months[-1].group(2)}月"
        parts = _PART.findall(before)
        part = parts[-1] if parts else part if not years or years[-1] == year else ""
        if y and part:
            return f"{y}年{part}"
        return str(y) if y else ""

    @staticmethod
    def skip(s: str, m: re.Match) -> bool:
        before, after = s[max(0, m.start() - 8):m.start()], s[m.end():m.end() + 4]
        if m.group("unit") == "个" and re.match(r"月|工作日|小时|季度", after):
            return True
        if before.rstrip().endswith(("前", "第")):  # ranks are read by extract.ranks
            return True
        if m.group("bound") == "以上" and re.match(r"[的]?(项目|企业|单位)", after):
            return True  # a qualifier: 5000万元以上项目
        if re.match(r"\s*年", s[m.end("num"):m.end("num") + 2]):
            return True
        return False

def _list_number_end(text: str, sent: Sentence) -> int:
    """Where the item number of a numbered line ends ("2.3亿元以上…" after a line "1.…"), else 0."""
    m = _ITEM_NUMBER.match(sent.text)
    if not m or int(m.group(1)) < 2:
        return 0
    line_start = text.rfind("\n", 0, max(0, text.rfind("\n", 0, sent.start)))  # the line before
    previous = text[line_start + 1:sent.start].lstrip()
    return m.end() if previous.startswith(f"{int(m.group(1)) - 1}.") else 0


def _clause_at(s: str, pos: int) -> str:
    return s[clause_start(s, pos):clause_end(s, pos)]


def report_part(text: str) -> str:
    """The part of the year a report covers when its title names one (2013年上半年工作总结)."""
    first_line = text[:text.find("\n")] if "\n" in text[:120] else ""
    m = _PART.search(first_line)
    return m.group() if m and _YEAR.search(first_line) else ""


def report_year(text: str) -> int | None:
    """The year a report looks back on: the first year of its title, else of its opening."""
    first_line = text[:text.find("\n")] if "\n" in text[:120] else ""
    years = [int(y) for y in _YEAR.findall(first_line or text[:300])]
    return years[0] if years else None


def plan_section(text: str, year: int | None) -> tuple[int, int | None]:
    """Where the plan for a later year begins (len(text) when there is none), and that year."""
    if year is None:
        return len(text), None
    title = text[:text.find("\n")] if "\n" in text[:80] else ""
    if _PLAN_TITLE.search(title) and not _SUMMARY_TITLE.search(title):
        return 0, year  # the whole document is a plan (2024年工作要点)
    opening = _FUTURE_OPENING.match(text)
    if opening and int(opening.group(1)) == year:
        return 0, year  # "2024年，全市科技系统将……": the whole document looks ahead
    for m in _PLAN_HEADING.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if int(m.group(1)) > year and m.start() - line_start < 8 and line_start > 0:
            return line_start, int(m.group(1))
    return len(text), None


def _number(s: str) -> float:
    v = float(s)
    return int(v) if v.is_integer() else v


def _name_spans(doc: Doc) -> list[tuple[int, int]]:
    """The (start, end) of every entity mention, sorted; names hold no values."""
    spans = sorted((m.start, m.end) for e in (doc._.entities or {}).values() for m in e.mentions)
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _region_name(doc: Doc) -> str:
    home = doc._.home_region
    if home and doc._.entities and home in doc._.entities:
        return doc._.entities[home].name
    return ""


@Language.factory("innograph_indicators", default_config={}, assigns=["doc._.indicators"])
def make_indicators(nlp: Language, name: str) -> IndicatorFinder:
    return IndicatorFinder()
