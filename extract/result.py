"""What one document yields, and its JSON form (the format of `shared/spec/schema.md`)."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc

from extract.candidates import text_view

from extract.indicators import ExtractedIndicator
from extract.relations import ExtractedRelation
from extract.resolution import ExtractedEntity
from extract.sentences import Sentence


@dataclass
class Extraction:
    """Entities, relations and indicators of one text, each with its evidence."""

    text: str
    entities: list[ExtractedEntity]
    relations: list[ExtractedRelation]
    indicators: list[ExtractedIndicator]
    sentences: list[Sentence]
    home_region: str | None
    _starts: list[int] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_doc(cls, doc: Doc) -> "Extraction":
        return cls(text_view(doc).text, list(doc._.entities.values()), doc._.relations, doc._.indicators,
                   doc._.sentences, doc._.home_region)

    def sentence_at(self, pos: int) -> Sentence:
        if self._starts is None or len(self._starts) != len(self.sentences):
            self._starts = [s.start for s in self.sentences]
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self.sentences[i].end:
            return self.sentences[i]
        return Sentence(0, len(self.text), self.text)

    def to_json(self) -> dict:
        names = {e.key: e.name for e in self.entities}
        return {
            "entities": [self._entity_json(e) for e in self.entities],
            "relations": [
                {"head": names[r.head], "type": r.kind.value, "tail": names[r.tail],
                 "confidence": r.confidence, "rule": r.rule,
                 "evidence": {"sentence": r.sentence.text, "start": r.sentence.start,
                              "end": r.sentence.end}}
                for r in self.relations if r.head in names and r.tail in names],
            "indicators": [
                {"indicator": i.indicator, "value": i.value, "unit": i.unit, "period": i.period,
                 "kind": i.kind.value, "region": i.region,
                 "evidence": {"sentence": i.sentence.text, "start": i.sentence.start,
                              "end": i.sentence.end}}
                for i in self.indicators],
        }

    def _entity_json(self, e: ExtractedEntity) -> dict:
        out = {"name": e.name, "type": e.kind.value, "aliases": sorted(e.aliases)}
        if e.level:
            out["level"] = e.level
        mentions = []
        for m in sorted(e.mentions, key=lambda m: m.start):
            s = self.sentence_at(m.start)
            mentions.append({"text": self.text[m.start:m.end], "start": m.start, "end": m.end,
                             "sentence": s.text, "sentence_start": s.start,
                             "sentence_end": s.end})
        out["mentions"] = mentions
        return out
