"""The mention candidates the pipeline components propose and refine, kept on the Doc."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc

from extract.vocabulary import EntityKind


@dataclass
class Candidate:
    """A span of the text that may name an entity."""

    start: int
    end: int
    kind: EntityKind
    name: str  #: canonical name (lexicon canonical, or the expanded/cleaned surface)
    source: str  #: lexicon | head | coordination | list
    level: str | None = None  #: national / provincial / municipal, when stated
    confidence: float = 0.8
    chain: str = ""  #: industry-chain id (industry terms)
    parent: str = ""  #: lexicon parent (region's parent, branch's organisation)
    surface: str = ""  #: the text as written (differs from name for expansions)
    parts: list["Candidate"] = field(default_factory=list)  #: candidates inside this one
    shared_head: str = ""  #: for coordination expansions, the head phrase that was shared
    key: str = ""  #: the resolved entity this candidate names (set by resolution)
    emit: bool = True  #: whether it is an entity of its own (some inner parts are not)

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class TextView:
    """The document text and its jieba tokens as plain Python values.

    spaCy rebuilds `Doc.text` from the tokens on every access, so components read this
    view (made once per document) instead.
    """

    text: str
    starts: list[int]  #: character offset of each token
    words: list[str]  #: each token's text


#: where the pipeline's tokenizer leaves the input string (see extract.pipeline)
TEXT_KEY = "innograph_text"


def text_view(doc: Doc) -> TextView:
    """The cached view of a document."""
    if doc._.view is None:
        text = doc.user_data.get(TEXT_KEY)
        if text is None or len(text) != (doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0):
            text = doc.text
        offsets = doc.to_array([IDX, LENGTH]).tolist() if len(doc) else []
        doc._.view = TextView(text, [a for a, _ in offsets], [text[a:a + n] for a, n in offsets])
    return doc._.view


def register_extensions() -> None:
    """Doc attributes the components share (idempotent)."""
    for name in ("candidates", "entities", "relations", "indicators", "sentences", "view"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in ("home_region", "subject"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def candidates(doc: Doc) -> list[Candidate]:
    if doc._.candidates is None:
        doc._.candidates = []
    return doc._.candidates
