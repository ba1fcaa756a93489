"""Build the extraction pipeline: spaCy's blank Chinese with jieba, then innograph's steps.

Every step is a registered component, so the order and settings live in one config.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

# importing the step modules registers their factories
import extract.coordination  # noqa: F401
import extract.gazetteer  # noqa: F401
import extract.indicators  # noqa: F401
import extract.names  # noqa: F401
import extract.relations  # noqa: F401
import extract.resolution  # noqa: F401
from extract.candidates import TEXT_KEY, register_extensions
from extract.lexicons import default_lexicon
from extract.segmenter import load_user_dictionary

EXTRACTOR_VERSION = "innograph-rules-0.1"
STEPS = ("innograph_gazetteer", "innograph_names", "innograph_coordination",
         "innograph_resolution", "innograph_relations", "innograph_indicators")


class TextKeepingTokenizer:
    """spaCy's jieba tokenizer, also keeping the input string on the Doc: spaCy rebuilds
    `Doc.text` from Token objects on every access, a third of the pipeline's time."""

    def __init__(self, tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str):
        doc = self.tokenizer(text)
        doc.user_data[TEXT_KEY] = text
        return doc

    def __getattr__(self, name: str):  # to_disk, from_disk, jieba_seg … of the wrapped one
        return getattr(self.tokenizer, name)


def build_pipeline(steps: tuple[str, ...] = STEPS) -> Language:
    """A fresh pipeline; the jieba user dictionary is loaded before any step is added."""
    register_extensions()
    load_user_dictionary(default_lexicon())
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
    for step in steps:
        nlp.add_pipe(step)
    return nlp


@lru_cache(maxsize=1)
def default_pipeline() -> Language:
    """The pipeline, built once per process."""
    return build_pipeline()
