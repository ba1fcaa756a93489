"""innograph's errors: each message names the object, what was expected and the fix."""
from __future__ import annotations


class InnographError(Exception):
    """Base of every error innograph raises on purpose."""


class DocumentError(InnographError):
    """A document cannot be read (missing, empty, unknown format or encoding)."""


class EntityNotFound(InnographError, KeyError):
    """No entity with that id or name is in the store."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0]) if self.args else "entity not found"


class DocumentNotFound(InnographError, KeyError):
    """No document with that id, path or name is in the store."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "document not found"


class StoreUnavailable(InnographError):
    """The chosen store cannot be opened or reached."""


class LexiconError(InnographError):
    """A lexicon or taxonomy data file is malformed."""
