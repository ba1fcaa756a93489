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
_USER_FREQ = 2000  #: high enough that jieba keeps a lexicon name as one token


def load_user_dictionary(lexicon: Lexicon) -> None:
    """Teach jieba every lexicon name and head, so tokens do not cut across them."""
    if id(lexicon) in _loaded:
        return
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    # an explicit frequency spares jieba's per-word suggest_freq (a segmentation each)
    freq = jieba.dt.FREQ
    for surface, terms in lexicon.terms.items():
        jieba.add_word(surface, freq=max(freq.get(surface, 0), _USER_FREQ),
                       tag=_TAG_OF_KIND.get(terms[0].kind.value, "nt"))
    for head in lexicon.heads:
        jieba.add_word(head, freq=max(freq.get(head, 0), _USER_FREQ), tag="n")
    _tag_table()  # load jieba's POS table now, not on the first document
    _loaded.add(id(lexicon))


#: the tags the rules read; every other known word counts as a noun ("n")
_KEPT_TAGS = ("p", "c", "u", "r", "m", "q", "d", "y", "e", "o", "f", "x", "w", "zg", "i", "v",
              "ns", "b", "a", "t", "l")


@lru_cache(maxsize=1)
def _tag_table() -> dict[str, str]:
    """The POS tags of jieba's dictionary that the rules read, cached on disk after the
    first run (the whole table takes longer to load than to parse)."""
    import marshal
    import os
    import tempfile

    import jieba

    source = jieba.get_dict_file().name if hasattr(jieba.get_dict_file(), "name") else ""
    cache = os.path.join(tempfile.gettempdir(), "innograph-jieba-tags-v2.marshal")
    stamp = f"{jieba.__version__}:{source}:{os.path.getmtime(source) if source else 0}"
    try:
        with open(cache, "rb") as fh:
            cached_stamp, table = marshal.load(fh)
        if cached_stamp == stamp:
            return table
    except (OSError, ValueError, EOFError, TypeError):
        pass
    import jieba.posseg

    table = {w: t for w, t in jieba.posseg.dt.word_tag_tab.items()
             if t.startswith(_KEPT_TAGS) and t != "vn"}
    try:
        tmp = f"{cache}.{os.getpid()}"
        with open(tmp, "wb") as fh:
            marshal.dump((stamp, table), fh)
        os.replace(tmp, cache)
    except OSError:
        pass  # a read-only temp folder only costs start-up time
    return table


def pos_of(word: str) -> str | None:
    """jieba's dictionary part-of-speech tag of a word ("n" for tags the rules do not read),
    None when jieba does not know the word."""
    tag = _tag_table().get(word)
    if tag is not None:
        return tag
    import jieba

    return "n" if jieba.dt.FREQ.get(word) else None
