"""Every string of the deck, Chinese first, English with ``lang="en"``.

The deck is made outside the app, so it carries its own labels; the entity-kind and
reason wording matches the app's (`tests/test_brief.py` checks they agree).
"""
from __future__ import annotations

from graph.analytics.reasons import CHINESE

from graph.analytics.reasons import Reason
from graph.model import EntityKind

LANGS = ("zh", "en")

KINDS: dict[EntityKind, tuple[str, str]] = {
    EntityKind.UNIVERSITY: ("高校", "University"),
    EntityKind.INSTITUTE: ("科研院所", "Institute"),
    EntityKind.LAB: ("实验室", "Lab"),
    EntityKind.PARK: ("园区", "Park"),
    EntityKind.PLATFORM: ("创新载体", "Platform"),
    EntityKind.ENTERPRISE: ("企业", "Enterprise"),
    EntityKind.ALLIANCE: ("联盟", "Alliance"),
    EntityKind.INDUSTRY_CHAIN: ("产业链", "Industry chain"),
    EntityKind.REGION: ("区域", "Region"),
}

RELATIONS_ZH = {"AFFILIATED_WITH": "隶属于", "LOCATED_IN": "位于", "PART_OF": "属于",
                "FOCUSES_ON": "聚焦", "INTEGRATED_WITH": "整合", "COOPERATES_WITH": "合作",
                "MEMBER_OF": "成员"}

STAGES = {"upstream": ("上游", "upstream"), "midstream": ("中游", "midstream"),
          "downstream": ("下游", "downstream")}

#: Chinese templates of `graph.analytics.Reason` codes (English is ``Reason.en``), shared with the app
REASONS_ZH: dict[str, str] = CHINESE

