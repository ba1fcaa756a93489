"""graph.analytics.taxonomy: the chain data and its checks."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.analytics.taxonomy import DEFAULT_DIRECTORY, load_taxonomy
from graph.errors import LexiconError


def test_taxonomy_loads_every_chain_file():
    tax = load_taxonomy()
    files = {p.stem for p in DEFAULT_DIRECTORY.glob("*.yaml")} - {"capabilities"}
    assert {c.id for c in tax.chains} == files
    assert [c.id for c in tax.capabilities] == ["research", "lab", "platform", "park",
                                                "alliance", "enterprise"]


@pytest.mark.parametrize("name, chain", [("现代医药", "biomedicine"), ("节能环保", "energy_saving_env"),
                                         ("现代环保装备", "energy_saving_env"),
                                         ("柯桥现代纺织", "modern_textile"), ("集成电路", "integrated_circuit"),
                                         ("没有这个产业", None)])
def test_taxonomy_maps_industry_names_to_chains(name, chain):
    found = load_taxonomy().chain_for_name(name)
    assert (found.id if found else None) == chain


def test_taxonomy_keyword_hits_prefer_the_longest_term():
    tax = load_taxonomy()
    assert tax.keyword_hits("柯桥现代纺织综合体") == [("modern_textile", None, "现代纺织")]
    assert ("modern_textile", "dyeing_finishing", "染整") in tax.keyword_hits("某染整公司")


def test_taxonomy_single_character_keywords_only_in_names():
    tax = load_taxonomy()
    assert any(t == "袜" for *_, t in tax.keyword_hits("某袜厂"))
    long_text = "某地支持某某企业开展各类技术攻关项目，生产袜"
    assert not any(t == "袜" for *_, t in tax.keyword_hits(long_text, short=False))


def test_taxonomy_unknown_chain_lists_valid_ids():
    with pytest.raises(KeyError, match="modern_textile"):
        load_taxonomy().chain("no_such_chain")


@pytest.mark.parametrize("edit, message", [
    (lambda t: t.replace("stage: upstream", "stage: upper", 1), "stage 'upper'"),
    (lambda t: t.replace("id: modern_textile", "id: textile"), "must equal the file name"),
    (lambda t: t.replace("name_en: Modern textiles\n", ""), "missing key(s) name_en"),
    (lambda t: t + "\n  - [", "not valid UTF-8 YAML"),
])
def test_taxonomy_malformed_file_names_file_and_reason(tmp_path: Path, edit, message):
    folder = tmp_path / "chains"
    shutil.copytree(DEFAULT_DIRECTORY, folder)
    path = folder / "modern_textile.yaml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        load_taxonomy(folder)
    assert "modern_textile.yaml" in str(err.value) and message in str(err.value)


def test_taxonomy_missing_folder_is_a_lexicon_error(tmp_path):
    with pytest.raises(LexiconError, match="does not exist"):
        load_taxonomy(tmp_path / "nope")
