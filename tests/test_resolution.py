"""Cross-document resolution rules (issue 14): the keys two names of one actor share."""
from __future__ import annotations

import pytest

from extract.lexicons import Lexicon, Term, default_lexicon
from graph.model import Entity, EntityKind
from graph.name_keys import NameKeys
from graph.resolution import Resolver

K = EntityKind


@pytest.fixture(scope="module")
def keys() -> NameKeys:
    """The real name endings, with a made-up region list and one known university."""
    lex = Lexicon(variants=default_lexicon().variants)
    lex.region_level = {"东海湾区": "economic_region", "闽浙东海湾区": "economic_region",
                        "北湾区": "economic_region", "甲北湾区": "economic_region",
                        "乙北湾区": "economic_region", "云溪": "city"}
    lex.add(Term("云溪大学", K.UNIVERSITY, "云溪大学"))
    return NameKeys(lex)


def _ids(keys: NameKeys, *entities: tuple[Entity, set[str] | None]) -> list[str]:
    resolver = Resolver(keys=keys)
    return [resolver.resolve(e, written=w).id for e, w in entities]


@pytest.mark.parametrize("kind, first, second", [
    (K.INSTITUTE, "云溪高等研究院", "云溪研究院"),
    (K.PLATFORM, "云溪创新服务综合体", "云溪综合体"),
])
def test_resolution_name_endings_meet_across_documents(keys, kind, first, second):
    a, b = _ids(keys, (Entity.make(kind, first), None), (Entity.make(kind, second), None))
    assert a == b


@pytest.mark.parametrize("first, second", [("东海湾区", "闽浙东海湾区"), ("闽浙东海湾区", "东海湾区")])
def test_resolution_economic_region_short_form_takes_the_full_name(keys, first, second):
    a, b = _ids(keys, (Entity.make(K.REGION, first), None), (Entity.make(K.REGION, second), None))
    assert a == b == Entity.make(K.REGION, "闽浙东海湾区").id


def test_resolution_ambiguous_short_region_stays_apart(keys):
    ids = _ids(keys, *[(Entity.make(K.REGION, n), None) for n in ("北湾区", "甲北湾区", "乙北湾区")])
    assert len(set(ids)) == 3


@pytest.mark.parametrize("first, second", [("纺织业", "纺织"), ("光伏", "光伏产业")])
def test_resolution_industry_with_or_without_its_ending(keys, first, second):
    a, b = _ids(keys, (Entity.make(K.INDUSTRY_CHAIN, first), None),
                (Entity.make(K.INDUSTRY_CHAIN, second), None))
    assert a == b


def test_resolution_taxonomy_term_the_document_never_wrote_merges_nothing(keys):
    # the extractor gives an industry written 甲技术 its taxonomy term 乙技术 as an alias
    a, b = _ids(keys, (Entity.make(K.INDUSTRY_CHAIN, "甲技术", aliases=("乙技术",)), {"甲技术"}),
                (Entity.make(K.INDUSTRY_CHAIN, "乙技术"), {"乙技术"}))
    assert a != b


def test_resolution_written_alias_still_merges(keys):
    a, b = _ids(keys, (Entity.make(K.INSTITUTE, "云溪先进技术研究院", aliases=("云溪先研院",)),
                       {"云溪先进技术研究院", "云溪先研院"}),
                (Entity.make(K.INSTITUTE, "云溪先研院"), {"云溪先研院"}))
    assert a == b


@pytest.mark.parametrize("first, second", [("云溪数字（产业）联盟", "云溪数字联盟"),
                                           ("云溪数字联盟", "云溪数字(产业)联盟")])
def test_resolution_bracketed_segment_may_be_left_out(keys, first, second):
    a, b = _ids(keys, (Entity.make(K.ALLIANCE, first), None),
                (Entity.make(K.ALLIANCE, second), None))
    assert a == b


def test_resolution_two_bracketed_branches_stay_apart(keys):
    ids = _ids(keys, (Entity.make(K.INSTITUTE, "云溪研究院（甲市）"), None),
               (Entity.make(K.INSTITUTE, "云溪研究院（乙市）"), None),
               (Entity.make(K.INSTITUTE, "云溪研究院"), None))
    assert ids[0] != ids[1] and ids[2] not in ids[:2]


def test_resolution_campus_of_a_known_university_stays_apart(keys):
    a, b = _ids(keys, (Entity.make(K.UNIVERSITY, "云溪大学"), None),
                (Entity.make(K.UNIVERSITY, "云溪大学（东海）"), None))
    assert a != b
