"""Every string the app shows, Chinese first with English switchable in the sidebar.

Pages call `t(key)`; a missing key raises KeyError, so a test that renders every page
catches a string that was never translated. Entity, relation, level and stage names
come from the enums through `kind_label` and friends.
"""
from __future__ import annotations

import streamlit as st

from app.ui import state
from graph.analytics.reasons import Reason
from graph.model import EntityKind, RelationKind

LANGUAGES = {"zh": "中文", "en": "English"}

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

RELATIONS: dict[RelationKind, tuple[str, str]] = {
    RelationKind.AFFILIATED_WITH: ("隶属于", "affiliated with"),
    RelationKind.LOCATED_IN: ("位于", "located in"),
    RelationKind.PART_OF: ("属于", "part of"),
    RelationKind.FOCUSES_ON: ("聚焦", "focuses on"),
    RelationKind.INTEGRATED_WITH: ("整合", "integrated with"),
    RelationKind.COOPERATES_WITH: ("合作", "cooperates with"),
    RelationKind.MEMBER_OF: ("成员", "member of"),
}

LEVELS = {"national": ("国家级", "national"), "provincial": ("省级", "provincial"),
          "municipal": ("市级", "municipal")}
STAGES = {"upstream": ("上游", "upstream"), "midstream": ("中游", "midstream"),
          "downstream": ("下游", "downstream")}

#: Templates of `graph.analytics.Reason` per code (its ``ENGLISH`` is what the CLI prints):
#: ``{0}``, ``{1}`` the names, ``{relations}`` the relation kinds, ``{because}`` the grounds.
REASONS: dict[str, tuple[str, str]] = {
    "serves": ("服务{0}：{because}", "serves {0}: {because}"),
    "linked_to_chain": ("与该产业链关联", "linked to the chain"),
    "already_linked": ("已与{0}关联（{relations}）", "already linked to {0} ({relations})"),
    "already_linked_by_chain": ("已与{0}关联（产业链）", "already linked to {0} (chain)"),
    "cooperates_with_one": ("已与另外 {0} 个伙伴合作", "already cooperates with {0} other partner"),
    "cooperates_with": ("已与另外 {0} 个伙伴合作", "already cooperates with {0} other partners"),
    "place_serves": ("位于{0}，该地服务{1}", "in {0}, which serves {1}"),
    "neighbour_serves": ("与{0}关联，后者服务{1}", "linked to {0}, which serves {1}"),
    "shared_chain": ("同属产业链：{0}", "shared chain: {0}"),
    "same_region": ("同一区域：{0}", "same region: {0}"),
    "same_park": ("同一园区：{0}", "same park: {0}"),
    "via_neighbour": ("间接关联：经由{0}", "neighbour of a neighbour: via {0}"),
    "focuses_on": ("聚焦{0}", "focuses on {0}"),
    "name_contains": ("名称含“{0}”", "name contains '{0}'"),
    "listed_company": ("上市公司，主营属于该产业链", "listed company in this industry"),
    "described_with": ("文中描述含“{0}”", "described with '{0}'"),
    "inherits_chain": ("与{0}关联，后者服务该产业链", "linked to {0}, which serves the chain"),
}

