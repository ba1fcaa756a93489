"""Long documents in pieces: cut at sentence ends, extract each, join with whole-text offsets.

spaCy refuses texts over `nlp.max_length`, and every step is cheaper on a bounded piece,
so a document of any size is read chunk by chunk and its extraction grows linearly.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace

from extract.result import Extraction
from extract.sentences import Sentence

#: a chunk holds about this many characters; it ends at the first sentence end after it
CHUNK_CHARS = 50_000
_SENTENCE_END = re.compile(r"[。！？!?；;]+[”’」』）)]*|\n+")

Progress = Callable[[int, int], None]


def chunk_bounds(text: str, size: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of consecutive chunks covering `text`, each cut after a sentence end."""
    size = size or CHUNK_CHARS
    lookahead = size // 2  # how far past `size` a sentence end is looked for
    start, n = 0, len(text)
    while start < n:
        if n - start <= size + lookahead:
            yield start, n
            return
        m = _SENTENCE_END.search(text, start + size, start + size + lookahead)
        end = m.end() if m else start + size
        yield start, end
        start = end


def extract_in_chunks(text: str, extract_piece: Callable[[str], Extraction],
                      progress: Progress | None = None, size: int | None = None) -> Extraction:
    """Extract each chunk and join them into one `Extraction` over the whole text."""
    parts: list[tuple[int, Extraction]] = []
    for start, end in chunk_bounds(text, size):
        parts.append((start, extract_piece(text[start:end])))
        if progress is not None:
            progress(end, len(text))
    if len(parts) == 1:
        return parts[0][1]
    return join(text, parts)


def join(text: str, parts: list[tuple[int, Extraction]]) -> Extraction:
    """One extraction from chunk extractions: offsets shifted, entities merged by key,
    a relation kept once (with its most confident evidence)."""
    entities: dict = {}
    relations: dict = {}
    indicators, sentences = [], []
    homes: dict[str, int] = {}
    for offset, part in parts:
        shifted = {id(s): _shift_sentence(s, offset) for s in part.sentences}
        sentences.extend(shifted.values())

        def moved(s: Sentence) -> Sentence:
            return shifted.get(id(s)) or _shift_sentence(s, offset)

        for ent in part.entities:
            for mention in ent.mentions:
                mention.start += offset
                mention.end += offset
            kept = entities.get(ent.key)
            if kept is None:
                entities[ent.key] = ent
            else:
                kept.aliases |= ent.aliases
                kept.mentions += ent.mentions
                kept.level = kept.level or ent.level
        for rel in part.relations:
            rel = replace(rel, sentence=moved(rel.sentence))
            key = (rel.head, rel.kind, rel.tail)
            if key not in relations or relations[key].confidence < rel.confidence:
                relations[key] = rel
        indicators.extend(replace(i, sentence=moved(i.sentence), start=i.start + offset)
                          for i in part.indicators)
        if part.home_region:
            homes[part.home_region] = homes.get(part.home_region, 0) + 1
    for ent in entities.values():
        ent.aliases.discard(ent.name)
    home = max(homes, key=homes.get) if homes else None
    return Extraction(text, list(entities.values()), list(relations.values()), indicators,
                      sentences, home)


def _shift_sentence(s: Sentence, offset: int) -> Sentence:
    return Sentence(s.start + offset, s.end + offset, s.text)
