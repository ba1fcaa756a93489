"""Why an analytics result was suggested, as data: a code, its arguments, its grounds.

The analytics build `Reason` values instead of sentences, so the app renders them in
its own language from a template per code (`app.ui.i18n`) and never parses text.
``str(reason)`` is the English sentence the CLI and the JSON exports print.
"""
from __future__ import annotations

from dataclasses import dataclass

#: The English sentence of each reason code. ``{0}``, ``{1}`` are the arguments (names,
#: keywords, counts), ``{relations}`` the relation kinds, ``{because}`` the grounds.
ENGLISH: dict[str, str] = {
    "serves": "serves {0}: {because}",
    "linked_to_chain": "linked to the chain",
    "already_linked": "already linked to {0} ({relations})",
    "already_linked_by_chain": "already linked to {0} (chain)",
    "cooperates_with_one": "already cooperates with {0} other partner",
    "cooperates_with": "already cooperates with {0} other partners",
    "place_serves": "in {0}, which serves {1}",
    "neighbour_serves": "linked to {0}, which serves {1}",
    "shared_chain": "shared chain: {0}",
    "same_region": "same region: {0}",
    "same_park": "same park: {0}",
    "via_neighbour": "neighbour of a neighbour: via {0}",
    "focuses_on": "focuses on {0}",
    "name_contains": "name contains '{0}'",
    "listed_company": "listed company in this industry",
    "described_with": "described with '{0}'",
    "inherits_chain": "linked to {0}, which serves the chain",
    # partners a planner can act on (`graph.analytics.partner_plan`)
    "fit_segment": "serves the same segment of {0}: {1}",
    "fit_chain": "serves the same chain: {0}",
    "fit_neighbour": "serves {0}, a chain often served together with {1}",
    "near_district": "in the same district: {0}",
    "near_city": "in the same city: {0}",
    "near_province": "in the same province: {0}",
    "near_elsewhere": "in {0}, outside the province",
    "place_unknown": "the documents do not say where it is",
    "evidence_count": "named in {0} document(s), {1} relation(s)",
    "member_of": "member of {0}, suggested instead of it",
    "inside_region": "already in {0}",
    "fit_wider": "serves {0}, a chain of {1}",
}

#: The Chinese sentence of each reason code (the CLI's and the app's default language).
CHINESE: dict[str, str] = {
    "serves": "服务{0}：{because}",
    "linked_to_chain": "与该产业链关联",
    "already_linked": "已与{0}关联（{relations}）",
    "already_linked_by_chain": "已与{0}关联（产业链）",
    "cooperates_with_one": "已与另外 {0} 个伙伴合作",
    "cooperates_with": "已与另外 {0} 个伙伴合作",
    "place_serves": "位于{0}，该地服务{1}",
    "neighbour_serves": "与{0}关联，后者服务{1}",
    "shared_chain": "同属产业链：{0}",
    "same_region": "同一区域：{0}",
    "same_park": "同一园区：{0}",
    "via_neighbour": "间接关联：经由{0}",
    "focuses_on": "聚焦{0}",
    "name_contains": "名称含“{0}”",
    "listed_company": "上市公司，主营属于该产业链",
    "described_with": "文中描述含“{0}”",
    "inherits_chain": "与{0}关联，后者服务该产业链",
    "fit_segment": "服务{0}的同一环节：{1}",
    "fit_chain": "服务同一产业链：{0}",
    "fit_neighbour": "服务相邻产业链{0}（常与{1}由同一批主体服务）",
    "near_district": "位于同一区县：{0}",
    "near_city": "位于同一城市：{0}",
    "near_province": "位于同一省份：{0}",
    "near_elsewhere": "位于{0}（省外）",
    "place_unknown": "文件未说明所在地",
    "evidence_count": "{0} 份文件、{1} 条关系提及",
    "member_of": "隶属{0}，代其上级机构推荐",
    "inside_region": "已在{0}",
    "fit_wider": "服务{1}的产业链：{0}",
}


@dataclass(frozen=True)
class Reason:
    """One reason: a code of `ENGLISH`, the names it mentions, and what it rests on.

    >>> r = Reason("serves", ("现代纺织",), because=(Reason("name_contains", ("纺织",)),))
    >>> str(r)
    "serves 现代纺织: name contains '纺织'"
    """

    code: str
    args: tuple[str, ...] = ()  #: names, keywords and counts, inserted as they are
    relations: tuple[str, ...] = ()  #: RelationKind values
    because: tuple[Reason, ...] = ()  #: the grounds, e.g. why a candidate serves a chain

    def __post_init__(self) -> None:
        if self.code not in ENGLISH:
            raise ValueError(f"unknown reason code {self.code!r}")

    @property
    def en(self) -> str:
        """The English sentence (the text the CLI prints)."""
        return ENGLISH[self.code].format(*self.args, relations=", ".join(self.relations),
                                         because="; ".join(b.en for b in self.because))

    def text(self, lang: str = "zh") -> str:
        """The sentence in `lang` ("zh" or "en")."""
        if lang == "en":
            return self.en
        return CHINESE[self.code].format(*self.args, relations="、".join(self.relations),
                                         because="；".join(b.text(lang) for b in self.because))

    def __str__(self) -> str:
        return self.en
