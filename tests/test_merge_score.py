"""The cross-document merge score on hand-counted cases (graph/merge_score.py)."""
from __future__ import annotations

import pytest

from graph.merge_score import Item, gold_actors, map_mentions, score_items

GOLD = {
    "a": {"doc": "a.txt", "entities": [{"name": "甲大学", "aliases": ["甲大"]},
                                       {"name": "乙区", "aliases": ["乙"]}]},
    "b": {"doc": "b.txt", "entities": [{"name": "甲大", "aliases": []},
                                       {"name": "丙区", "aliases": ["乙"]}]},
    "c": {"doc": "c.txt", "entities": [{"name": "甲大学", "aliases": []}]},
}


def test_merge_score_alias_is_local_unless_another_documents_canonical_name():
    forms = gold_actors(GOLD)
    assert forms["a.txt"]["甲大"] == forms["b.txt"]["甲大"] == forms["c.txt"]["甲大学"]
    assert forms["a.txt"]["乙"] != forms["b.txt"]["乙"]


def test_merge_score_counts_right_missed_and_wrong_pairs():
    nodes = {"U1": [("a.txt", "甲大学"), ("c.txt", "甲大学")],  # one actor, three documents:
             "U2": [("b.txt", "甲大")],                         # b split off: 2 missed, 1 right
             "R": [("a.txt", "乙"), ("b.txt", "乙")],           # two actors on one node: 1 wrong
             "X": [("a.txt", "不相干")]}                        # names no gold actor
    score = score_items(*map_mentions(nodes, gold_actors(GOLD)))
    assert (score.right, score.missed, score.wrong, score.unmapped) == (1, 2, 1, 1)
    assert score.precision == pytest.approx(0.5) and score.recall == pytest.approx(1 / 3)
    assert score.splits[0][0] == 2 and score.blends[0][1] == "R"


def test_merge_score_split_inside_one_document_is_listed_not_counted():
    items = {Item("a.txt", "甲大学", "U1"), Item("a.txt", "甲大学", "U2"),
             Item("c.txt", "甲大学", "U1")}
    score = score_items(items)
    assert (score.right, score.missed, score.wrong) == (1, 0, 0)
    assert score.inside == [("a.txt", "甲大学", ["U1", "U2"])]
