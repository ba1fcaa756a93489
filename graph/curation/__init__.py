"""Planners' corrections: the curation file, the rules it holds, the review actions on a
store, the review queue and duplicate suggestions."""
from __future__ import annotations

from graph.curation.rules import AddedRelation, Curation, relation_key

__all__ = ["AddedRelation", "Curation", "relation_key"]
