"""Every string the app shows, Chinese first with English switchable in the sidebar.

Pages call `t(key)`; a missing key raises KeyError, so a test that renders every page
catches a string that was never translated. Entity, relation, level and stage names
come from the enums through `kind_label` and friends.
"""
from __future__ import annotations

import streamlit as st

from app.ui import state
from graph.analytics.reasons import CHINESE, ENGLISH, Reason
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
#: (Chinese, English) template of each reason code, from `graph.analytics.reasons`
REASONS: dict[str, tuple[str, str]] = {code: (CHINESE[code], ENGLISH[code]) for code in ENGLISH}

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
    "page.review": ("审核", "Review"),
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
    "demo.brief": ("导出汇报材料", "Export the briefing deck"),
    "demo.brief.making": ("正在生成汇报材料（幻灯片与 PDF）…", "Making the deck (slides and PDF)…"),
    "demo.brief.pptx": ("下载幻灯片", "Download the slides (PPTX)"),
    "demo.brief.pdf": ("下载 PDF", "Download the PDF"),
    "demo.reviewed_only": ("只展示已审核的事实", "Only reviewed facts"),
    "demo.reviewed_none": ("尚无已审核的事实：请先在“审核”页审核。",
                           "No reviewed facts yet: review some on the 审核 page first."),
    "demo.step.overview": ("创新生态概况", "The ecosystem at a glance"),
    "demo.step.map": ("创新生态图谱", "The ecosystem map"),
    "demo.step.chain": ("重点产业链：{name}", "Key chain: {name}"),
    "demo.step.gaps": ("{name}：短板与补链伙伴", "{name}: gaps and partners"),
    # the region a planner works for (issue 13)
    "region.pick": ("区域", "Region"),
    "region.all": ("全部（不限区域）", "Whole store (all regions)"),
    "region.option": ("{name}（{n} 个主体）", "{name} ({n} actors)"),
    "region.scope": ("当前区域：{name}", "Region: {name}"),
    "gaps.nearest": ("可补短板的区外主体（同省优先）", "Who outside could fill each gap (same province first)"),
    "gaps.no_outside": ("库中暂无区外主体具备该能力。", "No actor outside the region has this capability."),
    "gaps.open_partners": ("查看{name}的合作伙伴建议", "Partner suggestions for {name}"),
    "col.gap": ("短板", "Gap"),
    "col.place": ("所在地", "Place"),
    "col.tier": ("距离", "Proximity"),
    "col.parts": ("得分构成（产业链＋距离＋证据）", "Score parts (chain + proximity + evidence)"),
    "col.evidence": ("证据", "Evidence"),
    "tier.district": ("同区县", "same district"),
    "tier.city": ("同城市", "same city"),
    "tier.province": ("同省", "same province"),
    "tier.elsewhere": ("省外", "elsewhere"),
    "tier.unknown": ("未知", "unknown"),
    "partners.existing": ("已有伙伴", "Existing partners"),
    "part.chain_fit": ("产业链匹配", "chain fit"),
    "part.proximity": ("距离", "proximity"),
    "part.evidence": ("证据", "evidence"),
    "partners.score_help": ("得分 0–100＝产业链匹配（≤45）＋距离（≤35）＋证据（≤20）",
                            "Score 0–100 = chain fit (≤45) + proximity (≤35) + evidence (≤20)"),
    # review
    "review.queue": ("待审核", "Queue"),
    "review.duplicates": ("疑似重复", "Duplicates"),
    "review.add": ("补充关系", "Add a relation"),
    "review.history": ("修改记录", "History"),
    "review.progress": ("已审核 {reviewed} / {total} 条（{share:.0%}）",
                        "{reviewed} of {total} facts reviewed ({share:.0%})"),
    "review.progress_docs": ("各文档审核进度", "Review progress per document"),
    "review.col_reviewed": ("已审核", "Reviewed"),
    "review.col_total": ("事实数", "Facts"),
    "review.who": ("审核人（本次会话记一次即可）", "Your name (once per session)"),
    "review.who_missing": ("请先填写审核人姓名，修改记录会记下是谁改的。",
                           "Type your name first: the history records who changed what."),
    "review.readonly": ("只读：应用监听在非本机地址（{address}），但没有设置编辑口令 "
                        "INNOGRAPH_EDITOR_PASSWORD，所以不能修改图谱。",
                        "Read-only: the app listens on a non-loopback address ({address}) and "
                        "no editor password (INNOGRAPH_EDITOR_PASSWORD) is set, so the graph "
                        "cannot be changed here."),
    "review.password": ("编辑口令", "Editor password"),
    "review.password_hint": ("应用监听在 {address}：修改图谱需要编辑口令。",
                             "The app listens on {address}: changing the graph needs the "
                             "editor password."),
    "review.password_wrong": ("口令不对。", "Wrong password."),
    "review.unlock": ("解锁编辑", "Unlock editing"),
    "review.bad_file": ("审核文件有误，图谱未改动：{message}",
                        "The curation file is malformed; the graph was not changed: {message}"),
    "review.unknown_name": ("审核文件提到的名称在图谱中找不到：{message}",
                            "The curation file names something the graph lacks: {message}"),
    "review.filter_document": ("文档", "Document"),
    "review.filter_type": ("类型", "Type"),
    "review.filter_region": ("区域", "Region"),
    "review.filter_chain": ("产业链", "Industry chain"),
    "review.all": ("全部", "All"),
    "review.done": ("没有待审核的事实了。", "Nothing left to review."),
    "review.position": ("第 {pos} 条，共 {total} 条待审核", "Item {pos} of {total} to review"),
    "review.entity": ("实体", "Entity"),
    "review.relation": ("关系", "Relation"),
    "review.confidence": ("置信度", "Confidence"),
    "review.source": ("来源", "Source"),
    "review.source.document": ("文档抽取", "document"),
    "review.source.roster": ("企业名录", "roster"),
    "review.source.curation": ("人工补充", "curation"),
    "review.weight": ("关联数", "Links"),
    "review.evidence": ("依据（{document}）", "Evidence ({document})"),
    "review.accept": ("接受", "Accept"),
    "review.reject": ("拒绝", "Reject"),
    "review.next": ("下一条", "Next"),
    "review.undo": ("撤销", "Undo"),
    "review.keys": ("键盘：A 接受 · X 拒绝 · N 下一条 · U 撤销",
                    "Keyboard: A accept · X reject · N next · U undo"),
    "review.more": ("更多操作", "More actions"),
    "review.rename": ("改名", "Rename"),
    "review.new_name": ("新名称", "New name"),
    "review.retype": ("改类型", "Change type"),
    "review.merge": ("合并到", "Merge into"),
    "review.merge_search": ("搜索要合并的实体（名称或别名）", "Find the entity to merge with (name or alias)"),
    "review.merge_do": ("合并", "Merge"),
    "review.split": ("拆出别名", "Split an alias off"),
    "review.reverse": ("反转方向", "Reverse direction"),
    "review.relation_type": ("改关系类型", "Change relation type"),
    "review.applied": ("已保存：{what}", "Saved: {what}"),
    "review.undone": ("已撤销：{what}", "Undone: {what}"),
    "review.nothing_to_undo": ("没有可撤销的操作。", "Nothing to undo."),
    "review.applying": ("正在写入审核文件并更新图谱…", "Writing the curation file and updating the graph…"),
    "review.dup_none": ("没有疑似重复的实体。", "No likely duplicates."),
    "review.dup_merge": ("合并", "Merge"),
    "review.dup_different": ("不是同一个", "Different"),
    "review.add_document": ("文档", "Document"),
    "review.add_sentence": ("陈述该关系的句子", "The sentence that states it"),
    "review.add_source": ("起点实体", "From"),
    "review.add_target": ("终点实体", "To"),
    "review.add_type": ("关系类型", "Relation type"),
    "review.add_do": ("添加关系", "Add the relation"),
    "review.history_none": ("还没有修改。", "No changes yet."),
    "review.col_when": ("时间", "When"),
    "review.col_who": ("审核人", "Who"),
    "review.col_action": ("操作", "Action"),
    "review.col_what": ("内容", "What"),
    "review.col_undone": ("已撤销", "Undone"),
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
