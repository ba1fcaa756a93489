"""The name of what a number measures: the metric noun phrase around it in its clause.

Read back from the number to the clause boundary and drop what is not the measure (scope
and time words before it, the verb that introduces the value after it); when that leaves
only a verb or an example list ("新认定A、B等3家研发机构"), the noun after the number is
the measure; a bare change (同比增长5%, 提升2位) or share (占全市的30%) names the change
or share of the measure before it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

#: clause boundaries, full- and half-width
STOP = re.compile(r"[，,。；;：:！!？?\n]")
#: scope and time words a name starts with: region, period, sequence adverbs
_LEAD = re.compile(
    r"^(?:今年以来|今年|去年|全年|年内|当年|上半年|下半年|其中|同时|此外|另外|目前|截至目前|预计|力争全年实现|力争|"
    r"全市|全区|全县|全省|全镇|我市|我区|我县|我省|本市|本区|已经|已|共计|共|累计|以及|及|和|与|并|分别|"
    r"\d{1,2}\s*[.、．]\s*|[（(][一二三四五六七八九十\d]{1,3}[)）]|"
    r"(?:截至|截止到?|到)?\s*20\d\d\s*年(?:底|末|度)?|\d{1,2}\s*[-—~～至]\s*\d{1,2}\s*月(?:份)?|"
    r"[，,、：:\s“”\"])+")
#: words between the measure and its value: the verb that introduces it, adverbs
_TRAIL = re.compile(
    r"(?:为|达|达到|超|超过|(?<![签合制节])约|近|共|总计|合计|分别|实现|完成|保持|暂|均|仍|已|再次|首次|了|"
    r"(?:同比)?(?:增长|提高|提升|上升|跃升|突破|增加)(?:至|到)?)+$")
#: a value that is the change of the measure before it
_CHANGE = re.compile(r"^(?:较上年|较去年|比上年|比去年|较20\d\d\s*年|同比|环比)?(?:同比)?(?:分别)?"
                     r"(?P<verb>增长|增加|提升|提高|上升|下降|减少|增幅|增速)(?:达|为|了|至)?$")
#: a value that is a share of the measure before it: 占全市的30%
_SHARE = re.compile(r"^占(?P<whole>.{1,12}?)(?:的)?(?:比重|比例)?(?:为|达)?$")
#: the values after "分别增长5%" that share it: "、8%、12%"
_RESPECTIVE_TAIL = re.compile(r"(?:、\s*\d+(?:\.\d+)?\s*(?:%|％|个百分点|倍)?)*")
#: actions whose object is counted by the number after them (引进12家, 建成3个)
_VERB = re.compile(
    r"(?:成功|新|累计|共|已|正式|首批)?(?:引建|引进|引育|招引|认定|备案|培育|建设|建成|组建|创建|获批|入选|"
    r"入库|支持|组织|表彰|推动|新增|签订|签约|完成了?|举办|开展|发布|设立|打造|集聚|吸引|带动|服务|培训|"
    r"落地|拥有|获得|促成|对接|孵化|申报|通过|推进|提升|争创|新建)$")
#: where the noun after a counted number ends
_AFTER_END = re.compile(r"[，,。；;：:！!？?\n、（(）)]|以上|左右|以内|的|和|及|与")
#: units that count things: only they take the noun after them as the name
COUNT_UNITS = frozenset("家 个 项 所 名 支 场 位 件 篇 台 套 人 家次 人次 场次 期 席".split())
MAX_NAME = 30


@dataclass
class NameState:
    """What the previous number of the sentence was named, for the values that follow."""

    end: int = 0  #: where the text the previous name used ends
    name: str = ""
    history: list[str] = field(default_factory=list)  #: names of the measures stated so far
    pending: list[str] = field(default_factory=list)  #: names the values after 分别 take in turn


#: how far back a clause is read: names are short, and reading stays linear in the text
CLAUSE_REACH = 200


def clause_start(s: str, pos: int) -> int:
    """Where the clause holding position pos begins (at most CLAUSE_REACH characters back)."""
    start = max(0, pos - CLAUSE_REACH)
    for m in STOP.finditer(s, start, pos):
        start = m.end()
    return start


def clause_end(s: str, pos: int) -> int:
    """Where the clause holding position pos ends (at most CLAUSE_REACH characters on)."""
    m = STOP.search(s, pos, pos + CLAUSE_REACH)
    return m.start() if m else min(len(s), pos + CLAUSE_REACH)


def clean(phrase: str) -> str:
    """A phrase without its leading scope/time words and trailing value verbs."""
    phrase = _LEAD.sub("", phrase.strip())
    for _ in range(2):  # "全市专利密集度提升至" → "专利密集度"
        phrase = _TRAIL.sub("", phrase).strip(" 、")
        phrase = _LEAD.sub("", phrase)
    return phrase


def noun_after(s: str, end: int) -> str:
    """The noun a count unit is followed by: "3家企业通过认定" → "企业通过认定"."""
    m = _AFTER_END.search(s, end, end + 21)
    return s[end:m.start() if m else end + 20].strip()[:20]


def measure_name(s: str, start: int, end: int, unit: str, state: NameState) -> str:
    """The name of the number at s[start:end]; updates state for the numbers after it."""
    c_start = clause_start(s, start)
    before = s[max(c_start, state.end):start].replace(" ", "")
    name = clean(before)
    after = noun_after(s, end) if unit in COUNT_UNITS else ""
    change = _CHANGE.match(name) or _CHANGE.match(before.strip(" ，,、"))
    share = _SHARE.match(name)
    if change and state.name:
        word = change.group("verb")
        suffix = "增速" if word in ("增长", "增加", "增幅", "增速") and unit == "%" else word
        if "分别" in before:  # "A、B同比分别增长5%、8%": one change for each measure before
            tail = _RESPECTIVE_TAIL.match(s, end)
            count = 1 + tail.group().count("、")
            state.pending = [n + suffix for n in state.history[-count:]] if count > 1 else []
            if state.pending:
                name = state.pending.pop(0)
                state.end = end
                return _remember(state, name, keep=True)
        state.end = end
        return _remember(state, state.name + suffix, keep=True)
    if not name and state.pending:
        return _remember(state, state.pending.pop(0), end, keep=True)
    if share and state.name:
        return _remember(state, f"{state.name}占{share.group('whole')}比重", end)
    if not name:
        if after:
            name = after
        elif state.name:
            return _remember(state, state.name, end)  # "10万元、20万元"
    elif "等" in name:
        # "新认定A、B等研发机构3家" / "A、B等3家企业": the category after 等, not the examples
        name = _leading_verb(name) + (name.rsplit("等", 1)[1] or after)
    elif _VERB.search(name) and after:
        name = name + after
    elif len(name) < 2 and after:
        name = name + after
    elif not after and _LEAD_VERB.fullmatch(name) and _leading_verb(state.name):
        name = name + state.name[len(_leading_verb(state.name)):]  # "新认定A3家、培育8家" → "培育A"
    elif (not after and len(name) == 2 and before.lstrip().startswith("、")
          and len(state.name) >= 4 and not state.name.endswith(name)):
        name = state.name[:-2] + name  # "专利申请10件、授权6件": the same object, another verb
    if after and name.endswith(after):
        state.end = end + len(after)
    else:
        state.end = end
    return _remember(state, _shorten(name))


def _remember(state: NameState, name: str, end: int | None = None, keep: bool = False) -> str:
    """Record name as the measure of the last value; keep: a change, not a measure."""
    state.name = name
    if not keep:
        state.history.append(name)
    if end is not None:
        state.end = end
    return name


_LEAD_VERB = re.compile(
    r"^(?:成功|新|累计|共|已|正式|首批)?(?:引建|引进|引育|招引|认定|备案|培育|建设|建成|组建|创建|获批|"
    r"入选|入库|支持|组织|表彰|推动|新增|签订|签约|举办|开展|发布|设立|打造|集聚|吸引|带动|服务|培训|落地|"
    r"拥有|获得|促成|孵化|申报|新建|发放|使用|兑现|拨付)")


def _leading_verb(phrase: str) -> str:
    m = _LEAD_VERB.match(phrase)
    return m.group() if m else ""


def _shorten(name: str) -> str:
    """A name of at most MAX_NAME characters: keep the end, where the measure's head is."""
    if len(name) <= MAX_NAME:
        return name
    cut = name[-MAX_NAME:]
    m = re.search(r"[、]", cut)
    return cut[m.end():] if m and len(cut) - m.end() >= 4 else cut
