"""curation.yaml: round trip keeps comments, concurrent writers lose nothing, malformed
files fail with a line number before the store changes."""
from __future__ import annotations

import threading

import pytest

from graph.curation.file import CurationError, CurationFile, load_curation, unknown_names
from graph.ingest import build
from graph.resolution import Resolver
from tests.conftest import SAMPLE

HAND = ("# 我们科室的更正，请勿删除\n"
        "merge:  # 同一家单位\n"
        "  - [甲研究院, 甲院]  # 2024年核对\n"
        "drop: []\n")


def test_curation_round_trip_keeps_hand_written_comment(tmp_path):
    path = tmp_path / "curation.yaml"
    path.write_text(HAND, encoding="utf-8")
    file = CurationFile(path)
    file.record("merge", [{"op": "append", "key": "merge", "value": ["乙大学", "乙大"]}], "王")
    file.record("reject", [{"op": "append", "key": "drop", "value": "某某"}], "王")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# 我们科室的更正，请勿删除\nmerge:  # 同一家单位\n"
                           "  - [甲研究院, 甲院]  # 2024年核对\n  - [乙大学, 乙大]\n")
    cur = load_curation(path)
    assert cur.merge == {"甲院": "甲研究院", "乙大": "乙大学"} and cur.drop == {"某某"}
    file.undo("王")
    file.undo("王")
    text = path.read_text(encoding="utf-8")
    assert "# 2024年核对" in text and "乙大" not in load_curation(path).merge
    assert [h["action"] for h in file.history()] == ["merge", "reject"]
    assert all(h["undone"]["who"] == "王" for h in file.history())


def test_curation_concurrent_writers_lose_nothing(tmp_path):
    path = tmp_path / "curation.yaml"
    path.write_text(HAND, encoding="utf-8")

    def write(tab: int) -> None:
        file = CurationFile(path)  # each tab its own handle, as two browser sessions
        for i in range(10):
            file.record("accept", [{"op": "append", "key": "accept", "value": f"名{tab}-{i}"}],
                        f"tab{tab}")

    threads = [threading.Thread(target=write, args=(t,)) for t in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(load_curation(path).accept) == 30
    assert len(CurationFile(path).history()) == 30


@pytest.mark.parametrize("text, line, words", [
    ("merge:\n  - [甲, 乙]\n  - [丙\n", 3, "not valid YAML"),
    ("drop: []\nretype:\n  某某: Company\n", 3, "type 'Company'"),
    ("reject_relations:\n  - [甲, LOCATED_IN, 乙]\n  - [甲, SUPPLIES, 乙]\n", 3, "relation type 'SUPPLIES'"),
    ("merge:\n  - 甲\n", 2, "each `merge` entry is a list of 2 or more names"),
    ("mrege: []\n", 1, "unknown section"),
])
def test_curation_malformed_file_names_the_line(tmp_path, text, line, words):
    path = tmp_path / "curation.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CurationError) as err:
        load_curation(path)
    message = str(err.value)
    assert f"{path}:{line}:" in message and words in message and "\n" not in message


def test_curation_malformed_file_stops_build_before_the_store_changes(local_store, tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text("drop: []\n", encoding="utf-8")
    build(local_store, [SAMPLE], workers=1, resolver=Resolver.for_store(local_store, good))
    before = (local_store.counts(), local_store.revision())
    bad = tmp_path / "bad.yaml"
    bad.write_text("retype:\n  某某: Company\n", encoding="utf-8")
    with pytest.raises(CurationError, match=":2:"):
        build(local_store, [SAMPLE], workers=1, resolver=Resolver.for_store(local_store, bad))
    assert (local_store.counts(), local_store.revision()) == before


def test_curation_merge_of_unknown_name_is_named_with_its_line(built_store, tmp_path):
    name = built_store.entities()[0].name
    path = tmp_path / "curation.yaml"
    path.write_text(f"merge:\n  - [{name}, 某某甲]\n  - [不存在的单位, 也不存在]\n", encoding="utf-8")
    problems = unknown_names(built_store, path)
    assert problems == [f"{path}:3: merge '不存在的单位': no entity of the store has this name or "
                        "alias; check the spelling"]


def test_curation_writer_refuses_to_write_an_invalid_file(tmp_path):
    path = tmp_path / "curation.yaml"
    path.write_text(HAND, encoding="utf-8")
    with pytest.raises(CurationError):
        CurationFile(path).record("retype", [{"op": "set", "key": "retype", "name": "甲",
                                              "value": "Company"}])
    assert path.read_text(encoding="utf-8") == HAND


def test_curation_build_names_a_merge_of_a_missing_name_and_bad_yaml_stops_it(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from app.cli import cli

    path = tmp_path / "curation.yaml"
    monkeypatch.setenv("INNOGRAPH_CURATION", str(path))
    db = tmp_path / "s.db"
    path.write_text("merge:\n  - [不存在的单位, 也不存在]\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(SAMPLE), "--db", str(db)])
    assert result.exit_code == 0
    assert f"warning: {path}:2: merge '不存在的单位'" in result.stderr
    path.write_text("merge:\n  - [甲, 乙\nretype: {}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(SAMPLE), "--db", str(tmp_path / "t.db")])
    assert result.exit_code == 1
    assert f"{path}:2: not valid YAML" in result.stderr and result.stderr.count("\n") == 1