STRINGS: dict[str, tuple[str, str]] = {
    "app.title": ("区域创新生态图谱", "Innovation ecosystem graph"),
    "app.language": ("语言", "Language"),
    "app.group.analyse": ("分析", "Analyse"),
    "app.group.data": ("数据", "Data"),
    "page.overview": ("总览", "Overview"),
    "page.explorer": ("图谱探索", "Explorer"),
    "page.chains": ("产业链", "Industry chains"),
    "page.gaps": ("短板分析", "Gaps"),
    "page.partners": ("合作伙伴", "Partners"),
    "page.documents": ("文档", "Documents"),
    "page.demo": ("汇报模式", "Demo mode"),
    "empty.title": ("图谱还是空的", "The graph is empty"),
    "empty.body": ("运行 `innograph build data/docs` 构建图谱，或在文档页上传文档。",
                   "Run `innograph build data/docs` to build the graph, or upload documents "
                   "on the Documents page."),
    "empty.go_documents": ("去文档页上传", "Upload on the Documents page"),
    "error.prefix": ("出错了：", "Error: "),
    "analytics.pending": ("该分析功能正在开发中，稍后即可使用。",
                          "This analysis is not available yet."),
    "nothing": ("暂无", "none"),
    "download.html": ("下载 HTML", "Download HTML"),
    "download.png_hint": ("图表右上角的相机按钮可导出 PNG。",
                          "The camera button at a chart's top right exports a PNG."),
    "graph.png": ("导出 PNG", "Export PNG"),
    "chart.save_png": ("导出 PNG", "Export PNG"),
    "graph.legend": ("图例", "Legend"),
    # overview
    "overview.documents": ("文档", "Documents"),
    "overview.entities": ("创新主体与要素", "Entities"),
    "overview.relations": ("关系", "Relations"),
    "overview.indicators": ("指标", "Indicators"),
    "overview.by_kind": ("各类主体数量", "Entities by type"),
    "overview.by_region": ("各区域创新主体数量", "Actors by region"),
    "overview.key_indicators": ("关键指标：目标与完成", "Key indicators: plan vs actual"),
    "overview.hubs": ("网络枢纽", "Hubs of the network"),
    "overview.recent": ("最近加入的文档", "Recently added documents"),
    "overview.no_regions": ("尚无位于某区域的主体。", "No actor is located in a region yet."),
    "col.type": ("类型", "Type"),
    "col.count": ("数量", "Count"),
    "col.region": ("区域", "Region"),
    "col.name": ("名称", "Name"),
    "col.score": ("得分", "Score"),
    "col.indicator": ("指标", "Indicator"),
    "col.period": ("时期", "Period"),
    "col.actual": ("完成值", "Actual"),
    "col.target": ("目标值", "Target"),
    "col.unit": ("单位", "Unit"),
    "col.title": ("标题", "Title"),
    "col.file": ("文件", "File"),
    "col.chars": ("字数", "Characters"),
    "col.added": ("加入时间", "Added"),
    "col.reasons": ("推荐理由", "Reasons"),
    "col.relation": ("关系", "Relation"),
    "col.other": ("对方", "Other end"),
    "col.chain": ("产业链", "Chain"),
    "col.capability": ("能力", "Capability"),
    "col.reason": ("原因", "Reason"),
    "col.segment": ("环节", "Segment"),
    # explorer
    "explorer.filters": ("筛选", "Filters"),
    "explorer.any": ("全部", "All"),
    "docs.drop": ("将文件拖到此处，或点击右侧按钮选择", "Drag files here, or choose them"),
    "docs.browse": ("选择文件", "Browse"),
    "explorer.kinds": ("主体类型", "Entity types"),
    "explorer.overview": ("概览：按类型 × 区域聚合", "Overview: grouped by type × region"),
    "explorer.overview_help": ("大图先显示聚合概览，仅标注连接最多的主体；点击聚合节点展开，"
                               "再次点击收起。",
                               "Big graphs open as an overview with the best-connected actors "
                               "labelled; click a group to open it, click again to close it."),
    "explorer.overview_caption": ("概览：{clusters} 个聚合节点、{top} 个核心主体；点击聚合节点展开。",
                                  "Overview: {clusters} groups, {top} key actors; click a group "
                                  "to open it."),
    "graph.cluster_hint": ("点击展开 / 收起", "Click to open / close"),
    "explorer.regions": ("区域", "Regions"),
    "explorer.chains": ("产业链", "Industry chains"),
    "explorer.levels": ("级别", "Levels"),
    "explorer.documents": ("文档", "Documents"),
    "explorer.search": ("搜索主体（名称或别名）", "Search an entity (name or alias)"),
    "explorer.search_placeholder": ("输入名称，如 浙江大学", "Type a name, e.g. 浙江大学"),
    "explorer.expand": ("以所选主体为中心展开", "Expand around the selected entity"),
    "explorer.hops": ("展开层数", "Hops"),
    "explorer.max_nodes": ("最多显示节点数", "Maximum nodes shown"),
    "explorer.shown": ("显示 {nodes} 个节点、{edges} 条关系", "Showing {nodes} nodes and {edges} links"),
    "explorer.truncated": ("符合条件的共 {matched} 个，仅显示连接最多的 {nodes} 个；可缩小筛选范围。",
                           "{matched} match; only the {nodes} best connected are shown. "
                           "Narrow the filters to see the rest."),
    "explorer.no_match": ("没有符合筛选条件的主体，请放宽筛选。",
                          "No entity matches the filters; loosen them."),
    "explorer.pick": ("点击图中的节点，或在上方搜索框选择一个主体，查看其属性、关系和证据原文。",
                      "Click a node in the graph, or pick an entity in the search box above, "
                      "to see its attributes, relations and evidence."),
    "detail.kind": ("类型", "Type"),
    "detail.level": ("级别", "Level"),
    "detail.aliases": ("别名", "Aliases"),
    "detail.attrs": ("属性", "Attributes"),
    "detail.relations": ("关系", "Relations"),
    "detail.evidence": ("证据原文", "Evidence sentences"),
    "detail.in_document": ("出自《{title}》", "From “{title}”"),
    "detail.open_document": ("在文档中查看", "Open in document"),
    "detail.no_relations": ("暂无关系。", "No relations."),
    "detail.mentions": ("提及 {n} 次", "{n} mentions"),
    # chains
    "chains.pick": ("选择产业链", "Choose a chain"),
    "chains.option": ("{name}（{n} 个主体）", "{name} ({n} actors)"),
    "chains.coverage": ("覆盖度", "Coverage"),
    "chains.actors": ("创新主体", "Actors"),
    "chains.gaps": ("短板", "Gaps"),
    "chains.graph": ("产业链关系图", "The chain's network"),
    "chains.segments": ("产业链环节：上游 → 下游", "Segments: upstream → downstream"),
    "chains.whole_chain": ("服务全链的主体（未细分到环节）", "Actors serving the whole chain"),
    "chains.empty_segment": ("该环节暂无主体", "No actor in this segment"),
    "chains.sankey": ("{name}：上游 → 下游的环节与主体",
                      "{name}: segments upstream → downstream and their actors"),
    "chains.no_flows": ("尚无产业链与高校、院所、实验室的关联。",
                        "No chain is linked to a university, institute or lab yet."),
    "chains.none": ("图谱中尚无可识别的产业链。", "No known industry chain in the graph yet."),
    # gaps
    "gaps.matrix": ("产业链 × 创新能力矩阵", "Chain × capability matrix"),
    "gaps.matrix_help": ("数字为该能力下的主体数量，0 为短板。",
                         "Numbers are actors per capability; 0 marks a gap."),
    "gaps.flagged": ("短板清单", "Flagged gaps"),
    "gaps.candidates": ("补短板候选伙伴", "Candidate partners for the gaps"),
    "gaps.no_gaps": ("该产业链未发现短板。", "No gap found for this chain."),
    "gaps.no_candidates": ("暂无候选伙伴。", "No candidate partner."),
    "gaps.whole_chain": ("全链", "whole chain"),
    # partners
    "partners.source": ("选择主体", "Choose an actor"),
    "partners.ranked": ("推荐合作伙伴", "Recommended partners"),
    "partners.none": ("暂无推荐。", "No suggestion."),
    "partners.path": ("两个主体之间的关联路径", "How two actors are linked"),
    "partners.from": ("起点", "From"),
    "partners.to": ("终点", "To"),
    "partners.no_path": ("两者之间没有关联路径。", "The two are not linked."),
    "partners.path_n": ("路径 {i}（{n} 步）", "Path {i} ({n} steps)"),
    # documents
    "docs.list": ("文档列表", "Documents"),
    "docs.view": ("查看文档", "Read a document"),
    "docs.upload": ("上传文档", "Upload"),
    "docs.pick": ("选择文档", "Choose a document"),
    "docs.entities": ("识别出 {n} 处主体提及", "{n} entity mentions found"),
    "docs.remove": ("删除该文档", "Remove this document"),
    "docs.remove_confirm": ("确认删除（仅由该文档支持的主体和关系将一并删除）",
                            "Confirm (facts only this document supports go too)"),
    "docs.removed": ("已删除《{title}》：{entities} 个主体、{relations} 条关系。",
                     "Removed “{title}”: {entities} entities and {relations} relations."),
    "docs.uploader": ("选择文件（TXT、MD、HTML、DOCX、PDF）",
                      "Choose files (TXT, MD, HTML, DOCX, PDF)"),
    "docs.build": ("构建图谱", "Build the graph"),
    "docs.building": ("正在抽取 {done}/{total}：{name}", "Extracting {done}/{total}: {name}"),
    "docs.built": ("完成：新增 {added} 篇，已存在 {unchanged} 篇，失败 {failed} 篇。",
                   "Done: {added} added, {unchanged} unchanged, {failed} failed."),
    "docs.failed": ("未能读取：{message}", "Could not read: {message}"),
    "docs.duplicate": ("{name} 与已有文档 {twin} 内容相同，未重复添加。",
                       "{name} has the text of {twin}, already stored: not added again."),
    "docs.roster": ("导入企业名录（CSV / XLSX）", "Import an enterprise roster (CSV / XLSX)"),
    "docs.roster_help": ("表头：企业名称、区域、产业（必填），环节、高新技术企业（选填）；"
                         "支持 Excel 导出的 GBK 编码 CSV，表头上方的标题行会被跳过。",
                         "Headers: 企业名称 (name), 区域 (region), 产业 (industry); optional "
                         "环节 (segment), 高新技术企业 (high-tech). GBK CSV from Excel works; "
                         "title rows above the header are skipped."),
    "docs.roster_import": ("导入名录", "Import the roster"),
    "docs.roster_done": ("{name}：导入 {rows} 行，{enterprises} 家企业。",
                         "{name}: {rows} rows, {enterprises} enterprises imported."),
    "docs.roster_again": ("{name}：此前已导入，未作改动。",
                          "{name}: imported before, nothing changed."),
    "docs.roster_skipped": ("{name}：跳过 {n} 行——{rows}", "{name}: {n} row(s) left out — {rows}"),
    "docs.none": ("还没有文档。", "No documents yet."),
    # demo
    "demo.next": ("下一页 ▶", "Next ▶"),
    "demo.prev": ("◀ 上一页", "◀ Back"),
    "demo.exit": ("退出汇报模式", "Leave demo mode"),
    "demo.settings": ("设置", "Settings"),
    "demo.step.overview": ("创新生态概况", "The ecosystem at a glance"),
    "demo.step.map": ("创新生态图谱", "The ecosystem map"),
    "demo.step.chain": ("重点产业链：{name}", "Key chain: {name}"),
    "demo.step.gaps": ("{name}：短板与补链伙伴", "{name}: gaps and partners"),
}


