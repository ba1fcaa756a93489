"""The schema's vocabulary (`shared/spec/schema.md`): entity, relation and indicator kinds.

It sits in `extract/`, the lowest package, so that the extractor and the graph share it
while data flows one way: documents → extract → graph → app.
"""
from __future__ import annotations

import re
import unicodedata
from enum import Enum


class EntityKind(str, Enum):
    """The nine entity types of the schema (`shared/spec/schema.md`)."""

    UNIVERSITY = "University"
    INSTITUTE = "Institute"
    LAB = "Lab"
    PARK = "Park"
    PLATFORM = "Platform"
    ENTERPRISE = "Enterprise"
    ALLIANCE = "Alliance"
    INDUSTRY_CHAIN = "IndustryChain"
    REGION = "Region"

    def __str__(self) -> str:
        return self.value


class RelationKind(str, Enum):
    """The seven directed relation types; two of them are symmetric."""

    AFFILIATED_WITH = "AFFILIATED_WITH"
    LOCATED_IN = "LOCATED_IN"
    PART_OF = "PART_OF"
    FOCUSES_ON = "FOCUSES_ON"
    INTEGRATED_WITH = "INTEGRATED_WITH"
    COOPERATES_WITH = "COOPERATES_WITH"
    MEMBER_OF = "MEMBER_OF"

    @property
    def symmetric(self) -> bool:
        return self in (RelationKind.INTEGRATED_WITH, RelationKind.COOPERATES_WITH)

    def __str__(self) -> str:
        return self.value


class IndicatorKind(str, Enum):
    """Whether a stated number was achieved or is planned."""

    ACTUAL = "actual"
    TARGET = "target"

    def __str__(self) -> str:
        return self.value


_DROP = re.compile(r"[\s()（）\[\]【】《》“”\"'‘’]")


def normalise_name(name: str) -> str:
    """NFKC, without spaces, brackets and quotes: the form names are compared in."""
    return _DROP.sub("", unicodedata.normalize("NFKC", name))
