"""The jieba side of the pipeline: one user dictionary from the lexicons, and POS look-ups.

jieba's dictionary is module-global, so it is loaded once per process, and before any
pattern is added (patterns are tokenised when added).
"""
from __future__ import annotations

import logging
from functools import lru_cache

from extract.lexicons import Lexicon

_TAG_OF_KIND = {"Region": "ns", "IndustryChain": "nz"}
_loaded: set[int] = set()


def load_user_dictionary(lexicon: Lexicon) -> None:
    """Teach jieba every lexicon name and head, so tokens do not cut across them."""
    if id(lexicon) in _loaded:
        return
    import jieba

    jieba.setLogLevel(logging.WARNING)
    for surface, terms in lexicon.terms.items():
        jieba.add_word(surface, freq=None, tag=_TAG_OF_KIND.get(terms[0].kind.value, "nt"))
    for head in lexicon.heads:
        jieba.add_word(head, tag="n")
    _loaded.add(id(lexicon))


@lru_cache(maxsize=1)
def _tag_table() -> dict[str, str]:
    import jieba.posseg

    return jieba.posseg.dt.word_tag_tab


def pos_of(word: str) -> str | None:
    """jieba's dictionary part-of-speech tag of a word, None when the word is unknown."""
    return _tag_table().get(word)