def lang() -> str:
    """The current language code."""
    return st.session_state.get(state.LANG, "zh")


def _pick(pair: tuple[str, str]) -> str:
    return pair[1] if lang() == "en" else pair[0]


def t(key: str, **values) -> str:
    """The string `key` in the current language, with `{name}` fields filled in."""
    text = _pick(STRINGS[key])
    return text.format(**values) if values else text


def kind_label(kind: EntityKind | str) -> str:
    return _pick(KINDS[EntityKind(kind)])


def relation_label(kind: RelationKind | str) -> str:
    return _pick(RELATIONS[RelationKind(kind)])


def level_label(level: str | None) -> str:
    return _pick(LEVELS[level]) if level in LEVELS else (level or "")


def stage_label(stage: str) -> str:
    return _pick(STAGES[stage]) if stage in STAGES else stage


def language_switch() -> None:
    """The sidebar control that switches the language (Chinese first)."""
    st.session_state.setdefault(state.LANG, "zh")
    st.sidebar.radio("语言 / Language", list(LANGUAGES), key=state.LANG, horizontal=True,
                     format_func=LANGUAGES.get)


#: the reasons a file cannot be read (English in `extract.reading`), as the UI shows them
FAILURES = (
    ("no such file", ("文件不存在", "no such file")),
    ("the file is empty", ("文件为空", "the file is empty")),
    ("holds no text", ("文件中没有文字", "the file holds no text")),
    ("binary data", ("二进制数据，不是文本文档", "binary data, not a text document")),
    ("undecodable bytes", ("无法识别的文字编码（请另存为 UTF-8）",
                           "an unknown text encoding (save it as UTF-8)")),
    ("over the limit", ("超过单个文档的大小上限", "over the size limit for one document")),
    ("legacy binary Office", ("旧版 Office 文件，请另存为 DOCX 或 PDF",
                              "a legacy Office file: save it as DOCX or PDF")),
    ("no text layer", ("PDF 没有文字层（扫描件需先 OCR）", "the PDF has no text layer (OCR it)")),
    ("unsupported file type", ("不支持的文件类型", "unsupported file type")),
    ("damaged", ("文件已损坏", "the file is damaged")),
    ("not a DOCX", ("不是 DOCX 文档", "not a DOCX document")),
    ("extraction failed", ("抽取失败", "extraction failed")),
)


def failure_label(name: str, message: str) -> str:
    """'name：reason' in the current language for a file a build could not read."""
    reason = next((_pick(pair) for key, pair in FAILURES if key in message), message)
    return f"{name}{'：' if lang() != 'en' else ': '}{reason}"


def reason_label(reason: Reason) -> str:
    """A suggestion's reason in the current language, from its code's template in `REASONS`;
    names are data and go in as they are, relation kinds through `RELATIONS`."""
    en = lang() == "en"
    template = REASONS[reason.code][1 if en else 0]
    return template.format(
        *reason.args,
        relations=(", " if en else "、").join(map(_relation_text, reason.relations)),
        because=("; " if en else "；").join(map(reason_label, reason.because)))


def _relation_text(kind: str) -> str:
    return relation_label(kind) if kind in _RELATION_VALUES else kind


_RELATION_VALUES = frozenset(k.value for k in RelationKind)
