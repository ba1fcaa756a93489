"""innograph's errors, defined in `extract.errors` (the lowest package) and re-exported here."""
from extract.errors import (  # noqa: F401
    DocumentError,
    DocumentNotFound,
    EntityNotFound,
    InnographError,
    LexiconError,
    StoreUnavailable,
)
