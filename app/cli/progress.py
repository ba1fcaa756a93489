"""The build's progress line: documents, characters and an ETA, on stderr.

On a terminal the line is redrawn in place; in a log (stderr piped) a line is written
every `LOG_EVERY` seconds and at the end, so a long batch still shows where it is.
"""
from __future__ import annotations

import sys
import time
from typing import TextIO

LOG_EVERY = 10.0  #: seconds between lines when stderr is not a terminal


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}h{m:02d}m" if h else f"{m}m{s:02d}s" if m else f"{s}s"


class BuildProgress:
    """Counts documents and characters; the ETA weighs the files by their size in bytes."""

    def __init__(self, total_docs: int, total_bytes: int, label: str = "Extracting",
                 stream: TextIO | None = None) -> None:
        self.total_docs, self.total_bytes = total_docs, max(total_bytes, 1)
        self.docs = self.chars = self.bytes = 0
        self.label = label
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty()
        self.start = self.last = time.monotonic()

    def line(self) -> str:
        share = self.bytes / self.total_bytes
        elapsed = time.monotonic() - self.start
        eta = _duration(elapsed / share - elapsed) if 0 < share < 1 else "-"
        return (f"{self.label}  {self.docs}/{self.total_docs} docs, {self.chars:,} chars, "
                f"{share:.0%}, ETA {eta}")

    def step(self, chars: int, size: int) -> None:
        """One document done: its characters and its file's size in bytes."""
        self.docs += 1
        self.chars += chars
        self.bytes += size
        now = time.monotonic()
        if self.live:
            self.stream.write("\r" + self.line() + "\x1b[K")
            self.stream.flush()
        elif now - self.last >= LOG_EVERY or self.docs == self.total_docs:
            self.stream.write(self.line() + "\n")
            self.stream.flush()
            self.last = now

    def finish(self) -> None:
        if self.live:
            self.stream.write("\n")
            self.stream.flush()