STRINGS: dict[str, tuple[str, str]] = {
    "deck.title": ("{region}创新生态汇报", "{region} innovation ecosystem briefing"),
    "deck.title_any": ("创新生态汇报", "Innovation ecosystem briefing"),
    "title.region": ("区域：{region}", "Region: {region}"),
    "title.all_regions": ("区域：全部文档所涉区域", "Region: all regions in the documents"),
    "title.date": ("日期：{date}", "Date: {date}"),
    "title.sources": ("资料来源：{docs} 份文档，覆盖 {years}",
                      "Sources: {docs} document(s) covering {years}"),
    "title.sources_noyear": ("资料来源：{docs} 份文档", "Sources: {docs} document(s)"),
    "title.made_by": ("由 innograph 根据文档自动生成，每个数字可追溯到原文",
                      "Made by innograph from the documents; every figure traces to its sentence"),
    "glance.title": ("生态概览：主体构成与分布", "The ecosystem at a glance"),
    "glance.by_kind": ("各类主体数量", "Actors by type"),
    "glance.by_region": ("各区域主体数量（前 {n}）", "Actors by district (top {n})"),
    "glance.total": ("共识别创新主体 {n} 家，涉及 {chains} 条产业链",
                     "{n} innovation actors, tied to {chains} industry chains"),
    "glance.kind": ("{kind} {n} 家", "{kind}: {n}"),
    "glance.top_region": ("主体最多的区域：{name}（{n} 家）", "Most actors: {name} ({n})"),
    "map.title": ("创新网络图：核心主体与协作群落", "The network map: main actors and their groups"),
    "map.summary": ("图中为连接最多的 {n} 个主体、{e} 条关系；颜色表示协作群落",
                    "The {n} best-connected actors and {e} links; colours are communities"),
    "map.community": ("群落{i}：{name}及 {n} 个关联主体", "Group {i}: {name} and {n} linked"),
    "map.group": ("群落{i}", "Group {i}"),
    "map.other_groups": ("其他群落", "other groups"),
    "indicators.title": ("关键指标：规划目标与实际完成", "Key indicators: plan versus result"),
    "indicators.actual": ("实际", "result"),
    "indicators.target": ("目标", "plan"),
    "indicators.none_stated": ("未载明", "not stated"),
    "indicators.progress": ("{name}：完成目标的 {p:.0%}", "{name}: {p:.0%} of the plan"),
    "indicators.only_target": ("{name}：目标 {target}，文档未载明实际值",
                               "{name}: plan {target}, no result stated"),
    "chain.title": ("产业链：{name}（上游 → 下游）", "Industry chain: {name} (upstream → downstream)"),
    "chain.coverage": ("覆盖度 {c:.0%}，本地主体 {n} 家", "Coverage {c:.0%}, {n} local actors"),
    "chain.empty": ("暂无主体", "none yet"),
    "chain.more": ("等，共 {n} 家", " … {n} in all"),
    "chain.gaps": ("全链短板：{text}", "Chain gaps: {text}"),
    "chain.no_gaps": ("未发现明显短板", "No gap flagged"),
    "chain.whole": ("全链", "whole chain"),
    "chain.no_segment": ("未细分环节", "no segment named"),
    "chain.col.stage": ("阶段", "Stage"),
    "chain.col.segment": ("环节", "Segment"),
    "chain.col.actors": ("本地主体", "Local actors"),
    "chain.col.gap": ("短板", "Gap"),
    "gaps.title": ("短板与补链对象", "Gaps and who could fill them"),
    "gaps.col.chain": ("产业链", "Chain"),
    "gaps.col.gap": ("短板", "Gap"),
    "gaps.col.who": ("可对接的研发力量", "Who could fill it"),
    "gaps.empty_segments": ("空白环节：{names}", "Empty segments: {names}"),
    "gaps.none": ("暂无可推荐对象", "no candidate yet"),
    "partners.title": ("重点合作推荐", "Recommended partnerships"),
    "partners.col.actor": ("本地主体", "Actor"),
    "partners.col.partner": ("推荐合作方", "Suggested partner"),
    "partners.col.why": ("推荐理由", "Why"),
    "partners.most": ("{name}被推荐给 {n} 个本地主体或产业链，可优先对接",
                      "{name} is suggested {n} times: a first partner to approach"),
    "hubs.title": ("枢纽与桥梁主体", "Hubs and brokers of the network"),
    "hubs.chart": ("连接最多的主体（关系数）", "Best-connected actors (links)"),
    "hubs.brokers": ("桥梁主体（连通不同群落）：", "Brokers (they join the groups):"),
    "hubs.broker": ("{name}（{kind}）", "{name} ({kind})"),
    "sources.title": ("资料来源", "Sources"),
    "sources.col.doc": ("文档", "Document"),
    "sources.col.year": ("年份", "Year"),
    "sources.col.added": ("入库日期", "Added"),
    "sources.col.chars": ("字数", "Characters"),
    "sources.col.indicators": ("指标数", "Indicators"),
    "sources.totals": ("图谱共 {entities} 个实体、{relations} 条关系、{indicators} 项指标，每一项都标注了出处文档与原句",
                       "{entities} entities, {relations} relations and {indicators} indicators, each traced to its document and sentence"),
    "sources.indicators": ("其中实际完成值 {actual} 项、规划目标值 {target} 项",
                           "of which {actual} results and {target} planned figures"),
    "sources.more": ("另有 {n} 份文档，完整清单：innograph documents",
                     "{n} more documents: innograph documents lists them all"),
    "missing.title": ("尚缺的内容", "What is missing"),
    "missing.intro": ("以下内容需要更多文档才能生成：", "These slides need more documents:"),
    "missing.documents": ("库中还没有文档：先运行 innograph build data/docs 导入文档",
                          "The store holds no document: run innograph build data/docs first"),
    "missing.region": ("没有找到区域“{region}”的主体；库中的区域有：{known}",
                       "No actor found in region '{region}'; the store's regions: {known}"),
    "missing.actors": ("没有识别出创新主体（高校、院所、企业等）",
                       "No innovation actor (university, institute, enterprise …) was found"),
    "missing.network": ("主体之间尚无关系，无法绘制网络图", "No links between actors: no network map"),
    "missing.indicators": ("文档中没有可对比的规划目标与实际数值",
                           "No planned or achieved figures to compare"),
    "missing.chains": ("没有主体能对应到产业链", "No actor could be placed on an industry chain"),
    "missing.gaps": ("没有识别出产业链短板", "No chain gap was flagged"),
    "missing.partners": ("暂无可推荐的合作对象", "No partnership can be suggested yet"),
    "notes.evidence": ("证据：", "Evidence:"),
    "notes.cite": ("《{doc}》：{sentence}", "[{doc}] {sentence}"),
    "notes.counted": ("数字由 innograph 统计 {docs} 份文档得出。",
                      "Figures counted by innograph from {docs} documents."),
    "notes.kind_list": ("{kind}（{n}）：{names}", "{kind} ({n}): {names}"),
    "notes.region_list": ("{name}（{n}）：{names}", "{name} ({n}): {names}"),
    "notes.indicator": ("{name}：{value}", "{name}: {value}"),
    "notes.approx": ("桥梁主体在连接最多的 {n} 个实体之间计算，中介中心度按 {k} 个抽样起点近似。",
                     "Brokers sought among the {n} best-connected entities, betweenness "
                     "estimated from {k} sampled sources."),
    "notes.more": ("…另 {n} 项", "… and {n} more"),
    "footer": ("{title} · 第 {page} 页", "{title} · page {page}"),
    "list.sep": ("、", ", "),
}


class Text:
    """The deck's strings in one language."""

    def __init__(self, lang: str = "zh") -> None:
        if lang not in LANGS:
            raise ValueError(f"language {lang!r} is not one of: {', '.join(LANGS)}")
        self.lang = lang
        self._i = LANGS.index(lang)

    @property
    def en(self) -> bool:
        return self.lang == "en"

    def __call__(self, key: str, **values) -> str:
        text = STRINGS[key][self._i]
        return text.format(**values) if values else text

    def kind(self, kind: EntityKind | str) -> str:
        try:
            return KINDS[EntityKind(kind)][self._i]
        except ValueError:
            return str(kind)

    def stage(self, stage: str) -> str:
        return STAGES[stage][self._i] if stage in STAGES else stage

    def cap(self, text: str) -> str:
        """The text with a capital first letter (English table cells)."""
        return text[:1].upper() + text[1:]

    def join(self, items) -> str:
        return self("list.sep").join(items)

    def reason(self, reason: Reason) -> str:
        """A partner suggestion's reason in this language."""
        if self.en:
            return reason.en
        return REASONS_ZH[reason.code].format(
            *reason.args, relations="、".join(RELATIONS_ZH.get(r, r) for r in reason.relations),
            because="；".join(self.reason(b) for b in reason.because))
